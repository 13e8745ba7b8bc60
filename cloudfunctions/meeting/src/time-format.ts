/** Dates as people in China read them, whatever the server's time zone. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function cst(date: Date | string): Date {
  return new Date(new Date(date).getTime() + CST_OFFSET_MS)
}

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
  const d = cst(date)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
