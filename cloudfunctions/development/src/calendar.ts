/**
 * The working-day calendar: weekends and the national holiday arrangements (国务院办公厅关于部分节假日安排的通知),
 * with their make-up working days (调休上班). A year nobody configured is not guessed: counting across it
 * gives a warning that names the year. The committee may replace a year for its college (`workCalendars`).
 */
import { addDays } from '../../_shared/time'

export interface YearCalendar {
  year: number
  /** Days off that would otherwise be working days ('YYYY-MM-DD'). */
  holidays: string[]
  /** Weekend days that are working days (调休上班). */
  workdays: string[]
  /** Where the arrangement comes from. */
  source: string
}

const range = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i))

/**
 * The national arrangements stated here: 国办发明电〔2024〕12号 (2025) and the notice of November 2025 (2026).
 * 2027 is not published as this is written: the committee enters it when the State Council announces it.
 */
export const NATIONAL_CALENDARS: readonly YearCalendar[] = [
  {
    year: 2025,
    holidays: [
      ...range('2025-01-01', 1),
      ...range('2025-01-28', 8),
      ...range('2025-04-04', 3),
      ...range('2025-05-01', 5),
      ...range('2025-05-31', 3),
      ...range('2025-10-01', 8),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    source: '国务院办公厅关于2025年部分节假日安排的通知',
  },
  {
    year: 2026,
    holidays: [
      ...range('2026-01-01', 3),
      ...range('2026-02-15', 9),
      ...range('2026-04-04', 3),
      ...range('2026-05-01', 5),
      ...range('2026-06-19', 3),
      ...range('2026-09-25', 3),
      ...range('2026-10-01', 7),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    source: '国务院办公厅关于2026年部分节假日安排的通知',
  },
]

function weekday(day: string): number {
  const [y, mo, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay()
}

export class WorkCalendar {
  private readonly years: Map<number, YearCalendar>

  constructor(years: readonly YearCalendar[]) {
    this.years = new Map(years.map((y) => [y.year, y]))
  }

  /** National arrangements, replaced year by year by the college's own. */
  static of(collegeYears: readonly YearCalendar[]): WorkCalendar {
    const merged = new Map(NATIONAL_CALENDARS.map((y) => [y.year, y]))
    for (const y of collegeYears) merged.set(y.year, y)
    return new WorkCalendar([...merged.values()])
  }

  configured(year: number): YearCalendar | null {
    return this.years.get(year) ?? null
  }

  isWorkingDay(day: string): boolean {
    const year = this.years.get(Number(day.slice(0, 4)))
    if (year?.workdays.includes(day)) return true
    if (year?.holidays.includes(day)) return false
    const w = weekday(day)
    return w !== 0 && w !== 6
  }

  /**
   * The last day of a period of `n` working days starting on `start` (the start counts when it is a working
   * day). `unconfigured` lists the years the count crossed that have no arrangement: weekends only there.
   */
  endOfWorkingDays(start: string, n: number): { end: string; unconfigured: number[]; skipped: string[] } {
    const unconfigured = new Set<number>()
    const skipped: string[] = []
    let day = start
    let counted = 0
    for (let guard = 0; guard < 400; guard++) {
      const year = Number(day.slice(0, 4))
      if (!this.years.has(year)) unconfigured.add(year)
      if (this.isWorkingDay(day)) {
        counted++
        if (counted === n) return { end: day, unconfigured: [...unconfigured], skipped }
      } else if (this.years.get(year)?.holidays.includes(day)) {
        skipped.push(day)
      }
      day = addDays(day, 1)
    }
    throw new Error('working-day count did not end')
  }
}
