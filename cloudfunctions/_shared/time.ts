/**
 * Calendar days, weeks and months in China Standard Time (UTC+8, no DST): cloud functions run in UTC,
 * but "today" for a daily cap or a check-in streak is the student's day.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000
export const DAY_MS = 24 * 60 * 60 * 1000

/** `date` shifted so its UTC fields read as China's wall clock (`getUTCHours()` is the hour in China). */
export function chinaClock(date: Date | string): Date {
  return new Date(new Date(date).getTime() + CST_OFFSET_MS)
}

const cst = chinaClock

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** 'YYYY-MM-DD' of `date` in China. */
export function chinaDay(date: Date | string): string {
  const d = cst(date)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** 'YYYY-MM' of `date` in China. */
export function chinaMonth(date: Date): string {
  return chinaDay(date).slice(0, 7)
}

/** The Monday ('YYYY-MM-DD') that starts the China-time week containing `date`. */
export function chinaWeek(date: Date): string {
  const d = cst(date)
  const sinceMonday = (d.getUTCDay() + 6) % 7
  return chinaDay(new Date(date.getTime() - sinceMonday * DAY_MS))
}

/** The instant a China-time month begins (`month` 1-based; may overflow into other years). */
export function startOfChinaMonth(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - CST_OFFSET_MS)
}

/** The instant a China-time day 'YYYY-MM-DD' begins. */
export function startOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS)
}

/** The China-time day `days` after (or before, if negative) `day`. */
export function addDays(day: string, days: number): string {
  return chinaDay(new Date(startOfChinaDay(day).getTime() + days * DAY_MS))
}

/** `day` plus `months` calendar months; the 31st becomes the month's last day (2025-01-31 + 1 → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`
}

/** 2026-03-05 → 2026年3月5日 */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** A stored date (a `Date`, or the string the local cloud or an export may hold) as an ISO string for a response. */
export function iso(date: Date | string): string
export function iso(date: Date | string | null | undefined): string | null
export function iso(date: Date | string | null | undefined): string | null {
  return date ? new Date(date).toISOString() : null
}

// How people in China read a time, whatever the server's time zone.

/** 2026年11月21日 19:30 */
export function chinaDateTime(date: Date | string): string {
  const d = cst(date)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** 11月21日 19:30 */
export function shortDateTime(date: Date | string): string {
  const d = cst(date)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** 19:30:05 */
export function clockTime(date: Date | string): string {
  const d = cst(date)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** Subscribe-message `time` values: 2026-11-21 19:30 */
export function messageTime(date: Date | string): string {
  return `${chinaDay(date)} ${clockTime(date).slice(0, 5)}`
}
