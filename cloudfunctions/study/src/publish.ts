import { createHash } from 'node:crypto'
import { audit } from '../../_shared/audit'
import { pageOf } from '../../_shared/cursor'
import {
  hasRole,
  requireCaller,
  requireCallerWith,
  requireRole,
  type Caller,
  type CallerWith,
} from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, getById, insert, isDuplicateKeyError, updateWhere } from '../../_shared/db'
import { countChanges, titleGrams } from './title-grams'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { iso } from '../../_shared/time'
import { canManage, canRead } from './audience'
import type { ArticleStatus, ArticleAudience, Block, ManagedItem, CursorPage } from './contract'
import type { ArticleDoc, ColumnDoc } from './model'
import { cursorBound, newId, notFound, sortKey } from './support'
import { audienceKey, audienceLabelOf, textLengthOf } from './keys'

const PAGE_SIZE = 15
/** msgSecCheck takes a bounded text; longer articles are checked in pieces. */
const CHECK_CHUNK = 2000
const COMMITTEE_PUBLISHER = '院党委'

export interface PublishParams {
  id?: string
  status: 'draft' | 'published'
  title: string
  columnId: string
  cover: string | null
  video: { fileID: string; seconds: number } | null
  summary?: string
  body: Block[]
  audience: ArticleAudience
  pinned: boolean
}

/** Every file an article references (cover, body images, video). */
function filesOf(doc: Pick<ArticleDoc, 'cover' | 'body' | 'video'>): string[] {
  return [doc.cover, doc.video?.fileID, ...doc.body.map((b) => (b.type === 'image' ? b.fileID : null))].filter(
    (f): f is string => Boolean(f),
  )
}

/** All user text of the article, through msgSecCheck in pieces. */
async function assertArticleSafe(params: PublishParams, openid: string): Promise<void> {
  const parts = [
    params.title,
    params.summary ?? '',
    ...params.body.map((b) => (b.type === 'image' ? (b.caption ?? '') : b.text)),
  ]
  const text = parts.filter(Boolean).join('\n')
  const chunks: string[] = []
  for (let i = 0; i < text.length; i += CHECK_CHUNK) chunks.push(text.slice(i, i + CHECK_CHUNK))
  await Promise.all(chunks.map((chunk) => assertTextSafe(chunk, openid)))
}

/** A secretary publishes to their own branch only; the committee to everyone, a branch or some stages. */
function assertAudienceAllowed(caller: Caller, audience: ArticleAudience): void {
  if (hasRole(caller, 'committee')) return
  if (audience.kind !== 'branch' || audience.branchId !== caller.branchId) {
    throw new AppError('FORBIDDEN', '支部书记只能向本支部发布文章')
  }
}

function publishableColumn(caller: CallerWith, columnId: string): ColumnDoc {
  const column = (caller.byId.studyColumns as ColumnDoc[] | undefined)?.find((c) => c._id === columnId)
  if (!column || column.collegeId !== caller.member.collegeId || column.hidden)
    throw new AppError('NOT_FOUND', '栏目不存在或已停用，请重新选择')
  return column
}

function audienceBranch(caller: CallerWith, audience: ArticleAudience): BranchDoc | null {
  if (audience.kind !== 'branch') return null
  const branch = (caller.byId.branches as BranchDoc[] | undefined)?.find((b) => b._id === audience.branchId)
  if (!branch || branch.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '所选支部不存在')
  return branch
}

/**
 * Creates or edits an article (draft or published). Edits are optimistic: they apply only if nobody
 * saved the article since it was loaded here, otherwise CONFLICT and nothing changes.
 */
