/**
 * Thought-report periods and the calendar rules (domain.md: thought reports; local practice in
 * CollegeSettings). Pure functions on China-time calendar days ('YYYY-MM-DD'), no dependencies but
 * `./time` and `./domain`, so the app imports them too.
 *
 * Period ids: month `2026-03`, quarter `2026-Q1`, half-year `2026-H1`.
 * A report for a period is due on the period's last day.
 * A member owes the report of a period when, on its last day (or today, for the running period), they
 * are in one of the college's `reportStages`.
 */
import { STAGES, type CollegeSettings, type Stage, type StageDates } from './domain'
import { chinaDay } from './time'

export type PeriodKind = CollegeSettings['reportPeriod']

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: '每月',
  quarter: '每季度',
  'half-year': '每半年',
}

export interface Period {
  id: string
  kind: PeriodKind
  year: number
  /** 1-based: month 1–12, quarter 1–4, half 1–2. */
  index: number
  /** First day, 'YYYY-MM-DD'. */
  start: string
  /** Last day (inclusive), 'YYYY-MM-DD'; also the due day. */
  end: string
  /** In the user's words, e.g. 2026年第一季度. */
  label: string
}

const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, 'half-year': 6 }
const PERIODS_PER_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, 'half-year': 2 }
const QUARTER_NAMES = ['一', '二', '三', '四']
const ID_PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12]))$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function idOf(kind: PeriodKind, year: number, index: number): string {
  if (kind === 'month') return `${year}-${pad(index)}`
  return kind === 'quarter' ? `${year}-Q${index}` : `${year}-H${index}`
}

function labelOf(kind: PeriodKind, year: number, index: number): string {
  if (kind === 'month') return `${year}年${index}月`
  if (kind === 'quarter') return `${year}年第${QUARTER_NAMES[index - 1]}季度`
  return `${year}年${index === 1 ? '上' : '下'}半年`
}

/** The period `index` (1-based) of `year`. */
export function makePeriod(kind: PeriodKind, year: number, index: number): Period {
  const span = MONTHS_PER[kind]
  const firstMonth = (index - 1) * span + 1
  const lastMonth = firstMonth + span - 1
  return {
    id: idOf(kind, year, index),
    kind,
    year,
    index,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
    label: labelOf(kind, year, index),
  }
}

/** The period an id names, or null if it is not a period id. */
export function parsePeriod(id: string): Period | null {
  const m = ID_PATTERN.exec(id)
  if (!m) return null
  const year = Number(m[1])
  if (year < 2000 || year > 2099) return null
  if (m[2]) return makePeriod('month', year, Number(m[2]))
  if (m[3]) return makePeriod('quarter', year, Number(m[3]))
  return makePeriod('half-year', year, Number(m[4]))
}

/** 'YYYY-MM-DD' of a day given as a day string or an instant (China time). */
export function toDay(day: string | Date): string {
  return typeof day === 'string' ? day.slice(0, 10) : chinaDay(day)
}

/** The period of `kind` containing `day`. */
export function periodOf(day: string | Date, kind: PeriodKind): Period {
  const d = toDay(day)
  const year = Number(d.slice(0, 4))
  const month = Number(d.slice(5, 7))
  return makePeriod(kind, year, Math.floor((month - 1) / MONTHS_PER[kind]) + 1)
}

/** The period `n` periods after `period` (before, if negative). */
export function shiftPeriod(period: Period, n: number): Period {
  const perYear = PERIODS_PER_YEAR[period.kind]
  const ordinal = period.year * perYear + (period.index - 1) + n
  return makePeriod(period.kind, Math.floor(ordinal / perYear), (ordinal % perYear) + 1)
}

