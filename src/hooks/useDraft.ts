/**
 * A form's values kept as a device draft of the signed-in member (src/services/drafts.ts): restored when
 * the form opens again, saved on every change, removed by `clear()` after the server accepted it. A draft
 * equal to the blank form is not kept. Without a signed-in member nothing is stored.
 */
import { useCallback, useRef, useState } from 'react'
import { clearDraft, draftKey, readDraft, writeDraft } from '../services/drafts'
import { useSession } from '../stores/session'

export interface Draft<T> {
  value: T
  set: (next: T | ((previous: T) => T)) => void
  /** After success: forget the draft (the form keeps what it shows). */
  clear: () => void
  /** Start again from `initial` and forget the draft. */
  discard: () => void
  /** The form opened with a draft kept from before. */
  restored: boolean
}

function sameShape<T>(initial: T): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    if (typeof initial !== 'object' || initial === null) return typeof value === typeof initial
    if (typeof value !== 'object' || value === null || Array.isArray(value) !== Array.isArray(initial)) return false
    return Object.keys(initial as object).every(
      (k) => typeof (value as Record<string, unknown>)[k] === typeof (initial as Record<string, unknown>)[k],
    )
  }
}

/** `kind` names the form (meeting-form, leave, minutes, comment, question); `scope` the thing it is about. */
export function useDraft<T>(kind: string, scope: string, initial: T): Draft<T> {
  const memberId = useSession((s) => s.profile?.memberId ?? null)
  const key = memberId ? draftKey(kind, memberId, scope) : null
  const blank = useRef(JSON.stringify(initial))
  const [state, setState] = useState<{ value: T; restored: boolean }>(() => {
    const stored = key ? readDraft(key, sameShape(initial)) : null
    return stored !== null && JSON.stringify(stored) !== blank.current
      ? { value: stored, restored: true }
      : { value: initial, restored: false }
  })
  const set = useCallback(
    (next: T | ((previous: T) => T)) => {
      setState((s) => {
        const value = typeof next === 'function' ? (next as (previous: T) => T)(s.value) : next
        if (key) {
          if (JSON.stringify(value) === blank.current) clearDraft(key)
          else writeDraft(key, value)
        }
        return { ...s, value }
      })
    },
    [key],
  )
  const clear = useCallback(() => {
    if (key) clearDraft(key)
  }, [key])
  const discard = useCallback(() => {
    if (key) clearDraft(key)
    setState({ value: JSON.parse(blank.current) as T, restored: false })
  }, [key])
  return { value: state.value, set, clear, discard, restored: state.restored }
}
