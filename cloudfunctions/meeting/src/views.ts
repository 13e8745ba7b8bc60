import { canManageBranch, type Caller } from '../../_shared/auth'
import { command, findMany, findOne, getDb, getById } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { iso } from '../../_shared/time'
import { cursorAfter, decodeCursor, type KeyCursor } from '../../_shared/cursor'
import { loadMeeting, requireMeetingReader, isManager } from './access'
import {
  MEETING_AUDIENCE_LABELS,
  type HistoryItem,
  type ListResult,
  type ManagerMeetingCard,
  type MeetingDetail,
  type MinutesView,
  type MyAttendanceResult,
  type StudentMeetingCard,
} from './contract'
import { minutesView } from './minutes'
import {
  isExpected,
  leaveId,
  SUMMARY_FIELDS,
  toSummary,
  type AttendanceDoc,
  type LeaveDoc,
  type MeetingDoc,
  type SummaryDoc,
} from './model'
import { loadSheet, standingOf } from './sheet'

const UPCOMING_LIMIT = 50
const PAGE = 20

/** Which meetings a list covers: the caller's branch, or the whole college for the committee. */
function scopeOf(caller: Caller): Record<string, unknown> {
  if (caller.roles.includes('committee')) return { collegeId: caller.member.collegeId }
  if (!caller.branchId) throw new AppError('FAILED_PRECONDITION', '你还没有编入党支部，暂无组织生活安排')
  return { branchId: caller.branchId }
}

/** Meetings not yet over, soonest first (one indexed read). */
function upcomingMeetings(caller: Caller, now: Date): Promise<SummaryDoc[]> {
  const _ = command()
  return findMany<SummaryDoc>(
    'meetings',
    { ...scopeOf(caller), endAt: _.gte(now) },
    { orderBy: [['endAt', 'asc']], limit: UPCOMING_LIMIT, fields: SUMMARY_FIELDS },
  )
}

/** Meetings over, newest first, one page after `cursor` (one indexed read). */
function pastMeetings(caller: Caller, now: Date, cursor: KeyCursor | null, limit = PAGE): Promise<SummaryDoc[]> {
  const _ = command()
  const where: Record<string, unknown> = { ...scopeOf(caller), endAt: cursor ? _.lte(new Date(cursor.key)) : _.lt(now) }
  if (cursor && cursor.ids.length > 0) where._id = _.nin(cursor.ids)
  return findMany<SummaryDoc>('meetings', where, { orderBy: [['endAt', 'desc']], limit, fields: SUMMARY_FIELDS })
}

/** The caller's check-ins and leave requests at these meetings: two indexed reads. */
async function myRecords(
  memberId: string,
  meetingIds: string[],
): Promise<{ checkIns: Map<string, AttendanceDoc>; leaves: Map<string, LeaveDoc> }> {
  if (meetingIds.length === 0) return { checkIns: new Map(), leaves: new Map() }
  const _ = command()
  const [checkIns, leaves] = await Promise.all([
    findMany('attendance', { meetingId: _.in(meetingIds), memberId }, { limit: meetingIds.length }),
    findMany(
      'meetingLeaves',
      { _id: _.in(meetingIds.map((id) => leaveId(id, memberId))) },
      { limit: meetingIds.length },
    ),
  ])
  return {
    checkIns: new Map(checkIns.map((a) => [a.meetingId, a])),
    leaves: new Map(leaves.map((l) => [l.meetingId, l])),
  }
}

/** Present counts and pending leave requests per meeting: two indexed reads. */
async function managerCounts(
  meetingIds: string[],
): Promise<{ present: Map<string, number>; pending: Map<string, number> }> {
  if (meetingIds.length === 0) return { present: new Map(), pending: new Map() }
  const db = getDb()
  const _ = db.command
  const $ = _.aggregate
  const [present, pending] = await Promise.all([
    db
      .collection('attendance')
      .aggregate()
      .match({ meetingId: _.in(meetingIds) })
      .group({ _id: '$meetingId', n: $.sum(1) })
      .limit(meetingIds.length)
      .end() as Promise<{ list: { _id: string; n: number }[] }>,
    findMany<Pick<LeaveDoc, 'meetingId'>>(
      'meetingLeaves',
      { meetingId: _.in(meetingIds), status: 'pending' },
      { limit: 1000, fields: { meetingId: true } },
    ),
  ])
  const pendingBy = new Map<string, number>()
  for (const l of pending) pendingBy.set(l.meetingId, (pendingBy.get(l.meetingId) ?? 0) + 1)
  return { present: new Map(present.list.map((g) => [g._id, g.n])), pending: pendingBy }
}

/**
 * The 签到 tab's one call. Students: their meetings with their own standing. Secretaries and the
 * committee: the branch's (college's) meetings with present counts and pending leave requests.
 * Four requests either way.
 */