/** Every period of `kind` from the one containing `fromDay` to the one containing `toDay`, oldest first. */
export function periodsBetween(fromDay: string, toDayIncl: string, kind: PeriodKind): Period[] {
  const out: Period[] = []
  const last = periodOf(toDayIncl, kind).id
  for (let p = periodOf(fromDay, kind); out.length < 1200; p = shiftPeriod(p, 1)) {
    out.push(p)
    if (p.id === last) break
  }
  return fromDay <= toDayIncl ? out : []
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** A stretch of days during which a member owes reports: [from, to), `to` null while it lasts. */
export interface OwingSpan {
  from: string
  to: string | null
}

/**
 * When the member was in a stage that owes reports, from their stage dates. A stage lasts from its date
 * to the date of the next stage they reached; dates of stages beyond the current one are ignored.
 */
export function owingSpans(stage: Stage, stageDates: StageDates, reportStages: readonly Stage[]): OwingSpan[] {
  const reached = STAGES.slice(1, STAGES.indexOf(stage) + 1) as Exclude<Stage, 'masses'>[]
  const dated = reached.filter((s) => typeof stageDates[s] === 'string' && stageDates[s] !== '')
  const spans: OwingSpan[] = []
  dated.forEach((s, i) => {
    if (!reportStages.includes(s)) return
    const next = dated[i + 1]
    const to = next ? (stageDates[next] as string) : null
    const from = stageDates[s] as string
    if (to !== null && to <= from) return
    const previous = spans[spans.length - 1]
    if (previous && previous.to === from)
      previous.to = to // consecutive owing stages: one span
    else spans.push({ from, to })
  })
  return spans
}

export function owesOn(spans: readonly OwingSpan[], day: string): boolean {
  return spans.some((s) => s.from <= day && (s.to === null || day < s.to))
}

export interface MemberStage {
  stage: Stage
  stageDates: StageDates
}

type ReportRules = Pick<CollegeSettings, 'reportPeriod' | 'reportStages'>

/**
 * The periods a member owes up to and including the running one, oldest first. A member in a reporting
 * stage whose stage date was never recorded owes the running period only.
 */
export function owedPeriods(member: MemberStage, rules: ReportRules, today: string): Period[] {
  const current = periodOf(today, rules.reportPeriod)
  const spans = owingSpans(member.stage, member.stageDates, rules.reportStages)
  const owesNow = rules.reportStages.includes(member.stage)
  if (spans.length === 0) return owesNow ? [current] : []
  const owed = periodsBetween(spans[0].from, today, rules.reportPeriod).filter((p) =>
    owesOn(spans, p.id === current.id ? today : p.end),
  )
  if (owesNow && !owed.some((p) => p.id === current.id)) owed.push(current)
  return owed
}

/**
 * Periods a member may write a report for: those they owe, and the running period for anyone who has
 * applied (a voluntary report). Never a future period.
 */
export function writablePeriods(member: MemberStage, rules: ReportRules, today: string): Period[] {
  const owed = owedPeriods(member, rules, today)
  const current = periodOf(today, rules.reportPeriod)
  if (member.stage !== 'masses' && !owed.some((p) => p.id === current.id)) owed.push(current)
  return owed
}

/** Limits of one thought report (domain.md: up to 9 photos of handwritten pages, one short video). */
export const REPORT_LIMITS = {
  titleMax: 50,
  bodyMax: 10_000,
  /** A submitted report needs this much typed text, or at least one photo or the video. */
  bodyMinToSubmit: 20,
  photosMax: 9,
  commentMax: 500,
  phraseMax: 60,
  phrasesMax: 20,
  /** Versions one report may go through (each return + resubmit adds one). */
  versionsMax: 20,
} as const

/**
 * Why a report cannot be submitted yet, or null: the one rule the server enforces and the editor checks
 * before asking 「确认提交吗？」 (an empty report is told it is empty first).
 */
export function reportSubmitProblem(content: {
  body: string
  photos: readonly unknown[]
  video: unknown
}): string | null {
  const typed = content.body.replace(/\s/g, '').length
  if (typed === 0 && content.photos.length === 0 && content.video === null)
    return '汇报还是空的，请先写正文或上传手写稿照片'
  if (typed < REPORT_LIMITS.bodyMinToSubmit && content.photos.length === 0 && content.video === null) {
    return `正文至少写 ${REPORT_LIMITS.bodyMinToSubmit} 个字（现在 ${typed} 个），或上传手写稿照片后再提交`
  }
  return null
}

/** How far a report of one period has come. */
export type ReportStatus = 'draft' | 'pending' | 'approved' | 'returned'

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  pending: '待审阅',
  approved: '已通过',
  returned: '已退回',
}

