import { describe, expect, it } from 'vitest'
import { DEFAULT_COLLEGE_SETTINGS } from '../../cloudfunctions/_shared/domain'
import {
  buildCalendar,
  daysBetween,
  makePeriod,
  overduePeriods,
  owedPeriods,
  owingSpans,
  parsePeriod,
  periodOf,
  periodsBetween,
  shiftPeriod,
  writablePeriods,
} from '../../cloudfunctions/_shared/periods'

const quarterly = DEFAULT_COLLEGE_SETTINGS

describe('period ids and bounds', () => {
  it('names months, quarters and half-years and knows their first and last days', () => {
    expect(periodOf('2026-02-14', 'month')).toMatchObject({
      id: '2026-02',
      start: '2026-02-01',
      end: '2026-02-28',
      label: '2026年2月',
    })
    expect(periodOf('2028-02-14', 'month').end).toBe('2028-02-29') // leap year
    expect(periodOf('2026-05-01', 'quarter')).toMatchObject({
      id: '2026-Q2',
      start: '2026-04-01',
      end: '2026-06-30',
      label: '2026年第二季度',
    })
    expect(periodOf('2026-12-31', 'quarter')).toMatchObject({ id: '2026-Q4', end: '2026-12-31' })
    expect(periodOf('2026-07-01', 'half-year')).toMatchObject({
      id: '2026-H2',
      start: '2026-07-01',
      end: '2026-12-31',
      label: '2026年下半年',
    })
  })

  it('takes an instant in China time: 23:30 UTC on 31 March is already April in Beijing', () => {
    expect(periodOf(new Date('2026-03-31T23:30:00Z'), 'quarter').id).toBe('2026-Q2')
    expect(periodOf(new Date('2026-03-31T15:59:00Z'), 'quarter').id).toBe('2026-Q1')
  })

  it('parses only well-formed ids', () => {
    expect(parsePeriod('2026-Q3')).toEqual(makePeriod('quarter', 2026, 3))
    expect(parsePeriod('2026-H1')?.end).toBe('2026-06-30')
    expect(parsePeriod('2026-11')?.label).toBe('2026年11月')
    for (const bad of ['2026-Q5', '2026-13', '2026-H3', '26-Q1', '2026-q1', '2026-Q1 ', '', '1999-Q1', '2026-00']) {
      expect(parsePeriod(bad)).toBeNull()
    }
  })

  it('steps forwards and backwards across years', () => {
    expect(shiftPeriod(makePeriod('quarter', 2026, 4), 1).id).toBe('2027-Q1')
    expect(shiftPeriod(makePeriod('quarter', 2026, 1), -1).id).toBe('2025-Q4')
    expect(shiftPeriod(makePeriod('month', 2026, 1), -13).id).toBe('2024-12')
    expect(shiftPeriod(makePeriod('half-year', 2026, 2), 3).id).toBe('2028-H1')
  })

  it('lists the periods between two days, inclusive, oldest first', () => {
    expect(periodsBetween('2025-11-20', '2026-04-02', 'quarter').map((p) => p.id)).toEqual([
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ])
    expect(periodsBetween('2026-04-02', '2025-11-20', 'quarter')).toEqual([])
    expect(daysBetween('2026-12-01', '2026-12-31')).toBe(30)
  })
})

