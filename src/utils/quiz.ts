/** Words and formats of the quiz screens (tab page and both quiz subpackages). */
import { chinaTime } from './time'
import { OPTION_LETTERS, STAGE_LABELS, type Stage } from '../services/domain'

/** Tags the bank is organised by (free text is allowed too). */
export const SUGGESTED_TAGS = ['党章', '党史', '理论', '时事', '党规']

/** 4:05 (or 1:02:03 for an hour or more). */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/** 11月28日 21:00 (with the year when it is not this year). */
export function when(iso: string): string {
  const d = chinaTime(iso)
  return d.format(d.year() === chinaTime().year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** 还剩 3 天 / 还剩 5 小时 / 即将截止. */
export function timeLeft(iso: string, now = Date.now()): string {
  const ms = chinaTime(iso).valueOf() - now
  if (ms <= 0) return '已截止'
  const hours = ms / 3_600_000
  if (hours >= 24) return `还剩 ${Math.floor(hours / 24)} 天`
  if (hours >= 1) return `还剩 ${Math.floor(hours)} 小时`
  return '即将截止'
}

export function audienceLabel(stages: readonly Stage[]): string {
  if (stages.length >= 6) return '全体成员'
  return stages.map((s) => STAGE_LABELS[s]).join('、')
}

/** The right options as letters in the order shown, e.g. "B" or "A、C". */
export function letterOf(optionIds: readonly string[], shown: readonly { id: string }[]): string {
  return shown
    .map((o, i) => (optionIds.includes(o.id) ? OPTION_LETTERS[i] : null))
    .filter((l): l is string => l !== null)
    .join('、')
}