/**
 * One period of a member's calendar: `done` (approved), `submitted` (waiting for review), `returned`
 * (to revise), `due` (running period, nothing submitted yet), `overdue` (ended, nothing submitted).
 */
export type CalendarState = 'done' | 'submitted' | 'returned' | 'due' | 'overdue'

export const CALENDAR_STATE_LABELS: Record<CalendarState, string> = {
  done: '已完成',
  submitted: '待审阅',
  returned: '待修改',
  due: '待提交',
  overdue: '逾期未交',
}

export interface CalendarEntry {
  period: Period
  state: CalendarState
  /** False for a voluntary report of a period the member did not owe. */
  owed: boolean
  /** The report of this period, if one exists (a draft included). */
  reportId: string | null
  reportStatus: ReportStatus | null
}

export interface ReportCalendar {
  kind: PeriodKind
  current: Period
  /** Newest first. */
  entries: CalendarEntry[]
  /** The next day a report is due (the running period's, or the next one's once it is submitted), if any. */
  nextDue: { period: Period; day: string; daysLeft: number } | null
  counts: Record<CalendarState, number>
}

export interface ReportOfPeriod {
  id: string
  period: string
  status: ReportStatus
}

export function calendarState(status: ReportStatus | null, period: Period, today: string): CalendarState {
  if (status === 'approved') return 'done'
  if (status === 'pending') return 'submitted'
  if (status === 'returned') return 'returned'
  return period.end < today ? 'overdue' : 'due'
}

/** A member's report calendar: owed periods plus any period they wrote for, with what became of each. */
export function buildCalendar(
  member: MemberStage,
  rules: ReportRules,
  reports: readonly ReportOfPeriod[],
  today: string,
): ReportCalendar {
  const kind = rules.reportPeriod
  const current = periodOf(today, kind)
  const owed = owedPeriods(member, rules, today)
  const byPeriod = new Map(reports.map((r) => [r.period, r]))
  const periods = new Map(owed.map((p) => [p.id, { period: p, owed: true }]))
  for (const r of reports) {
    const p = parsePeriod(r.period)
    if (p && p.kind === kind && !periods.has(p.id)) periods.set(p.id, { period: p, owed: false })
  }
  const entries = [...periods.values()]
    .map(({ period, owed: isOwed }): CalendarEntry => {
      const report = byPeriod.get(period.id) ?? null
      return {
        period,
        state: calendarState(report?.status ?? null, period, today),
        owed: isOwed,
        reportId: report?.id ?? null,
        reportStatus: report?.status ?? null,
      }
    })
    .sort((a, b) => (a.period.start < b.period.start ? 1 : -1))
  const counts: Record<CalendarState, number> = { done: 0, submitted: 0, returned: 0, due: 0, overdue: 0 }
  for (const e of entries) if (e.owed || e.state !== 'overdue') counts[e.state] += 1
  return { kind, current, entries, nextDue: nextDue(member, rules, entries, today), counts }
}

function nextDue(
  member: MemberStage,
  rules: ReportRules,
  entries: CalendarEntry[],
  today: string,
): ReportCalendar['nextDue'] {
  if (!rules.reportStages.includes(member.stage)) return null
  const current = periodOf(today, rules.reportPeriod)
  const running = entries.find((e) => e.period.id === current.id)
  const waiting = running && (running.state === 'due' || running.state === 'returned')
  const period = waiting ? current : shiftPeriod(current, 1)
  return { period, day: period.end, daysLeft: daysBetween(today, period.end) }
}

/** Ended periods a member owes with nothing submitted (a draft does not count). */
export function overduePeriods(calendar: ReportCalendar): Period[] {
  return calendar.entries.filter((e) => e.owed && e.state === 'overdue').map((e) => e.period)
}
