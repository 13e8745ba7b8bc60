import { countAttendance, withAbsent, type AttendanceFigures } from '../../_shared/attendance'
import type { RelatedRead } from '../../_shared/auth'
import { command } from '../../_shared/db'
import { STAGE_LABELS, STAGES, type CollegeSettings, type MeetingType } from '../../_shared/domain'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { owedPeriods, periodOf, shiftPeriod, type Period } from '../../_shared/periods'
import { chinaDay, chinaMonth, startOfChinaDay } from '../../_shared/time'
// The meeting function's own rule check, so the dashboard and the 签到 page agree on compliance.
import { branchCompliance, complianceSince, periodAt } from '../../meeting/src/compliance'
import type { BranchStats, DashboardHead, TrendPoint } from './contract'
import { aggregate, type AggregateStage } from './context'

/**
 * The dashboard: members by stage, report submission for the current period (and who missed the last
 * one), meeting attendance this semester and compliance with the meeting rules, study points and quiz
 * participation this month — per branch, or every branch side by side for the committee.
 *
 * Four requests, whatever the number of branches: the caller with college and branches; the members
 * with their points totals, which hold their quiz figures (`$lookup` by `_id`); the reports of the two periods
 * (reports `branch_period_status_queue` / `college_status_queue`); the meetings since the compliance
 * window began with their attendance and leave (`$lookup` on `meeting_member_unique` / `meeting_status`).
 * Everything else is counted here from those rows. 刷新 of the college view reads its members with the
 * caller instead; the college view is stored and served as a snapshot (dashboard-snapshot.ts).
 */

const SUBMITTED = ['pending', 'returned', 'approved']

export type DashMember = Pick<MemberDoc, '_id' | 'name' | 'className' | 'branchId' | 'stage' | 'stageDates'> & {
  /** Their points totals (none before their first points or quiz), with the quiz figures' last attempt. */
  points: { total?: number; month?: string; monthTotal?: number; quiz?: { updatedAt?: Date } }[]
}

export interface DashReport {
  memberId: string
  branchId: string | null
  period: string
  status: string
  /** Every submission's time (the first one says whether the report came on time). */
  versions?: { submittedAt: Date }[]
}

/** How many months of attendance and how many ended report periods the trend shows. */
export const TREND_MONTHS = 6
export const TREND_PERIODS = 4

/** A meeting with who was expected, present and on leave: the attendance export's rows. */
export interface DashMeeting {
  _id: string
  branchId: string
  type: MeetingType
  title: string
  startAt: Date
  endAt: Date
  status: 'scheduled' | 'cancelled'
  /** When check-in closes: until then, who has not checked in may still come (not yet absent). */
  checkInClosesAt?: Date
  attendeeIds: string[]
  presentIds: string[]
  leaves: { memberId: string; status: string }[]
}

/** A meeting as the dashboard counts it. */
export type FiguredMeeting = Pick<DashMeeting, '_id' | 'branchId' | 'type' | 'startAt' | 'endAt' | 'status'> & {
  /** Its stored figures, or counted from its records; null for a meeting whose attendance is not counted. */
  figures: AttendanceFigures | null
}

const MEMBER_FIELDS = ['_id', 'name', 'className', 'branchId', 'stage', 'stageDates'] as const
/** `MEMBER_FIELDS` as a `$project` stage (`_id` is kept by every projection). */
const MEMBER_PROJECTION = Object.fromEntries(MEMBER_FIELDS.slice(1).map((f) => [f, 1]))

/**
 * The members in scope with their points totals (holding their quiz figures). A branch: its members
 * with a `$lookup` by `_id`. The whole college: `collegeMembers`.
 */
export async function dashboardMembers(scope: { branchId: string } | { collegeId: string }): Promise<DashMember[]> {
  if ('collegeId' in scope) return collegeMembers(scope.collegeId)
  return aggregate<DashMember>('members', [
    { $match: scope },
    { $limit: 10_000 },
    { $project: MEMBER_PROJECTION },
    { $lookup: { from: 'pointsTotals', localField: '_id', foreignField: '_id', as: 'points' } },
    {
      $project: {
        ...MEMBER_PROJECTION,
        'points.total': 1,
        'points.month': 1,
        'points.monthTotal': 1,
        'points.quiz.updatedAt': 1,
      },
    },
  ])
}

