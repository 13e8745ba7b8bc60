import { pageOf } from '../../_shared/cursor'
import { hasRole, requireCaller, requireCallerWith, type Caller } from '../../_shared/auth'
import { command, findMany, getById, insert, updateById, type Where } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { awardPoints, currentTotals, pointRulesOf, pointsWithinCaps, type PointKind } from '../../_shared/points'
import { chinaDay } from '../../_shared/time'
import { canManage, canRead, readerKeys } from './audience'
import { clockInStateDays, clockInStateOf } from './clock-in'
import { collegeColumns, publishableBranches } from './columns'
import {
  requiredWatchSeconds,
  type ArticleCard,
  type FeedResult,
  type FinishResult,
  type GetResult,
  type OpenResult,
  type CursorPage,
} from './contract'
import type { ArticleDoc, ClockInDoc, MarkDoc } from './model'
import {
  articleForReader,
  cursorBound,
  newToken,
  notFound,
  readSecondsFor,
  sortKey,
  studySettingsOf,
  titlePattern,
} from './support'
import { rarestGram, type TitleStatsDoc } from './title-grams'
import { articleView, cardsOf, columnView } from './views'

const FEED_SIZE = 15
const PINNED_SHOWN = 3
const PAGE_SIZE = 10
/** A read token older than this no longer counts: a reading is one sitting, not an open tab for days. */
export const TOKEN_TTL_MS = 2 * 60 * 60 * 1000

/** A video article whose length is known: points come from the time actually played, not from the time open. */
export function watchedVideo(
  article: ArticleDoc,
): article is ArticleDoc & { video: { fileID: string; seconds: number } } {
  return Boolean(article.video?.seconds)
}

/**
 * Published articles of the caller's college that the caller may read (committee: all of them). A
 * reader matches a few dozen audience keys; sorted by the fields after `audienceKey` in an index
 * (feed_reader, column_reader, latest_reader), the database walks one span per key, merged in order,
 * and stops after the page (MongoDB's SORT_MERGE; the local cloud does the same).
 */
export function readableWhere(caller: Caller): Where {
  const keys = readerKeys(caller)
  return {
    collegeId: caller.member.collegeId,
    status: 'published',
    ...(keys === null ? {} : { audienceKey: command().in(keys) }),
  }
}

export function markId(memberId: string, articleId: string): string {
  return `${memberId}:${articleId}`
}

/** The study tab in one call: columns, pinned notices and newest articles, today's check-in. */
export async function feed(_params: Record<string, never>, ctx: CallContext): Promise<FeedResult> {
  // Three requests: the caller with today's and yesterday's check-ins, then the columns and the articles at once.
  const caller = await requireCallerWith(ctx, { own: { checkIns: clockInStateDays(ctx.now) } })
  const [columns, docs] = await Promise.all([
    collegeColumns(caller),
    // Pinned first, then newest: one query serves both sections.
    findMany('articles', readableWhere(caller), {
      orderBy: [
        ['pinned', 'desc'],
        ['feedKey', 'desc'],
      ],
      limit: FEED_SIZE,
    }),
  ])
  const cards = await cardsOf(docs)
  const pinned = cards.filter((c) => c.pinned).slice(0, PINNED_SHOWN)
  const latest = cards
    .filter((c) => !pinned.includes(c))
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
  return {
    columns: columns.filter((c) => !c.hidden).map(columnView),
    pinned,
    latest,
    clockIn: clockInStateOf((caller.byId.checkIns ?? []) as ClockInDoc[], ctx.now),
    canPublish: hasRole(caller, 'secretary') || hasRole(caller, 'committee'),
  }
}

/**
 * A column's articles, or a title search, newest first; `cursor` continues after the last page. Two
 * requests: the caller (with the college's title-piece counts when searching), then the page. A search
 * walks the articles holding the keyword's rarest piece (`title_gram_*`) and the pattern verifies them.
 */
export async function list(
  params: { columnId?: string; keyword?: string; cursor?: string },
  ctx: CallContext,
): Promise<CursorPage<ArticleCard>> {
  const caller = await requireCallerWith(
    ctx,
    params.keyword
      ? { related: { stats: { from: 'studyTitleStats', localField: 'collegeId', foreignField: '_id' } } }
      : {},
  )
  const after = cursorBound(params.cursor)
  const stats = (caller.related.stats ?? []) as TitleStatsDoc[]
  const gram = params.keyword ? rarestGram(params.keyword, stats[0]?.counts) : null
  const where: Where = {
    ...readableWhere(caller),
    ...(params.columnId ? { columnId: params.columnId } : {}),
    ...(gram ? { titleGrams: gram } : {}),
    ...(params.keyword ? { title: titlePattern(params.keyword) } : {}),
    ...(after ? { feedKey: command().lt(after) } : {}),
  }
  const docs = await findMany('articles', where, { orderBy: [['feedKey', 'desc']], limit: PAGE_SIZE + 1 })
  const { page, nextCursor } = pageOf(docs, PAGE_SIZE, (last) => last.feedKey || null)
  return { items: await cardsOf(page), nextCursor }
}

