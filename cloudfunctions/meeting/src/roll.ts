import { command, updateById, updateWhere } from '../../_shared/db'
import type { MeetingDoc } from './model'

/**
 * The meeting's own sets of who is present and who is on approved leave (`MeetingDoc.presentIds` /
 * `leaveIds`), added to by a hand sign-in or a leave approval once its record is stored (these may
 * come after the sets were settled). One request each.
 */

/** After a hand sign-in is stored (or found already stored: a retry heals an addition lost before). */
export async function notePresent(meeting: Pick<MeetingDoc, '_id' | 'presentIds'>, memberId: string): Promise<void> {
  // A meeting stored before the sets were kept is counted from its records; half a set would be wrong.
  if (!Array.isArray(meeting.presentIds)) return
  await updateById('meetings', meeting._id, { presentIds: command().addToSet(memberId) })
}

/** After a leave is approved; the meeting was not read, so the condition decides whether it keeps the sets. */
export async function noteLeave(meetingId: string, memberId: string): Promise<void> {
  const _ = command()
  await updateWhere('meetings', { _id: meetingId, leaveIds: _.exists(true) }, { leaveIds: _.addToSet(memberId) })
}