export async function publish(params: PublishParams, ctx: CallContext): Promise<{ id: string; status: ArticleStatus }> {
  // The caller with the article, its column and its branch: one request, so the write and its audit fit the budget.
  const caller = await requireCallerWith(ctx, {
    byId: {
      studyColumns: [params.columnId],
      ...(params.audience.kind === 'branch' ? { branches: [params.audience.branchId] } : {}),
      ...(params.id ? { articles: [params.id] } : {}),
    },
  })
  requireRole(caller, 'secretary', 'committee')
  assertAudienceAllowed(caller, params.audience)
  const existing = params.id
    ? ((caller.byId.articles as ArticleDoc[] | undefined)?.find((a) => a._id === params.id) ?? null)
    : null
  if (params.id) {
    if (!existing || existing.collegeId !== caller.member.collegeId) throw notFound()
    if (!canManage(caller, existing))
      throw canRead(caller, existing) ? new AppError('FORBIDDEN', '只能修改本支部发布的文章') : notFound()
  }
  const columnChanged = !existing || existing.columnId !== params.columnId
  const audienceChanged = !existing || audienceKey(existing.audience) !== audienceKey(params.audience)
  const column = columnChanged ? publishableColumn(caller, params.columnId) : null
  const branch = audienceChanged || !existing ? audienceBranch(caller, params.audience) : null
  // Files must be the caller's own uploads, except those already in the article (an editor keeps the author's images).
  const kept = new Set(existing ? filesOf(existing) : [])
  assertOwnFiles(
    filesOf({ cover: params.cover, body: params.body, video: params.video }).filter((f) => !kept.has(f)),
    caller,
  )
  await assertArticleSafe(params, caller.openid)

  const id = existing?._id ?? newId('art-')
  const publishedAt =
    params.status === 'published'
      ? existing?.publishedAt
        ? new Date(existing.publishedAt)
        : ctx.now
      : (existing?.publishedAt ?? null)
  const fields = {
    columnId: params.columnId,
    columnName: column?.name ?? existing?.columnName ?? '',
    title: params.title,
    titleGrams: titleGrams(params.title),
    summary: params.summary ?? '',
    cover: params.cover,
    video: params.video ? { fileID: params.video.fileID, seconds: params.video.seconds } : null,
    body: params.body,
    audience: params.audience,
    audienceKey: audienceKey(params.audience),
    audienceLabel: audienceChanged
      ? audienceLabelOf(params.audience, branch?.name ?? null)
      : (existing?.audienceLabel ?? null),
    status: params.status,
    pinned: params.pinned,
    textLength: textLengthOf(params.body, params.title),
    publishedAt,
    feedKey: params.status === 'published' && publishedAt ? sortKey(new Date(publishedAt), id) : null,
    updatedKey: sortKey(ctx.now, id),
    updatedAt: ctx.now,
  }

  if (!existing) {
    const ownBranch = hasRole(caller, 'committee') ? null : caller.branchId
    const doc: ArticleDoc = {
      _id: id,
      collegeId: caller.member.collegeId,
      ...fields,
      ownerBranchId: ownBranch,
      publisherName: ownBranch ? (branch?.name ?? '党支部') : COMMITTEE_PUBLISHER,
      authorId: caller.memberId,
      authorName: caller.member.name,
      readCount: 0,
      likeCount: 0,
      favoriteCount: 0,
      commentCount: 0,
      createdAt: ctx.now,
      withdrawnAt: null,
    }
    await insert('articles', doc)
    await Promise.all([
      countTitle(doc.collegeId, null, doc.titleGrams, ctx.now),
      doc.status === 'published' ? auditPublish(caller, null, doc, ctx.now) : null,
    ])
    return { id, status: doc.status }
  }

  const updated = await updateWhere(
    'articles',
    { _id: id, updatedAt: existing.updatedAt },
    { ...fields, withdrawnAt: params.status === 'published' ? null : existing.withdrawnAt },
  )
  if (updated !== 1) throw new AppError('CONFLICT', '文章刚被他人修改过，请返回刷新后再编辑')
  await Promise.all([
    existing.title === params.title
      ? null
      : countTitle(existing.collegeId, existing.titleGrams, fields.titleGrams, ctx.now),
    // Drafts are the publisher's own business; what readers see (or stop seeing) is recorded.
    params.status === 'published' || existing.status === 'published'
      ? auditPublish(caller, existing, { ...existing, ...fields }, ctx.now)
      : null,
  ])
  return { id, status: params.status }
}

/**
 * Keeps the college's title-piece counts (title-grams.ts) after a title is written: one update, or the
 * document created the first time. The counts only choose which piece a search walks, so a lost race
 * here costs reads, never a result.
 */