/** One article as stored: readers see it if it is for them; its publishers also see drafts. */
export async function get(params: { id: string }, ctx: CallContext): Promise<GetResult> {
  const caller = await requireCaller(ctx)
  const article = await getById('articles', params.id)
  if (!article || article.collegeId !== caller.member.collegeId) throw notFound()
  const manage = canManage(caller, article)
  if (!manage && !canRead(caller, article)) throw notFound()
  const [view, columns, branches] = await Promise.all([
    articleView(article),
    manage ? collegeColumns(caller) : Promise.resolve([]),
    manage ? publishableBranches(caller) : Promise.resolve([]),
  ])
  return {
    article: view,
    canManage: manage,
    editor: manage ? { columns: columns.filter((c) => !c.hidden).map(columnView), branches } : null,
  }
}

/**
 * Opens an article: a fresh read token (kept on my mark of the article, with the open time), my
 * like/favourite, and the time the reading must last. A member's first open counts a reader.
 */
export async function openArticle(params: { id: string }, ctx: CallContext): Promise<OpenResult> {
  // Today's ledger entries for this article and the day's totals come with the caller (same request):
  // the reading bar must not promise points already earned today or past the day's cap.
  const day = chinaDay(ctx.now)
  const caller = await requireCallerWith(ctx, {
    pointsTotals: true,
    own: { pointsLedger: (['read', 'video'] as const).map((k) => `${k}:${params.id}:${day}`) },
  })
  const found = await articleForReader(params.id, caller.memberId)
  if (!found || found.article.collegeId !== caller.member.collegeId || !canRead(caller, found.article)) throw notFound()
  const { article, college, mark } = found

  const opened = { token: newToken(), openedAt: ctx.now, openKey: sortKey(ctx.now, article._id), watchedSeconds: 0 }
  if (mark) {
    await updateById('studyMarks', mark._id, opened)
  } else {
    const fresh: MarkDoc = {
      _id: markId(caller.memberId, article._id),
      memberId: caller.memberId,
      articleId: article._id,
      liked: false,
      favorited: false,
      favoriteKey: null,
      ...opened,
    }
    // The mark's _id is unique: of two first opens at once, only one counts a reader; the other just renews the token.
    const created = await insert('studyMarks', fresh).then(
      () => true,
      () => false,
    )
    if (created) await updateById('articles', article._id, { readCount: command().inc(1) })
    else await updateById('studyMarks', fresh._id, opened)
  }

  const settings = studySettingsOf(college?.settings)
  const kind: PointKind = article.video ? 'video' : 'read'
  const view = await articleView(article)
  const points = kind === 'video' ? settings.videoPoints : settings.readPoints
  const earned = (caller.byId.pointsLedger ?? []).length > 0
  const totals = currentTotals(caller.pointsTotals, caller.member, ctx.now)
  const capped = !earned && pointsWithinCaps(totals, kind, points, pointRulesOf(college?.settings)) === 0
  return {
    article: { ...view, readCount: view.readCount + (mark ? 0 : 1) },
    liked: mark?.liked ?? false,
    favorited: mark?.favorited ?? false,
    reading: {
      token: opened.token,
      seconds: watchedVideo(article)
        ? requiredWatchSeconds(article.video.seconds)
        : readSecondsFor(article.textLength, settings),
      points,
      kind,
      today: earned ? 'duplicate' : capped ? 'capped' : 'open',
    },
  }
}

/**
 * Ends a reading. The server measures the time since `openArticle` issued the token: too soon earns
 * nothing (the same token may finish again later); long enough awards points once per article per
 * China-time day, within the daily caps.
 */
export async function finishArticle(params: { id: string; token: string }, ctx: CallContext): Promise<FinishResult> {
  // Four requests: the caller with their points totals, the article with its college and my mark, the award's two writes.
  const caller = await requireCallerWith(ctx, { pointsTotals: true })
  const found = await articleForReader(params.id, caller.memberId)
  if (!found || found.article.collegeId !== caller.member.collegeId || !canRead(caller, found.article)) throw notFound()
  const { article, college, mark } = found
  const openedAt = mark ? new Date(mark.openedAt).getTime() : 0
  if (!mark || mark.token !== params.token || ctx.now.getTime() - openedAt > TOKEN_TTL_MS) {
    throw new AppError('FAILED_PRECONDITION', '阅读凭证已失效，请重新打开文章')
  }
  const settings = studySettingsOf(college?.settings)
  // A video counts the played seconds `watchVideo` accepted (never more than the time open); a text the time open.
  const remainingMs = watchedVideo(article)
    ? (requiredWatchSeconds(article.video.seconds) - (mark.watchedSeconds ?? 0)) * 1000
    : readSecondsFor(article.textLength, settings) * 1000 - (ctx.now.getTime() - openedAt)
  if (remainingMs > 0)
    return { outcome: 'tooSoon', awarded: 0, remainingSeconds: Math.ceil(remainingMs / 1000), total: null }

  const kind: PointKind = article.video ? 'video' : 'read'
  const result = await awardPoints({
    member: caller.member,
    kind,
    refId: `${article._id}:${chinaDay(ctx.now)}`,
    points: kind === 'video' ? settings.videoPoints : settings.readPoints,
    reason: `${kind === 'video' ? '观看' : '阅读'}《${article.title}》`,
    now: ctx.now,
    rules: pointRulesOf(college?.settings),
    seen: caller.pointsTotals,
  })
  const outcome = result.duplicate ? 'duplicate' : result.awarded > 0 ? 'awarded' : 'capped'
  return { outcome, awarded: result.awarded, remainingSeconds: 0, total: result.total }
}
