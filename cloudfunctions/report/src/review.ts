import { audit } from '../../_shared/audit'
import { canManageBranch, hasRole, refuseOwnRecord, requireCaller, requireRole, type Caller } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, getById, getDb, updateWhere, type Where } from '../../_shared/db'
import type { Stage } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { owedPeriods, parsePeriod, periodOf, shiftPeriod, toDay, type Period } from '../../_shared/periods'
import { badCursor, cursorAfter, decodeCursor, pageOf } from '../../_shared/cursor'
import type { OverdueResult, QueueItem, QueueResult, QueueStatus, ReviewDecision, ReviewResult } from './contract'
import {
  memberBrief,
  queueOrderFor,
  reviewView,
  SUMMARY_FIELDS,
  toSummary,
  type ReportDoc,
  type StoredReview,
  type StoredTimelineEntry,
  type SummaryDoc,
} from './model'
import { sendResultMessage } from './notify'
import { collegeSettings } from './settings'

const SUBMITTED: ReportDoc['status'][] = ['pending', 'returned', 'approved']

/** The reports a reviewer may list: a secretary their branch, the committee their college or one branch of it. */
interface Scope {
  where: { branchId: string } | { collegeId: string }
  branches: BranchDoc[] | null
}

async function reviewScope(caller: Caller, branchId: string | undefined): Promise<Scope> {
  requireRole(caller, 'secretary', 'committee')
  if (hasRole(caller, 'committee')) {
    const branches = await findMany(
      'branches',
      { collegeId: caller.member.collegeId },
      { orderBy: [['order', 'asc']], limit: 200 },
    )
    if (branchId && !branches.some((b) => b._id === branchId)) throw new AppError('NOT_FOUND', '支部不存在')
    return { where: branchId ? { branchId } : { collegeId: caller.member.collegeId }, branches }
  }
  if (!caller.branchId) throw new AppError('FORBIDDEN', '你还没有编入党支部')
  if (branchId && branchId !== caller.branchId) throw new AppError('FORBIDDEN', '只能查看本支部的汇报')
  return { where: { branchId: caller.branchId }, branches: null }
}

interface QueueFilters {
  status: QueueStatus
  stage?: Stage
  period?: string
  branchId?: string
  cursor?: string
  limit: number
}

async function statusCounts(where: Record<string, unknown>): Promise<QueueResult['counts']> {
  const $ = command().aggregate
  const res = (await getDb()
    .collection('reports')
    .aggregate()
    .match(where)
    .group({ _id: '$status', count: $.sum(1) })
    .end()) as { list: { _id: string; count: number }[] }
  const counts = { pending: 0, returned: 0, approved: 0, all: 0 }
  for (const row of res.list) {
    if (row._id === 'pending' || row._id === 'returned' || row._id === 'approved') {
      counts[row._id] = row.count
      counts.all += row.count
    }
  }
  return counts
}

/**
 * The review queue: pending first and oldest first, then reviewed ones (latest review first); filters by
 * status, stage and period; counts per status from one aggregate. Never shows a draft.
 */
export async function listForReview(params: QueueFilters, ctx: CallContext): Promise<QueueResult> {
  const caller = await requireCaller(ctx)
  const scope = await reviewScope(caller, params.branchId)
  const cursor = decodeCursor(params.cursor)
  if (cursor && cursor.key <= 0) throw badCursor()
  const _ = command()
  const filters: Record<string, unknown> = { ...scope.where }
  if (params.period) filters.period = params.period
  if (params.stage) filters.stage = params.stage
  const pageWhere: Record<string, unknown> = {
    ...filters,
    ...(params.status === 'all' ? {} : { status: params.status }),
    // Drafts have queueOrder 0, so this also keeps them out of "all".
    queueOrder: cursor ? _.gte(cursor.key) : _.gt(0),
  }
  const skip = new Set(cursor?.ids ?? [])
  const [counts, docs] = await Promise.all([
    statusCounts(filters),
    findMany<SummaryDoc>('reports', pageWhere as Where, {
      orderBy: [['queueOrder', 'asc']],
      limit: params.limit + skip.size + 1,
      fields: SUMMARY_FIELDS,
    }),
  ])
  const fresh = docs.filter((d) => !skip.has(d._id))
  const { page, nextCursor } = pageOf(fresh, params.limit, (_, shown) =>
    cursorAfter(shown, (d) => d.queueOrder, cursor),
  )
  const branchNames = new Map((scope.branches ?? []).map((b) => [b._id, b.name]))
  const items: QueueItem[] = page.map((d) => ({
    ...toSummary(d),
    member: memberBrief(d),
    branchName: d.branchId ? (branchNames.get(d.branchId) ?? null) : null,
  }))
  return {
    items,
    nextCursor,
    counts,
    branches: scope.branches?.map((b) => ({ id: b._id, name: b.name })) ?? null,
    branchId: 'branchId' in scope.where ? scope.where.branchId : null,
  }
}

const DECIDED = '这份汇报已经审阅过了，无需重复审阅'

