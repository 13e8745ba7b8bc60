import { type DuesSettings, type StageDates } from '../../_shared/domain'
import type { CollegeDoc } from '../../_shared/models'
import { readSettings } from '../../_shared/settings'
import type { DuesExemptionDoc } from './model'

/**
 * The dues rules (domain.md; 2008 rules of the Central Organization Department), pure so that the
 * server and the tests compute the same thing. Amounts are integers in fen, months 'YYYY-MM'.
 */
export function duesSettingsOf(college: Pick<CollegeDoc, 'settings'> | null): DuesSettings {
  return readSettings(college).dues
}

/** Without income: the student rate (第六条). With income: the band's per-mille of it, rounded to the fen. */
export function monthlyDueFen(settings: DuesSettings, monthlyIncomeFen: number | null): number {
  if (!monthlyIncomeFen || monthlyIncomeFen <= 0) return settings.studentMonthlyFen
  const band =
    settings.bands.find((b) => b.upToFen === null || monthlyIncomeFen <= b.upToFen) ??
    settings.bands[settings.bands.length - 1]
  return Math.max(1, Math.round((monthlyIncomeFen * (band?.permille ?? 0)) / 1000))
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Months from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m)
  return out
}

/** The last month of the quarter containing `month`. */
export function quarterEnd(month: string): string {
  const m = Number(month.slice(5, 7))
  return `${month.slice(0, 4)}-${String(Math.ceil(m / 3) * 3).padStart(2, '0')}`
}

/**
 * The first month a member owes: a 预备党员 pays from the month of the branch meeting that admitted them
 * (the probationary date), a full member admitted before records began from their full date; nobody
 * before the college started collecting in the app. Null: not a Party member, owes nothing.
 */
export function firstDueMonth(stage: string, stageDates: StageDates, settings: DuesSettings): string | null {
  if (stage !== 'probationary' && stage !== 'full') return null
  const admitted = (stageDates.probationary ?? stageDates.full)?.slice(0, 7)
  if (!admitted) return null
  return settings.sinceMonth && settings.sinceMonth > admitted ? settings.sinceMonth : admitted
}

export type MonthStatus = 'paid' | 'owed' | 'exempt' | 'pending' | 'ahead'

export interface MonthDue {
  month: string
  amountFen: number
  status: MonthStatus
}

export interface DuesInput {
  stage: string
  stageDates: StageDates
  monthlyIncomeFen: number | null
  settings: DuesSettings
  /** Whether the member's branch agreed to quarterly payment. */
  quarterly: boolean
  paid: ReadonlySet<string>
  /** Months in an unpaid order of the member's. */
  pending: ReadonlySet<string>
  /** Approved exemptions and reductions of the member. */
  exemptions: readonly Pick<DuesExemptionDoc, 'kind' | 'monthlyFen' | 'fromMonth' | 'toMonth' | 'status'>[]
  currentMonth: string
}

/**
 * Every month from the first due month to the last payable one: the current month, or the end of the
 * current quarter where the branch pays quarterly (no advance payment beyond that).
 */
export function monthsOf(input: DuesInput): MonthDue[] {
  const first = firstDueMonth(input.stage, input.stageDates, input.settings)
  if (!first) return []
  const last = input.quarterly ? quarterEnd(input.currentMonth) : input.currentMonth
  const base = monthlyDueFen(input.settings, input.monthlyIncomeFen)
  return monthRange(first, last).map((month) => {
    const rule = input.exemptions.find((e) => e.status === 'approved' && e.fromMonth <= month && month <= e.toMonth)
    const amountFen = rule ? (rule.kind === 'exempt' ? 0 : rule.monthlyFen) : base
    let status: MonthStatus = 'owed'
    if (input.paid.has(month)) status = 'paid'
    else if (amountFen === 0) status = 'exempt'
    else if (input.pending.has(month)) status = 'pending'
    else if (month > input.currentMonth) status = 'ahead'
    return { month, amountFen, status }
  })
}

/** Unpaid months before the current one (six of them without good reason count as leaving the Party). */
export function monthsBehind(months: readonly MonthDue[], currentMonth: string): number {
  return months.filter((m) => m.month < currentMonth && (m.status === 'owed' || m.status === 'pending')).length
}

/**
 * Checks a choice of months to pay and answers their amounts, or the reason it is refused (Chinese).
 * The months must be the oldest unpaid ones, in order, with no gap, at most `maxMonthsPerPayment`.
 */
export function checkChoice(
  months: readonly MonthDue[],
  chosen: readonly string[],
  max: number,
): { amounts: number[] } | { refused: string } {
  if (chosen.length === 0) return { refused: '请选择要交纳的月份' }
  if (chosen.length > max) return { refused: `一次最多交纳 ${max} 个月的党费` }
  if (new Set(chosen).size !== chosen.length) return { refused: '月份不能重复' }
  const sorted = [...chosen].sort()
  const payable = months.filter((m) => m.status === 'owed' || m.status === 'ahead')
  const amounts: number[] = []
  for (const [i, month] of sorted.entries()) {
    const row = months.find((m) => m.month === month)
    if (!row) return { refused: `${monthLabel(month)}不在可交纳的月份内（不能预交）` }
    if (row.status === 'paid') return { refused: `${monthLabel(month)}的党费已交纳` }
    if (row.status === 'exempt') return { refused: `${monthLabel(month)}已批准免交` }
    if (row.status === 'pending') return { refused: `${monthLabel(month)}有一笔待支付的订单，请先完成或取消` }
    if (payable[i]?.month !== month) return { refused: '请从最早未交的月份开始按顺序交纳' }
    amounts.push(row.amountFen)
  }
  return { amounts }
}

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}

export function yuanText(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`
}
