import type { CallerWith } from './auth'
import { command, getDb, isDuplicateKeyError, updateWhere } from './db'
import { AppError } from './envelope'
import type { RateLimitDoc } from './models'

export interface RateLimit {
  /** What is limited and for whom, e.g. `bind:<openid>`. */
  key: string
  max: number
  windowMs: number
}

const TEN_MINUTES = 10 * 60 * 1000

/** Limits of everyday writes a person makes by hand; generous for people, tight for scripts. */
export const WRITE_LIMITS = {
  comment: { max: 10, windowMs: TEN_MINUTES, message: '评论太频繁了，请 10 分钟后再发' },
  draftSave: { max: 30, windowMs: TEN_MINUTES, message: '保存太频繁了，请稍后再保存草稿' },
} as const

/** The limiter `<memberId>:<name>` read with the caller (`own: { rateLimits: [name] }`), or null when it does not exist yet. */
export function seenLimiter(caller: CallerWith, name: string): RateLimitDoc | null {
  const key = `${caller.memberId}:${name}`
  return ((caller.byId.rateLimits ?? []) as RateLimitDoc[]).find((d) => d._id === key) ?? null
}

/**
 * One try of `kind` for a member. The key is `<memberId>:<kind>`, so the limiter can be read with the
 * caller (`requireCallerWith(ctx, { own: { rateLimits: [kind] } })`) and passed as `seen`: then a try is one write.
 */
export function takeWriteAttempt(
  kind: keyof typeof WRITE_LIMITS,
  memberId: string,
  now: Date,
  seen?: RateLimitDoc | null,
): Promise<void> {
  const { max, windowMs, message } = WRITE_LIMITS[kind]
  return takeAttempt({ key: `${memberId}:${kind}`, max, windowMs }, now, message, seen)
}

/**
 * Takes one attempt from the limit, atomically, before the attempt is judged; refuses with RATE_LIMITED
 * (and a Chinese `message`) when the window's `max` are used. Every step is a single conditional write, so
 * 30 parallel attempts take exactly `max` tries, never more:
 * - inside the window: `count < max` → `count + 1`;
 * - the window is over: `resetAt <= now` → `count = 1`, new `resetAt` (one of any racers wins);
 * - no document yet: insert it with `count = 1` (a racer that loses the insert starts over).
 * `seen` is the document already read with the caller, if any (`null`: read and absent): it picks the
 * step likely to succeed first, so the usual attempt is one write. It is a hint, never trusted for the count.
 */
export async function takeAttempt(
  limit: RateLimit,
  now: Date,
  message: string,
  seen?: RateLimitDoc | null,
): Promise<void> {
  if (seen && new Date(seen.resetAt) > now && seen.count >= limit.max) throw new AppError('RATE_LIMITED', message)
  const order = firstStep(seen, now)
  for (let round = 0; round < 3; round++) {
    for (const step of round === 0 ? order : STEPS) {
      if (await step(limit, now)) return
    }
  }
  throw new AppError('RATE_LIMITED', message)
}

type Step = (limit: RateLimit, now: Date) => Promise<boolean>

const countInWindow: Step = async (limit, now) => {
  const _ = command()
  return (
    (await updateWhere(
      'rateLimits',
      { _id: limit.key, resetAt: _.gt(now), count: _.lt(limit.max) },
      { count: _.inc(1) },
    )) === 1
  )
}

const restartWindow: Step = async (limit, now) => {
  const _ = command()
  return (
    (await updateWhere(
      'rateLimits',
      { _id: limit.key, resetAt: _.lte(now) },
      { count: 1, resetAt: windowEnd(limit, now) },
    )) === 1
  )
}

const startFirstWindow: Step = async (limit, now) => {
  try {
    await getDb()
      .collection('rateLimits')
      .add({ data: { _id: limit.key, count: 1, resetAt: windowEnd(limit, now) } })
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

const STEPS: readonly Step[] = [countInWindow, restartWindow, startFirstWindow]

function firstStep(seen: RateLimitDoc | null | undefined, now: Date): readonly Step[] {
  if (seen === null) return [startFirstWindow, countInWindow, restartWindow]
  if (seen && new Date(seen.resetAt) <= now) return [restartWindow, countInWindow, startFirstWindow]
  return STEPS
}

function windowEnd(limit: RateLimit, now: Date): Date {
  return new Date(now.getTime() + limit.windowMs)
}
