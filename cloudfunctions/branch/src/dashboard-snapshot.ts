import { requireCaller } from '../../_shared/auth'
import { badCursor, decodeCursor, encodeCursor, pageOf } from '../../_shared/cursor'
import { command, findMany, getDb, insertMany, isDuplicateKeyError } from '../../_shared/db'
import type { CollegeSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { readSettings } from '../../_shared/settings'
import { chinaDay } from '../../_shared/time'
import type {
  BranchStats,
  CollegeBranchRow,
  CollegeDashboard,
  DashboardBranchesResult,
  DashboardResult,
} from './contract'
import {
  collegeBranches,
  loadWorkspace,
  requireCommittee,
  requireManager,
  scopeBranch,
  type DashboardRowDoc,
  type DashboardSnapshotDoc,
} from './context'
import {
  COLLEGE_MEMBER_READS,
  collegeTotal,
  computeDashboard,
  joinCollegeMembers,
  type CollegeRow,
  type DashMember,
} from './dashboard'

/**
 * The college-wide view (committee) is served from a snapshot: computing it reads every member, report and
 * meeting of the college (about half a second at 3,000 students), and the figures move slowly. The timer
 * job `refreshDashboards` recomputes it every 10 minutes; an older snapshot, or 刷新 (`fresh`), recomputes it
 * on the spot. A branch's own view is always computed live: it is small.
 *
 * A snapshot is a summary document (`dashboardSnapshots`, `_id` = collegeId: the college as one and the first
 * page of branches, what the committee's first screen shows) and one row document per branch (`dashboardRows`,
 * its place in the committee's order as `rank`), which `dashboardBranches` pages through by cursor. So the first
 * screen reads three documents of a fixed size whatever the number of branches, and a page reads one page.
 */
export const SNAPSHOT_MAX_AGE_MS = 15 * 60 * 1000

/** The snapshot's layout: summary and rows. A snapshot stored before (every branch in one document) is computed again. */
const SNAPSHOT_VERSION = 2

/** Branches on the committee's first screen and on each further page. */
export const DASHBOARD_PAGE = 10

/** Rows written per request (one insert of many documents): a college's snapshot in ⌈branches / 100⌉ inserts. */
const ROWS_PER_INSERT = 100

function snapshotUsable(snapshot: DashboardSnapshotDoc | null, now: Date): snapshot is DashboardSnapshotDoc {
  if (!snapshot || snapshot.version !== SNAPSHOT_VERSION) return false
  const age = now.getTime() - new Date(snapshot.at).getTime()
  // A new day can start a new report period or month: never carry figures across midnight.
  return age >= 0 && age <= SNAPSHOT_MAX_AGE_MS && chinaDay(new Date(snapshot.at)) === chinaDay(now)
}

export async function dashboard(
  params: { branchId?: string; fresh?: boolean },
  ctx: CallContext,
): Promise<DashboardResult> {
  // 刷新 of the college view computes it at once: its members come with the caller (one request fewer).
  const collegeRefresh = params.fresh === true && params.branchId === undefined
  // The everyday view (a secretary's branch, the committee's snapshot) reads only the caller's own branch, so
  // its reads do not grow with the college; choosing a branch or 刷新 needs every branch.
  const everyBranch = params.branchId !== undefined || params.fresh === true
  const ws = await loadWorkspace(ctx, {
    branches: everyBranch ? true : 'own',
    snapshot: !everyBranch,
    ...(collegeRefresh ? { related: COLLEGE_MEMBER_READS } : {}),
  })
  const { caller } = ws
  requireManager(caller)
  const branchId = scopeBranch(ws, params.branchId)
  if (branchId) {
    const branches = ws.branches.filter((b) => b._id === branchId)
    const { head, stats } = await computeDashboard({ branchId }, branches, ws.settings, ctx.now)
    return { ...head, scope: 'branch', branches: stats, total: null }
  }
  if (!everyBranch && snapshotUsable(ws.snapshot, ctx.now)) return ws.snapshot.result
  const collegeId = caller.member.collegeId
  return refreshCollege(
    { _id: collegeId, name: ws.collegeName, settings: ws.settings },
    everyBranch ? ws.branches : await collegeBranches(collegeId),
    ctx.now,
    collegeRefresh ? joinCollegeMembers(ws.related as CollegeRow) : undefined,
  )
}

/**
 * The committee's order: branches that missed the meeting rules first (most periods missed), then those
 * with most members who missed last period's report, then the branches' own order.
 */
function byAttention(stats: BranchStats[]): BranchStats[] {
  return stats
    .map((s, order) => ({ s, order }))
    .sort(
      (a, b) =>
        b.s.compliance.missed - a.s.compliance.missed ||
        b.s.reports.overdueCount - a.s.reports.overdueCount ||
        a.order - b.order,
    )
    .map(({ s }) => s)
}

/** What the college view shows of a branch: its trend and rule rows are on its own dashboard. */
function collegeRow({ trend: _trend, compliance, ...figures }: BranchStats): CollegeBranchRow {
  return { ...figures, compliance: { missed: compliance.missed } }
}

/** A page's cursor (the shared format): the snapshot's time as its key, the rank of the last branch shown. */
function rowsCursor(at: Date, rank: number): string {
  return encodeCursor(at, [String(rank)])
}

function decodeRowsCursor(raw: string): { at: Date; rank: number } {
  const cursor = decodeCursor(raw)
  const rank = cursor?.ids.length === 1 && /^\d{1,5}$/.test(cursor.ids[0]) ? Number(cursor.ids[0]) : null
  if (!cursor || rank === null) throw badCursor()
  return { at: new Date(cursor.key), rank }
}

/** Computes a college's view and stores it as the snapshot: its rows, then the summary that serves them. */
async function refreshCollege(
  college: { _id: string; name: string; settings: CollegeSettings },
  branches: BranchDoc[],
  now: Date,
  members?: DashMember[],
): Promise<CollegeDashboard> {
  const { head, stats } = await computeDashboard({ collegeId: college._id }, branches, college.settings, now, members)
  const rows = byAttention(stats).map(collegeRow)
  await storeRows(college._id, now, rows)
  const first = pageOf(rows, DASHBOARD_PAGE, () => rowsCursor(now, DASHBOARD_PAGE - 1))
  const result: CollegeDashboard = {
    ...head,
    scope: 'college',
    total: collegeTotal(stats, `${college.name || '全院'}合计`),
    branchCount: rows.length,
    branches: first.page,
    nextCursor: first.nextCursor,
  }
  const doc: Omit<DashboardSnapshotDoc, '_id'> = { version: SNAPSHOT_VERSION, at: now, result }
  // Written after its rows: a summary never names rows that are not there yet.
  await getDb().collection('dashboardSnapshots').doc(college._id).set({ data: doc })
  return result
}

/** One row document per branch, many to an insert. A repeated refresh of the same instant finds them written. */
async function storeRows(collegeId: string, at: Date, rows: CollegeBranchRow[]): Promise<void> {
  const docs: DashboardRowDoc[] = rows.map((row, rank) => ({
    _id: `${collegeId}~${at.getTime()}~${rank}`,
    collegeId,
    at,
    rank,
    row,
  }))
  for (let i = 0; i < docs.length; i += ROWS_PER_INSERT) {
    try {
      await insertMany('dashboardRows', docs.slice(i, i + ROWS_PER_INSERT))
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
    }
  }
}

/**
 * Committee: the next branches of the college view. Rows of the snapshot the first screen came from (the
 * cursor names it), so paging shows every branch once even when a newer snapshot is stored meanwhile.
 */
export async function dashboardBranches(
  params: { cursor: string },
  ctx: CallContext,
): Promise<DashboardBranchesResult> {
  const caller = await requireCaller(ctx)
  requireCommittee(caller)
  const { at, rank } = decodeRowsCursor(params.cursor)
  const _ = command()
  const docs = await findMany(
    'dashboardRows',
    { collegeId: caller.member.collegeId, at, rank: _.gt(rank) },
    { orderBy: [['rank', 'asc']], limit: DASHBOARD_PAGE + 1 },
  )
  // A valid cursor always has rows after it: none means its snapshot was removed (refreshDashboards).
  if (docs.length === 0)
    throw new AppError('FAILED_PRECONDITION', '看板数据已更新，请重新打开数据看板', 'dashboardReplaced')
  const { page, nextCursor } = pageOf(docs, DASHBOARD_PAGE, (last) => rowsCursor(at, last.rank))
  return { items: page.map((d) => d.row), nextCursor }
}

/**
 * The timer trigger `dashboardSnapshot` (config.json): every college's snapshot, computed afresh; rows of
 * snapshots older than any the committee may still be paging through are removed.
 */
export async function refreshDashboards(ctx: CallContext): Promise<{ colleges: number }> {
  const colleges = await findMany('colleges', {}, { limit: 100 })
  const _ = command()
  for (const college of colleges) {
    const branches = await collegeBranches(college._id)
    await refreshCollege({ _id: college._id, name: college.name, settings: readSettings(college) }, branches, ctx.now)
    const served = new Date(ctx.now.getTime() - SNAPSHOT_MAX_AGE_MS)
    await getDb()
      .collection('dashboardRows')
      .where({ collegeId: college._id, at: _.lt(served) })
      .remove()
  }
  return { colleges: colleges.length }
}
