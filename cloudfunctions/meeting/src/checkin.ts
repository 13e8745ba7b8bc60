import { audit } from '../../_shared/audit'
import { refuseOwnRecord, type Caller, type CallerWith } from '../../_shared/auth'
import { command, findMany, insert, isDuplicateKeyError } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { seenLimiter, takeAttempt } from '../../_shared/rate-limit'
import { shortDateTime } from '../../_shared/time'
import {
  callerWithMeeting,
  callerWithOwnEntry,
  loadMeeting,
  requireMeetingManager,
  requireNotCancelled,
} from './access'
import {
  meetingCode,
  meetingQr,
  memberCode,
  memberQr,
  parseQr,
  slotOf,
  slotStart,
  SLOTS_AHEAD,
  SLOT_MS,
  verifyCode,
  type CodeVerdict,
} from './codes'
import type { CheckInCodeResult, CheckInResult, CodeSlot, MemberCodeResult, SignInResult } from './contract'
import { isExpected, toSummary, type AttendanceDoc, type MeetingDoc } from './model'
import { markForRecount } from './roll'
import { loadSheet } from './sheet'

/** Codes a member may try for one meeting in 10 minutes (6 digits: guessing must not pay). */
const MAX_CODE_TRIES = 10
const CODE_WINDOW_MS = 10 * 60 * 1000

function slotsFrom(
  now: Date,
  codeOf: (slot: number) => string,
  qrOf: (slot: number, code: string) => string,
): CodeSlot[] {
  const first = slotOf(now)
  return Array.from({ length: SLOTS_AHEAD }, (_, i) => {
    const slot = first + i
    const code = codeOf(slot)
    return { slot, startsAt: slotStart(slot), code, qr: qrOf(slot, code) }
  })
}

/**
 * What the secretary's full-screen code shows: the codes of the next minutes (so the screen keeps
 * rotating without the network) and live counts. Caller, meeting, two sheet reads: four requests.
 */
export async function checkInCode(
  params: { meetingId: string },
  ctx: CallContext,
  caller: Caller,
): Promise<CheckInCodeResult> {
  const meeting = await loadMeeting(params.meetingId)
  requireMeetingManager(caller, meeting)
  requireNotCancelled(meeting)
  const sheet = await loadSheet(meeting)
  return {
    meeting: toSummary(meeting, ctx.now),
    serverNow: ctx.now.getTime(),
    slotMs: SLOT_MS,
    slots: slotsFrom(
      ctx.now,
      (slot) => meetingCode(meeting.secret, meeting._id, slot),
      (slot, code) => meetingQr(meeting._id, slot, code),
    ),
    counts: sheet.counts,
  }
}

function requireWindow(meeting: MeetingDoc, now: Date): void {
  if (now.getTime() < new Date(meeting.checkInOpensAt).getTime()) {
    throw new AppError('FAILED_PRECONDITION', `签到尚未开始，将于 ${shortDateTime(meeting.checkInOpensAt)} 开放`)
  }
  if (now.getTime() > new Date(meeting.checkInClosesAt).getTime()) {
    throw new AppError('FAILED_PRECONDITION', '签到已截止，如已到会请联系支部书记补签')
  }
}

/**
 * The rate-limit document of a member's wrong codes at one meeting, read with the caller (`own`), so
 * its `_id` starts with the member's id. (Keys of the old form `checkin:<meeting>:<member>` lived 10
 * minutes; they are simply no longer read.)
 */
function limiterKey(meetingId: string): string {
  return `checkin:${meetingId}`
}

/** Takes one try from the member's limit at this meeting (the document read with the caller is the hint). */
async function takeCodeAttempt(caller: CallerWith, meetingId: string, now: Date): Promise<void> {
  const key = `${caller.memberId}:${limiterKey(meetingId)}`
  const seen = seenLimiter(caller, limiterKey(meetingId))
  await takeAttempt(
    { key, max: MAX_CODE_TRIES, windowMs: CODE_WINDOW_MS },
    now,
    '签到码输错次数过多，请 10 分钟后再试，或请支部书记为你补签',
    seen,
  )
}

/** Checks what the student typed or scanned; refuses with the reason a person can act on. */
function judgeStudentCode(meeting: MeetingDoc, params: { code: string } | { qr: string }, now: Date): CodeVerdict {
  const expected = (slot: number): string => meetingCode(meeting.secret, meeting._id, slot)
  if ('code' in params) return verifyCode(expected, params.code, now)
  const parsed = parseQr(params.qr)
  if (parsed.kind === 'member') throw new AppError('INVALID_ARGUMENT', '这是个人签到码，请扫描会场屏幕上的会议签到码')
  if (parsed.kind === 'unknown') throw new AppError('INVALID_ARGUMENT', '无法识别的二维码，请扫描会场屏幕上的签到码')
  if (parsed.meetingId !== meeting._id)
    throw new AppError('INVALID_ARGUMENT', '这是另一场会议的签到码，请扫描本场会议的签到码')
  return verifyCode(expected, parsed.code, now, parsed.slot)
}

