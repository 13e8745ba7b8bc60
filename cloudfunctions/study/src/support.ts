import { randomBytes } from 'node:crypto'
import { getDb } from '../../_shared/db'
import { type CollegeSettings, type StudySettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CollegeDoc } from '../../_shared/models'
import { badCursor } from '../../_shared/cursor'
import { readSettings } from '../../_shared/settings'
import type { ArticleDoc, MarkDoc } from './model'

export { sortKey } from './keys'

/** Small helpers of the study function: settings, sort keys, cursors, temp URLs, and two SDK calls db.ts lacks. */

export const NOT_FOUND_ARTICLE = '文章不存在或已下线'

export function notFound(): AppError {
  return new AppError('NOT_FOUND', NOT_FOUND_ARTICLE)
}

export function studySettingsOf(settings: Partial<Pick<CollegeSettings, 'study'>> | null | undefined): StudySettings {
  return readSettings({ settings }).study
}

/** How long a reading must last to earn points: by length, within the college's bounds. */
export function readSecondsFor(textLength: number, settings: StudySettings): number {
  const byLength = Math.ceil(textLength / Math.max(1, settings.readCharsPerSecond))
  return Math.max(settings.readMinSeconds, Math.min(settings.readMaxSeconds, byLength))
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
  // `<ISO time>|<id>`, or a comment's `<0|1>|<ISO time>|<id>`.
  if (!/^([01]\|)?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[A-Za-z0-9_-]{1,64}$/.test(cursor)) {
    throw badCursor()
  }
  return cursor
}

/** A text search by title: the user's words as a literal, case-insensitive pattern. */
export function titlePattern(keyword: string): unknown {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return getDb().RegExp({ regexp: escaped, options: 'i' })
}

/**
 * What reading an article needs, in one request: the article, its college's settings and the reader's
 * mark (like, favourite, read token). An aggregate: match the article, look up its college, compute
 * the mark's id (`<memberId>:<articleId>`) and look that up too.
 */
export async function articleForReader(
  articleId: string,
  memberId: string,
): Promise<{ article: ArticleDoc; college: CollegeDoc | null; mark: MarkDoc | null } | null> {
  const db = getDb()
  const $ = db.command.aggregate
  const res = (await db
    .collection('articles')
    .aggregate()
    .match({ _id: articleId })
    .limit(1)
    .lookup({ from: 'colleges', localField: 'collegeId', foreignField: '_id', as: 'colleges' })
    .addFields({ markId: $.concat([`${memberId}:`, '$_id']) })
    .lookup({ from: 'studyMarks', localField: 'markId', foreignField: '_id', as: 'marks' })
    .end()) as { list: (ArticleDoc & { colleges: CollegeDoc[]; marks: MarkDoc[]; markId: string })[] }
  const [row] = res.list
  if (!row) return null
  const { colleges, marks, markId: _markId, ...article } = row
  return { article: article as ArticleDoc, college: colleges[0] ?? null, mark: marks[0] ?? null }
}
