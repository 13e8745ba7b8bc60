import { ATTENDANCE_LABELS, attendanceStatus, tallyAttendance } from '../../_shared/attendance'
import { command, count, findMany, getDb, readInTx, transaction, type Where } from '../../_shared/db'
import { MEETING_TYPE_LABELS, STAGE_LABELS, type MeetingType, type Stage } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { buildCalendar, overduePeriods, parsePeriod, REPORT_STATUS_LABELS } from '../../_shared/periods'
import { listedSecretaries } from '../../_shared/secretaries'
import { addMonths, chinaDay, chinaMonth, formatDay, iso } from '../../_shared/time'
import { badCursor, pageOf } from '../../_shared/cursor'
import type { AttendanceLine, BranchInfo, BranchesResult, MemberDetail, MemberRow, MembersResult } from './contract'
import {
  aggregate,
  allOf,
  isCommittee,
  loadWorkspace,
  requireCommittee,
  requireManageable,
  requireManager,
  scopeBranch,
  type Workspace,
} from './context'
import { meetingRecords } from './dashboard'
import { branchName } from './model'
import { bindingState } from './binding'
import { auditEntry, auditInTx } from '../../_shared/audit'
import { approvedCount, loadMemberRecord } from './records'
import { buildTimeline, byStep, ruleValue } from './progress'
import { resolveRules } from '../../development/src/rules'

const PAGE = 20

// ------------------------------------------------------------------------------------------------
// branches / saveBranch

type StageGroup = { _id: { b: string | null; s: Stage }; n: number }
type SecretaryRow = Pick<MemberDoc, '_id' | 'name' | 'studentNo' | 'branchId'>

function branchInfo(b: BranchDoc, groups: StageGroup[], secretaries: SecretaryRow[]): BranchInfo {
  const byStage: Partial<Record<Stage, number>> = {}
  let memberCount = 0
  for (const g of groups) {
    if (g._id.b !== b._id) continue
    byStage[g._id.s] = (byStage[g._id.s] ?? 0) + g.n
    memberCount += g.n
  }
  return {
    id: b._id,
    name: b.name,
    order: b.order,
    memberCount,
    byStage,
    secretaries: secretaries
      .filter((s) => s.branchId === b._id)
      .map((s) => ({ memberId: s._id, name: s.name, studentNo: s.studentNo })),
  }
}

/** Members per branch and stage (one aggregate over `college_stage_studentNo` / `branch_stage`). */
async function stageGroups(where: Record<string, unknown>): Promise<StageGroup[]> {
  return aggregate<StageGroup>('members', [
    { $match: where },
    { $group: { _id: { b: '$branchId', s: '$stage' }, n: { $sum: 1 } } },
    { $limit: 10_000 },
  ])
}

async function secretariesOf(where: Record<string, unknown>): Promise<SecretaryRow[]> {
  return findMany<SecretaryRow>(
    'members',
    { ...where, roles: 'secretary' },
    { limit: 500, fields: { name: true, studentNo: true, branchId: true } },
  )
}

/** Branches with member counts and secretaries: workspace, stage counts, secretaries (three requests). */
export async function branches(_params: Record<string, never>, ctx: CallContext): Promise<BranchesResult> {
  const ws = await loadWorkspace(ctx, { branches: true })
  const { caller } = ws
  requireManager(caller)
  const branchId = scopeBranch(ws, undefined)
  const where = branchId ? { branchId } : { collegeId: caller.member.collegeId }
  const shown = branchId ? ws.branches.filter((b) => b._id === branchId) : ws.branches
  const [groups, secretaries] = await Promise.all([
    stageGroups(where),
    shown.every((b) => Array.isArray(b.secretaryIds)) ? listedSecretaries(shown) : secretariesOf(where),
  ])
  return { branches: shown.map((b) => branchInfo(b, groups, secretaries)), canManage: isCommittee(caller) }
}

/**
 * Committee: creates or renames a branch and sets its secretaries. An appointee must be on the roster of
 * this branch (or of no branch yet: they join it); secretaries left out lose the role. One transaction
 * with the audit entry.
 */
