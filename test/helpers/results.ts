import { expect } from 'vitest'
import type { ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'

/** The refusal a test expects: its code, and a Chinese message a person can act on (matching `message` when given). */
export function expectError(result: Result<unknown>, code: string, message?: RegExp): ErrorResult {
  if (result.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(result.data)}`)
  expect(result.code).toBe(code)
  expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
  if (message) expect(result.message).toMatch(message)
  return result
}

/** The data of a successful answer; a failure ends the test with its code and message. */
export function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`)
  return result.data
}