export interface CollegeRow {
  members?: Omit<DashMember, 'points'>[]
  totals?: ({ _id: string } & DashMember['points'][number])[]
}

/**
 * Every member of the college with their totals (and quiz figures), in one aggregate rooted at the
 * college: two `$lookup`s by `collegeId` (members `college_studentNo`, pointsTotals `college_total`),
 * matched up here by member id. Joining thousands of members by `_id` instead would name thousands of
 * keys, more than a `$lookup` serves from an index.
 */
async function collegeMembers(collegeId: string): Promise<DashMember[]> {
  const [row] = await aggregate<CollegeRow>('colleges', [
    { $match: { _id: collegeId } },
    { $limit: 1 },
    { $lookup: { from: 'members', localField: '_id', foreignField: 'collegeId', as: 'members' } },
    { $lookup: { from: 'pointsTotals', localField: '_id', foreignField: 'collegeId', as: 'totals' } },
    {
      $project: {
        _id: 0,
        ...Object.fromEntries(MEMBER_FIELDS.map((f) => [`members.${f}`, 1])),
        'totals._id': 1,
        'totals.total': 1,
        'totals.month': 1,
        'totals.monthTotal': 1,
        'totals.quiz.updatedAt': 1,
      },
    },
  ])
  return joinCollegeMembers(row ?? {})
}

/**
 * The same two joins made from the caller's roster entry (its `collegeId`), for 刷新: read with the
 * caller in the workspace request instead of a request of their own.
 */
export const COLLEGE_MEMBER_READS: Record<keyof CollegeRow, RelatedRead> = {
  members: { from: 'members', localField: 'collegeId', foreignField: 'collegeId', omit: ['bindCode', 'leftBranch'] },
  totals: {
    from: 'pointsTotals',
    localField: 'collegeId',
    foreignField: 'collegeId',
    omit: ['applied', 'dayByKind', 'quiz.countedAttempts'],
  },
}

/** The members with their totals matched up by member id. */
export function joinCollegeMembers(row: CollegeRow): DashMember[] {
  const totals = new Map((row.totals ?? []).map(({ _id, ...t }) => [_id, t]))
  return (row.members ?? []).map((m) => {
    const t = totals.get(m._id)
    return { ...m, points: t ? [t] : [] }
  })
}

export async function dashboardReports(scope: Record<string, unknown>, periods: string[]): Promise<DashReport[]> {
  const _ = command()
  return aggregate<DashReport>('reports', [
    { $match: { ...scope, status: _.in(SUBMITTED), period: _.in(periods) } },
    { $limit: 20_000 },
    { $project: { _id: 0, memberId: 1, branchId: 1, period: 1, status: 1, 'versions.submittedAt': 1 } },
  ])
}

/**
 * A meeting's sign-ins (as `presentAs`) and leave requests (as `leaveDocs`), joined on `localField` (its id, or
 * null to join nothing): `$lookup`s served by attendance `meeting_member_unique` and meetingLeaves `meeting_status`.
 */
export function meetingRecords(localField: string, presentAs: string): AggregateStage[] {
  return [
    { $lookup: { from: 'attendance', localField, foreignField: 'meetingId', as: presentAs } },
    { $lookup: { from: 'meetingLeaves', localField, foreignField: 'meetingId', as: 'leaveDocs' } },
  ]
}

/** The meeting's own fields the attendance export reads, kept through both projections. */
const MEETING_FIELDS = { branchId: 1, type: 1, title: 1, startAt: 1, endAt: 1, checkInClosesAt: 1, status: 1 }

/**
 * Every meeting with its attendance and leave records: one aggregate with two `$lookup`s. For the
 * attendance export, which lists people; the dashboard only needs figures (`dashboardMeetings`).
 */
