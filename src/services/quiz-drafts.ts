/**
 * Answers chosen during a quiz, kept on the device as they are chosen: closing the app (or losing the
 * network) mid-quiz loses nothing before the attempt is submitted. One entry per attempt.
 */
import Taro from '@tarojs/taro'

const PREFIX = 'zbt:quiz-draft:'

export type DraftAnswers = Record<string, string[]>

export function loadDraft(attemptId: string): DraftAnswers {
  const stored: unknown = Taro.getStorageSync(PREFIX + attemptId)
  if (typeof stored !== 'object' || stored === null) return {}
  const out: DraftAnswers = {}
  for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = value as string[]
  }
  return out
}

export function saveDraft(attemptId: string, answers: DraftAnswers): void {
  Taro.setStorageSync(PREFIX + attemptId, answers)
}

export function clearDraft(attemptId: string): void {
  Taro.removeStorageSync(PREFIX + attemptId)
}
