import { canManageBranch, requireCallerWith, type Caller, type CallerReads, type CallerWith } from '../../_shared/auth'
import type { CallContext } from '../../_shared/handler'
import { getById, type FindOptions } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import { findOne } from '../../_shared/db'
import { isExpected, type MeetingDoc } from './model'

export const MEETING_NOT_FOUND = '会议不存在或你无权查看'

/** The meeting, or NOT_FOUND. One read by _id. */
export async function loadMeeting(meetingId: string, fields?: FindOptions['fields']): Promise<MeetingDoc> {
  const meeting = fields
    ? await findOne('meetings', { _id: meetingId }, { fields })
    : await getById('meetings', meetingId)
  if (!meeting) throw new AppError('NOT_FOUND', MEETING_NOT_FOUND)
  return meeting
}

/** The caller with the meeting (and more) read in the same request; NOT_FOUND when there is no such meeting. */
export async function callerWithMeeting(
  ctx: CallContext,
  meetingId: string,
  own?: CallerReads['own'],
  ownEntriesOf?: CallerReads['ownEntriesOf'],
): Promise<{ caller: CallerWith; meeting: MeetingDoc }> {
  const caller = await requireCallerWith(ctx, { byId: { meetings: [meetingId] }, own, ownEntriesOf })
  const meeting = (caller.byId.meetings as MeetingDoc[] | undefined)?.find((m) => m._id === meetingId)
  if (!meeting) throw new AppError('NOT_FOUND', MEETING_NOT_FOUND)
  return { caller, meeting }
}

/**
 * The caller with the meeting whose `attendees` holds the caller's own entry only (none when not expected):
 * a member acting for themselves needs no more, and a sign-in sheet of 1,000 people stays in the database.
 */
export function callerWithOwnEntry(
  ctx: CallContext,
  meetingId: string,
  own?: CallerReads['own'],
): Promise<{ caller: CallerWith; meeting: MeetingDoc }> {
  return callerWithMeeting(ctx, meetingId, own, { meetings: 'attendees' })
}

/** Only the meeting's branch secretary (or the committee) manages it; others do not learn it exists. */
export function requireMeetingManager(caller: Caller, meeting: MeetingDoc): void {
  if (canManageBranch(caller, meeting.branchId)) return
  if (isExpected(meeting, caller.memberId)) throw new AppError('FORBIDDEN', '只有本支部书记可以管理这次会议')
  throw new AppError('NOT_FOUND', MEETING_NOT_FOUND)
}

/** Managers and the people expected at the meeting may see it. */
export function requireMeetingReader(caller: Caller, meeting: MeetingDoc): void {
  if (!canManageBranch(caller, meeting.branchId) && !isExpected(meeting, caller.memberId)) {
    throw new AppError('NOT_FOUND', MEETING_NOT_FOUND)
  }
}

export function requireNotCancelled(meeting: MeetingDoc): void {
  if (meeting.status === 'cancelled') throw new AppError('FAILED_PRECONDITION', '这次会议已取消')
}

/** The branch a manager acts on: a secretary's own; the committee names one. */
export function managedBranchId(caller: Caller, requested: string | undefined): string {
  if (caller.roles.includes('committee')) {
    if (!requested) throw new AppError('INVALID_ARGUMENT', '请选择支部')
    return requested
  }
  if (!caller.roles.includes('secretary') || !caller.branchId)
    throw new AppError('FORBIDDEN', '只有支部书记可以进行此操作')
  if (requested && requested !== caller.branchId) throw new AppError('FORBIDDEN', '只能管理本支部的事务')
  return caller.branchId
}

export function isManager(caller: Caller): boolean {
  return caller.roles.includes('committee') || (caller.roles.includes('secretary') && caller.branchId !== null)
}
