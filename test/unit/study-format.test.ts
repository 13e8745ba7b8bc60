import { describe, expect, it } from 'vitest'
import { friendlyDate } from '../../src/utils/study'
import { chinaTime } from '../../src/utils/time'

/** The dayjs version it replaced, kept here as the reference. */
function reference(iso: string, now: number): string {
  const n = chinaTime(now)
  const d = chinaTime(iso)
  if (d.isSame(n, 'day')) return `今天 ${d.format('HH:mm')}`
  if (d.isSame(n.subtract(1, 'day'), 'day')) return `昨天 ${d.format('HH:mm')}`
  return d.isSame(n, 'year') ? d.format('M月D日') : d.format('YYYY年M月D日')
}

describe('friendlyDate', () => {
  const now = Date.parse('2026-11-21T16:30:00.000Z') // 2026-11-22 00:30 in China

  it('says 今天 / 昨天 by China days, whatever the device zone', () => {
    expect(friendlyDate('2026-11-21T16:10:00.000Z', now)).toBe('今天 00:10')
    expect(friendlyDate('2026-11-21T15:59:00.000Z', now)).toBe('昨天 23:59')
    expect(friendlyDate('2026-11-20T15:59:00.000Z', now)).toBe('11月20日')
    expect(friendlyDate('2025-12-31T16:00:00.000Z', Date.parse('2026-01-01T01:00:00.000Z'))).toBe('今天 00:00')
    expect(friendlyDate('2025-12-31T15:00:00.000Z', Date.parse('2026-01-02T01:00:00.000Z'))).toBe('2025年12月31日')
    expect(friendlyDate(null, now)).toBe('')
  })

  it('agrees with the dayjs reference on zoned instants and China wall-clock strings', () => {
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (let i = 0; i < 2000; i++) {
      const at = now - Math.floor(random() * 800 * 86_400_000) + 86_400_000
      const iso = new Date(at).toISOString()
      expect(friendlyDate(iso, now)).toBe(reference(iso, now))
      const wall = chinaTime(at).format('YYYY-MM-DD HH:mm')
      expect(friendlyDate(wall, now)).toBe(reference(wall, now))
      const offset = iso.replace('Z', '+00:00')
      expect(friendlyDate(offset, now)).toBe(reference(offset, now))
    }
  })
})
