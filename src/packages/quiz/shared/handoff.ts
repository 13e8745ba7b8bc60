/**
 * The result a submit just answered, handed to the result page so it does not ask again
 * (the page still loads it by itself when opened from elsewhere).
 */
import type { AttemptResult } from '../../../services/api'

let last: AttemptResult | null = null

export function handOver(result: AttemptResult): void {
  last = result
}

export function takeOver(attemptId: string): AttemptResult | null {
  const found = last?.attemptId === attemptId ? last : null
  last = null
  return found
}
