/**
 * The result envelope every cloud function returns (architecture.md: fixed interface).
 * Pure types and constants: the client imports these too.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'RATE_LIMITED',
  'CONTENT_RISKY',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * Why a request was refused, for the refusals the app acts on (not only shows): the app branches on the
 * reason, never on the wording of the message.
 * - `stageRuleBroken`: a stage move breaks a rule of the development process; it may go ahead with a
 *   破例理由 (`override`).
 * - `dashboardReplaced`: the next page of the committee's dashboard belongs to a snapshot no longer kept; the
 *   app opens the dashboard again.
 */
export const ERROR_REASONS = ['stageRuleBroken', 'dashboardReplaced'] as const

export type ErrorReason = (typeof ERROR_REASONS)[number]

export interface OkResult<T> {
  ok: true
  data: T
}

export interface ErrorResult {
  ok: false
  code: ErrorCode
  /** A Chinese sentence the user can act on. */
  message: string
  /** Set on the refusals the app acts on (ERROR_REASONS). */
  reason?: ErrorReason
}

export type Result<T> = OkResult<T> | ErrorResult

/** Thrown inside a function to answer with an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly reason: ErrorReason | undefined

  constructor(code: ErrorCode, message: string, reason?: ErrorReason) {
    super(message)
    this.code = code
    this.reason = reason
    this.name = 'AppError'
  }
}

export function ok<T>(data: T): OkResult<T> {
  return { ok: true, data }
}

export function fail(code: ErrorCode, message: string, reason?: ErrorReason): ErrorResult {
  return reason ? { ok: false, code, message, reason } : { ok: false, code, message }
}

export const INTERNAL_MESSAGE = '服务暂时不可用，请稍后再试'