export async function saveBranch(
  params: { branchId?: string; name: string; order?: number; secretaryNos: string[] },
  ctx: CallContext,
): Promise<BranchInfo> {
  const ws = await loadWorkspace(ctx, { branches: true })
  const { caller } = ws
  requireCommittee(caller)
  const collegeId = caller.member.collegeId
  const existing = params.branchId ? ws.branches.find((b) => b._id === params.branchId) : null
  if (params.branchId && !existing) throw new AppError('NOT_FOUND', '没有找到这个支部')
  if (ws.branches.some((b) => b.name === params.name && b._id !== params.branchId))
    throw new AppError('CONFLICT', `已有名为「${params.name}」的支部`)
  const wanted = [...new Set(params.secretaryNos)]
  const _ = command()
  const branchId = existing?._id ?? `branch-${ctx.now.getTime().toString(36)}`
  const [appointees, current] = await Promise.all([
    wanted.length ? findMany('members', { studentNo: _.in(wanted) }, { limit: wanted.length }) : Promise.resolve([]),
    existing ? secretariesOf({ branchId }) : Promise.resolve([]),
  ])
  for (const no of wanted) {
    const m = appointees.find((a) => a.studentNo === no)
    if (!m || m.collegeId !== collegeId) throw new AppError('NOT_FOUND', `学号 ${no} 不在本院名册中，请先导入名册`)
    if (m.branchId && m.branchId !== branchId) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `${m.name}（${no}）属于「${branchName(m.branchId, ws.branches)}」，请先通过名册导入调整其所在支部`,
      )
    }
  }
  const order = params.order ?? existing?.order ?? ws.branches.reduce((max, b) => Math.max(max, b.order), 0) + 1
  const removed = current.filter((c) => !wanted.includes(c.studentNo))
  const added = appointees.filter((a) => !a.roles.includes('secretary') || a.branchId !== branchId)

  await transaction(async (tx) => {
    // secretaryIds is written with the roles it mirrors (see BranchDoc), in the order given.
    const secretaryIds = wanted
      .map((no) => appointees.find((a) => a.studentNo === no)?._id)
      .filter((id): id is string => id !== undefined)
    const branchDoc = { collegeId, name: params.name, order, secretaryIds }
    if (existing)
      await tx
        .collection('branches')
        .doc(branchId)
        .update({ data: { ...branchDoc, secretaryIds: _.set(secretaryIds) } })
    else
      await tx
        .collection('branches')
        .doc(branchId)
        .set({ data: { ...branchDoc, createdAt: ctx.now } })
    for (const r of removed) {
      const m = await readInTx<MemberDoc>(tx.collection('members').doc(r._id))
      if (m)
        await tx
          .collection('members')
          .doc(r._id)
          .update({ data: { roles: _.set(m.roles.filter((x) => x !== 'secretary')), updatedAt: ctx.now } })
    }
    for (const a of added) {
      const roles = a.roles.includes('secretary') ? a.roles : [...a.roles, 'secretary']
      await tx
        .collection('members')
        .doc(a._id)
        .update({ data: { roles: _.set(roles), branchId, updatedAt: ctx.now } })
    }
    const summary = `${existing ? '修改' : '新建'}支部「${params.name}」，书记：${appointees.map((a) => a.name).join('、') || '暂未设置'}`
    await auditInTx(
      tx,
      auditEntry(
        caller,
        'branch.saveBranch',
        branchId,
        {
          summary,
          name: params.name,
          before: existing?.name ?? null,
          secretaries: wanted,
          removed: removed.map((r) => r.studentNo),
        },
        ctx.now,
      ),
    )
  })
  const memberCount = await count('members', { branchId })
  return {
    id: branchId,
    name: params.name,
    order,
    memberCount,
    byStage: {},
    secretaries: appointees.map((a) => ({ memberId: a._id, name: a.name, studentNo: a.studentNo })),
  }
}

