import { audit } from '../../_shared/audit'
import { assertTextSafe } from '../../_shared/content'
import { updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import { tempUrls } from '../../_shared/storage'
import { iso } from '../../_shared/time'
import { callerWithMeeting, requireMeetingManager } from './access'
import type { MinutesView } from './contract'
import { type MeetingDoc } from './model'

export async function minutesView(minutes: NonNullable<MeetingDoc['minutes']>): Promise<MinutesView> {
  const urls = await tempUrls(minutes.photos)
  return {
    text: minutes.text,
    photos: minutes.photos.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })),
    recordedBy: minutes.recordedByName,
    recordedAt: iso(minutes.recordedAt),
  }
}

/**
 * Minutes (会议纪要): text through the content check, photos only from the secretary's own uploads.
 * Recording again replaces the earlier version (the audit keeps both). The caller with the meeting,
 * update, audit: three requests.
 */
export async function saveMinutes(
  params: { meetingId: string; text: string; photos: string[] },
  ctx: CallContext,
): Promise<MinutesView> {
  const { caller, meeting } = await callerWithMeeting(ctx, params.meetingId)
  requireMeetingManager(caller, meeting)
  if (meeting.status === 'cancelled') throw new AppError('FAILED_PRECONDITION', '会议已取消，无需记录纪要')
  if (new Date(meeting.startAt).getTime() > ctx.now.getTime())
    throw new AppError('FAILED_PRECONDITION', '会议开始后才能记录纪要')
  const photos = [...new Set(params.photos)]
  assertOwnFiles(photos, caller)
  await assertTextSafe(params.text, caller.openid)
  const minutes = {
    text: params.text,
    photos,
    recordedBy: caller.memberId,
    recordedByName: caller.member.name,
    recordedAt: ctx.now,
  }
  const updated = await updateWhere(
    'meetings',
    { _id: meeting._id, status: 'scheduled' },
    { minutes, updatedAt: ctx.now },
  )
  if (updated === 0) throw new AppError('CONFLICT', '会议已取消，无需记录纪要')
  const kept = (m: MeetingDoc['minutes']) =>
    m ? { text: m.text, photos: m.photos, recordedByName: m.recordedByName, recordedAt: m.recordedAt } : null
  await audit(
    caller,
    'meeting.minutes',
    meeting._id,
    { title: meeting.title, before: kept(meeting.minutes), after: kept(minutes) },
    ctx.now,
  )
  return minutesView(minutes)
}
