import { chinaTime } from './time'

const DAY_MS = 24 * 60 * 60 * 1000

/** A date as people say it: 今天 / 昨天 / 11月19日 / 2025年11月19日, in China time. */
export function friendlyDate(iso: string | null, now: number = Date.now()): string {
  if (!iso) return ''
  const at = chinaTime(iso)
  const today = chinaTime(now)
  // Date-only strings parse as UTC midnight: their difference is a whole number of days.
  const days = (Date.parse(today.format('YYYY-MM-DD')) - Date.parse(at.format('YYYY-MM-DD'))) / DAY_MS
  if (days === 0) return `今天 ${at.format('HH:mm')}`
  if (days === 1) return `昨天 ${at.format('HH:mm')}`
  return at.year() === today.year() ? at.format('M月D日') : at.format('YYYY年M月D日')
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
