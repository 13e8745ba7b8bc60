/**
 * What a person is typing, kept on this device (Taro storage: survives going back, closing the app or the
 * browser tab) until the server accepted it. One key per member, so two people sharing a phone never see
 * each other's drafts: `zbt:<kind>:<memberId>:<scope>`. The report and article editors keep richer
 * drafts through the same three functions; plain forms use `useDraft` (src/hooks/useDraft.ts).
 */
import Taro from '@tarojs/taro'

export function draftKey(kind: string, memberId: string, scope: string): string {
  return `zbt:${kind}:${memberId}:${scope}`
}

/** The stored draft, or null when there is none or it is not of the expected shape (an older app's). */
export function readDraft<T>(key: string, isValid: (value: unknown) => value is T): T | null {
  const stored: unknown = Taro.getStorageSync(key)
  // WeChat answers '' for a key it does not have: that is "no draft", not a draft of an empty text (which
  // would blank a form that opens with text, e.g. a self-appraisal already handed in).
  if (stored === '') return null
  return isValid(stored) ? stored : null
}

export function writeDraft<T>(key: string, value: T): void {
  Taro.setStorageSync(key, value)
}

export function clearDraft(key: string): void {
  Taro.removeStorageSync(key)
}
