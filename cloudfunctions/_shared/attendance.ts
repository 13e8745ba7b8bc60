/**
 * Attendance at a meeting, counted one way everywhere (the meeting's sheet and figures, the branch
 * dashboard, the member page, the exports). Present: checked in, even with approved leave (they came
 * after all). Leave: approved leave and not present. Absent: everyone else expected. Only those
 * expected are counted.
 */

export type AttendanceStatus = 'present' | 'leave' | 'absent'

/** A closed meeting's statuses in words (records, exports). */
export const ATTENDANCE_LABELS = { present: '出席', leave: '请假', absent: '缺席' } as const satisfies Record<
  AttendanceStatus,
  string
>
/** While people may still check in, nobody is absent yet (the app's own labels say the same). */
export const OPEN_ATTENDANCE_LABELS = { present: '已签到', leave: '请假', absent: '未签到' } as const satisfies Record<
  AttendanceStatus,
  string
>

/** Expected, present, on approved leave (and not present), absent: one meeting's attendance. */
export interface AttendanceFigures {
  expected: number
  present: number
  leave: number
  absent: number
}

/** One expected person's status at one meeting. */
export function attendanceStatus(checkedIn: boolean, leaveStatus: string | null | undefined): AttendanceStatus {
  if (checkedIn) return 'present'
  return leaveStatus === 'approved' ? 'leave' : 'absent'
}

/** The figures of statuses already decided, one per expected person (or per expected meeting of a person). */
export function tallyAttendance(statuses: readonly AttendanceStatus[]): AttendanceFigures {
  const figures: AttendanceFigures = { expected: statuses.length, present: 0, leave: 0, absent: 0 }
  for (const status of statuses) figures[status]++
  return figures
}

/** One meeting's figures from who was expected, who checked in and whose leave was approved. */
export function countAttendance(
  expectedIds: readonly string[],
  presentIds: readonly string[],
  approvedLeaveIds: readonly string[],
): AttendanceFigures {
  const present = new Set(presentIds)
  const leave = new Set(approvedLeaveIds)
  return tallyAttendance(
    [...new Set(expectedIds)].map((id) => attendanceStatus(present.has(id), leave.has(id) ? 'approved' : null)),
  )
}

/** Stored figures (expected, present, leave) with the absent that follows from them. */
export function withAbsent(kept: Omit<AttendanceFigures, 'absent'>): AttendanceFigures {
  return { ...kept, absent: kept.expected - kept.present - kept.leave }
}
