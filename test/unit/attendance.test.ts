import { describe, expect, it } from 'vitest'
import { attendanceStatus, countAttendance, tallyAttendance, withAbsent } from '../../cloudfunctions/_shared/attendance'

describe('attendance counting', () => {
  it('present wins over approved leave; only approved leave excuses', () => {
    expect(attendanceStatus(true, 'approved')).toBe('present')
    expect(attendanceStatus(false, 'approved')).toBe('leave')
    expect(attendanceStatus(false, 'pending')).toBe('absent')
    expect(attendanceStatus(false, null)).toBe('absent')
  })

  it('counts only those expected, each once', () => {
    const figures = countAttendance(['a', 'b', 'c', 'd', 'd'], ['a', 'b', 'x'], ['b', 'c', 'y'])
    expect(figures).toEqual({ expected: 4, present: 2, leave: 1, absent: 1 })
  })

  it('tallies statuses and derives absent from stored figures', () => {
    expect(tallyAttendance(['present', 'leave', 'absent', 'absent'])).toEqual({
      expected: 4,
      present: 1,
      leave: 1,
      absent: 2,
    })
    expect(tallyAttendance([])).toEqual({ expected: 0, present: 0, leave: 0, absent: 0 })
    expect(withAbsent({ expected: 10, present: 7, leave: 2 })).toEqual({
      expected: 10,
      present: 7,
      leave: 2,
      absent: 1,
    })
  })
})