export async function list(
  params: { scope: 'upcoming' | 'past'; cursor?: string },
  ctx: CallContext,
  caller: Caller,
): Promise<ListResult> {
  const cursor = decodeCursor(params.cursor)
  const page =
    params.scope === 'upcoming' ? await upcomingMeetings(caller, ctx.now) : await pastMeetings(caller, ctx.now, cursor)
  const nextCursor =
    params.scope === 'past' && page.length === PAGE
      ? cursorAfter(page, (m) => new Date(m.endAt).getTime(), cursor)
      : null
  if (isManager(caller)) {
    const { present, pending } = await managerCounts(page.map((m) => m._id))
    const meetings: ManagerMeetingCard[] = page.map((m) => ({
      ...toSummary(m, ctx.now),
      presentCount: present.get(m._id) ?? 0,
      pendingLeaves: pending.get(m._id) ?? 0,
    }))
    return { role: 'manager', meetings, nextCursor }
  }
  const mine = page.filter((m) => isExpected(m, caller.memberId))
  const { checkIns, leaves } = await myRecords(
    caller.memberId,
    mine.map((m) => m._id),
  )
  const meetings: StudentMeetingCard[] = mine.map((m) => ({
    ...toSummary(m, ctx.now),
    mine: standingOf(true, checkIns.get(m._id) ?? null, leaves.get(m._id) ?? null),
  }))
  return { role: 'student', meetings, nextCursor }
}

/** A student's attendance history: past meetings they were expected at, page by page. */
export async function myAttendance(
  params: { cursor?: string },
  ctx: CallContext,
  caller: Caller,
): Promise<MyAttendanceResult> {
  if (!caller.branchId) return { items: [], nextCursor: null }
  const limit = 30
  const cursor = decodeCursor(params.cursor)
  const page = await pastMeetings({ ...caller, roles: ['student'] }, ctx.now, cursor, limit)
  const mine = page.filter((m) => isExpected(m, caller.memberId) && m.status !== 'cancelled')
  const { checkIns, leaves } = await myRecords(
    caller.memberId,
    mine.map((m) => m._id),
  )
  const items: HistoryItem[] = mine.map((m) => {
    const standing = standingOf(true, checkIns.get(m._id) ?? null, leaves.get(m._id) ?? null)
    return { meeting: toSummary(m, ctx.now), status: standing.status, checkedInAt: standing.checkedInAt }
  })
  return {
    items,
    nextCursor: page.length === limit ? cursorAfter(page, (m) => new Date(m.endAt).getTime(), cursor) : null,
  }
}

/**
 * One meeting. Managers get the whole sheet (who is present, on leave, missing) and leave requests;
 * an expected member gets their own standing. Four requests either way.
 */
export async function get(params: { meetingId: string }, ctx: CallContext, caller: Caller): Promise<MeetingDetail> {
  const meeting = await loadMeeting(params.meetingId)
  requireMeetingReader(caller, meeting)
  const canManage = canManageBranch(caller, meeting.branchId)
  const expected = isExpected(meeting, caller.memberId)
  let sheet: MeetingDetail['sheet'] = null
  let mine: MeetingDetail['mine'] = null
  if (canManage) {
    sheet = await loadSheet(meeting)
    const row = sheet.rows.find((r) => r.memberId === caller.memberId)
    if (row) mine = { expected: true, status: row.status, checkedInAt: row.checkedInAt, leave: row.leave }
  } else {
    const [checkIn, leave] = await Promise.all([
      findOne('attendance', { meetingId: meeting._id, memberId: caller.memberId }),
      getById('meetingLeaves', leaveId(meeting._id, caller.memberId)),
    ])
    mine = standingOf(expected, checkIn, leave)
  }
  const minutes: MinutesView | null = meeting.minutes ? await minutesView(meeting.minutes) : null
  return detailOf(meeting, ctx.now, { canManage, mine, minutes, sheet })
}

export function detailOf(
  meeting: MeetingDoc,
  now: Date,
  extra: Pick<MeetingDetail, 'canManage' | 'mine' | 'minutes' | 'sheet'>,
): MeetingDetail {
  return {
    ...toSummary(meeting, now),
    agenda: meeting.agenda,
    audience: meeting.audience,
    audienceLabel: MEETING_AUDIENCE_LABELS[meeting.audience],
    cancelReason: meeting.cancelReason,
    createdByName: meeting.createdByName,
    memberIds: extra.canManage ? meeting.attendees.map((a) => a.memberId) : null,
    corrections: (meeting.corrections ?? []).map((c) => ({
      at: iso(c.at),
      byName: c.byName,
      reason: c.reason,
      changes: c.changes,
    })),
    appraisal: meeting.appraisal ?? null,
    ...extra,
  }
}
