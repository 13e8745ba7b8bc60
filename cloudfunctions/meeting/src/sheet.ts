import { attendanceStatus, tallyAttendance } from '../../_shared/attendance'
import { findMany } from '../../_shared/db'
import { iso } from '../../_shared/time'
import type { AttendanceCounts, AttendanceRow, AttendanceSheet, MyStanding } from './contract'
import { type AttendanceDoc, type LeaveDoc, type MeetingDoc } from './model'

const MAX_ROWS = 1000

/** Everyone who checked in and every leave request of one meeting: two indexed reads. */
export async function loadSheet(meeting: Pick<MeetingDoc, '_id' | 'attendees'>): Promise<AttendanceSheet> {
  const [present, leaves] = await Promise.all([
    findMany(
      'attendance',
      { meetingId: meeting._id },
      { limit: MAX_ROWS, fields: { memberId: true, method: true, at: true } },
    ),
    findMany('meetingLeaves', { meetingId: meeting._id }, { limit: MAX_ROWS }),
  ])
  return buildSheet(meeting, present, leaves)
}

/** Each attendee's status (`_shared/attendance`); absent is "missing" while the meeting runs. */
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
    const status = attendanceStatus(Boolean(checkIn), leave?.status)
    return {
      memberId: a.memberId,
      name: a.name,
      className: a.className,
      status,
      checkedInAt: checkIn ? iso(checkIn.at) : null,
      method: checkIn?.method ?? null,
      leave: leave
        ? { status: leave.status, reason: leave.reason, note: leave.note, requestedAt: iso(leave.requestedAt) }
        : null,
    }
  })
  return { counts: countRows(rows), rows }
}

export function countRows(rows: Pick<AttendanceRow, 'status'>[]): AttendanceCounts {
  const { expected, present, leave, absent } = tallyAttendance(rows.map((r) => r.status))
  return { expected, present, leave, missing: absent }
}

export function standingOf(
  expected: boolean,
  checkIn: Pick<AttendanceDoc, 'at'> | null,
  leave: Pick<LeaveDoc, 'status' | 'reason' | 'note'> | null,
): MyStanding {
  return {
    expected,
    status: attendanceStatus(Boolean(checkIn), leave?.status),
    checkedInAt: checkIn ? iso(checkIn.at) : null,
    leave: leave ? { status: leave.status, reason: leave.reason, note: leave.note } : null,
  }
}