describe('what a member owes', () => {
  it('owes from the day they became an activist through candidate and probation, not as a full member', () => {
    const spans = owingSpans(
      'full',
      {
        applicant: '2021-03-01',
        activist: '2021-09-10',
        candidate: '2022-10-01',
        probationary: '2023-06-01',
        full: '2024-06-01',
      },
      quarterly.reportStages,
    )
    expect(spans).toEqual([{ from: '2021-09-10', to: '2024-06-01' }])
  })

  it('counts a period when the member is in a reporting stage on its last day', () => {
    // Activist from 10 Feb: owes Q1 (in stage on 31 Mar), Q2 and the running Q3.
    const owed = owedPeriods(
      { stage: 'activist', stageDates: { applicant: '2025-09-01', activist: '2026-02-10' } },
      quarterly,
      '2026-08-15',
    )
    expect(owed.map((p) => p.id)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3'])
  })

  it('stops owing when the member becomes a full member', () => {
    const owed = owedPeriods(
      {
        stage: 'full',
        stageDates: { activist: '2025-01-05', candidate: '2025-10-01', probationary: '2026-02-01', full: '2026-05-20' },
      },
      quarterly,
      '2026-11-01',
    )
    expect(owed.map((p) => p.id)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'])
  })

  it('ignores dates of stages the member has not reached and owes nothing before applying', () => {
    expect(
      owedPeriods(
        { stage: 'applicant', stageDates: { applicant: '2026-01-01', activist: '2026-03-01' } },
        quarterly,
        '2026-08-01',
      ),
    ).toEqual([])
    expect(owedPeriods({ stage: 'masses', stageDates: {} }, quarterly, '2026-08-01')).toEqual([])
  })

  it('owes the running period when the stage date was never recorded', () => {
    expect(owedPeriods({ stage: 'candidate', stageDates: {} }, quarterly, '2026-08-01').map((p) => p.id)).toEqual([
      '2026-Q3',
    ])
  })

  it('follows the college settings: monthly periods, and only the stages the college chose', () => {
    const monthly = { reportPeriod: 'month' as const, reportStages: ['probationary' as const] }
    const member = {
      stage: 'probationary' as const,
      stageDates: { activist: '2025-01-01', candidate: '2026-01-01', probationary: '2026-06-15' },
    }
    expect(owedPeriods(member, monthly, '2026-09-03').map((p) => p.id)).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ])
  })

  it('lets an applicant write a voluntary report for the running period only', () => {
    const applicant = { stage: 'applicant' as const, stageDates: { applicant: '2026-01-01' } }
    expect(writablePeriods(applicant, quarterly, '2026-08-01').map((p) => p.id)).toEqual(['2026-Q3'])
    expect(writablePeriods({ stage: 'masses', stageDates: {} }, quarterly, '2026-08-01')).toEqual([])
  })
})

describe('the report calendar', () => {
  const member = { stage: 'activist' as const, stageDates: { activist: '2025-11-10' } }

  it('marks approved periods done, pending submitted, ended ones without a submission overdue', () => {
    const calendar = buildCalendar(
      member,
      quarterly,
      [
        { id: 'r1', period: '2025-Q4', status: 'approved' },
        { id: 'r2', period: '2026-Q1', status: 'draft' },
        { id: 'r3', period: '2026-Q2', status: 'returned' },
      ],
      '2026-08-20',
    )
    expect(calendar.entries.map((e) => [e.period.id, e.state])).toEqual([
      ['2026-Q3', 'due'],
      ['2026-Q2', 'returned'],
      ['2026-Q1', 'overdue'],
      ['2025-Q4', 'done'],
    ])
    expect(calendar.counts).toMatchObject({ done: 1, overdue: 1, returned: 1, due: 1, submitted: 0 })
    expect(calendar.nextDue).toMatchObject({ day: '2026-09-30', daysLeft: 41 })
    expect(overduePeriods(calendar).map((p) => p.id)).toEqual(['2026-Q1'])
  })

  it('moves the next due date on once the running period is submitted', () => {
    const calendar = buildCalendar(member, quarterly, [{ id: 'r', period: '2026-Q3', status: 'pending' }], '2026-08-20')
    expect(calendar.entries[0]).toMatchObject({ state: 'submitted', reportId: 'r' })
    expect(calendar.nextDue?.period.id).toBe('2026-Q4')
  })

  it('shows a voluntary report without counting unowed periods as overdue', () => {
    const applicant = { stage: 'applicant' as const, stageDates: { applicant: '2026-01-01' } }
    const calendar = buildCalendar(
      applicant,
      quarterly,
      [{ id: 'v', period: '2026-Q2', status: 'approved' }],
      '2026-08-20',
    )
    expect(calendar.entries.map((e) => [e.period.id, e.state, e.owed])).toEqual([['2026-Q2', 'done', false]])
    expect(calendar.nextDue).toBeNull()
  })
})
