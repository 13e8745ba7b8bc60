/**
 * The typed client for cloud functions: `callFunction('user', 'login')` knows its request and
 * response types from the function's own contract, and never throws — every outcome is an envelope.
 */
import type { ActionName, FunctionName, Req, Res } from './api'
import { callData } from './call-data'
import { transport } from './cloud'
import { ERROR_CODES, ERROR_REASONS, type ErrorCode, type ErrorReason, type OkResult } from './domain'
import { TransportError } from './transport'

/** Failures the client adds to the server's codes: the request got no answer at all. */
export type ClientErrorCode = ErrorCode | 'NETWORK'

export interface CallFailure {
  ok: false
  code: ClientErrorCode
  message: string
  /** Why, for the refusals a page acts on (`ERROR_REASONS`); pages branch on this, never on the message. */
  reason?: ErrorReason
}

export type CallResult<T> = OkResult<T> | CallFailure

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'
export const BROKEN_ANSWER_MESSAGE = '服务暂时不可用，请稍后再试'

/** Actions whose request has no required field may be called without params. */
export type ParamsArg<F extends FunctionName, A extends ActionName<F>> =
  Record<string, never> extends Req<F, A> ? [params?: Req<F, A>] : [params: Req<F, A>]

export async function callFunction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  ...[params]: ParamsArg<F, A>
): Promise<CallResult<Res<F, A>>> {
  let result: CallResult<Res<F, A>>
  try {
    result = toResult<Res<F, A>>(await transport.invoke(name, callData(action, params as object | undefined)))
  } catch (error) {
    result = toFailure(error)
  }
  if (!result.ok) for (const listener of failureListeners) listener(result)
  return result
}

type FailureListener = (failure: CallFailure) => void
const failureListeners = new Set<FailureListener>()

/** Hears every failed call: the session learns here that the server no longer knows the caller. */
export function onCallFailure(listener: FailureListener): () => void {
  failureListeners.add(listener)
  return () => failureListeners.delete(listener)
}

/** Checks the envelope's shape: anything else counts as a broken answer, never as data. */
export function toResult<T>(raw: unknown): CallResult<T> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; data?: unknown; code?: unknown; message?: unknown; reason?: unknown }
    if (r.ok === true && 'data' in r) return { ok: true, data: r.data as T }
    if (r.ok === false && isErrorCode(r.code)) {
      const message = typeof r.message === 'string' && r.message ? r.message : BROKEN_ANSWER_MESSAGE
      return isErrorReason(r.reason)
        ? { ok: false, code: r.code, message, reason: r.reason }
        : { ok: false, code: r.code, message }
    }
  }
  return { ok: false, code: 'INTERNAL', message: BROKEN_ANSWER_MESSAGE }
}

export function toFailure(error: unknown): CallFailure {
  if (error instanceof TransportError) return { ok: false, code: 'NETWORK', message: NETWORK_MESSAGE }
  return { ok: false, code: 'INTERNAL', message: BROKEN_ANSWER_MESSAGE }
}

/** Whether trying again could help (shown as a 重试 button). */
export function isRetryable(failure: CallFailure): boolean {
  return failure.code === 'NETWORK' || failure.code === 'INTERNAL' || failure.code === 'RATE_LIMITED'
}

function isErrorReason(reason: unknown): reason is ErrorReason {
  return typeof reason === 'string' && (ERROR_REASONS as readonly string[]).includes(reason)
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)
}
