import { command, updateById } from '../../_shared/db'
import { recountAtFor, type MeetingDoc } from './model'

/**
 * Marks a meeting's figures stale before a change that alters them is stored (a hand sign-in, a
 * leave approval): the dashboard counts it from its records until `recountAttendance` recounts it. Marking
 * first means a failure between the two writes leaves the meeting counted from its records, never
 * with stale figures; the grace in `settleAt` lets the record land before any recount. One request.
 */
export async function markForRecount(meeting: Pick<MeetingDoc, '_id' | 'checkInClosesAt'>, now: Date): Promise<void> {
  await updateById('meetings', meeting._id, {
    settleAt: recountAtFor(meeting.checkInClosesAt, now),
    rollRev: command().inc(1),
  })
}