/** Approve or return the latest version; audited, signed with the reviewer's name and time, and the author is notified. */
export async function review(
  params: { id: string; version: number; decision: ReviewDecision; comment: string },
  ctx: CallContext,
): Promise<ReviewResult> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const doc = await getById('reports', params.id)
  if (!doc || !canManageBranch(caller, doc.branchId)) throw new AppError('NOT_FOUND', '汇报不存在或你无权审阅')
  refuseOwnRecord(caller, doc.memberId, '不能审阅自己的思想汇报，请由本支部其他书记或院党委审阅')
  if (doc.status === 'draft') throw new AppError('FAILED_PRECONDITION', '这份汇报还没有提交，不能审阅')
  if (doc.status !== 'pending') throw new AppError('FAILED_PRECONDITION', DECIDED)
  if (params.version !== doc.currentVersion)
    throw new AppError('CONFLICT', '学生已提交了新的版本，请刷新后审阅最新版本')
  await assertTextSafe(params.comment, caller.openid)

  const now = ctx.now
  const status = params.decision === 'approve' ? 'approved' : 'returned'
  const stored: StoredReview = {
    decision: params.decision,
    comment: params.comment,
    reviewerId: caller.memberId,
    reviewerName: caller.member.name,
    at: now,
  }
  const event: StoredTimelineEntry = {
    at: now,
    kind: status,
    actorId: caller.memberId,
    actorName: caller.member.name,
    note: params.comment ? `第 ${params.version} 版：${params.comment}` : `第 ${params.version} 版`,
  }
  // Consume one review-result consent, if the author gave one: one message per consent.
  const notify = doc.resultConsents > 0
  const _ = command()
  const updated = await updateWhere(
    'reports',
    { _id: doc._id, status: 'pending', currentVersion: params.version },
    {
      status,
      [`versions.${params.version - 1}.review`]: _.set(stored),
      lastReview: _.set(stored),
      reviewedAt: now,
      queueOrder: queueOrderFor(status, now),
      revision: _.inc(1),
      timeline: _.push([event]),
      updatedAt: now,
      ...(notify ? { resultConsents: _.inc(-1) } : {}),
    },
  )
  if (updated === 0) throw new AppError('CONFLICT', '这份汇报刚刚已被审阅或更新，请刷新后再看')
  const period = parsePeriod(doc.period)
  // The entry names the student (the log is read by people, and member ids may not say who it is).
  const summary = `${doc.memberName} ${period?.label ?? doc.period}思想汇报：${params.decision === 'approve' ? '通过' : '退回修改'}`
  await audit(
    caller,
    'report.review',
    doc._id,
    {
      summary,
      decision: params.decision,
      version: params.version,
      period: doc.period,
      memberId: doc.memberId,
      memberName: doc.memberName,
      comment: params.comment,
      before: { status: doc.status },
      after: { status },
    },
    now,
  )
  const notified = notify
    ? await sendResultMessage({
        touser: doc.openid,
        reportId: doc._id,
        periodLabel: period?.label ?? doc.period,
        decision: params.decision,
        reviewerName: caller.member.name,
        at: now,
        comment: params.comment,
      })
    : false
  return { id: doc._id, status, review: reviewView(stored) as NonNullable<ReturnType<typeof reviewView>>, notified }
}

/**
 * Members of a branch who owe the report of a period and have submitted none (a draft does not count).
 * The default period is the last one that has ended; for the running one the list means "not yet".
 */
export async function overdue(
  params: { period?: string; branchId?: string },
  ctx: CallContext,
): Promise<OverdueResult> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const branchId = hasRole(caller, 'committee') ? params.branchId : (params.branchId ?? caller.branchId ?? undefined)
  if (!branchId) throw new AppError('INVALID_ARGUMENT', '请选择支部')
  if (!canManageBranch(caller, branchId)) throw new AppError('FORBIDDEN', '只能查看本支部的汇报情况')

  const settings = await collegeSettings(caller.member.collegeId)
  const today = toDay(ctx.now)
  const current = periodOf(today, settings.reportPeriod)
  const period: Period | null = params.period ? parsePeriod(params.period) : shiftPeriod(current, -1)
  if (!period || period.kind !== settings.reportPeriod || period.start > today)
    throw new AppError('INVALID_ARGUMENT', '汇报周期不正确')

  const [members, reports] = await Promise.all([
    findMany(
      'members',
      { branchId },
      {
        limit: 1000,
        fields: { name: true, className: true, stage: true, stageDates: true, collegeId: true, roles: true },
      },
    ),
    findMany<Pick<ReportDoc, '_id' | 'memberId' | 'status'>>(
      'reports',
      { branchId, period: period.id },
      { limit: 1000, fields: { memberId: true, status: true } },
    ),
  ])
  if (members.some((m) => m.collegeId !== caller.member.collegeId)) throw new AppError('NOT_FOUND', '支部不存在')
  const statusOf = new Map(reports.map((r) => [r.memberId, r.status]))
  const owing = members.filter((m) => owedPeriods(m, settings, today).some((p) => p.id === period.id))
  const missing = owing.filter((m) => !SUBMITTED.includes(statusOf.get(m._id) ?? 'draft'))
  return {
    period,
    ended: period.end < today,
    branchId,
    owing: owing.length,
    submitted: owing.length - missing.length,
    members: missing
      .map((m) => ({
        ...memberBrief({ memberId: m._id, memberName: m.name, className: m.className, stage: m.stage }),
        hasDraft: statusOf.get(m._id) === 'draft',
      }))
      .sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name, 'zh-CN')),
  }
}
