/**
 * A thought report being written, kept on this device while the student types (Taro storage: survives
 * closing the app or the browser tab). Photos and the video are kept as the fileIDs they were uploaded
 * to, so a restored draft shows them again. `baseRevision` is the server revision the text started from.
 */
import { clearDraft, draftKey, readDraft, writeDraft } from './drafts'

export interface LocalDraft {
  title: string
  body: string
  photos: string[]
  video: string | null
  baseRevision: number
  savedAt: string
}

function key(memberId: string, period: string): string {
  return draftKey('report-draft', memberId, period)
}

export function readLocalDraft(memberId: string, period: string): LocalDraft | null {
  return readDraft(key(memberId, period), isLocalDraft)
}

export function writeLocalDraft(memberId: string, period: string, draft: LocalDraft): void {
  writeDraft(key(memberId, period), draft)
}

export function clearLocalDraft(memberId: string, period: string): void {
  clearDraft(key(memberId, period))
}

export function isBlankDraft(d: Pick<LocalDraft, 'title' | 'body' | 'photos' | 'video'>): boolean {
  return d.title.trim() === '' && d.body.trim() === '' && d.photos.length === 0 && d.video === null
}

function isLocalDraft(value: unknown): value is LocalDraft {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.title === 'string' &&
    typeof v.body === 'string' &&
    Array.isArray(v.photos) &&
    v.photos.every((p) => typeof p === 'string') &&
    (v.video === null || typeof v.video === 'string') &&
    typeof v.baseRevision === 'number' &&
    typeof v.savedAt === 'string'
  )
}