async function countTitle(collegeId: string, before: string[] | null, after: string[], now: Date): Promise<void> {
  const change = countChanges(before, after)
  if (Object.keys(change).length === 0) return
  const _ = command()
  const data = {
    ...Object.fromEntries(Object.entries(change).map(([field, n]) => [`counts.${field}`, _.inc(n)])),
    updatedAt: now,
  }
  if ((await updateWhere('studyTitleStats', { _id: collegeId }, data)) > 0) return
  const fresh = Object.fromEntries(Object.entries(change).filter(([, n]) => n > 0))
  await insert('studyTitleStats', { _id: collegeId, counts: fresh, updatedAt: now }).catch(async (error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error
    await updateWhere('studyTitleStats', { _id: collegeId }, data)
  })
}

/** What the audit keeps of an article: where and to whom it is shown, and its text by size and digest. */
function articleFacts(
  doc: Pick<
    ArticleDoc,
    | 'title'
    | 'columnName'
    | 'audienceLabel'
    | 'status'
    | 'pinned'
    | 'summary'
    | 'textLength'
    | 'cover'
    | 'body'
    | 'video'
  >,
): Record<string, unknown> {
  return {
    title: doc.title,
    columnName: doc.columnName,
    audienceLabel: doc.audienceLabel,
    status: doc.status,
    pinned: doc.pinned,
    summary: doc.summary,
    textLength: doc.textLength,
    bodyDigest: createHash('sha256')
      .update(JSON.stringify([doc.cover, doc.body]))
      .digest('hex')
      .slice(0, 16),
    videoSeconds: doc.video?.seconds ?? null,
  }
}

async function auditPublish(caller: Caller, before: ArticleDoc | null, after: ArticleDoc, now: Date): Promise<void> {
  const action =
    before?.status === 'published' ? (after.status === 'published' ? 'study.edit' : 'study.unpublish') : 'study.publish'
  await audit(
    caller,
    action,
    after._id,
    { title: after.title, before: before ? articleFacts(before) : null, after: articleFacts(after) },
    now,
  )
}

/** Takes a published article down: readers no longer find it anywhere (it can be republished). Audited. */
export async function withdraw(
  params: { id: string },
  ctx: CallContext,
): Promise<{ id: string; status: ArticleStatus }> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const article = await getById('articles', params.id)
  if (!article || article.collegeId !== caller.member.collegeId) throw notFound()
  if (!canManage(caller, article))
    throw canRead(caller, article) ? new AppError('FORBIDDEN', '只能撤回本支部发布的文章') : notFound()
  if (article.status !== 'published') throw new AppError('FAILED_PRECONDITION', '只有已发布的文章可以撤回')
  const changed = await updateWhere(
    'articles',
    { _id: article._id, status: 'published' },
    {
      status: 'withdrawn',
      feedKey: null,
      pinned: false,
      withdrawnAt: ctx.now,
      updatedAt: ctx.now,
      updatedKey: sortKey(ctx.now, article._id),
    },
  )
  if (changed !== 1) throw new AppError('CONFLICT', '文章状态已变化，请刷新后重试')
  await audit(
    caller,
    'study.withdraw',
    article._id,
    {
      title: article.title,
      before: { status: article.status, pinned: article.pinned },
      after: { status: 'withdrawn', pinned: false },
    },
    ctx.now,
  )
  return { id: article._id, status: 'withdrawn' }
}

/** The articles a publisher manages, by status, most recently changed first. */
export async function managed(
  params: { status: ArticleStatus; cursor?: string },
  ctx: CallContext,
): Promise<CursorPage<ManagedItem>> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const after = cursorBound(params.cursor)
  const owner = hasRole(caller, 'committee')
    ? { collegeId: caller.member.collegeId }
    : { ownerBranchId: caller.branchId }
  const docs = await findMany<ArticleDoc>(
    'articles',
    { ...owner, status: params.status, ...(after ? { updatedKey: command().lt(after) } : {}) },
    { orderBy: [['updatedKey', 'desc']], limit: PAGE_SIZE + 1 },
  )
  const { page, nextCursor } = pageOf(docs, PAGE_SIZE, (last) => last.updatedKey)
  return {
    items: page.map((d) => ({
      id: d._id,
      title: d.title,
      columnName: d.columnName,
      status: d.status,
      pinned: d.pinned,
      audienceLabel: d.audienceLabel,
      publisherName: d.publisherName,
      updatedAt: new Date(d.updatedAt).toISOString(),
      publishedAt: iso(d.publishedAt),
      readCount: d.readCount,
      commentCount: d.commentCount,
    })),
    nextCursor,
  }
}
