import { hasRole, requireCaller } from '../../_shared/auth'
import type { Collections } from '../../_shared/collections'
import { command, findMany, getById, type Where } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import {
  currentTotals,
  ledgerId,
  POINT_KIND_LABELS,
  POINT_KINDS,
  pointRulesOf,
  type PointRules,
  type PointsLedgerDoc,
} from '../../_shared/points'
import { addDays, chinaDay, chinaMonth, chinaWeek } from '../../_shared/time'
import type { StudySettings } from '../../_shared/domain'
import { badCursor, decodeCursor, encodeCursor } from '../../_shared/cursor'
import { ranked } from '../../_shared/ranking'
import type { LedgerItem, CursorPage, PointsResult, RankingEntry, RankingResult } from './contract'
import { studySettingsOf } from './support'

/** 我的积分 and the rankings: read-only views of the ledger and the running totals (`_shared/points`). */

const HISTORY_PAGE = 20
const RANKING_SIZE = 50

function rulesText(rules: PointRules, study: StudySettings): string[] {
  const read = rules.dailyCapByKind.read
  return [
    `阅读文章：每篇读满 ${study.readMinSeconds}～${study.readMaxSeconds} 秒（按篇幅）得 ${study.readPoints} 分，同一篇每天计 1 次，每天最多 ${read} 分`,
    `观看视频：每个看满规定时长得 ${study.videoPoints} 分，每天最多 ${rules.dailyCapByKind.video} 分`,
    `每日打卡：首日 ${study.checkInBasePoints} 分，连续打卡每天多 1 分，最多 ${study.checkInMaxPoints} 分`,
    `每日答题、支部测验、挑战答题：按成绩计分，每天分别最多 ${rules.dailyCapByKind.dailyQuiz}、${rules.dailyCapByKind.quiz}、${rules.dailyCapByKind.challenge} 分`,
    `每天合计最多 ${rules.dailyCap} 分`,
  ]
}

/** The 我的积分 page in one call: totals, today against the caps, streak and this month's check-ins. */
export async function points(_params: Record<string, never>, ctx: CallContext): Promise<PointsResult> {
  const caller = await requireCaller(ctx)
  const today = chinaDay(ctx.now)
  const yesterday = addDays(today, -1)
  const month = chinaMonth(ctx.now)
  const from = `${month}-01` < yesterday ? `${month}-01` : yesterday
  const [college, stored, checkIns] = await Promise.all([
    getById('colleges', caller.member.collegeId),
    getById('pointsTotals', caller.memberId),
    findMany(
      'checkIns',
      { memberId: caller.memberId, day: command().gte(from) },
      { orderBy: [['day', 'asc']], limit: 40 },
    ),
  ])
  const rules = pointRulesOf(college?.settings)
  const totals = currentTotals(stored, caller.member, ctx.now)
  const todays = checkIns.find((d) => d.day === today)
  const yesterdays = checkIns.find((d) => d.day === yesterday)
  return {
    total: totals.total,
    weekTotal: totals.weekTotal,
    monthTotal: totals.monthTotal,
    today: {
      total: totals.dayTotal,
      cap: rules.dailyCap,
      kinds: POINT_KINDS.map((kind) => ({
        kind,
        label: POINT_KIND_LABELS[kind],
        points: totals.dayByKind[kind] ?? 0,
        cap: rules.dailyCapByKind[kind],
      })),
    },
    clockIn: {
      clockedInToday: Boolean(todays),
      streak: todays?.streak ?? yesterdays?.streak ?? 0,
      month,
      days: checkIns.filter((d) => d.month === month).map((d) => d.day),
      today,
    },
    rules: rulesText(rules, studySettingsOf(college?.settings)),
  }
}

/** One line of the history: a ledger entry, or the entry a quiz attempt carries. */
type HistoryRow = Pick<PointsLedgerDoc, '_id' | 'kind' | 'points' | 'reason' | 'at'>

/**
 * The ledger, newest first, with the points entries quiz attempts carry (`quizAttempts.pointsEntry`: a
 * quiz's points are kept with the attempt that earned them). The cursor is the last entry's time and id
 * (entries of the same instant stay in order).
 */
