import type { Caller } from '../../_shared/auth'
import { command, findMany, getById } from '../../_shared/db'
import {
  MEETING_TYPE_LABELS,
  type MeetingPeriod,
  type MeetingRule,
  type MeetingRules,
  type MeetingType,
} from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc } from '../../_shared/models'
import { chinaClock, iso, startOfChinaMonth } from '../../_shared/time'
import { readSettings } from '../../_shared/settings'
import type { BranchCompliance, CompliancePeriod, ComplianceResult, ComplianceRow } from './contract'
import { type MeetingDoc } from './model'

const PERIOD_WORDS: Record<MeetingPeriod, string> = {
  month: '每月',
  quarter: '每季度',
  semester: '每学期',
  year: '每年',
}
/** How many periods back each rule is checked: about the last twelve months. */
const LOOKBACK: Record<MeetingPeriod, number> = { month: 12, quarter: 4, semester: 2, year: 2 }

/** A calendar period in China time: [start, end). */
export interface CalendarPeriod {
  key: string
  label: string
  start: Date
  end: Date
}

function cstParts(at: Date): { year: number; month: number } {
  const d = chinaClock(at)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 }
}

const QUARTERS = ['一', '二', '三', '四']

/** The period of `kind` that contains `at`, shifted by `offset` periods. Semesters: 春季 Feb–Jul, 秋季 Aug–Jan. */
export function periodAt(kind: MeetingPeriod, at: Date, offset = 0): CalendarPeriod {
  const { year, month } = cstParts(at)
  const span = { month: 1, quarter: 3, semester: 6, year: 12 }[kind]
  // Months since year 0, shifted so that semesters start in February (and August).
  const shift = kind === 'semester' ? 1 : 0
  const index = Math.floor((year * 12 + (month - 1) - shift) / span) + offset
  const first = index * span + shift
  const startYear = Math.floor(first / 12)
  const startMonth = (first % 12) + 1
  const start = startOfChinaMonth(startYear, startMonth)
  const end = startOfChinaMonth(startYear, startMonth + span)
  return { key: `${kind}-${startYear}-${startMonth}`, label: labelOf(kind, startYear, startMonth), start, end }
}

function labelOf(kind: MeetingPeriod, year: number, month: number): string {
  switch (kind) {
    case 'month':
      return `${year}年${month}月`
    case 'quarter':
      return `${year}年第${QUARTERS[(month - 1) / 3]}季度`
    case 'semester':
      return month === 2 ? `${year}年春季学期` : `${year}年秋季学期`
    case 'year':
      return `${year}年`
  }
}

type Held = Pick<MeetingDoc, 'branchId' | 'type' | 'startAt' | 'status'>

/**
 * Held against required for one kind of meeting, oldest period first; a branch founded within the lookback is
 * held to the periods from the one it was founded in (none before it existed are owed).
 */
export function complianceRow(
  type: MeetingType,
  rule: MeetingRule,
  held: Held[],
  now: Date,
  foundedAt: Date | null = null,
): ComplianceRow {
  const mine = held.filter(
    (m) => m.type === type && m.status === 'scheduled' && new Date(m.startAt).getTime() <= now.getTime(),
  )
  const periods: CompliancePeriod[] = []
  for (let offset = -(LOOKBACK[rule.period] - 1); offset <= 0; offset++) {
    const p = periodAt(rule.period, now, offset)
    if (foundedAt && p.end <= foundedAt) continue
    const count = mine.filter((m) => new Date(m.startAt) >= p.start && new Date(m.startAt) < p.end).length
    const state = count >= rule.min ? 'met' : offset === 0 ? 'due' : 'overdue'
    periods.push({ key: p.key, label: p.label, held: count, required: rule.min, state })
  }
  const last = mine.reduce<Date | null>(
    (latest, m) => (latest && latest > new Date(m.startAt) ? latest : new Date(m.startAt)),
    null,
  )
  return {
    type,
    typeLabel: MEETING_TYPE_LABELS[type],
    rule: `${PERIOD_WORDS[rule.period]}至少 ${rule.min} 次`,
    period: rule.period,
    required: rule.min,
    periods,
    overdue: periods.filter((p) => p.state === 'overdue').length,
    lastHeldAt: last ? iso(last) : null,
  }
}

/** The first instant any rule looks at. */
export function complianceSince(rules: MeetingRules, now: Date): Date {
  const starts = Object.values(rules).map((rule) =>
    periodAt(rule.period, now, -(LOOKBACK[rule.period] - 1)).start.getTime(),
  )
  return new Date(Math.min(...starts, now.getTime()))
}

export function branchCompliance(
  branch: Pick<BranchDoc, '_id' | 'name' | 'createdAt'>,
  rules: MeetingRules,
  meetings: Held[],
  now: Date,
): BranchCompliance {
  const mine = meetings.filter((m) => m.branchId === branch._id)
  const foundedAt = branch.createdAt ? new Date(branch.createdAt) : null
  const rows = (Object.entries(rules) as [MeetingType, MeetingRule][]).map(([type, rule]) =>
    complianceRow(type, rule, mine, now, foundedAt),
  )
  return { branchId: branch._id, branchName: branch.name, rows, overdueTotal: rows.reduce((n, r) => n + r.overdue, 0) }
}

/**
 * Meetings held against the college's rules, per branch: the secretary's branch, or every branch for
 * the committee. Caller, college, branches, meetings: four requests.
 */
export async function compliance(
  _params: Record<string, never>,
  ctx: CallContext,
  caller: Caller,
): Promise<ComplianceResult> {
  const committee = caller.roles.includes('committee')
  if (!committee && !(caller.roles.includes('secretary') && caller.branchId)) {
    throw new AppError('FORBIDDEN', '只有支部书记和院党委可以查看组织生活开展情况')
  }
  const collegeId = caller.member.collegeId
  const [college, branches] = await Promise.all([
    getById('colleges', collegeId),
    committee
      ? findMany('branches', { collegeId }, { orderBy: [['order', 'asc']], limit: 1000 })
      : getById('branches', caller.branchId as string).then((b) => (b ? [b] : [])),
  ])
  const rules = readSettings(college).meetingRules
  const since = complianceSince(rules, ctx.now)
  const _ = command()
  const scope = committee ? { collegeId } : { branchId: caller.branchId }
  const meetings = await findMany<Held>(
    'meetings',
    { ...scope, endAt: _.gte(since) },
    { limit: 1000, fields: { branchId: true, type: true, startAt: true, status: true } },
  )
  return { since: iso(since), branches: branches.map((b) => branchCompliance(b, rules, meetings, ctx.now)) }
}
