import { pageOf } from '../../_shared/cursor'
import { audit } from '../../_shared/audit'
import { hasRole, requireCaller, requireCallerWith, requireRole, type Caller } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, getById, insert, updateById, updateWhere, type Where } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { seenLimiter, takeWriteAttempt } from '../../_shared/rate-limit'
import { canRead } from './audience'
import type { CommentsResult, CommentView, ModerateResult } from './contract'
import type { ArticleDoc, CommentDoc } from './model'
import { cursorBound, newId, notFound } from './support'
import { commentView } from './views'

/** 微论坛: members comment on what they read; the branch (secretary) or the committee replies, pins, hides. */

const PAGE_SIZE = 20
const COMMENT_NOT_FOUND = '评论不存在或已被删除'
const OUT_OF_SCOPE = '只能管理本支部成员的评论或本支部文章下的评论'

/** A comment's id starts with its article's (`<articleId>_c<random>`), so moderation knows the article without a read. */
function newCommentId(articleId: string): string {
  return `${articleId}_c${newId('')}`
}

export function articleIdOf(commentId: string): string | null {
  const at = commentId.lastIndexOf('_c')
  return at > 0 ? commentId.slice(0, at) : null
}

function commentSortKey(pinned: boolean, createdAt: Date, id: string): string {
  return `${pinned ? 1 : 0}|${new Date(createdAt).toISOString()}|${id}`
}

/** Who may moderate a comment: the committee; a secretary for comments by their members or on their branch's articles. */
function mayModerate(caller: Caller, comment: Pick<CommentDoc, 'authorBranchId' | 'articleOwnerBranchId'>): boolean {
  if (hasRole(caller, 'committee')) return true
  if (!hasRole(caller, 'secretary') || !caller.branchId) return false
  return comment.authorBranchId === caller.branchId || comment.articleOwnerBranchId === caller.branchId
}

/** The same rule as a query condition added to `where`, so a write can never touch a comment out of scope. */
function withinScope(caller: Caller, where: Record<string, unknown>): Where {
  if (hasRole(caller, 'committee')) return where
  if (!hasRole(caller, 'secretary') || !caller.branchId)
    throw new AppError('FORBIDDEN', '只有支部书记或院党委可以管理评论')
  const _ = command()
  return _.and([where, _.or([{ authorBranchId: caller.branchId }, { articleOwnerBranchId: caller.branchId }])])
}

function viewFor(caller: Caller, doc: CommentDoc): CommentView {
  return { ...commentView(doc, caller.memberId), canModerate: mayModerate(caller, doc) }
}

async function readableArticle(caller: Caller, id: string): Promise<ArticleDoc> {
  return readable(caller, await getById('articles', id))
}

function readable(caller: Caller, article: ArticleDoc | null | undefined): ArticleDoc {
  if (!article || article.collegeId !== caller.member.collegeId || !canRead(caller, article)) throw notFound()
  return article
}

