import { chinaTime } from '../../../utils/time'

/** A date as people say it: 今天 / 昨天 / 11月19日 / 2025年11月19日. */
export function friendlyDate(iso: string | null, now = chinaTime()): string {
  if (!iso) return ''
  const d = chinaTime(iso)
  if (d.isSame(now, 'day')) return `今天 ${d.format('HH:mm')}`
  if (d.isSame(now.subtract(1, 'day'), 'day')) return `昨天 ${d.format('HH:mm')}`
  return d.isSame(now, 'year') ? d.format('M月D日') : d.format('YYYY年M月D日')
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
