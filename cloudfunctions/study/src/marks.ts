import { pageOf } from '../../_shared/cursor'
import { requireCaller, type Caller } from '../../_shared/auth'
import { command, findMany, getById, insert, updateById, updateWhere } from '../../_shared/db'
import type { CallContext } from '../../_shared/handler'
import { canRead } from './audience'
import type { HistoryItem, CursorPage, ToggleResult } from './contract'
import type { ArticleDoc, MarkDoc } from './model'
import { markId } from './reading'
import { cursorBound, notFound, sortKey } from './support'
import { cardsOf } from './views'

const PAGE_SIZE = 15

/** The article, if the caller may read it; NOT_FOUND otherwise (also for a guessed id). */
async function readableArticle(caller: Caller, id: string): Promise<ArticleDoc> {
  const article = await getById('articles', id)
  if (!article || article.collegeId !== caller.member.collegeId || !canRead(caller, article)) throw notFound()
  return article
}

type Toggle = { flag: 'liked' | 'favorited'; counter: 'likeCount' | 'favoriteCount' }

/**
 * Sets my like or favourite to `on`. Idempotent: the mark changes only where it differs (a conditional
 * update), and only a real change moves the article's counter, atomically.
 */
async function toggle(which: Toggle, params: { id: string; on: boolean }, ctx: CallContext): Promise<ToggleResult> {
  const caller = await requireCaller(ctx)
  const article = await readableArticle(caller, params.id)
  const id = markId(caller.memberId, article._id)
  const extra = which.flag === 'favorited' ? { favoriteKey: params.on ? sortKey(ctx.now, article._id) : null } : {}
  let changed =
    (await updateWhere('studyMarks', { _id: id, [which.flag]: !params.on }, { [which.flag]: params.on, ...extra })) ===
    1
  if (!changed && params.on) changed = await insertMark(caller, article._id, { [which.flag]: true, ...extra }, ctx.now)
  if (changed) await updateById('articles', article._id, { [which.counter]: command().inc(params.on ? 1 : -1) })
  return { on: params.on, changed }
}

/** A mark for an article liked before it was ever opened here; false when one already exists. */
async function insertMark(caller: Caller, articleId: string, fields: Partial<MarkDoc>, now: Date): Promise<boolean> {
  const mark: MarkDoc = {
    _id: markId(caller.memberId, articleId),
    memberId: caller.memberId,
    articleId,
    liked: false,
    favorited: false,
    favoriteKey: null,
    openKey: sortKey(now, articleId),
    token: '',
    openedAt: now,
    ...fields,
  }
  try {
    await insert('studyMarks', mark)
    return true
  } catch {
    // It exists (created concurrently, or already in the requested state): nothing changed.
    return false
  }
}

export function like(params: { id: string; on: boolean }, ctx: CallContext): Promise<ToggleResult> {
  return toggle({ flag: 'liked', counter: 'likeCount' }, params, ctx)
}

export function favorite(params: { id: string; on: boolean }, ctx: CallContext): Promise<ToggleResult> {
  return toggle({ flag: 'favorited', counter: 'favoriteCount' }, params, ctx)
}

/** My marks ordered by `key` (favourites or history), then their articles that I may still read. */
async function markedArticles(
  key: 'favoriteKey' | 'openKey',
  cursor: string | undefined,
  ctx: CallContext,
): Promise<CursorPage<HistoryItem>> {
  const caller = await requireCaller(ctx)
  const after = cursorBound(cursor)
  const marks = await findMany<MarkDoc>(
    'studyMarks',
    { memberId: caller.memberId, [key]: after ? command().lt(after) : command().gt('') },
    { orderBy: [[key, 'desc']], limit: PAGE_SIZE + 1 },
  )
  const { page, nextCursor } = pageOf(marks, PAGE_SIZE, (last) => last[key] ?? null)
  const articles = page.length
    ? await findMany('articles', { _id: command().in(page.map((m) => m.articleId)) }, { limit: PAGE_SIZE })
    : []
  // Withdrawn articles, or ones no longer for me, drop out of the list (and stay unreadable).
  const readable = new Map(
    articles.filter((a) => a.collegeId === caller.member.collegeId && canRead(caller, a)).map((a) => [a._id, a]),
  )
  const kept = page.filter((m) => readable.has(m.articleId))
  const cards = await cardsOf(kept.map((m) => readable.get(m.articleId) as ArticleDoc))
  const items = cards.map((card, i) => ({ ...card, at: (kept[i][key] ?? '').split('|')[0] }))
  return { items, nextCursor }
}

export function favorites(params: { cursor?: string }, ctx: CallContext): Promise<CursorPage<HistoryItem>> {
  return markedArticles('favoriteKey', params.cursor, ctx)
}

export function history(params: { cursor?: string }, ctx: CallContext): Promise<CursorPage<HistoryItem>> {
  return markedArticles('openKey', params.cursor, ctx)
}
