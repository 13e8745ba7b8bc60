import { command, getById, getDb, updateById } from './db'
import { AppError } from './envelope'
import type { RateLimitDoc } from './models'

export interface RateLimit {
  /** What is limited and for whom, e.g. `bind:<openid>`. */
  key: string
  max: number
  windowMs: number
}

/** Refuses with RATE_LIMITED once `max` attempts were counted in the current window. */
export async function assertUnderLimit(limit: RateLimit, now: Date, message: string): Promise<void> {
  const doc = await getById<RateLimitDoc>('rateLimits', limit.key)
  if (doc && new Date(doc.resetAt) > now && doc.count >= limit.max) {
    throw new AppError('RATE_LIMITED', message)
  }
}

/** Counts one attempt (e.g. a failed one) against the limit. */
export async function countAttempt(limit: RateLimit, now: Date): Promise<void> {
  const doc = await getById<RateLimitDoc>('rateLimits', limit.key)
  if (!doc || new Date(doc.resetAt) <= now) {
    const fresh = { count: 1, resetAt: new Date(now.getTime() + limit.windowMs) }
    await getDb().collection('rateLimits').doc(limit.key).set({ data: fresh })
    return
  }
  await updateById('rateLimits', limit.key, { count: command().inc(1) })
}