// ------------------------------------------------------------------------------------------------
// members

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A short note for the list: an activist who may now become a development target (the file's rule). */
function hintFor(m: Pick<MemberDoc, 'stage' | 'stageDates'>, ws: Workspace, today: string): string | null {
  if (m.stage === 'activist' && m.stageDates?.activist) {
    const from = addMonths(m.stageDates.activist, ruleValue(resolveRules(ws.settings.development), 'activist-year'))
    return from <= today ? '已满培养期，可列为发展对象' : null
  }
  if (m.stage === 'probationary' && !m.stageDates?.probationary) return '接收日期未登记'
  return null
}

export function memberRow(m: MemberDoc, ws: Workspace, today: string): MemberRow {
  const current = m.stage === 'masses' ? undefined : m.stageDates?.[m.stage]
  return {
    id: m._id,
    studentNo: m.studentNo,
    name: m.name,
    className: m.className,
    gender: m.gender,
    branchId: m.branchId,
    branchName: branchName(m.branchId, ws.branches),
    stage: m.stage,
    stageLabel: STAGE_LABELS[m.stage],
    stageDate: current ?? null,
    bound: Boolean(m.openid),
    roles: m.roles,
    hint: hintFor(m, ws, today),
  }
}

/**
 * The roster page's one call: a page of members ordered by student number (cursor = the last one),
 * filtered by stage and by a name or student-number search, with the per-stage counts on the first page.
 * Requests: workspace, the page (members `branch_stage_studentNo` / `college_stage_studentNo`), counts.
 */
export async function members(
  params: { branchId?: string; stage?: Stage; q?: string; cursor?: string },
  ctx: CallContext,
): Promise<MembersResult> {
  const ws = await loadWorkspace(ctx, { branches: true })
  requireManager(ws.caller)
  const branchId = scopeBranch(ws, params.branchId)
  const _ = command()
  const scope: Record<string, unknown> = branchId ? { branchId } : { collegeId: ws.caller.member.collegeId }
  const search: Record<string, unknown> = {}
  const q = params.q?.trim()
  let prefix: unknown[] = []
  if (q && /^[A-Za-z0-9]+$/.test(q)) {
    const upper = q.toUpperCase()
    prefix = [_.gte(upper), _.lt(`${upper}\uffff`)]
  } else if (q) {
    search.name = getDb().RegExp({ regexp: escapeRegExp(q), options: '' })
  }
  if (params.cursor && !/^[A-Za-z0-9]{1,20}$/.test(params.cursor)) throw badCursor()
  const studentNo = allOf([...prefix, params.cursor ? _.gt(params.cursor) : null])
  const where = {
    ...scope,
    ...(params.stage ? { stage: params.stage } : {}),
    ...search,
    ...(studentNo ? { studentNo } : {}),
  } as Where
  const prefixOnly = allOf(prefix)
  const countsWhere = { ...scope, ...search, ...(prefixOnly ? { studentNo: prefixOnly } : {}) }
  const [page, groups] = await Promise.all([
    findMany('members', where, { orderBy: [['studentNo', 'asc']], limit: PAGE + 1 }),
    params.cursor
      ? Promise.resolve(null)
      : aggregate<{ _id: Stage; n: number }>('members', [
          { $match: countsWhere },
          { $group: { _id: '$stage', n: { $sum: 1 } } },
          { $limit: 10 },
        ]),
  ])
  const today = chinaDay(ctx.now)
  const { page: shown, nextCursor } = pageOf(page, PAGE, (last) => last.studentNo)
  const counts = groups ? Object.fromEntries(groups.map((g) => [g._id, g.n])) : null
  return {
    members: shown.map((m) => memberRow(m, ws, today)),
    nextCursor,
    counts,
    total: groups ? groups.reduce((n, g) => n + g.n, 0) : null,
    branches: ws.branches.map((b) => ({ id: b._id, name: b.name })),
    scopeBranchId: branchId,
  }
}

// ------------------------------------------------------------------------------------------------
// member

interface MeetingRow {
  _id: string
  title: string
  type: MeetingType
  startAt: Date
  endAt: Date
  status: string
  expected: boolean
  present: { memberId: string }[]
  leaves: { memberId: string; status: string }[]
}

/**
 * Ended meetings of a branch in the last year with one member's standing at each: one aggregate over
 * meetings `branch_endAt`, its `$lookup`s served by attendance `meeting_member_unique` and meetingLeaves
 * `meeting_status`, filtered down to the member inside the database.
 */
async function memberMeetings(branchId: string | null, memberId: string, now: Date): Promise<MeetingRow[]> {
  if (!branchId) return []
  const _ = command()
  const since = new Date(now.getTime() - 365 * 86_400_000)
  const mine = (field: string) => ({
    $filter: { input: `$${field}`, as: 'x', cond: { $eq: ['$$x.memberId', memberId] } },
  })
  return aggregate<MeetingRow>('meetings', [
    { $match: { branchId, endAt: _.gte(since).and(_.lte(now)) } },
    { $sort: { endAt: -1 } },
    { $limit: 200 },
    ...meetingRecords('_id', 'attendanceDocs'),
    {
      $project: {
        title: 1,
        type: 1,
        startAt: 1,
        endAt: 1,
        status: 1,
        expected: { $in: [memberId, '$attendees.memberId'] },
        present: mine('attendanceDocs'),
        leaves: mine('leaveDocs'),
      },
    },
  ])
}

function attendanceOf(meetings: MeetingRow[]): MemberDetail['attendance'] {
  const lines: AttendanceLine[] = meetings
    .filter((m) => m.status !== 'cancelled' && m.expected)
    .map((m) => {
      const status = attendanceStatus(m.present.length > 0, m.leaves.find((l) => l.status === 'approved')?.status)
      return {
        meetingId: m._id,
        title: m.title,
        typeLabel: MEETING_TYPE_LABELS[m.type] ?? '会议',
        startAt: iso(m.startAt) ?? '',
        status,
        statusLabel: ATTENDANCE_LABELS[status],
      }
    })
  const { expected, present, leave, absent } = tallyAttendance(lines.map((l) => l.status))
  return { lines, present, leave, absent, rate: expected ? present / expected : null }
}

/**
 * One member for the secretary: profile, stage timeline with every record, what may come next, reports,
 * attendance and points. Requests: workspace, the member with records/reports/points, meetings.
 */
export async function member(params: { memberId: string }, ctx: CallContext): Promise<MemberDetail> {
  const ws = await loadWorkspace(ctx, { branches: true })
  const { caller } = ws
  requireManager(caller)
  const rec = await loadMemberRecord(params.memberId, { points: true })
  requireManageable(caller, rec?.member ?? null)
  const { member: m, steps, reports, points } = rec as NonNullable<typeof rec>
  const meetings = await memberMeetings(m.branchId, m._id, ctx.now)
  const suggestions = meetings
    .filter((x) => x.status !== 'cancelled' && (x.type === 'general' || x.type === 'committee'))
    .slice(0, 6)
    .map((x) => `${formatDay(chinaDay(new Date(x.startAt)))}${MEETING_TYPE_LABELS[x.type]}：${x.title}`)
  const timeline = buildTimeline(ws, m, byStep(steps), approvedCount(reports), ctx.now, true, suggestions)
  const today = chinaDay(ctx.now)
  const calendar = buildCalendar(
    { stage: m.stage, stageDates: timeline.member.stageDates },
    { reportPeriod: ws.settings.reportPeriod, reportStages: ws.settings.reportStages },
    reports.map((r) => ({ id: r._id, period: r.period, status: r.status })),
    today,
  )
  return {
    ...timeline,
    gender: m.gender,
    bound: Boolean(m.openid),
    binding: bindingState(m, caller.memberId, ctx.now),
    roles: m.roles,
    branchPost: m.branchPost ?? null,
    reports: reports
      .filter((r) => r.status !== 'draft')
      .sort((a, b) => (a.period < b.period ? 1 : -1))
      .map((r) => ({
        id: r._id,
        period: r.period,
        periodLabel: parsePeriod(r.period)?.label ?? r.period,
        status: r.status,
        statusLabel: REPORT_STATUS_LABELS[r.status],
        title: r.latest?.title || '思想汇报',
        submittedAt: iso(r.submittedAt ?? null),
      })),
    overdueReports: overduePeriods(calendar).map((p) => p.label),
    attendance: attendanceOf(meetings),
    points: {
      total: points?.total ?? 0,
      monthTotal: points && points.month === chinaMonth(ctx.now) ? points.monthTotal : 0,
    },
  }
}
