import type { z } from 'zod'
import { callerOpenid, callSource } from './cloud'
import { AppError, fail, INTERNAL_MESSAGE, ok, type Result } from './envelope'
import type { AnyContract } from './contract'
import { parseInput } from './validate'

/** What every action receives besides its validated parameters. */
export interface CallContext {
  /** The caller's openid from the platform, or null when the call has no WeChat identity. */
  openid: string | null
  /** `SOURCE` of the WeChat context: what started the call chain (see `callSource`). */
  source: string
  now: Date
}

/** Sources that mean a person's device started the chain: the mini program, DevTools or a local-debug client. */
const CLIENT_SOURCES = new Set(['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler'])

/** What a client hears when it calls a scheduled job. */
const SCHEDULED_ONLY = '这项任务由系统定时自动执行'

/**
 * Refuses unless this call is a scheduled job: no WeChat user and a chain not started by a client
 * (a timer trigger, or an administrator's server-side call). A client call always has a user in WeChat,
 * but a local gateway call may come without one; the source tells them apart.
 */
function assertScheduledJob(ctx: CallContext): void {
  const first = ctx.source.split(',')[0].trim()
  if (ctx.openid || CLIENT_SOURCES.has(first)) throw new AppError('FORBIDDEN', SCHEDULED_ONLY)
}

/** A scheduled job: no parameters, no caller; what it answers is for the log. */
export type TimerJob = (ctx: CallContext) => Promise<unknown>

/**
 * A function's scheduled jobs, in the order its one timer trigger (config.json; WeChat allows one per
 * function) runs them. An administrator's server-side call may run one by name (`{ action: '<job>' }`, as
 * `cloud.runJob` in tests does). They are not actions: not in the contract, so not on the client's type.
 */
export type Timers = Record<string, TimerJob>

/** A timer trigger calls with `{ Type: 'Timer', TriggerName }` and no action. */
export function isTimerEvent(event: unknown): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    (event as { Type?: unknown }).Type === 'Timer' &&
    !('action' in event)
  )
}

/** One handler per action of contract `C`: its parsed params in, the contract's response out. */
export type Actions<C extends AnyContract> = {
  [K in keyof C]: (params: C[K]['params'], ctx: CallContext) => Promise<C[K]['res']>
}

/** The schemas that produce contract `C`'s params from its requests. */
export type SchemasOf<C extends AnyContract> = { [K in keyof C]: z.ZodType<C[K]['params'], C[K]['req']> }

/**
 * Builds a cloud function's `main` from its contract: one schema and one implementation per action,
 * `defineFunction<MeetingContract>('meeting', meetingSchemas, { ... })`. Each handler must answer its
 * contract's response type, so a response that drifts from what the client expects does not compile.
 * Every failure leaves as an envelope: AppError with its code, anything else as INTERNAL
 * (logged on the server, never shown to the client).
 */
export function defineFunction<C extends AnyContract>(
  name: string,
  schemas: SchemasOf<C>,
  actions: Actions<C>,
  timers: Timers = {},
) {
  async function runJob(job: TimerJob): Promise<Result<unknown>> {
    const ctx: CallContext = { openid: callerOpenid(), source: callSource(), now: new Date() }
    assertScheduledJob(ctx)
    return ok(await job(ctx))
  }

  /** Every job in order; the first failure is the answer, else the first job's result. */
  async function runTimer(): Promise<Result<unknown>> {
    const results: Result<unknown>[] = []
    for (const job of Object.values(timers)) results.push(await guarded(name, () => runJob(job)))
    return results.find((r) => !r.ok) ?? results[0] ?? ok(null)
  }

  return async function main(event: unknown): Promise<Result<unknown>> {
    if (isTimerEvent(event)) return runTimer()
    const job = jobOf(event, timers)
    if (job) return guarded(name, () => runJob(job))
    return guarded(name, async () => {
      const { action, params } = splitEvent(event, schemas)
      const input = parseInput(schemas[action], params)
      const ctx: CallContext = { openid: callerOpenid(), source: callSource(), now: new Date() }
      return ok(await actions[action](input, ctx))
    })
  }
}

/** Runs `work`; an AppError answers with its code, anything else as INTERNAL (logged, never shown). */
async function guarded(name: string, work: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message, error.reason)
    console.error(`[${name}] unexpected error`, error)
    return fail('INTERNAL', INTERNAL_MESSAGE)
  }
}

function jobOf(event: unknown, timers: Timers): TimerJob | null {
  if (typeof event !== 'object' || event === null) return null
  const action = (event as { action?: unknown }).action
  return typeof action === 'string' && Object.prototype.hasOwnProperty.call(timers, action) ? timers[action] : null
}

function splitEvent(event: unknown, schemas: object): { action: string; params: Record<string, unknown> } {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new AppError('INVALID_ARGUMENT', '请求格式不正确')
  }
  // WeChat adds `userInfo` to events from the mini program; identity never comes from the event.
  const { action, userInfo: _ignored, ...params } = event as Record<string, unknown>
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(schemas, action)) {
    throw new AppError('INVALID_ARGUMENT', '不支持的操作')
  }
  return { action, params }
}
