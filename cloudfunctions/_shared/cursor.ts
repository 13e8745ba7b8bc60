import { AppError } from './envelope'

/**
 * Cursors of lists ordered by one key (a time or a number) with ids breaking ties: `<key>~<id>,<id>`, the
 * last key shown and the ids already shown with exactly that key (or, for a list paged by skipping, the
 * count shown). The client treats a cursor as opaque; a tampered one is refused with one message.
 */
export const BAD_CURSOR = '分页参数不正确，请刷新后重试'

/** One page of a list paged by cursor. */
export interface CursorPage<T> {
  items: T[]
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null
}

export interface KeyCursor {
  key: number
  ids: string[]
}

const CURSOR = /^(\d{1,15})~([A-Za-z0-9_:.-]{0,64}(?:,[A-Za-z0-9_:.-]{1,64}){0,49})$/

export function badCursor(): AppError {
  return new AppError('INVALID_ARGUMENT', BAD_CURSOR)
}

export function encodeCursor(key: Date | string | number, ids: readonly string[]): string {
  const value = typeof key === 'number' ? key : new Date(key).getTime()
  return `${value}~${ids.join(',')}`
}

export function decodeCursor(raw: string | undefined): KeyCursor | null {
  if (!raw) return null
  const match = CURSOR.exec(raw)
  if (!match) throw badCursor()
  return { key: Number(match[1]), ids: match[2] ? match[2].split(',') : [] }
}

/**
 * The cursor after `page`: its last key and the ids with that key, carrying the previous cursor's ids when
 * the whole page shares the key it started from (so equal keys are neither skipped nor repeated).
 */
export function cursorAfter<T extends { _id: string }>(
  page: readonly T[],
  keyOf: (doc: T) => number,
  previous: KeyCursor | null,
): string | null {
  const last = page[page.length - 1]
  if (!last) return null
  const key = keyOf(last)
  const carried = previous && previous.key === key ? previous.ids : []
  return encodeCursor(key, [...carried, ...page.filter((d) => keyOf(d) === key).map((d) => d._id)])
}

/**
 * One page out of `rows` read with `limit + 1` (the extra row only says that more follow): the first `limit`
 * rows and, when more follow, the cursor `cursorOf` builds from the page's last row.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (last: T, page: readonly T[]) => string | null,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { page, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last, page) : null }
}
