import { countAttendance } from '../../_shared/attendance'
import { command, findMany, updateWhere } from '../../_shared/db'
import type { CallContext } from '../../_shared/handler'
import type { RecountResult } from './contract'
import type { Attendee, AttendanceDoc, LeaveDoc, MeetingDoc, MeetingFigures } from './model'

/** Meetings recounted per run; a run every 15 minutes is far more than the meetings that close in that time. */
const BATCH = 20
const PAGE = 1000

/**
 * The attendance recount job, run by its own timer trigger (config.json). Each meeting whose `settleAt` has
 * come (check-in closed, plus a grace for changes under way) is recounted from its records: who is
 * expected (its attendees), present (an attendance record) and on approved leave (and not present).
 * The figures are stored, and `settleAt` cleared, only if no change marked the meeting meanwhile
 * (`rollRev` unchanged); otherwise it stays due and is recounted on the next run. One read, then
 * per meeting two (or more) reads and one write.
 */
export async function recountAttendance(ctx: CallContext): Promise<RecountResult> {
  const _ = command()
  const due = await findMany<Due>(
    'meetings',
    { settleAt: _.lte(ctx.now) },
    { limit: BATCH, fields: { _id: true, rollRev: true, 'attendees.memberId': true } },
  )
  let recounted = 0
  for (const meeting of due) recounted += await recountOne(meeting)
  return { recounted }
}

type Due = Pick<MeetingDoc, '_id' | 'rollRev'> & { attendees: Pick<Attendee, 'memberId'>[] }

async function recountOne(meeting: Due): Promise<number> {
  const _ = command()
  const [present, leave] = await Promise.all([presentMembers(meeting._id), approvedLeaves(meeting._id)])
  return updateWhere(
    'meetings',
    { _id: meeting._id, rollRev: meeting.rollRev ?? _.exists(false) },
    {
      figures: countFigures(
        meeting.attendees.map((a) => a.memberId),
        present,
        leave,
      ),
      settleAt: null,
    },
  )
}

/** The stored figures (`_shared/attendance`); absent follows from them, so it is not kept. */
function countFigures(expectedIds: string[], presentIds: string[], leaveIds: string[]): MeetingFigures {
  const { expected, present, leave } = countAttendance(expectedIds, presentIds, leaveIds)
  return { expected, present, leave }
}

/** Everyone with an attendance record, a page of 1,000 at a time in member order (`meeting_member_unique`). */
async function presentMembers(meetingId: string): Promise<string[]> {
  const _ = command()
  const ids: string[] = []
  for (;;) {
    const last = ids[ids.length - 1]
    const where = last === undefined ? { meetingId } : { meetingId, memberId: _.gt(last) }
    const page = await findMany<Pick<AttendanceDoc, 'memberId'>>('attendance', where, {
      orderBy: [['memberId', 'asc']],
      limit: PAGE,
      fields: { memberId: true },
    })
    ids.push(...page.map((a) => a.memberId))
    if (page.length < PAGE) return ids
  }
}

/** Everyone with approved leave (`meeting_status`), a page of 1,000 at a time in `_id` order. */
async function approvedLeaves(meetingId: string): Promise<string[]> {
  const _ = command()
  const found: Pick<LeaveDoc, '_id' | 'memberId'>[] = []
  for (;;) {
    const last = found[found.length - 1]
    const where =
      last === undefined ? { meetingId, status: 'approved' } : { meetingId, status: 'approved', _id: _.gt(last._id) }
    const page = await findMany<Pick<LeaveDoc, '_id' | 'memberId'>>('meetingLeaves', where, {
      orderBy: [['_id', 'asc']],
      limit: PAGE,
      fields: { _id: true, memberId: true },
    })
    found.push(...page)
    if (page.length < PAGE) return found.map((l) => l.memberId)
  }
}