const EXPIRED_MESSAGE = '签到码已过期，请使用屏幕上最新的签到码'
const WRONG_MESSAGE = '签到码不正确，请核对屏幕上最新的 6 位数字'

/**
 * A member checks in, for themselves only, within the window, if expected, exactly once.
 * The caller with the meeting and the code limiter (one request), the limiter's try (one conditional
 * write, before the code is judged), then the insert: three requests. The unique index on (meetingId, memberId) makes the insert the single point of truth: a
 * repeat, even a concurrent one, fails to insert and answers "已签到" without changing anything. The
 * meeting's figures are counted from these records once check-in has closed (`recountAttendance`), not here.
 */
export async function checkIn(
  params: { meetingId: string } & ({ code: string } | { qr: string }),
  ctx: CallContext,
): Promise<CheckInResult> {
  // The hot path of a rush: who is calling, which meeting (with the caller's entry only) and the limiter, in one request.
  const { caller, meeting } = await callerWithOwnEntry(ctx, params.meetingId, {
    rateLimits: [limiterKey(params.meetingId)],
  })
  if (!isExpected(meeting, caller.memberId)) {
    if (meeting.branchId !== caller.branchId) throw new AppError('NOT_FOUND', '会议不存在或你无权查看')
    throw new AppError('FORBIDDEN', '你不在本次会议的参会名单中，如有疑问请联系支部书记')
  }
  requireNotCancelled(meeting)
  requireWindow(meeting, ctx.now)
  // The try is counted before the code is judged: parallel guesses can't outrun the limit.
  await takeCodeAttempt(caller, meeting._id, ctx.now)
  const verdict = judgeStudentCode(meeting, params, ctx.now)
  if (verdict !== 'ok') {
    throw new AppError(
      verdict === 'expired' ? 'FAILED_PRECONDITION' : 'INVALID_ARGUMENT',
      verdict === 'expired' ? EXPIRED_MESSAGE : WRONG_MESSAGE,
    )
  }
  const record: Omit<AttendanceDoc, '_id'> = {
    meetingId: meeting._id,
    branchId: meeting.branchId,
    memberId: caller.memberId,
    name: caller.member.name,
    method: 'code' in params ? 'code' : 'scan',
    byId: null,
    at: ctx.now,
  }
  const outcome = await insertAttendance(record)
  return { outcome, checkedInAt: outcome === 'checkedIn' ? ctx.now.toISOString() : null, meetingTitle: meeting.title }
}

async function insertAttendance(record: Omit<AttendanceDoc, '_id'>): Promise<'checkedIn' | 'already'> {
  try {
    await insert('attendance', record)
    return 'checkedIn'
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'already'
    throw error
  }
}

/** Which member a secretary's request names: a hand pick, or the member's scanned personal code. */
function memberFromRequest(
  meeting: MeetingDoc,
  params: { memberId: string } | { qr: string },
  now: Date,
): { memberId: string; method: 'hand' | 'scan' } {
  if ('memberId' in params) return { memberId: params.memberId, method: 'hand' }
  const parsed = parseQr(params.qr)
  if (parsed.kind === 'meeting') throw new AppError('INVALID_ARGUMENT', '这是会议签到码，请扫描成员手机上“我的签到码”')
  if (parsed.kind === 'unknown')
    throw new AppError('INVALID_ARGUMENT', '无法识别的二维码，请扫描成员手机上“我的签到码”')
  if (parsed.meetingId !== meeting._id)
    throw new AppError('INVALID_ARGUMENT', '这是另一场会议的个人签到码，请让成员在“我的签到码”中选择本场会议')
  const verdict = verifyCode(
    (slot) => memberCode(meeting.secret, meeting._id, parsed.memberId, slot),
    parsed.code,
    now,
    parsed.slot,
  )
  if (verdict === 'expired') throw new AppError('FAILED_PRECONDITION', '成员的签到码已过期，请让成员刷新后重新扫描')
  if (verdict === 'wrong') throw new AppError('INVALID_ARGUMENT', '成员的签到码无效，请让成员打开“我的签到码”重新扫描')
  return { memberId: parsed.memberId, method: 'scan' }
}

/**
 * The secretary signs a member in: by hand (forgot their phone) or by scanning the member's personal
 * code. Audited. The caller with the meeting, the mark on the meeting's figures, insert, audit: four
 * requests. Allowed after the window too (补签).
 */
