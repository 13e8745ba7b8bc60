/** An error that already knows the HTTP status and the JSON body the client should see. */
export class HttpError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.code = code
  }
}

export function isHttpError(e: unknown): e is HttpError {
  return e instanceof HttpError
}

/** Error body used by every non-SDK route: `{ error: { code, message } }`. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } }
}
