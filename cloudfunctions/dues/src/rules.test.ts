import { describe, expect, it } from 'vitest'
import { DEFAULT_DUES_SETTINGS } from '../../_shared/domain'
import { checkChoice, firstDueMonth, monthlyDueFen, monthsBehind, monthsOf, quarterEnd, type DuesInput } from './rules'

const settings = { ...DEFAULT_DUES_SETTINGS, subMchId: '1900000109' }

const input = (over: Partial<DuesInput> = {}): DuesInput => ({
  stage: 'probationary',
  stageDates: { probationary: '2026-09-18' },
  monthlyIncomeFen: null,
  settings,
  quarterly: false,
  paid: new Set(),
  pending: new Set(),
  exemptions: [],
  currentMonth: '2026-12',
  ...over,
})

describe('dues rules (fen)', () => {
  it('students without income pay 20 fen; incomes by the bands, rounded to the fen', () => {
    expect(monthlyDueFen(settings, null)).toBe(20)
    expect(monthlyDueFen(settings, 300000)).toBe(1500) // 3000 元 × 0.5 %
    expect(monthlyDueFen(settings, 300001)).toBe(3000) // just above: 1 %
    expect(monthlyDueFen(settings, 650000)).toBe(9750)
    expect(monthlyDueFen(settings, 1200000)).toBe(24000)
    expect(monthlyDueFen(settings, 333)).toBe(2) // 1.665 fen → 2
  })

  it('a 预备党员 owes from the month admitted; nobody before the college started; non-members nothing', () => {
    expect(firstDueMonth('probationary', { probationary: '2026-09-18' }, settings)).toBe('2026-09')
    expect(
      firstDueMonth('full', { probationary: '2020-03-01', full: '2021-03-01' }, { ...settings, sinceMonth: '2026-01' }),
    ).toBe('2026-01')
    expect(firstDueMonth('candidate', { candidate: '2026-01-01' }, settings)).toBeNull()
    expect(monthsOf(input()).map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12'])
  })

  it('no advance beyond the current month, except to the quarter’s end where the branch pays quarterly', () => {
    expect(quarterEnd('2026-10')).toBe('2026-12')
    expect(quarterEnd('2027-01')).toBe('2027-03')
    const months = monthsOf(input({ currentMonth: '2026-10', quarterly: true }))
    expect(months.map((m) => `${m.month}:${m.status}`)).toEqual([
      '2026-09:owed',
      '2026-10:owed',
      '2026-11:ahead',
      '2026-12:ahead',
    ])
    expect(checkChoice(months, ['2026-09', '2026-10', '2026-11', '2026-12'], 6)).toEqual({ amounts: [20, 20, 20, 20] })
    expect(
      'refused' in checkChoice(monthsOf(input({ currentMonth: '2026-10' })), ['2026-09', '2026-10', '2026-11'], 6),
    ).toBe(true)
  })

  it('oldest first, no gaps, no repeats, at most six; paid, exempt and pending months refused', () => {
    const months = monthsOf(input({ paid: new Set(['2026-09']) }))
    expect(checkChoice(months, ['2026-10', '2026-11'], 6)).toEqual({ amounts: [20, 20] })
    expect(checkChoice(months, ['2026-11'], 6)).toEqual({ refused: '请从最早未交的月份开始按顺序交纳' })
    expect(checkChoice(months, ['2026-09'], 6)).toEqual({ refused: '2026年9月的党费已交纳' })
    expect(checkChoice(months, ['2026-10', '2026-10'], 6)).toEqual({ refused: '月份不能重复' })
    expect(checkChoice(months, ['2026-10', '2026-11', '2026-12'], 2)).toEqual({ refused: '一次最多交纳 2 个月的党费' })
    const pending = monthsOf(input({ pending: new Set(['2026-09']) }))
    expect('refused' in checkChoice(pending, ['2026-09'], 6)).toBe(true)
  })

  it('approved exemptions make months 0 (not owed), reductions change the amount; pending ones change nothing', () => {
    const months = monthsOf(
      input({
        exemptions: [
          { kind: 'exempt', monthlyFen: 0, fromMonth: '2026-09', toMonth: '2026-09', status: 'approved' },
          { kind: 'reduce', monthlyFen: 10, fromMonth: '2026-10', toMonth: '2026-10', status: 'approved' },
          { kind: 'exempt', monthlyFen: 0, fromMonth: '2026-11', toMonth: '2026-11', status: 'pending' },
        ],
      }),
    )
    expect(months.map((m) => `${m.status}:${m.amountFen}`)).toEqual(['exempt:0', 'owed:10', 'owed:20', 'owed:20'])
    expect(monthsBehind(months, '2026-12')).toBe(2)
    expect(checkChoice(months, ['2026-10'], 6)).toEqual({ amounts: [10] })
  })
})
