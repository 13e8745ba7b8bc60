import { describe, expect, it } from 'vitest'
import { parseDay } from '../../cloudfunctions/branch/src/importer'
import { addMonths } from '../../cloudfunctions/_shared/time'

/** Calendar arithmetic and roster dates (the development rules themselves are the file's: development.test.ts). */

describe('calendar arithmetic', () => {
  it('adds calendar months, keeping the end of a month inside the month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2025-12-21', 12)).toBe('2026-12-21')
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15')
  })

  it('reads the dates people type into a roster', () => {
    expect(parseDay('2024-09-05')).toBe('2024-09-05')
    expect(parseDay('2024/9/5')).toBe('2024-09-05')
    expect(parseDay('2024.9.5')).toBe('2024-09-05')
    expect(parseDay('2024年9月5日')).toBe('2024-09-05')
    expect(parseDay('20240905')).toBe('2024-09-05')
    expect(parseDay('2024-02-30')).toBeNull()
    expect(parseDay('去年九月')).toBeNull()
  })
})
