import { chinaTime } from './time'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
/** An instant with its zone (…Z, …+08:00): Date.parse reads it exactly. Anything else goes through chinaTime. */
const ZONED = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * A date as people say it: 今天 / 昨天 / 11月19日 / 2025年11月19日. Plain arithmetic on China time (UTC+8,
 * no DST) rather than dayjs: lists call it for every row while the first screen renders.
 */
export function friendlyDate(iso: string | null, now: number = Date.now()): string {
  if (!iso) return ''
  const ms = ZONED.test(iso) ? Date.parse(iso) : chinaTime(iso).valueOf()
  const at = new Date(ms + CHINA_OFFSET_MS)
  const days = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) - Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS)
  const clock = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`
  if (days === 0) return `今天 ${clock}`
  if (days === 1) return `昨天 ${clock}`
  const monthDay = `${at.getUTCMonth() + 1}月${at.getUTCDate()}日`
  return at.getUTCFullYear() === new Date(now + CHINA_OFFSET_MS).getUTCFullYear()
    ? monthDay
    : `${at.getUTCFullYear()}年${monthDay}`
}

/** 1234 → 1234, 12345 → 1.2万. */
export function count(n: number): string {
  return n >= 10000 ? `${(n / 10000).toFixed(1)}万` : String(n)
}

/** A colour per column, so a card without a cover still says where it belongs. */
const COLUMN_TINTS = ['#C8161D', '#B8860B', '#1F6FB2', '#2E8B57', '#8E44AD', '#D35400', '#5D6D7E']

export function columnTint(columnId: string, order: string[]): string {
  const at = order.indexOf(columnId)
  const index = at >= 0 ? at : [...columnId].reduce((n, ch) => n + ch.charCodeAt(0), 0)
  return COLUMN_TINTS[index % COLUMN_TINTS.length]
}

/** The character on a column's icon: the first that is not 党 and not taken by an earlier column. */
export function columnGlyphs(names: string[]): string[] {
  const used = new Set<string>()
  return names.map((name) => {
    const glyph = [...name].find((ch) => ch !== '党' && !used.has(ch)) ?? name.slice(0, 1)
    used.add(glyph)
    return glyph
  })
}
