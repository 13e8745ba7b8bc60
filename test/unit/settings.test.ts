import { describe, expect, it } from 'vitest'
import { DEFAULT_COLLEGE_SETTINGS } from '../../cloudfunctions/_shared/domain'
import { readSettings } from '../../cloudfunctions/_shared/settings'

describe('readSettings', () => {
  it('answers the defaults for a college that set nothing', () => {
    expect(readSettings(null)).toEqual(DEFAULT_COLLEGE_SETTINGS)
    expect(readSettings({})).toEqual(DEFAULT_COLLEGE_SETTINGS)
    expect(readSettings({ settings: null })).toEqual(DEFAULT_COLLEGE_SETTINGS)
  })

  it('merges nested settings over their defaults, key by key', () => {
    const s = readSettings({
      settings: {
        quiz: { dailyCount: 7 },
        meetingRules: { general: { min: 2 } },
        pointRules: { dailyCapByKind: { read: 3 } },
      },
    })
    expect(s.quiz).toEqual({ ...DEFAULT_COLLEGE_SETTINGS.quiz, dailyCount: 7 })
    expect(s.meetingRules.general).toEqual({ period: 'quarter', min: 2 })
    expect(s.meetingRules.committee).toEqual(DEFAULT_COLLEGE_SETTINGS.meetingRules.committee)
    expect(s.pointRules.dailyCap).toBe(DEFAULT_COLLEGE_SETTINGS.pointRules.dailyCap)
    expect(s.pointRules.dailyCapByKind.read).toBe(3)
  })

  it('replaces arrays whole', () => {
    expect(readSettings({ settings: { reportStages: ['activist'] } }).reportStages).toEqual(['activist'])
  })
})
