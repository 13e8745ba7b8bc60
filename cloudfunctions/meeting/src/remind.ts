import { randomBytes } from 'node:crypto'
import type { Caller } from '../../_shared/auth'
import { command, findMany, getById, insert, isDuplicateKeyError, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { readSettings } from '../../_shared/settings'
import { loadMeeting, requireMeetingReader, requireNotCancelled } from './access'
import type { RemindResult, SubscribeResult } from './contract'
import { isExpected, leaveId, type AttendanceDoc, type LeaveDoc, type MeetingDoc, type ReminderDoc } from './model'
import { meetingMessage, sendMessages, thing, type Message } from './notify'

const MIN = 60_000
/** Reminders read per run; a run claims only what is due, so this is far above one quarter-hour's worth. */
const BATCH = 1000

/**
 * Records a student's consent (given in WeChat just before) to one reminder before this meeting. Only people
 * expected at an upcoming meeting may subscribe. Caller, meeting, college settings, write: four requests.
 * A reminder already handled for this meeting is not re-armed (one reminder per meeting).
 */
export async function subscribe(
  params: { meetingId: string },
  ctx: CallContext,
  caller: Caller,
): Promise<SubscribeResult> {
  const meeting = await loadMeeting(params.meetingId, {
    _id: true,
    collegeId: true,
    branchId: true,
    status: true,
    startAt: true,
    'attendees.memberId': true,
  })
  requireMeetingReader(caller, meeting)
  if (!isExpected(meeting, caller.memberId)) throw new AppError('FAILED_PRECONDITION', '你不在这次会议的参会名单中')
  requireNotCancelled(meeting)
  const startAt = new Date(meeting.startAt)
  if (startAt.getTime() <= ctx.now.getTime()) throw new AppError('FAILED_PRECONDITION', '会议已经开始，不再发送提醒')

  const college = await getById('colleges', meeting.collegeId)
  const minutes = readSettings(college).meetingRemindMinutes
  const remindAt = new Date(Math.max(ctx.now.getTime(), startAt.getTime() - minutes * MIN))
  const _id = leaveId(meeting._id, caller.memberId)
  const doc: ReminderDoc = {
    _id,
    meetingId: meeting._id,
    memberId: caller.memberId,
    openid: caller.openid,
    remindAt,
    remindMinutes: minutes,
    run: null,
    handledAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  try {
    await insert('meetingReminders', doc)
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    // Asked before: refresh a reminder still owed; one already handled stays handled.
    const refreshed = await updateWhere(
      'meetingReminders',
      { _id, run: null },
      { openid: caller.openid, remindAt, remindMinutes: minutes, updatedAt: ctx.now },
    )
    if (refreshed === 0) return { subscribed: false, remindAt: null }
  }
  return { subscribed: true, remindAt: remindAt.toISOString() }
}

type Claimed = Pick<ReminderDoc, '_id' | 'meetingId' | 'memberId' | 'openid' | 'remindMinutes'>
type MeetingFacts = Pick<MeetingDoc, '_id' | 'title' | 'place' | 'startAt' | 'status'>

/**
 * The reminder job, run by the function's timer trigger (config.json, every 15 minutes). Every reminder that
 * is due is first claimed by this run in one conditional write (`remindAt` ≤ now → null, `run` = this run), so
 * no two runs can send the same reminder. Then one message per claimed consent whose member has neither
 * checked in nor been granted leave, for a meeting still scheduled and not started. A meeting moved later
 * re-arms its reminders. Claim, read claimed, meetings, attendance, leaves: five requests (+1 if a meeting moved).
 */
export async function remind(ctx: CallContext): Promise<RemindResult> {
  const _ = command()
  const now = ctx.now
  const run = randomBytes(8).toString('hex')
  const claimed = await updateWhere(
    'meetingReminders',
    { remindAt: _.lte(now) },
    { remindAt: null, run, handledAt: now, updatedAt: now },
  )
  if (claimed === 0) return { sent: 0, skipped: 0 }

  const due = await findMany<Claimed>(
    'meetingReminders',
    { run },
    { limit: BATCH, fields: { meetingId: true, memberId: true, openid: true, remindMinutes: true } },
  )
  const meetingIds = [...new Set(due.map((d) => d.meetingId))]
  const [meetings, present, leaves] = await Promise.all([
    findMany<MeetingFacts>(
      'meetings',
      { _id: _.in(meetingIds) },
      { limit: meetingIds.length, fields: { title: true, place: true, startAt: true, status: true } },
    ),
    findMany<Pick<AttendanceDoc, 'meetingId' | 'memberId'>>(
      'attendance',
      { meetingId: _.in(meetingIds), memberId: _.in([...new Set(due.map((d) => d.memberId))]) },
      {
        limit: BATCH,
        fields: { meetingId: true, memberId: true },
      },
    ),
    findMany<Pick<LeaveDoc, '_id'>>(
      'meetingLeaves',
      { _id: _.in(due.map((d) => d._id)), status: 'approved' },
      { limit: BATCH, fields: { _id: true } },
    ),
  ])
  const byId = new Map(meetings.map((m) => [m._id, m]))
  const excused = new Set([...present.map((a) => leaveId(a.meetingId, a.memberId)), ...leaves.map((l) => l._id)])

  const messages: Message[] = []
  const moved = new Map<string, Date>()
  let skipped = 0
  for (const d of due) {
    const meeting = byId.get(d.meetingId)
    const startAt = meeting ? new Date(meeting.startAt) : null
    if (
      !meeting ||
      !startAt ||
      meeting.status !== 'scheduled' ||
      startAt.getTime() <= now.getTime() ||
      excused.has(d._id)
    ) {
      skipped += 1
      continue
    }
    const remindAt = startAt.getTime() - d.remindMinutes * MIN
    if (remindAt > now.getTime()) {
      // The meeting was moved later since the consent: remind nearer the new time instead.
      moved.set(meeting._id, new Date(remindAt))
      continue
    }
    messages.push(
      meetingMessage(
        'meetingReminder',
        d.openid,
        { id: meeting._id, title: meeting.title, startAt },
        { thing3: thing(meeting.place), thing4: thing('会议即将开始，请准时参加') },
      ),
    )
  }
  await Promise.all(
    [...moved].map(([meetingId, remindAt]) =>
      updateWhere('meetingReminders', { meetingId, run }, { remindAt, run: null, handledAt: null, updatedAt: now }),
    ),
  )
  const sent = await sendMessages(messages)
  return { sent, skipped: skipped + messages.length - sent }
}
