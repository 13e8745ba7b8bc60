import { canManageBranch, hasRole, NOT_BOUND_MESSAGE, type Caller } from '../../_shared/auth'
import { aggregate, command, findAll, type AggregateStage } from '../../_shared/db'
import { collegeSettingsOf, type CollegeSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, CollegeDoc, MemberDoc } from '../../_shared/models'
import type { DashboardResult } from './contract'
import type { StageEventDoc } from './model'

/**
 * Who is calling, their college's settings and (optionally) its branches, their own stage records and
 * reports — in one aggregate request: the caller's roster entry with `$lookup`s, each served by an index
 * (colleges `_id`, branches `college_order`, stageEvents `member_at`, reports `member_period_unique`).
 */
export interface Workspace {
  caller: Caller
  collegeName: string
  settings: CollegeSettings
  branches: BranchDoc[]
  /** The caller's own records (when asked for). */
  events: StageEventDoc[]
  reports: OwnReport[]
  snapshot: DashboardSnapshotDoc | null
}

/** The college-wide dashboard as last computed (`_id` = collegeId); see dashboard.ts. */
export interface DashboardSnapshotDoc {
  _id: string
  at: Date
  result: DashboardResult
}

/** What the workspace keeps of the caller's own reports (no bodies). */
export interface OwnReport {
  _id: string
  period: string
  status: 'draft' | 'pending' | 'approved' | 'returned'
}

export interface WorkspaceNeeds {
  branches?: boolean
  events?: boolean
  reports?: boolean
  /** The college's dashboard snapshot (dashboard.ts), read in the same request. */
  snapshot?: boolean
}

interface CallerRow extends MemberDoc {
  college: CollegeDoc[]
  branchDocs?: BranchDoc[]
  events?: StageEventDoc[]
  reportDocs?: OwnReport[]
  snapshotDocs?: DashboardSnapshotDoc[]
}

export { aggregate, findAll, type AggregateStage }

/** Every condition on one field at once (`_.gte(a)` and `_.lt(b)` ...), or undefined when there is none. */
export function allOf(conditions: unknown[]): unknown {
  const present = conditions.filter((c) => c !== null && c !== undefined)
  if (present.length <= 1) return present[0]
  return (command().and as (c: unknown[]) => unknown)(present)
}

export { collegeSettingsOf }

export async function loadWorkspace(ctx: CallContext, needs: WorkspaceNeeds = {}): Promise<Workspace> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请先登录')
  const stages: AggregateStage[] = [
    { $match: { openid: ctx.openid } },
    { $limit: 1 },
    { $lookup: { from: 'colleges', localField: 'collegeId', foreignField: '_id', as: 'college' } },
  ]
  if (needs.branches) stages.push({ $lookup: { from: 'branches', localField: 'collegeId', foreignField: 'collegeId', as: 'branchDocs' } })
  if (needs.events) stages.push({ $lookup: { from: 'stageEvents', localField: '_id', foreignField: 'memberId', as: 'events' } })
  if (needs.snapshot) stages.push({ $lookup: { from: 'dashboardSnapshots', localField: 'collegeId', foreignField: '_id', as: 'snapshotDocs' } })
  if (needs.reports) {
    stages.push({ $lookup: { from: 'reports', localField: '_id', foreignField: 'memberId', as: 'reportDocs' } })
    stages.push({ $project: { 'reportDocs.versions': 0, 'reportDocs.draft': 0, 'reportDocs.timeline': 0 } })
  }
  const [row] = await aggregate<CallerRow>('members', stages)
  if (!row) throw new AppError('UNAUTHENTICATED', NOT_BOUND_MESSAGE)
  const { college, branchDocs, events, reportDocs, snapshotDocs, ...member } = row
  const branches = (branchDocs ?? []).slice().sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'zh-CN'))
  return {
    caller: { openid: ctx.openid, member, memberId: member._id, roles: member.roles, branchId: member.branchId },
    collegeName: college[0]?.name ?? '',
    settings: collegeSettingsOf(college[0]),
    branches,
    events: events ?? [],
    reports: (reportDocs ?? []).map((r) => ({ _id: r._id, period: r.period, status: r.status })),
    snapshot: snapshotDocs?.[0] ?? null,
  }
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
export function requireManageable(caller: Caller, member: Pick<MemberDoc, 'branchId' | 'collegeId'> | null): asserts member is MemberDoc {
  if (!member || member.collegeId !== caller.member.collegeId || !canManageBranch(caller, member.branchId)) {
    throw new AppError('NOT_FOUND', '没有找到这名成员，或其不在你管理的支部')
  }
}
