/**
 * WeChat cloud timer cron: seven fields, `second minute hour day-of-month month day-of-week year`,
 * evaluated in China time (UTC+8, no daylight saving since 1991, so a fixed offset is exact).
 * Each field takes numbers, `*`, lists `a,b`, ranges `a-b`, steps `*\/n`, `a/n`, `a-b/n`; months
 * and weekdays also take English names (JAN–DEC, SUN–SAT; weekday 0 is Sunday). When both
 * day-of-month and day-of-week are restricted a day matching either fires (as WeChat documents).
 */

export interface CronSchedule {
  readonly seconds: readonly number[]
  readonly minutes: readonly number[]
  readonly hours: readonly number[]
  readonly days: ReadonlySet<number>
  readonly months: ReadonlySet<number>
  readonly weekdays: ReadonlySet<number>
  readonly years: ReadonlySet<number>
  /** Which of day-of-month / day-of-week were restricted (not `*`): decides AND vs OR. */
  readonly daysRestricted: boolean
  readonly weekdaysRestricted: boolean
}

interface FieldSpec {
  label: string
  min: number
  max: number
  names?: readonly string[]
}

const FIELDS: readonly FieldSpec[] = [
  { label: '秒', min: 0, max: 59 },
  { label: '分钟', min: 0, max: 59 },
  { label: '小时', min: 0, max: 23 },
  { label: '日', min: 1, max: 31 },
  {
    label: '月',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { label: '星期', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { label: '年', min: 1970, max: 2099 },
]

export const CHINA_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** Parses a 7-field WeChat cron expression; throws an Error naming the bad field. */
export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7)
    throw new Error(`cron 表达式应有 7 个字段（秒 分 时 日 月 星期 年），实际 ${parts.length} 个：${expr}`)
  const sets = parts.map((p, i) => parseField(p, FIELDS[i]))
  const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b)
  return {
    seconds: sorted(sets[0]),
    minutes: sorted(sets[1]),
    hours: sorted(sets[2]),
    days: sets[3],
    months: sets[4],
    weekdays: sets[5],
    years: sets[6],
    daysRestricted: parts[3] !== '*',
    weekdaysRestricted: parts[5] !== '*',
  }
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>()
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(item)
    if (!m) throw fieldError(text, spec)
    const step = m[2] === undefined ? 1 : Number(m[2])
    if (step < 1) throw fieldError(text, spec)
    const [from, to] = parseRange(m[1], m[2] !== undefined, text, spec)
    for (let v = from; v <= to; v += step) out.add(v)
  }
  return out
}

/** `*`, `a`, `a-b`; a single value with a step (`a/n`) runs to the field's maximum. */
function parseRange(text: string, stepped: boolean, field: string, spec: FieldSpec): [number, number] {
  if (text === '*') return [spec.min, spec.max]
  const dash = text.indexOf('-')
  const from = parseValue(dash < 0 ? text : text.slice(0, dash), field, spec)
  const to = dash < 0 ? (stepped ? spec.max : from) : parseValue(text.slice(dash + 1), field, spec)
  if (to < from) throw fieldError(field, spec)
  return [from, to]
}

function parseValue(text: string, field: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  // Month names count from 1 (JAN = 1), weekday names from 0 (SUN = 0): both are min + index.
  const v = named >= 0 ? spec.min + named : /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(v) || v < spec.min || v > spec.max) throw fieldError(field, spec)
  return v
}

function fieldError(field: string, spec: FieldSpec): Error {
  return new Error(`cron 的「${spec.label}」字段 ${field} 无效（取值 ${spec.min}–${spec.max}，可用 , - * /）`)
}

/**
 * The first firing strictly after `after` (whole seconds), or null if the schedule never fires again
 * (a past year list, or a date like 31 February). Walks China-time days forward; within the first
 * day only the times after `after` count.
 */
export function nextFireTime(s: CronSchedule, after: Date): Date | null {
  // Shifted epoch: its UTC fields are China wall-clock fields.
  const startLocal = Math.floor((after.getTime() + CHINA_OFFSET_MS) / 1000) * 1000 + 1000
  let dayStart = Math.floor(startLocal / DAY_MS) * DAY_MS
  let fromSecondOfDay = (startLocal - dayStart) / 1000
  const lastYear = Math.max(...s.years)
  for (;;) {
    const d = new Date(dayStart)
    if (d.getUTCFullYear() > lastYear) return null
    if (dayMatches(s, d)) {
      const sod = firstTimeOfDayFrom(s, fromSecondOfDay)
      if (sod !== null) return new Date(dayStart + sod * 1000 - CHINA_OFFSET_MS)
    }
    dayStart += DAY_MS
    fromSecondOfDay = 0
  }
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  if (!s.years.has(d.getUTCFullYear()) || !s.months.has(d.getUTCMonth() + 1)) return false
  const dom = s.days.has(d.getUTCDate())
  const dow = s.weekdays.has(d.getUTCDay())
  if (s.daysRestricted && s.weekdaysRestricted) return dom || dow
  return dom && dow
}

/** The earliest scheduled second of the day at or after `from` (seconds since midnight), or null. */
function firstTimeOfDayFrom(s: CronSchedule, from: number): number | null {
  for (const h of s.hours) {
    if (h * 3600 + 3599 < from) continue
    for (const m of s.minutes) {
      if (h * 3600 + m * 60 + 59 < from) continue
      for (const sec of s.seconds) {
        const t = h * 3600 + m * 60 + sec
        if (t >= from) return t
      }
    }
  }
  return null
}
