import { describe, expect, it } from 'vitest'
import { formatDate, milestones, nextStepHint } from '../../src/utils/stage'
import { greetingFor } from '../../src/utils/greeting'

describe('milestones', () => {
  it('marks the steps before, at and after the current stage, with dates only where reached', () => {
    const list = milestones('activist', { applicant: '2025-07-21', activist: '2025-12-21' })
    expect(list.map((m) => [m.stageLabel, m.state, m.date])).toEqual([
      ['入党申请人', 'done', '2025年7月21日'],
      ['入党积极分子', 'current', '2025年12月21日'],
      ['发展对象', 'upcoming', null],
      ['预备党员', 'upcoming', null],
      ['正式党员', 'upcoming', null],
    ])
  })

  it('leaves every step upcoming for 群众', () => {
    expect(milestones('masses', {}).every((m) => m.state === 'upcoming')).toBe(true)
  })
})

describe('nextStepHint', () => {
  it("states the rule without computing dates: the dates are the server's (我的发展纪实, extensions included)", () => {
    expect(nextStepHint('activist', { activist: '2025-12-21' })).not.toMatch(/\d{4}年/)
    expect(nextStepHint('probationary', { probationary: '2026-03-01' })).not.toMatch(/\d{4}年/)
  })

  it('counts Party standing from the conversion date', () => {
    expect(nextStepHint('full', { full: '2018-11-21' })).toBe('党龄自 2018年11月21日 转正之日起计算。')
  })
})

describe('formatting', () => {
  it('formats ISO dates (and full timestamps) as Chinese dates', () => {
    expect(formatDate('2026-09-01')).toBe('2026年9月1日')
    expect(formatDate('not a date')).toBe('not a date')
  })

  it('greets by the hour', () => {
    expect([3, 7, 10, 12, 15, 20].map(greetingFor)).toEqual([
      '夜深了',
      '早上好',
      '上午好',
      '中午好',
      '下午好',
      '晚上好',
    ])
  })
})
