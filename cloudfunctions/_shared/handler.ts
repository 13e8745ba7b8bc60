import type { z } from 'zod'
import { callerOpenid, callSource } from './cloud'
import { AppError, fail, INTERNAL_MESSAGE, ok, type Result } from './envelope'
import type { Schemas } from './contract'
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

/**
 * Refuses unless this call is a scheduled job: no WeChat user and a chain not started by a client
 * (a timer trigger, or an administrator's server-side call). A client call always has a user in WeChat,
 * but a local gateway call may come without one; the source tells them apart.
 */
export function assertScheduledJob(ctx: CallContext, message: string): void {
  const first = ctx.source.split(',')[0].trim()
  if (ctx.openid || CLIENT_SOURCES.has(first)) throw new AppError('FORBIDDEN', message)
}

export type Actions<S extends Schemas> = {
  [K in keyof S]: (params: z.output<S[K]>, ctx: CallContext) => Promise<unknown>
}

/**
 * Builds a cloud function's `main` from one schema and one implementation per action.
 * Every failure leaves as an envelope: AppError with its code, anything else as INTERNAL
 * (logged on the server, never shown to the client).
 */
export function defineFunction<S extends Schemas>(name: string, schemas: S, actions: Actions<S>) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    try {
      const { action, params } = splitEvent(event, schemas)
      const input = parseInput(schemas[action] as z.ZodType, params) as z.output<S[typeof action]>
      const ctx: CallContext = { openid: callerOpenid(), source: callSource(), now: new Date() }
      return ok(await actions[action](input, ctx))
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message)
      console.error(`[${name}] unexpected error`, error)
      return fail('INTERNAL', INTERNAL_MESSAGE)
    }
  }
}

function splitEvent<S extends Schemas>(event: unknown, schemas: S): { action: keyof S & string; params: Record<string, unknown> } {
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
