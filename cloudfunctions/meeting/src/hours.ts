import { command, findMany } from '../../_shared/db'
import type { MeetingType } from '../../_shared/domain'
import type { AttendanceDoc, MeetingDoc } from './model'

/** The meetings that count as training (党课, 专题培训); other kinds are organisational life, not training. */
export const TRAINING_MEETING_TYPES: readonly MeetingType[] = ['lecture', 'training']

/** One training meeting a member attended: present by the meeting's own record (an attendance document). */
export interface AttendedMeeting {
  meetingId: string
  memberId: string
  title: string
  day: Date
  /** The meeting's length in hours (end − start), rounded to a half hour. */
  hours: number
}

const PAGE = 1000

/**
 * The training meetings of a branch (or the college) that ended in [from, to), and who was present at
 * each: presence is the meeting feature's own rule (an attendance record), whatever the check-in method.
 * Two indexed reads (`branch_endAt` / `college_endAt`, then `meeting_member_unique`) per 1,000 records.
 */
export async function attendedTrainingMeetings(
  scope: { branchId: string } | { collegeId: string },
  from: Date,
  to: Date,
  memberIds?: string[],
): Promise<AttendedMeeting[]> {
  const _ = command()
  type Row = Pick<MeetingDoc, '_id' | 'title' | 'startAt' | 'endAt' | 'type' | 'status'>
  const meetings = await findMany<Row>(
    'meetings',
    { ...scope, endAt: _.gte(from).and(_.lt(to)) },
    {
      orderBy: [['endAt', 'asc']],
      limit: PAGE,
      fields: { _id: true, title: true, startAt: true, endAt: true, type: true, status: true },
    },
  )
  const counted = meetings.filter((m) => m.status !== 'cancelled' && TRAINING_MEETING_TYPES.includes(m.type))
  if (counted.length === 0) return []
  const where: Record<string, unknown> = { meetingId: _.in(counted.map((m) => m._id)) }
  if (memberIds) where.memberId = _.in(memberIds)
  const present: Pick<AttendanceDoc, 'meetingId' | 'memberId'>[] = []
  for (let skip = 0; ; skip += PAGE) {
    const page = await findMany<Pick<AttendanceDoc, 'meetingId' | 'memberId'>>('attendance', where, {
      skip,
      limit: PAGE,
      orderBy: [
        ['meetingId', 'asc'],
        ['memberId', 'asc'],
      ],
      fields: { meetingId: true, memberId: true },
    })
    present.push(...page)
    if (page.length < PAGE) break
  }
  const byId = new Map(counted.map((m) => [m._id, m]))
  return present.flatMap((a) => {
    const m = byId.get(a.meetingId)
    if (!m) return []
    const hours = Math.round(((new Date(m.endAt).getTime() - new Date(m.startAt).getTime()) / 3_600_000) * 2) / 2
    return [{ meetingId: m._id, memberId: a.memberId, title: m.title, day: new Date(m.startAt), hours }]
  })
}
