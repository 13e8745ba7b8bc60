import type * as WxCloud from 'wx-server-sdk'

/** What the migrations share: their options and the page-by-page walk of a collection. */

export type Db = ReturnType<(typeof WxCloud)['database']>

/** How a migration is run: where its summary line goes, and the time it writes (now by default). */
export interface MigrationOptions {
  log?: (line: string) => void
  now?: Date
}

/** The documents a query read, as the migration knows their shape (the SDK's typings do not know them). */
export async function readDocs<T>(query: { get(): unknown }): Promise<T[]> {
  return ((await query.get()) as { data: T[] }).data
}

/** Whether an update changed any document. */
export async function changedAny(update: unknown): Promise<boolean> {
  return ((await update) as { stats: { updated: number } }).stats.updated > 0
}

/**
 * A collection read page by page in `_id` order, as each migration walks it: `next(after)` reads up to `size`
 * documents whose `_id` is greater than `after` (all from the start when `after` is null).
 */
export async function* pagesById<T extends { _id: string }>(
  next: (after: string | null) => Promise<T[]>,
  size: number,
): AsyncGenerator<T[]> {
  let after: string | null = null
  for (;;) {
    const page = await next(after)
    if (page.length === 0) return
    yield page
    after = page[page.length - 1]._id
    if (page.length < size) return
  }
}

/** Up to `size` documents of `collection` (only `fields` when given) whose `_id` is greater than `after`, in `_id` order. */
export async function docsAfter<T>(
  db: Db,
  collection: string,
  after: string | null,
  size: number,
  fields?: Record<string, true>,
): Promise<T[]> {
  const query = db
    .collection(collection)
    .where(after === null ? {} : { _id: db.command.gt(after) })
    .orderBy('_id', 'asc')
    .limit(size)
  return readDocs<T>(fields ? query.field(fields) : query)
}

/** The documents of `collection` with these `_id`s, by `_id` (one request). */
export async function docsById<T extends { _id: string }>(
  db: Db,
  collection: string,
  ids: string[],
): Promise<Map<string, T>> {
  const docs = await readDocs<T>(
    db
      .collection(collection)
      .where({ _id: db.command.in(ids) })
      .limit(ids.length),
  )
  return new Map(docs.map((doc) => [doc._id, doc]))
}