export async function signInMember(
  params: { meetingId: string } & ({ memberId: string } | { qr: string }),
  ctx: CallContext,
): Promise<SignInResult> {
  const { caller, meeting } = await callerWithMeeting(ctx, params.meetingId)
  requireMeetingManager(caller, meeting)
  requireNotCancelled(meeting)
  if (ctx.now.getTime() < new Date(meeting.checkInOpensAt).getTime()) {
    throw new AppError('FAILED_PRECONDITION', `签到尚未开始，将于 ${shortDateTime(meeting.checkInOpensAt)} 开放`)
  }
  const { memberId, method } = memberFromRequest(meeting, params, ctx.now)
  refuseOwnRecord(
    caller,
    memberId,
    '不能为自己代签或补签，请输入签到码签到；签到已截止的，请联系本支部其他书记或院党委补签',
  )
  const attendee = meeting.attendees.find((a) => a.memberId === memberId)
  if (!attendee) throw new AppError('FAILED_PRECONDITION', '该成员不在本次会议的参会名单中')
  await markForRecount(meeting, ctx.now)
  const outcome = await insertAttendance({
    meetingId: meeting._id,
    branchId: meeting.branchId,
    memberId,
    name: attendee.name,
    method,
    byId: caller.memberId,
    at: ctx.now,
  })
  if (outcome === 'checkedIn') {
    await audit(
      caller,
      method === 'hand' ? 'meeting.signInByHand' : 'meeting.signInByScan',
      memberId,
      { meetingId: meeting._id, title: meeting.title },
      ctx.now,
    )
  }
  return { outcome: outcome === 'checkedIn' ? 'signedIn' : 'already', memberId, name: attendee.name }
}

/**
 * 我的签到码: the caller's personal codes for each of their meetings whose check-in is open now (or
 * opens within 10 minutes). Caller, meetings: two requests.
 */
export async function myMemberCode(
  _params: Record<string, never>,
  ctx: CallContext,
  caller: Caller,
): Promise<MemberCodeResult> {
  const base = { memberId: caller.memberId, name: caller.member.name, serverNow: ctx.now.getTime(), slotMs: SLOT_MS }
  if (!caller.branchId) return { ...base, meetings: [] }
  const _ = command()
  const soon = ctx.now.getTime() + 10 * 60 * 1000
  const meetings = await findMany<MeetingDoc>(
    'meetings',
    { branchId: caller.branchId, endAt: _.gte(new Date(ctx.now.getTime() - 2 * 60 * 60 * 1000)), status: 'scheduled' },
    { orderBy: [['endAt', 'asc']], limit: 50 },
  )
  const open = meetings.filter(
    (m) =>
      isExpected(m, caller.memberId) &&
      new Date(m.checkInOpensAt).getTime() <= soon &&
      new Date(m.checkInClosesAt).getTime() >= ctx.now.getTime(),
  )
  return {
    ...base,
    meetings: open.map((m) => ({
      meeting: toSummary(m, ctx.now),
      slots: slotsFrom(
        ctx.now,
        (slot) => memberCode(m.secret, m._id, caller.memberId, slot),
        (slot, code) => memberQr(m._id, caller.memberId, slot, code),
      ),
    })),
  }
}

/**
 * 线上参会确认: at an online meeting, an expected member confirms their own attendance within the
 * check-in window (members away join this way; no code to read off a screen). Caller with the meeting,
 * insert, audit: three requests; a repeat answers "已签到" like a second check-in.
 */
export async function confirmOnline(params: { meetingId: string }, ctx: CallContext): Promise<CheckInResult> {
  const { caller, meeting } = await callerWithOwnEntry(ctx, params.meetingId)
  if (!isExpected(meeting, caller.memberId)) {
    if (meeting.branchId !== caller.branchId) throw new AppError('NOT_FOUND', '会议不存在或你无权查看')
    throw new AppError('FORBIDDEN', '你不在本次会议的参会名单中，如有疑问请联系支部书记')
  }
  requireNotCancelled(meeting)
  if (meeting.online !== true) throw new AppError('FAILED_PRECONDITION', '这是线下会议，请到会场输入签到码或扫码签到')
  requireWindow(meeting, ctx.now)
  const outcome = await insertAttendance({
    meetingId: meeting._id,
    branchId: meeting.branchId,
    memberId: caller.memberId,
    name: caller.member.name,
    method: 'online',
    byId: null,
    at: ctx.now,
  })
  // Nobody watched this one: the entry says who confirmed and when.
  if (outcome === 'checkedIn')
    await audit(
      caller,
      'meeting.confirmOnline',
      caller.memberId,
      { meetingId: meeting._id, title: meeting.title, before: null, after: { method: 'online' } },
      ctx.now,
    )
  return { outcome, checkedInAt: outcome === 'checkedIn' ? ctx.now.toISOString() : null, meetingTitle: meeting.title }
}
