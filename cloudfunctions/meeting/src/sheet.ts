import { findMany } from '../../_shared/db'
import { iso } from '../../_shared/time'
import type { AttendanceCounts, AttendanceRow, AttendanceSheet, MyStanding } from './contract'
import { type AttendanceDoc, type LeaveDoc, type MeetingDoc } from './model'

const MAX_ROWS = 1000

/** Everyone who checked in and every leave request of one meeting: two indexed reads. */
export async function loadSheet(meeting: Pick<MeetingDoc, '_id' | 'attendees'>): Promise<AttendanceSheet> {
  const [present, leaves] = await Promise.all([
    findMany('attendance', { meetingId: meeting._id }, { limit: MAX_ROWS, fields: { memberId: true, method: true, at: true } }),
    findMany('meetingLeaves', { meetingId: meeting._id }, { limit: MAX_ROWS }),
  ])
  return buildSheet(meeting, present, leaves)
}

/**
 * Present: checked in (even with approved leave: they came after all). Leave: approved leave and not
 * present. Absent (missing, while the meeting runs): everyone else expected.
 */
export function buildSheet(
  meeting: Pick<MeetingDoc, 'attendees'>,
  present: Pick<AttendanceDoc, 'memberId' | 'method' | 'at'>[],
  leaves: Pick<LeaveDoc, 'memberId' | 'status' | 'reason' | 'note' | 'requestedAt'>[],
): AttendanceSheet {
  const presentBy = new Map(present.map((a) => [a.memberId, a]))
  const leaveBy = new Map(leaves.map((l) => [l.memberId, l]))
  const rows: AttendanceRow[] = meeting.attendees.map((a) => {
    const checkIn = presentBy.get(a.memberId)
    const leave = leaveBy.get(a.memberId)
    const status = checkIn ? 'present' : leave?.status === 'approved' ? 'leave' : 'absent'
    return {
      memberId: a.memberId,
      name: a.name,
      className: a.className,
      status,
      checkedInAt: checkIn ? iso(checkIn.at) : null,
      method: checkIn?.method ?? null,
      leave: leave ? { status: leave.status, reason: leave.reason, note: leave.note, requestedAt: iso(leave.requestedAt) } : null,
    }
  })
  return { counts: countRows(rows), rows }
}

export function countRows(rows: Pick<AttendanceRow, 'status'>[]): AttendanceCounts {
  const counts: AttendanceCounts = { expected: rows.length, present: 0, leave: 0, missing: 0 }
  for (const row of rows) {
    if (row.status === 'present') counts.present++
    else if (row.status === 'leave') counts.leave++
    else counts.missing++
  }
  return counts
}

export function standingOf(
  expected: boolean,
  checkIn: Pick<AttendanceDoc, 'at'> | null,
  leave: Pick<LeaveDoc, 'status' | 'reason' | 'note'> | null,
): MyStanding {
  return {
    expected,
    status: checkIn ? 'present' : leave?.status === 'approved' ? 'leave' : 'absent',
    checkedInAt: checkIn ? iso(checkIn.at) : null,
    leave: leave ? { status: leave.status, reason: leave.reason, note: leave.note } : null,
  }
}