export async function meetingsWithRecords(scope: Record<string, unknown>, since: Date): Promise<DashMeeting[]> {
  const _ = command()
  type Row = Omit<DashMeeting, 'leaves'> & { leaveDocs?: DashMeeting['leaves'] }
  return aggregate<Row>('meetings', [
    { $match: { ...scope, endAt: _.gte(since) } },
    { $limit: 5_000 },
    {
      $project: {
        ...MEETING_FIELDS,
        'attendees.memberId': 1,
      },
    },
    ...meetingRecords('_id', 'present'),
    {
      $project: {
        ...MEETING_FIELDS,
        attendeeIds: '$attendees.memberId',
        presentIds: '$present.memberId',
        'leaveDocs.memberId': 1,
        'leaveDocs.status': 1,
      },
    },
  ]).then((rows) => rows.map(({ leaveDocs, ...meeting }) => ({ ...meeting, leaves: leaveDocs ?? [] })))
}

/** Which meetings' attendance the dashboard counts: held, ended by `until`, started within [from, to). */
export interface CountedWindow {
  from: Date
  to: Date
  until: Date
}

export function isCounted(m: Pick<DashMeeting, 'status' | 'startAt' | 'endAt'>, c: CountedWindow): boolean {
  return (
    m.status !== 'cancelled' &&
    new Date(m.endAt) <= c.until &&
    new Date(m.startAt) >= c.from &&
    new Date(m.startAt) < c.to
  )
}

type FiguresRow = Omit<FiguredMeeting, 'figures'> & {
  counted: boolean
  kept: Omit<AttendanceFigures, 'absent'> | null
  attendeeIds?: string[]
  records?: { memberId: string }[]
  leaveDocs?: { memberId: string; status: string }[]
}

/** The meeting's own fields the dashboard counts by, kept through both projections. */
const COUNTED_FIELDS = { branchId: 1, type: 1, startAt: 1, endAt: 1, status: 1 }

/**
 * The meetings since `since` with the attendance figures of those the dashboard counts, in one
 * aggregate that reads only meeting documents: each meeting's own figures (`MeetingDoc.figures`, a
 * recount stored by the meeting function's `recountAttendance` job). A meeting not recounted since its last change
 * (check-in closed within the last minutes, a late hand sign-in or leave approval) or stored before
 * figures were kept is counted from its records instead: its `_id` is the `$lookup` key (null for
 * every other meeting, which therefore joins nothing), so the old way's cost falls only on those few.
 */
export async function dashboardMeetings(
  scope: Record<string, unknown>,
  since: Date,
  window: CountedWindow,
): Promise<FiguredMeeting[]> {
  const _ = command()
  const $ = _.aggregate
  const counted = $.and([
    $.neq(['$status', 'cancelled']),
    $.lte(['$endAt', window.until]),
    $.gte(['$startAt', window.from]),
    $.lt(['$startAt', window.to]),
  ])
  // Figures recounted since the last change (`settleAt` null); otherwise, or without figures, the records.
  const recounted = $.and([$.neq([$.ifNull(['$figures', null]), null]), $.eq([$.ifNull(['$settleAt', null]), null])])
  const fromRecords = $.and([counted, $.not([recounted])])
  const rows = await aggregate<FiguresRow>('meetings', [
    { $match: { ...scope, endAt: _.gte(since) } },
    { $limit: 5_000 },
    {
      $project: {
        ...COUNTED_FIELDS,
        counted,
        kept: $.cond({ if: $.and([counted, recounted]), then: '$figures', else: null }),
        countFrom: $.cond({ if: fromRecords, then: '$_id', else: null }),
        attendeeIds: $.cond({ if: fromRecords, then: '$attendees.memberId', else: [] }),
      },
    },
    ...meetingRecords('countFrom', 'records'),
    {
      $project: {
        ...COUNTED_FIELDS,
        counted: 1,
        kept: 1,
        attendeeIds: 1,
        'records.memberId': 1,
        'leaveDocs.memberId': 1,
        'leaveDocs.status': 1,
      },
    },
  ])
  return rows.map(({ counted: isCountedRow, kept, attendeeIds, records, leaveDocs, ...m }) => ({
    ...m,
    figures: !isCountedRow
      ? null
      : kept
        ? withAbsent(kept)
        : meetingCounts({
            attendeeIds: attendeeIds ?? [],
            presentIds: (records ?? []).map((r) => r.memberId),
            leaves: leaveDocs ?? [],
          }),
  }))
}