export async function pointsHistory(params: { cursor?: string }, ctx: CallContext): Promise<CursorPage<LedgerItem>> {
  const caller = await requireCaller(ctx)
  const cursor = decodeCursor(params.cursor)
  if (cursor && cursor.ids.length !== 1) throw badCursor()
  const bound = cursor ? { at: new Date(cursor.key), id: cursor.ids[0] } : null
  const _ = command()
  const where: Where = { memberId: caller.memberId, ...(bound ? { at: _.lte(bound.at) } : {}) }
  const [ledger, attempts] = await Promise.all([
    findMany('pointsLedger', where, {
      orderBy: [
        ['at', 'desc'],
        ['_id', 'desc'],
      ],
      limit: HISTORY_PAGE + 8,
    }),
    findMany<Pick<Collections['quizAttempts'], '_id' | 'points' | 'submittedAt' | 'pointsEntry'>>(
      'quizAttempts',
      {
        memberId: caller.memberId,
        pointsEntry: _.exists(true),
        ...(bound ? { submittedAt: _.lte(bound.at) } : {}),
      },
      {
        orderBy: [['submittedAt', 'desc']],
        limit: HISTORY_PAGE + 8,
        fields: { _id: true, points: true, submittedAt: true, pointsEntry: true },
      },
    ),
  ])
  const docs: HistoryRow[] = [
    ...ledger,
    ...attempts.flatMap((a) =>
      a.pointsEntry && a.submittedAt
        ? [
            {
              _id: ledgerId(caller.memberId, a.pointsEntry.kind, a._id),
              kind: a.pointsEntry.kind,
              points: a.points,
              reason: a.pointsEntry.reason,
              at: a.submittedAt,
            },
          ]
        : [],
    ),
  ].sort((x, y) => new Date(y.at).getTime() - new Date(x.at).getTime() || (x._id < y._id ? 1 : x._id > y._id ? -1 : 0))
  // Entries at the cursor's instant that were already on the previous page are skipped.
  const fresh = bound ? docs.filter((d) => new Date(d.at).getTime() < bound.at.getTime() || d._id < bound.id) : docs
  const page = fresh.slice(0, HISTORY_PAGE)
  const last = page[page.length - 1]
  return {
    items: page.map((d) => ({
      id: d._id,
      kind: d.kind,
      label: POINT_KIND_LABELS[d.kind],
      points: d.points,
      reason: d.reason,
      at: new Date(d.at).toISOString(),
    })),
    nextCursor: fresh.length > HISTORY_PAGE && last ? encodeCursor(last.at, [last._id]) : null,
  }
}

type Period = 'week' | 'month' | 'all'
const PERIOD_LABELS: Record<Period, string> = { week: '本周', month: '本月', all: '累计' }

/** Where and order of a ranking: the current week/month window (older windows hold stale sums). */
function rankingQuery(period: Period, now: Date): { where: Where; field: 'weekTotal' | 'monthTotal' | 'total' } {
  if (period === 'week') return { where: { week: chinaWeek(now) }, field: 'weekTotal' }
  if (period === 'month') return { where: { month: chinaMonth(now) }, field: 'monthTotal' }
  return { where: {}, field: 'total' }
}

/**
 * Branch ranking for everyone (their own branch), the college ranking and any branch for the committee.
 * Reads `pointsTotals` by index, then the names of the people listed.
 */
export async function ranking(
  params: { scope: 'branch' | 'college'; period: Period; branchId?: string },
  ctx: CallContext,
): Promise<RankingResult> {
  const caller = await requireCaller(ctx)
  const committee = hasRole(caller, 'committee')
  if (params.scope === 'college' && !committee) throw new AppError('FORBIDDEN', '全院排行仅院党委可以查看')
  if (params.branchId && !committee && params.branchId !== caller.branchId)
    throw new AppError('FORBIDDEN', '只能查看本支部的排行')
  const branchId = params.scope === 'branch' ? (params.branchId ?? caller.branchId) : null
  if (params.scope === 'branch' && !branchId) throw new AppError('INVALID_ARGUMENT', '请选择要查看的支部')

  const { where, field } = rankingQuery(params.period, ctx.now)
  const scopeWhere = params.scope === 'college' ? { collegeId: caller.member.collegeId } : { branchId }
  const [found, mine, branches] = await Promise.all([
    findMany('pointsTotals', { ...scopeWhere, ...where }, { orderBy: [[field, 'desc']], limit: RANKING_SIZE }),
    committee ? Promise.resolve(null) : getById('pointsTotals', caller.memberId),
    committee
      ? findMany('branches', { collegeId: caller.member.collegeId }, { orderBy: [['order', 'asc']], limit: 100 })
      : Promise.resolve([]),
  ])
  if (branchId && committee && !branches.some((b) => b._id === branchId))
    throw new AppError('NOT_FOUND', '所选支部不存在')
  // A member who has only answered quizzes has totals (their quiz figures live there) but no points.
  const rows = found.filter((row) => row[field] > 0)
  const people = rows.length
    ? await findMany(
        'members',
        { _id: command().in(rows.map((r) => r.memberId)) },
        { fields: { name: true, branchId: true }, limit: RANKING_SIZE },
      )
    : []
  const names = new Map(people.map((p) => [p._id, p.name]))
  const branchNames = new Map(branches.map((b) => [b._id, b.name]))

  const entries: RankingEntry[] = ranked(rows, (row) => row[field]).map((row) => ({
    rank: row.rank,
    memberId: row.memberId,
    name: names.get(row.memberId) ?? '—',
    branchName: row.branchId ? (branchNames.get(row.branchId) ?? null) : null,
    points: row[field],
    me: row.memberId === caller.memberId,
  }))
  const mineNow = mine ? currentTotals(mine, caller.member, ctx.now) : null
  const title = `${params.scope === 'college' ? '全院' : committee && branchId ? (branchNames.get(branchId) ?? '支部') : '本支部'} · ${PERIOD_LABELS[params.period]}`
  return {
    scope: params.scope,
    period: params.period,
    title,
    entries,
    me: committee ? null : { rank: entries.find((e) => e.me)?.rank ?? null, points: mineNow ? mineNow[field] : 0 },
    branches: branches.map((b) => ({ id: b._id, name: b.name })),
  }
}
