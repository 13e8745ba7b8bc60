import { randomBytes } from 'node:crypto'
import { getCloud } from '../../_shared/cloud'
import { getDb, type Where } from '../../_shared/db'
import { DEFAULT_STUDY_SETTINGS, type CollegeSettings, type StudySettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CollegeDoc } from '../../_shared/models'
import type { ArticleDoc } from './model'

/** Small helpers of the study function: settings, sort keys, cursors, temp URLs, and two SDK calls db.ts lacks. */

export const NOT_FOUND_ARTICLE = '文章不存在或已下线'

export function notFound(): AppError {
  return new AppError('NOT_FOUND', NOT_FOUND_ARTICLE)
}

export function studySettingsOf(settings: Partial<Pick<CollegeSettings, 'study'>> | null | undefined): StudySettings {
  return { ...DEFAULT_STUDY_SETTINGS, ...settings?.study }
}

/** How long a reading must last to earn points: by length, within the college's bounds. */
export function readSecondsFor(textLength: number, settings: StudySettings): number {
  const byLength = Math.ceil(textLength / Math.max(1, settings.readCharsPerSecond))
  return Math.max(settings.readMinSeconds, Math.min(settings.readMaxSeconds, byLength))
}

/** `<ISO time>|<id>`: a unique key that sorts like the time. */
export function sortKey(at: Date, id: string): string {
  return `${at.toISOString()}|${id}`
}

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(10).toString('hex')}`
}

export function newToken(): string {
  return randomBytes(16).toString('hex')
}

/** A cursor is the last sort key of a page; validate its shape so it is only ever a string bound. */
export function cursorBound(cursor: string | undefined): string | null {
  if (!cursor) return null
  if (!/^[0-9T:.Z|-]+\|[A-Za-z0-9_:-]+$/.test(cursor) && !/^[01]\|[0-9T:.Z-]+\|[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new AppError('INVALID_ARGUMENT', '翻页参数无效，请刷新后重试')
  }
  return cursor
}

/** The next cursor of a page fetched with `limit + 1`: null when nothing follows. */
export function pageOf<D, T>(docs: D[], limit: number, keyOf: (d: D) => string, view: (d: D) => T): { items: T[]; nextCursor: string | null } {
  const page = docs.slice(0, limit)
  const last = page[page.length - 1]
  return { items: page.map(view), nextCursor: docs.length > limit && last ? keyOf(last) : null }
}

export function iso(date: Date | string | null | undefined): string | null {
  return date ? new Date(date).toISOString() : null
}

/** A text search by title: the user's words as a literal, case-insensitive pattern. */
export function titlePattern(keyword: string): unknown {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return getDb().RegExp({ regexp: escaped, options: 'i' })
}

/**
 * Temporary URLs for stored files (covers, images), one storage request for a whole page.
 * Unknown or failed files map to nothing, so a card falls back to its plain cover.
 */
export async function tempUrls(fileIDs: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(fileIDs.filter((f): f is string => typeof f === 'string' && f.length > 0))]
  const urls = new Map<string, string>()
  if (wanted.length === 0) return urls
  const res = (await getCloud().getTempFileURL({ fileList: wanted })) as { fileList?: { fileID: string; tempFileURL: string; status: number }[] }
  for (const item of res.fileList ?? []) if (item.status === 0 && item.tempFileURL) urls.set(item.fileID, item.tempFileURL)
  return urls
}

/** The article and its college's settings in one request (an aggregate with $lookup). */
export async function articleWithCollege(articleId: string): Promise<{ article: ArticleDoc; college: CollegeDoc | null } | null> {
  const db = getDb()
  const res = (await db
    .collection('articles')
    .aggregate()
    .match({ _id: articleId })
    .limit(1)
    .lookup({ from: 'colleges', localField: 'collegeId', foreignField: '_id', as: 'colleges' })
    .end()) as { list: (ArticleDoc & { colleges: CollegeDoc[] })[] }
  const [row] = res.list
  if (!row) return null
  const { colleges, ...article } = row
  return { article: article as ArticleDoc, college: colleges[0] ?? null }
}

interface ReturningQuery {
  updateAndReturn(data: Record<string, unknown>): Promise<{ updated?: number; doc?: unknown; code?: unknown; message?: unknown }>
}

/**
 * Updates the first document matching `where` and answers it as it is afterwards (null: no match).
 * The SDK has this call but its types lack it.
 */
export async function updateAndReturn<T>(collection: string, where: Where, data: Record<string, unknown>): Promise<T | null> {
  const query = getDb().collection(collection).where(where) as unknown as ReturningQuery
  const res = await query.updateAndReturn(data)
  if (res.code) throw new Error(`updateAndReturn failed: ${String(res.code)} ${String(res.message ?? '')}`)
  return (res.doc ?? null) as T | null
}
