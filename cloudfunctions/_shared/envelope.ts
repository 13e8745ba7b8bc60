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

export interface OkResult<T> {
  ok: true
  data: T
}

export interface ErrorResult {
  ok: false
  code: ErrorCode
  /** A Chinese sentence the user can act on. */
  message: string
}

export type Result<T> = OkResult<T> | ErrorResult

/** Thrown inside a function to answer with an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.code = code
    this.name = 'AppError'
  }
}

export function ok<T>(data: T): OkResult<T> {
  return { ok: true, data }
}

export function fail(code: ErrorCode, message: string): ErrorResult {
  return { ok: false, code, message }
}

export const INTERNAL_MESSAGE = '服务暂时不可用，请稍后再试'
