// The device is anywhere but China (CI runs in UTC): pick a zone with a different offset and DST.
process.env.TZ = 'America/New_York'

import { describe, expect, it } from 'vitest'
import { chinaTime, fromChinaTime } from '../../src/utils/time'
import { meetingTime, whenFromNow } from '../../src/utils/meeting'

const MEETING = '2026-11-24T06:30:00Z' // 14:30 in Beijing

describe('China time on a device in another time zone', () => {
  it('shows an instant as its China wall clock', () => {
    expect(new Date(MEETING).getHours()).not.toBe(14) // the device is really elsewhere
    expect(chinaTime(MEETING).format('YYYY-MM-DD HH:mm')).toBe('2026-11-24 14:30')
    expect(chinaTime('2026-11-24T20:00:00Z').format('M月D日 HH:mm')).toBe('11月25日 04:00')
    expect(chinaTime(MEETING).hour()).toBe(14)
  })

  it('reads a time picked in a form as China time', () => {
    expect(fromChinaTime('2026-11-24', '14:30').toISOString()).toBe('2026-11-24T06:30:00.000Z')
    expect(chinaTime('2026-11-24 14:30').toISOString()).toBe('2026-11-24T06:30:00.000Z')
  })

  it('keeps calendar days as they are', () => {
    expect(chinaTime('2026-11-24').format('YYYY-MM-DD')).toBe('2026-11-24')
    expect(chinaTime('2026-03-01').daysInMonth()).toBe(31)
    expect(chinaTime('2026-03-01').day()).toBe(0) // a Sunday
    expect(chinaTime('2026-03-01').add(10, 'day').format('YYYY-MM-DD')).toBe('2026-03-11') // across the device's DST change
  })

  it('formats meetings and counts days in China time', () => {
    expect(meetingTime({ startAt: MEETING, endAt: '2026-11-24T08:30:00Z' })).toBe('11月24日 周二 14:30–16:30')
    // 23:30 in Beijing on the 24th is still "today" there, although it is the 24th's morning elsewhere.
    expect(whenFromNow('2026-11-24T15:30:00Z', chinaTime('2026-11-24T01:00:00Z'))).toBe('今天')
    expect(whenFromNow('2026-11-24T16:30:00Z', chinaTime('2026-11-24T01:00:00Z'))).toBe('明天')
  })
})

describe('China time arithmetic', () => {
  it('sets hours and adds days on the China wall clock', () => {
    const now = chinaTime('2026-11-24T17:10:00Z') // 01:10 on the 25th in Beijing
    expect(now.add(7, 'day').hour(22).minute(0).toISOString()).toBe('2026-12-02T14:00:00.000Z')
    expect(now.format()).toBe('2026-11-25T01:10:00+08:00')
    expect(now.startOf('day').toISOString()).toBe('2026-11-24T16:00:00.000Z')
  })
})
