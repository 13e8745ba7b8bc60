import { describe, expect, it } from 'vitest'
import { DEFAULT_DEVELOPMENT_SETTINGS as DEV } from '../../cloudfunctions/_shared/domain'
import { parseDay } from '../../cloudfunctions/branch/src/importer'
import {
  addMonths,
  advanceBreaches,
  advanceProblem,
  amendStepProblem,
  eligibleOn,
  extendBreaches,
  nextMove,
} from '../../cloudfunctions/branch/src/rules'

/** The rules of the development process as pure functions (the server-side checks run through them). */
const facts = { approvedReports: 0, extensions: [], assessments: [] }

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

describe('stage rules', () => {
  const activist = {
    name: '张欣怡',
    stage: 'activist' as const,
    stageDates: { applicant: '2025-07-21', activist: '2025-12-21' },
  }

  it('needs a full year as activist before becoming a development target', () => {
    expect(advanceBreaches(activist, 'candidate', '2026-12-20', DEV, facts)[0]).toContain('满一年')
    expect(advanceBreaches(activist, 'candidate', '2026-12-21', DEV, facts)).toEqual([])
    expect(nextMove(activist, DEV, facts, '2026-11-21')).toMatchObject({ to: 'candidate', eligibleOn: '2026-12-21' })
    expect(advanceBreaches(activist, 'candidate', '2026-12-21', { ...DEV, activistMonths: 18 }, facts)[0]).toContain(
      '18 个月',
    )
  })

  it('keeps the order of the stages and refuses dates in the future or before the current step', () => {
    expect(advanceProblem(activist, 'probationary', '2026-11-21', '2026-11-21')).toContain(
      '只能转入下一阶段「发展对象」',
    )
    expect(advanceProblem(activist, 'candidate', '2026-11-22', '2026-11-21')).toBe('日期不能晚于今天')
    expect(advanceProblem(activist, 'candidate', '2025-12-01', '2026-11-21')).toContain('不能早于')
    expect(amendStepProblem(activist, 'applicant', '2026-01-01', '2026-11-21')).toContain('之前')
  })

  it('counts an extension into the probationary year, once, by 6 to 12 months', () => {
    const p = { name: '徐明轩', stage: 'probationary' as const, stageDates: { probationary: '2026-08-21' } }
    expect(eligibleOn(p, 'full', DEV, { extensions: [6] })).toBe('2028-02-21')
    expect(extendBreaches(6, 0, DEV)).toEqual([])
    expect(extendBreaches(3, 0, DEV)[0]).toContain('6 至 12 个月')
    expect(extendBreaches(6, 1, DEV)[0]).toContain('只能延长一次')
  })

  it('asks for four approved reports before admission', () => {
    const c = { name: '黄诗涵', stage: 'candidate' as const, stageDates: { candidate: '2026-07-21' } }
    expect(advanceBreaches(c, 'probationary', '2026-11-21', DEV, { ...facts, approvedReports: 3 })[0]).toContain(
      '至少 4 篇',
    )
    expect(advanceBreaches(c, 'probationary', '2026-11-21', DEV, { ...facts, approvedReports: 4 })).toEqual([])
  })
})
