import type { z } from 'zod'
import { callerOpenid } from './cloud'
import { AppError, fail, INTERNAL_MESSAGE, ok, type Result } from './envelope'
import type { Schemas } from './contract'
import { parseInput } from './validate'

/** What every action receives besides its validated parameters. */
export interface CallContext {
  /** The caller's openid from the platform, or null when the call has no WeChat identity. */
  openid: string | null
  now: Date
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
      const ctx: CallContext = { openid: callerOpenid(), now: new Date() }
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
