/** The report editor's form: what it holds, and how it comes from and goes to the server and this device. */
import type { GetResult, ReportDetail } from '../../../services/api'
import type { LocalDraft } from '../../../services/report-drafts'
import type { Picked } from '../media'

/** A photo or the video on its way to storage, or stored. */
export interface MediaItem {
  key: string
  fileID: string | null
  /** What to show: a local path while uploading, a temporary URL once stored. */
  url: string
  /** Kept to retry a failed upload. */
  local: Picked | null
  progress: number
  status: 'uploading' | 'done' | 'failed'
}

export interface Form {
  title: string
  body: string
  photos: MediaItem[]
  video: MediaItem | null
}

let keySeq = 0
export const newKey = (): string => `m${Date.now().toString(36)}${(keySeq++).toString(36)}`

export function stored(fileID: string, url: string): MediaItem {
  return { key: newKey(), fileID, url, local: null, progress: 100, status: 'done' }
}

export function fromLocal(draft: LocalDraft, signed: GetResult['signed']): Form {
  const url = (id: string): string => signed.find((s) => s.fileID === id)?.url ?? ''
  return {
    title: draft.title,
    body: draft.body,
    photos: draft.photos.map((id) => stored(id, url(id))),
    video: draft.video ? stored(draft.video, url(draft.video)) : null,
  }
}

/** The text to go on with: the server's working copy, or the returned version to revise. */
export function fromServer(report: ReportDetail | null): Form {
  const source = report?.draft ?? (report?.status === 'returned' ? report.versions[report.versions.length - 1] : null)
  if (!source) return { title: '', body: '', photos: [], video: null }
  return {
    title: source.title,
    body: source.body,
    photos: source.photos.map((p) => stored(p.fileID, p.url)),
    video: source.video ? stored(source.video.fileID, source.video.url) : null,
  }
}

export function toLocal(form: Form, baseRevision: number): LocalDraft {
  return {
    title: form.title,
    body: form.body,
    photos: form.photos.filter((p) => p.fileID).map((p) => p.fileID as string),
    video: form.video?.fileID ?? null,
    baseRevision,
    savedAt: new Date().toISOString(),
  }
}

/** Changes the form; `now` keeps it on the device at once (a photo added, moved or removed), not after a pause. */
export type Change = (update: (f: Form) => Form, now?: boolean) => void