/** Present / on approved leave / absent at one ended meeting, among those expected. */
export function meetingCounts(m: Pick<DashMeeting, 'attendeeIds' | 'presentIds' | 'leaves'>): AttendanceFigures {
  return countAttendance(m.attendeeIds ?? [], m.presentIds ?? [], approvedLeaveIds(m))
}

/** Who has approved leave from one meeting. */
export function approvedLeaveIds(m: Pick<DashMeeting, 'leaves'>): string[] {
  return m.leaves.filter((l) => l.status === 'approved').map((l) => l.memberId)
}

function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

interface Window {
  today: string
  now: Date
  current: Period
  previous: Period
  month: string
  monthStart: Date
  semester: { start: Date; end: Date; label: string }
  settings: CollegeSettings
  /** The trend's months, oldest first ('2026-07' …), and its ended report periods, oldest first. */
  trendMonths: string[]
  trendPeriods: Period[]
}

/** The first instant of a China-time month 'YYYY-MM'. */
function monthStartOf(month: string): Date {
  return startOfChinaDay(`${month}-01`)
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** 2026-11 → 11月 (January shows its year, so a trend across New Year reads right). */
function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y}年1月` : `${m}月`
}

/** Whether a report reached the branch by the end of its period (its first submission, China time). */
function onTime(r: DashReport, period: Period): boolean {
  const first = (r.versions ?? []).map((v) => new Date(v.submittedAt).getTime()).sort((a, b) => a - b)[0]
  return first !== undefined && chinaDay(new Date(first)) <= period.end
}

/**
 * The trend over months (issue #16), computed here so both apps only draw it: attendance rate per month
 * (counted meetings that started in it) and reports on time per ended period (owed, came by the end).
 */
function trendOf(mine: DashMember[], reports: DashReport[], held: FiguredMeeting[], w: Window): BranchStats['trend'] {
  const attendance = w.trendMonths.map((month) => {
    const from = monthStartOf(month).getTime()
    const to = monthStartOf(shiftMonth(month, 1)).getTime()
    const inMonth = held.filter(
      (m) =>
        m.figures &&
        new Date(m.startAt).getTime() >= from &&
        new Date(m.startAt).getTime() < to &&
        new Date(m.endAt) <= w.now,
    )
    const expected = inMonth.reduce((n, m) => n + (m.figures?.expected ?? 0), 0)
    const present = inMonth.reduce((n, m) => n + (m.figures?.present ?? 0), 0)
    return {
      key: month,
      label: monthLabel(month),
      meetings: inMonth.length,
      part: present,
      whole: expected,
      rate: rate(present, expected),
    }
  })
  const byKey = new Map(reports.map((r) => [`${r.memberId}:${r.period}`, r]))
  const reportsTrend = w.trendPeriods.map((period) => {
    const owing = mine.filter((m) => owes(m, period, w))
    const came = owing.filter((m) => {
      const r = byKey.get(`${m._id}:${period.id}`)
      return r !== undefined && onTime(r, period)
    })
    return {
      key: period.id,
      label: period.label,
      meetings: 0,
      part: came.length,
      whole: owing.length,
      rate: rate(came.length, owing.length),
    }
  })
  return { attendance, reports: reportsTrend }
}

function owes(m: DashMember, period: Period, w: Window): boolean {
  const rules = { reportPeriod: w.settings.reportPeriod, reportStages: w.settings.reportStages }
  return owedPeriods({ stage: m.stage, stageDates: m.stageDates ?? {} }, rules, w.today).some((p) => p.id === period.id)
}

export function branchStats(
  branch: Pick<BranchDoc, '_id' | 'name' | 'createdAt'>,
  members: DashMember[],
  reports: DashReport[],
  meetings: FiguredMeeting[],
  w: Window,
  withNames: boolean,
): BranchStats {
  const mine = members.filter((m) => m.branchId === branch._id)
  const byStage = STAGES.map((stage) => ({
    stage,
    label: STAGE_LABELS[stage],
    count: mine.filter((m) => m.stage === stage).length,
  }))

  const statusOf = new Map(
    reports.filter((r) => r.branchId === branch._id).map((r) => [`${r.memberId}:${r.period}`, r.status]),
  )
  const owingNow = mine.filter((m) => owes(m, w.current, w))
  const owingBefore = mine.filter((m) => owes(m, w.previous, w))
  const submittedNow = owingNow.filter((m) => statusOf.has(`${m._id}:${w.current.id}`))
  const approvedNow = owingNow.filter((m) => statusOf.get(`${m._id}:${w.current.id}`) === 'approved')
  const missed = owingBefore.filter((m) => !statusOf.has(`${m._id}:${w.previous.id}`))

  const held = meetings.filter((m) => m.branchId === branch._id)
  const ended = held.filter((m) => isCounted(m, countedWindow(w)))
  const attendance = {
    meetings: ended.length,
    expected: 0,
    present: 0,
    leave: 0,
    absent: 0,
    rate: null as number | null,
  }
  for (const m of ended) {
    const c = m.figures ?? { expected: 0, present: 0, leave: 0, absent: 0 }
    attendance.expected += c.expected
    attendance.present += c.present
    attendance.leave += c.leave
    attendance.absent += c.absent
  }
  attendance.rate = rate(attendance.present, attendance.expected)

  const rules = { ...w.settings.meetingRules }
  const compliance = branchCompliance(branch, rules, held, w.now)
  const rows = compliance.rows.map((r) => {
    const last = r.periods[r.periods.length - 1]
    return {
      typeLabel: r.typeLabel,
      rule: r.rule,
      held: last?.held ?? 0,
      required: r.required,
      state: last?.state ?? 'due',
      missed: r.overdue,
    }
  })

  let total = 0
  let monthTotal = 0
  let participants = 0
  for (const m of mine) {
    const p = m.points?.[0]
    total += p?.total ?? 0
    if (p?.month === w.month) monthTotal += p.monthTotal ?? 0
    const quizAt = p?.quiz?.updatedAt
    if (quizAt && new Date(quizAt) >= w.monthStart) participants++
  }
  const n = mine.length
  const trend = trendOf(
    mine,
    reports.filter((r) => r.branchId === branch._id),
    held,
    w,
  )
  return {
    branchId: branch._id,
    branchName: branch.name,
    memberCount: n,
    byStage,
    reports: {
      owing: owingNow.length,
      submitted: submittedNow.length,
      approved: approvedNow.length,
      rate: rate(submittedNow.length, owingNow.length),
      previous: {
        owing: owingBefore.length,
        submitted: owingBefore.length - missed.length,
        rate: rate(owingBefore.length - missed.length, owingBefore.length),
      },
      overdueCount: missed.length,
      overdue: withNames
        ? missed
            .map((m) => ({ memberId: m._id, name: m.name, className: m.className, stageLabel: STAGE_LABELS[m.stage] }))
            .sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name, 'zh-CN'))
        : [],
    },
    attendance,
    compliance: { rows, missed: compliance.overdueTotal },
    points: {
      total,
      average: n ? Math.round((total / n) * 10) / 10 : 0,
      monthTotal,
      monthAverage: n ? Math.round((monthTotal / n) * 10) / 10 : 0,
    },
    quiz: { participants, members: n, rate: rate(participants, n) },
    trend,
  }
}

/** The branches' trends added up point by point (rates from the sums). */
function sumTrend(stats: BranchStats[], pick: (t: BranchStats['trend']) => TrendPoint[]): TrendPoint[] {
  const first = stats[0] ? pick(stats[0].trend) : []
  return first.map((p, i) => {
    const part = stats.reduce((n, s) => n + (pick(s.trend)[i]?.part ?? 0), 0)
    const whole = stats.reduce((n, s) => n + (pick(s.trend)[i]?.whole ?? 0), 0)
    const meetings = stats.reduce((n, s) => n + (pick(s.trend)[i]?.meetings ?? 0), 0)
    return { key: p.key, label: p.label, meetings, part, whole, rate: rate(part, whole) }
  })
}

/** The college as one: sums of the branches (rates from the sums). */
export function collegeTotal(stats: BranchStats[], name: string): BranchStats {
  const sum = (f: (s: BranchStats) => number) => stats.reduce((n, s) => n + f(s), 0)
  const memberCount = sum((s) => s.memberCount)
  const owing = sum((s) => s.reports.owing)
  const submitted = sum((s) => s.reports.submitted)
  const prevOwing = sum((s) => s.reports.previous.owing)
  const prevSubmitted = sum((s) => s.reports.previous.submitted)
  const expected = sum((s) => s.attendance.expected)
  const present = sum((s) => s.attendance.present)
  const points = sum((s) => s.points.total)
  const monthPoints = sum((s) => s.points.monthTotal)
  const participants = sum((s) => s.quiz.participants)
  return {
    branchId: 'all',
    branchName: name,
    memberCount,
    byStage: STAGES.map((stage) => ({
      stage,
      label: STAGE_LABELS[stage],
      count: sum((s) => s.byStage.find((b) => b.stage === stage)?.count ?? 0),
    })),
    reports: {
      owing,
      submitted,
      approved: sum((s) => s.reports.approved),
      rate: rate(submitted, owing),
      previous: { owing: prevOwing, submitted: prevSubmitted, rate: rate(prevSubmitted, prevOwing) },
      overdueCount: sum((s) => s.reports.overdueCount),
      overdue: [],
    },
    attendance: {
      meetings: sum((s) => s.attendance.meetings),
      expected,
      present,
      leave: sum((s) => s.attendance.leave),
      absent: sum((s) => s.attendance.absent),
      rate: rate(present, expected),
    },
    compliance: { rows: [], missed: sum((s) => s.compliance.missed) },
    points: {
      total: points,
      average: memberCount ? Math.round((points / memberCount) * 10) / 10 : 0,
      monthTotal: monthPoints,
      monthAverage: memberCount ? Math.round((monthPoints / memberCount) * 10) / 10 : 0,
    },
    quiz: { participants, members: memberCount, rate: rate(participants, memberCount) },
    trend: { attendance: sumTrend(stats, (t) => t.attendance), reports: sumTrend(stats, (t) => t.reports) },
  }
}

/** The meetings whose attendance the dashboard shows: those of this semester that have ended. */
function countedWindow(w: Window): CountedWindow {
  return { from: w.semester.start, to: w.semester.end, until: w.now }
}

export function windowOf(settings: CollegeSettings, now: Date): Window {
  const today = chinaDay(now)
  const current = periodOf(today, settings.reportPeriod)
  const month = chinaMonth(now)
  const semester = periodAt('semester', now)
  const trendMonths = Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(month, i - (TREND_MONTHS - 1)))
  const trendPeriods = Array.from({ length: TREND_PERIODS }, (_, i) => shiftPeriod(current, i - TREND_PERIODS))
  return {
    today,
    now,
    current,
    previous: shiftPeriod(current, -1),
    month,
    monthStart: startOfChinaDay(`${month}-01`),
    semester,
    settings,
    trendMonths,
    trendPeriods,
  }
}

/** Every figure of the dashboard for `branches` (one, or every branch of the college), in their order. */
export async function computeDashboard(
  scope: { branchId: string } | { collegeId: string },
  branches: BranchDoc[],
  settings: CollegeSettings,
  now: Date,
  /** The scope's members when already read (with the caller), else read here. */
  known?: DashMember[],
): Promise<{ head: DashboardHead; stats: BranchStats[] }> {
  const w = windowOf(settings, now)
  const rules = { ...settings.meetingRules }
  const trendStart = monthStartOf(w.trendMonths[0])
  const since = new Date(
    Math.min(complianceSince(rules, now).getTime(), w.semester.start.getTime(), trendStart.getTime()),
  )
  // Figures for every ended meeting of the trend's months too; the semester's own figure still counts its window only.
  const figured = { ...countedWindow(w), from: new Date(Math.min(w.semester.start.getTime(), trendStart.getTime())) }
  const periods = [...new Set([w.current.id, w.previous.id, ...w.trendPeriods.map((p) => p.id)])]
  const [members, reports, meetings] = await Promise.all([
    known ?? dashboardMembers(scope),
    dashboardReports(scope, periods),
    dashboardMeetings(scope, since, figured),
  ])
  const oneBranch = 'branchId' in scope
  return {
    head: {
      generatedAt: now.toISOString(),
      period: { id: w.current.id, label: w.current.label, end: w.current.end },
      previousPeriod: { id: w.previous.id, label: w.previous.label },
      attendanceWindow: w.semester.label,
      month: w.month,
    },
    stats: branches.map((b) => branchStats(b, members, reports, meetings, w, oneBranch)),
  }
}