export async function comment(params: { articleId: string; text: string }, ctx: CallContext): Promise<CommentView> {
  // The caller, the article and the comment limiter (`<memberId>:comment`) in one request; the try is one write.
  const caller = await requireCallerWith(ctx, {
    byId: { articles: [params.articleId] },
    own: { rateLimits: ['comment'] },
  })
  const article = readable(caller, (caller.byId.articles as ArticleDoc[] | undefined)?.[0])
  await takeWriteAttempt('comment', caller.memberId, ctx.now, seenLimiter(caller, 'comment'))
  await assertTextSafe(params.text, caller.openid)
  const id = newCommentId(article._id)
  const doc: CommentDoc = {
    _id: id,
    collegeId: article.collegeId,
    articleId: article._id,
    articleOwnerBranchId: article.ownerBranchId,
    memberId: caller.memberId,
    authorName: caller.member.name,
    authorClass: caller.member.className,
    authorBranchId: caller.branchId,
    text: params.text,
    status: 'visible',
    pinned: false,
    sortKey: commentSortKey(false, ctx.now, id),
    reply: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  await insert('studyComments', doc)
  await updateById('articles', article._id, { commentCount: command().inc(1) })
  return viewFor(caller, doc)
}

/** Pinned first, then newest. Moderators of the article's branch (and the committee) also see hidden ones. */
export async function comments(
  params: { articleId: string; cursor?: string },
  ctx: CallContext,
): Promise<CommentsResult> {
  const caller = await requireCaller(ctx)
  const article = await readableArticle(caller, params.articleId)
  const after = cursorBound(params.cursor)
  const seesHidden = mayModerate(caller, { authorBranchId: null, articleOwnerBranchId: article.ownerBranchId })
  const docs = await findMany<CommentDoc>(
    'studyComments',
    {
      articleId: article._id,
      ...(seesHidden ? {} : { status: 'visible' }),
      ...(after ? { sortKey: command().lt(after) } : {}),
    },
    { orderBy: [['sortKey', 'desc']], limit: PAGE_SIZE + 1 },
  )
  const { page, nextCursor } = pageOf(docs, PAGE_SIZE, (last) => last.sortKey)
  return {
    items: page.map((d) => viewFor(caller, d)),
    nextCursor,
    canModerate: hasRole(caller, 'committee') || hasRole(caller, 'secretary'),
  }
}

type ModerateParams = { commentId: string; op: 'reply' | 'pin' | 'unpin' | 'hide' | 'unhide'; text?: string }

/** Reply as the branch, pin or hide: only within the caller's scope (a condition of the write itself), audited. */
export async function moderate(params: ModerateParams, ctx: CallContext): Promise<ModerateResult> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const articleId = articleIdOf(params.commentId)
  if (!articleId) throw new AppError('NOT_FOUND', COMMENT_NOT_FOUND)
  const base = { _id: params.commentId, collegeId: caller.member.collegeId }
  let changed = true
  switch (params.op) {
    case 'reply': {
      const text = params.text ?? ''
      const [branch] = await Promise.all([
        hasRole(caller, 'committee') || !caller.branchId ? Promise.resolve(null) : getById('branches', caller.branchId),
        assertTextSafe(text, caller.openid),
      ])
      const byLabel = hasRole(caller, 'committee') ? '院党委' : (branch?.name ?? '党支部')
      const reply = { text, byLabel, byMemberId: caller.memberId, at: ctx.now }
      if ((await updateWhere('studyComments', withinScope(caller, base), { reply, updatedAt: ctx.now })) !== 1)
        throw await refusal(caller, params.commentId)
      break
    }
    case 'pin':
    case 'unpin': {
      const current = await getById('studyComments', params.commentId)
      if (!current || current.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', COMMENT_NOT_FOUND)
      if (!mayModerate(caller, current)) throw new AppError('FORBIDDEN', OUT_OF_SCOPE)
      const pinned = params.op === 'pin'
      changed = current.pinned !== pinned
      if (changed)
        await updateWhere(
          'studyComments',
          { _id: current._id },
          { pinned, sortKey: commentSortKey(pinned, current.createdAt, current._id), updatedAt: ctx.now },
        )
      break
    }
    case 'hide':
    case 'unhide': {
      const [from, to] = params.op === 'hide' ? (['visible', 'hidden'] as const) : (['hidden', 'visible'] as const)
      // Conditional on the current status: of two moderators hiding at once, one changes it and moves the count.
      changed =
        (await updateWhere('studyComments', withinScope(caller, { ...base, status: from }), {
          status: to,
          updatedAt: ctx.now,
        })) === 1
      if (changed) {
        await updateById('articles', articleId, { commentCount: command().inc(to === 'hidden' ? -1 : 1) })
      } else {
        const current = await getById('studyComments', params.commentId)
        const alreadySo =
          current &&
          current.collegeId === caller.member.collegeId &&
          mayModerate(caller, current) &&
          current.status === to
        if (!alreadySo) throw await refusal(caller, params.commentId, current)
      }
      break
    }
  }
  if (changed)
    await audit(
      caller,
      `study.comment.${params.op}`,
      params.commentId,
      { articleId, text: params.text ?? null },
      ctx.now,
    )
  return { id: params.commentId, op: params.op, changed }
}

/** Why a moderation matched nothing: the comment is not there, or not in the caller's scope. */
async function refusal(caller: Caller, commentId: string, known?: CommentDoc | null): Promise<AppError> {
  const current = known === undefined ? await getById('studyComments', commentId) : known
  if (!current || current.collegeId !== caller.member.collegeId) return new AppError('NOT_FOUND', COMMENT_NOT_FOUND)
  return new AppError('FORBIDDEN', OUT_OF_SCOPE)
}
