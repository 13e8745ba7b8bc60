import { canManageBranch, hasRole, requireCallerWith, type Caller, type RelatedRead } from '../../_shared/auth'
import { command, findMany } from '../../_shared/db'
import type { CollegeSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { readSettings } from '../../_shared/settings'
import type { CollegeBranchRow, CollegeDashboard } from './contract'
import type { DevStepDoc } from '../../development/src/file'

/**
 * Who is calling, their college's settings and (optionally) its branches, their own development steps and
 * reports — in one aggregate request: the caller's roster entry with `$lookup`s, each served by an index
 * (colleges `_id`, branches `college_order`, devSteps `member_step`, reports `member_period_unique`).
 */
export interface Workspace {
  caller: Caller
  collegeName: string
  settings: CollegeSettings
  branches: BranchDoc[]
  /** The caller's own development steps (when asked for). */
  steps: DevStepDoc[]
  reports: OwnReport[]
  snapshot: DashboardSnapshotDoc | null
  /** The documents of `needs.related`, by the names asked for. */
  related: Record<string, unknown[]>
}

/**
 * The college-wide dashboard as last computed (`_id` = collegeId): the committee's first screen, its first
 * page of branches included; see dashboard.ts. `version` 2 pairs it with its rows (`dashboardRows`); an
 * older snapshot (every branch in `result`) is not served but computed again.
 */
export interface DashboardSnapshotDoc {
  _id: string
  version?: number
  at: Date
  result: CollegeDashboard
}

/** One branch of a snapshot (`at` names the snapshot), at its place `rank` in the committee's order. */
export interface DashboardRowDoc {
  _id: string
  collegeId: string
  at: Date
  rank: number
  row: CollegeBranchRow
}

/** What the workspace keeps of the caller's own reports (no bodies). */
export interface OwnReport {
  _id: string
  period: string
  status: 'draft' | 'pending' | 'approved' | 'returned'
}

export interface WorkspaceNeeds {
  /** Every branch of the college, or (`'own'`) only the caller's own branch: a read that does not grow with the college. */
  branches?: boolean | 'own'
  steps?: boolean
  reports?: boolean
  /** The college's dashboard snapshot (dashboard.ts), read in the same request. */
  snapshot?: boolean
  /** More documents joined on the caller's fields in the same request (e.g. the college's members). */
  related?: Record<string, RelatedRead>
}

export { aggregate, findAll, type AggregateStage } from '../../_shared/db'

/** Every condition on one field at once (`_.gte(a)` and `_.lt(b)` ...), or undefined when there is none. */
export function allOf(conditions: unknown[]): unknown {
  const present = conditions.filter((c) => c !== null && c !== undefined)
  if (present.length <= 1) return present[0]
  return (command().and as (c: unknown[]) => unknown)(present)
}

export async function loadWorkspace(ctx: CallContext, needs: WorkspaceNeeds = {}): Promise<Workspace> {
  const related: Record<string, RelatedRead> = { ...needs.related }
  if (needs.branches === 'own') related.branches = { from: 'branches', localField: 'branchId', foreignField: '_id' }
  else if (needs.branches) related.branches = { from: 'branches', localField: 'collegeId', foreignField: 'collegeId' }
  if (needs.steps) related.steps = { from: 'devSteps', localField: '_id', foreignField: 'memberId' }
  if (needs.snapshot) related.snapshot = { from: 'dashboardSnapshots', localField: 'collegeId', foreignField: '_id' }
  if (needs.reports)
    related.reports = {
      from: 'reports',
      localField: '_id',
      foreignField: 'memberId',
      omit: ['versions', 'draft', 'timeline'],
    }
  const caller = await requireCallerWith(ctx, { college: true, related })
  const {
    branches = [],
    steps = [],
    reports = [],
    snapshot = [],
  } = caller.related as {
    branches?: BranchDoc[]
    steps?: DevStepDoc[]
    reports?: OwnReport[]
    snapshot?: DashboardSnapshotDoc[]
  }
  return {
    caller,
    collegeName: caller.college?.name ?? '',
    settings: readSettings(caller.college),
    branches: inBranchOrder(branches),
    steps,
    reports: reports.map((r) => ({ _id: r._id, period: r.period, status: r.status })),
    snapshot: snapshot[0] ?? null,
    related: caller.related,
  }
}

/** Branches as every list shows them: by their set order, then by name. */
export function inBranchOrder(branches: BranchDoc[]): BranchDoc[] {
  return branches.slice().sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'zh-CN'))
}

/** Every branch of a college, in list order (indexed by branches `college_order`). */
export async function collegeBranches(collegeId: string): Promise<BranchDoc[]> {
  return inBranchOrder(await findMany('branches', { collegeId }, { orderBy: [['order', 'asc']], limit: 1000 }))
}

export function isCommittee(caller: Caller): boolean {
  return hasRole(caller, 'committee')
}

export function isManager(caller: Caller): boolean {
  return isCommittee(caller) || (hasRole(caller, 'secretary') && caller.branchId !== null)
}

export function requireManager(caller: Caller): void {
  if (!isManager(caller)) throw new AppError('FORBIDDEN', '只有支部书记和院党委可以使用支部工作台')
}

export function requireCommittee(caller: Caller): void {
  if (!isCommittee(caller)) throw new AppError('FORBIDDEN', '只有院党委可以进行此操作')
}

/**
 * The branch a request is about: a secretary's own branch (asking for another is refused), or for the
 * committee the one asked for (null = every branch). A branch of another college does not exist.
 */
export function scopeBranch(ws: Workspace, requested: string | undefined): string | null {
  const { caller } = ws
  if (isCommittee(caller)) {
    if (requested === undefined) return null
    if (!ws.branches.some((b) => b._id === requested)) throw new AppError('NOT_FOUND', '没有找到这个支部')
    return requested
  }
  requireManager(caller)
  if (requested !== undefined && requested !== caller.branchId) throw new AppError('FORBIDDEN', '只能查看本支部的数据')
  return caller.branchId
}

/** A member the caller may manage (secretary of their branch, committee of the college), else NOT_FOUND. */
export function requireManageable(
  caller: Caller,
  member: Pick<MemberDoc, 'branchId' | 'collegeId'> | null,
): asserts member is MemberDoc {
  if (!member || member.collegeId !== caller.member.collegeId || !canManageBranch(caller, member.branchId)) {
    throw new AppError('NOT_FOUND', '没有找到这名成员，或其不在你管理的支部')
  }
}
