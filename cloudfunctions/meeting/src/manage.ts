import type { z } from 'zod'
import { audit } from '../../_shared/audit'
import { requireCallerWith, type Caller } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, insert, updateWhere } from '../../_shared/db'
import { STAGE_LABELS } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { shortDateTime } from '../../_shared/time'
import { callerWithMeeting, managedBranchId, requireMeetingManager } from './access'
import { newSecret } from './codes'
import {
  type MeetingAudience,
  type MeetingDetail,
  type MeetingSummary,
  type meetingSchemas,
  type RosterMember,
} from './contract'
import { recountAtFor, toSummary, type Attendee, type MeetingCorrection, type MeetingDoc } from './model'
import { meetingMessage, sendMessages, thing } from './notify'
import { countRows } from './sheet'
import { detailOf } from './views'

type MeetingFields = z.output<typeof meetingSchemas.create>

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const MEMBER_FIELDS = {
  _id: true,
  studentNo: true,
  name: true,
  className: true,
  stage: true,
  roles: true,
  branchPost: true,
  openid: true,
} as const
type RosterDoc = Pick<
  MemberDoc,
  '_id' | 'studentNo' | 'name' | 'className' | 'stage' | 'roles' | 'branchPost' | 'openid'
>

/** What the secretary plans for a meeting, as stored: the same fields on creation and on every change. */
function plannedFields(params: MeetingFields) {
  return {
    type: params.type,
    title: params.title,
    startAt: params.startAt,
    endAt: params.endAt,
    place: params.place,
    agenda: params.agenda,
    online: params.online,
    audience: params.audience,
    checkInOpensAt: params.checkInOpensAt,
    checkInClosesAt: params.checkInClosesAt,
  } satisfies Partial<MeetingDoc>
}

/** Times that make sense together; each refusal says what to fix. */
export function checkTimes(f: MeetingFields, now: Date): void {
  const [start, end, opens, closes] = [f.startAt, f.endAt, f.checkInOpensAt, f.checkInClosesAt].map((d) => d.getTime())
  if (end <= start) throw new AppError('INVALID_ARGUMENT', '结束时间应晚于开始时间')
  if (end - start > 12 * HOUR) throw new AppError('INVALID_ARGUMENT', '一次会议不能超过 12 小时')
  if (start < now.getTime() - 180 * DAY) throw new AppError('INVALID_ARGUMENT', '只能补录 180 天以内的会议')
  if (start > now.getTime() + 365 * DAY) throw new AppError('INVALID_ARGUMENT', '只能安排一年以内的会议')
  if (closes <= opens) throw new AppError('INVALID_ARGUMENT', '签到截止时间应晚于签到开始时间')
  if (opens < start - 2 * HOUR) throw new AppError('INVALID_ARGUMENT', '签到最早在会议开始前 2 小时开放')
  if (opens > end) throw new AppError('INVALID_ARGUMENT', '签到应在会议结束前开放')
  if (closes > end + 2 * HOUR) throw new AppError('INVALID_ARGUMENT', '签到最晚在会议结束后 2 小时截止')
}

/** The most documents one read answers (the cloud's cap). */
const READ_CAP = 1000

/**
 * Every member of the branch, in student-number order: one indexed read (`branch_studentNo`) per
 * 1,000 members, each page continuing after the last student number of the one before, so a branch of
 * any size is complete.
 */
async function branchMembers(branchId: string): Promise<RosterDoc[]> {
  const _ = command()
  const all: RosterDoc[] = []
  for (;;) {
    const last = all.length > 0 ? all[all.length - 1] : undefined
    const where = last ? { branchId, studentNo: _.gt(last.studentNo) } : { branchId }
    const page = await findMany<RosterDoc>('members', where, {
      orderBy: [['studentNo', 'asc']],
      limit: READ_CAP,
      fields: MEMBER_FIELDS,
    })
    all.push(...page)
    if (page.length < READ_CAP) return all
  }
}

function isCommitteeMember(m: RosterDoc): boolean {
  return m.roles.includes('secretary') || Boolean(m.branchPost)
}

/** Who must attend, frozen into the meeting as its sign-in sheet. */
export function selectAttendees(members: RosterDoc[], audience: MeetingAudience, chosenIds: string[]): RosterDoc[] {
  switch (audience) {
    case 'branch':
      return members
    case 'party':
      return members.filter((m) => m.stage === 'probationary' || m.stage === 'full')
    case 'committee':
      return members.filter(isCommitteeMember)
    case 'chosen': {
      const byId = new Map(members.map((m) => [m._id, m]))
      const chosen = [...new Set(chosenIds)]
      if (chosen.length === 0) throw new AppError('INVALID_ARGUMENT', '请选择参会人员')
      if (chosen.some((id) => !byId.has(id)))
        throw new AppError('INVALID_ARGUMENT', '所选人员中有不属于本支部的成员，请重新选择')
      return chosen.map((id) => byId.get(id) as RosterDoc)
    }
  }
}

function attendeesOf(members: RosterDoc[]): Attendee[] {
  if (members.length === 0) throw new AppError('FAILED_PRECONDITION', '按所选范围没有需要参会的人员，请更换参会人员')
  return members.map((m) => ({ memberId: m._id, name: m.name, className: m.className }))
}

/** A brand-new or just-edited meeting as the manager's detail page shows it. */
function managerDetail(doc: MeetingDoc, now: Date, sheet: MeetingDetail['sheet']): MeetingDetail {
  return detailOf(doc, now, { canManage: true, mine: null, minutes: null, sheet })
}

function emptySheet(doc: MeetingDoc): NonNullable<MeetingDetail['sheet']> {
  const rows = doc.attendees.map((a) => ({
    ...a,
    status: 'absent' as const,
    checkedInAt: null,
    method: null,
    leave: null,
  }))
  return { counts: countRows(rows), rows }
}

/** Create: the caller with their branch (or the one the committee names), members, insert, audit (4 requests); then a notice to everyone expected. */
export async function create(params: MeetingFields, ctx: CallContext): Promise<MeetingDetail> {
  const caller = await requireCallerWith(ctx, {
    branch: true,
    byId: params.branchId ? { branches: [params.branchId] } : {},
  })
  const branchId = managedBranchId(caller, params.branchId)
  checkTimes(params, ctx.now)
  const members = await branchMembers(branchId)
  const branch = [caller.branch, ...((caller.byId.branches ?? []) as BranchDoc[])].find((b) => b?._id === branchId)
  if (!branch || branch.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '支部不存在')
  const chosen = selectAttendees(members, params.audience, params.memberIds)
  const doc: Omit<MeetingDoc, '_id'> = {
    collegeId: branch.collegeId,
    branchId,
    branchName: branch.name,
    ...plannedFields(params),
    attendees: attendeesOf(chosen),
    status: 'scheduled',
    cancelReason: null,
    secret: newSecret(),
    minutes: null,
    createdBy: caller.memberId,
    createdByName: caller.member.name,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    figures: null,
    settleAt: recountAtFor(params.checkInClosesAt, ctx.now),
    rollRev: 0,
  }
  const id = await insert('meetings', doc)
  const meeting: MeetingDoc = { _id: id, ...doc }
  await audit(
    caller,
    'meeting.create',
    id,
    { title: doc.title, branchName: doc.branchName, before: null, after: auditedFields(meeting) },
    ctx.now,
  )
  if (meeting.startAt.getTime() > ctx.now.getTime()) await notifyAttendees(meeting, chosen)
  return managerDetail(meeting, ctx.now, emptySheet(meeting))
}

async function notifyAttendees(meeting: MeetingDoc, members: RosterDoc[]): Promise<void> {
  const about = { id: meeting._id, title: meeting.title, startAt: meeting.startAt }
  const messages = members
    .filter((m): m is RosterDoc & { openid: string } => typeof m.openid === 'string' && m.openid.length > 0)
    .map((m) =>
      meetingMessage('meetingNotice', m.openid, about, {
        thing3: thing(meeting.place),
        thing4: thing(`${meeting.branchName}`),
      }),
    )
  await sendMessages(messages)
}

/** Edit a scheduled meeting; the sheet is rebuilt only when who attends changed. */
export async function update(
  params: MeetingFields & { meetingId: string; reason?: string },
  ctx: CallContext,
): Promise<MeetingDetail> {
  const { caller, meeting } = await callerWithMeeting(ctx, params.meetingId)
  requireMeetingManager(caller, meeting)
  if (meeting.status === 'cancelled') throw new AppError('FAILED_PRECONDITION', '会议已取消，不能再修改')
  checkTimes(params, ctx.now)
  const sameAudience =
    params.audience === meeting.audience &&
    (params.audience !== 'chosen' ||
      sameSet(
        params.memberIds,
        meeting.attendees.map((a) => a.memberId),
      ))
  const attendees = sameAudience
    ? meeting.attendees
    : attendeesOf(selectAttendees(await branchMembers(meeting.branchId), params.audience, params.memberIds))
  const changes = {
    ...plannedFields(params),
    attendees,
    updatedAt: ctx.now,
    // Who is expected or when check-in closes may have changed: recounted after it closes (in this same write).
    settleAt: recountAtFor(params.checkInClosesAt, ctx.now),
  }
  const correction = await correctionOf(caller, meeting, changes, params.reason, ctx.now)
  const _ = command()
  const updated = await updateWhere(
    'meetings',
    { _id: meeting._id, status: 'scheduled' },
    { ...changes, rollRev: _.inc(1), ...(correction ? { corrections: _.push([correction]) } : {}) },
  )
  if (updated === 0) throw new AppError('CONFLICT', '会议已被取消或修改，请刷新后重试')
  const after: MeetingDoc = {
    ...meeting,
    ...changes,
    corrections: [...(meeting.corrections ?? []), ...(correction ? [correction] : [])],
  }
  const [was, now] = [auditedFields(meeting), auditedFields(after)]
  const changed = Object.keys(now).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]))
  await audit(
    caller,
    correction ? 'meeting.correct' : 'meeting.update',
    meeting._id,
    {
      title: after.title,
      reason: correction?.reason ?? null,
      changes: correction?.changes ?? null,
      before: pick(was, changed),
      after: pick(now, changed),
    },
    ctx.now,
  )
  // The sheet is shown on the next load of the detail page; an edit answers the meeting itself.
  return managerDetail(after, ctx.now, null)
}

const TIME_FIELDS = [
  ['startAt', '开始时间'],
  ['endAt', '结束时间'],
  ['checkInOpensAt', '签到开始时间'],
  ['checkInClosesAt', '签到截止时间'],
] as const

/**
 * A change after the meeting ended to who was expected or to its times is a correction of the record:
 * it needs a reason, is kept on the meeting with who made it and when, and nobody corrects their own
 * attendance. Null for any other edit.
 */
async function correctionOf(
  caller: Caller,
  meeting: MeetingDoc,
  changes: Pick<MeetingDoc, 'attendees' | (typeof TIME_FIELDS)[number][0]>,
  reason: string | undefined,
  now: Date,
): Promise<MeetingCorrection | null> {
  if (new Date(meeting.endAt).getTime() > now.getTime()) return null
  const before = new Set(meeting.attendees.map((a) => a.memberId))
  const after = new Set(changes.attendees.map((a) => a.memberId))
  const added = changes.attendees.filter((a) => !before.has(a.memberId))
  const removed = meeting.attendees.filter((a) => !after.has(a.memberId))
  const lines: string[] = []
  if (added.length > 0) lines.push(`参会人员增加：${added.map((a) => a.name).join('、')}`)
  if (removed.length > 0) lines.push(`参会人员移除：${removed.map((a) => a.name).join('、')}`)
  for (const [field, label] of TIME_FIELDS) {
    // To the minute, as people set and read times (a form resends 19:30:00 for a stored 19:30:42).
    if (toMinute(meeting[field]) !== toMinute(changes[field]))
      lines.push(`${label}：${shortDateTime(meeting[field])} → ${shortDateTime(changes[field])}`)
  }
  if (lines.length === 0) return null
  if ([...added, ...removed].some((a) => a.memberId === caller.memberId)) {
    throw new AppError('FORBIDDEN', '不能更改自己在已结束会议中的参会记录，请由本支部其他书记或院党委更正')
  }
  const why = reason?.trim() ?? ''
  if (why.length < 4)
    throw new AppError('INVALID_ARGUMENT', '会议已经结束，修改参会人员或时间须填写更正原因（至少 4 个字）')
  await assertTextSafe(why, caller.openid)
  return { at: now, byId: caller.memberId, byName: caller.member.name, reason: why, changes: lines }
}

function toMinute(date: Date | string): number {
  return Math.floor(new Date(date).getTime() / 60_000)
}

/** What the audit keeps of a meeting: what the secretary fills in, and who is expected by name. */
function auditedFields(m: MeetingDoc): Record<string, unknown> {
  return {
    type: m.type,
    title: m.title,
    startAt: m.startAt,
    endAt: m.endAt,
    place: m.place,
    agenda: m.agenda,
    audience: m.audience,
    attendees: m.attendees.map((a) => `${a.name}（${a.memberId}）`),
    checkInOpensAt: m.checkInOpensAt,
    checkInClosesAt: m.checkInClosesAt,
  }
}

function pick(fields: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, fields[k]]))
}

function sameSet(a: string[], b: string[]): boolean {
  const set = new Set(a)
  return set.size === new Set(b).size && b.every((x) => set.has(x))
}

/** Cancel: the caller with the meeting, conditional update, audit. */
export async function cancel(params: { meetingId: string; reason: string }, ctx: CallContext): Promise<MeetingSummary> {
  const { caller, meeting } = await callerWithMeeting(ctx, params.meetingId)
  requireMeetingManager(caller, meeting)
  if (meeting.status === 'cancelled') throw new AppError('CONFLICT', '会议已经取消过了')
  if (new Date(meeting.endAt).getTime() < ctx.now.getTime())
    throw new AppError('FAILED_PRECONDITION', '会议已经结束，不能取消')
  const changes = { status: 'cancelled' as const, cancelReason: params.reason, updatedAt: ctx.now }
  const updated = await updateWhere('meetings', { _id: meeting._id, status: 'scheduled' }, changes)
  if (updated === 0) throw new AppError('CONFLICT', '会议已经取消过了')
  await audit(
    caller,
    'meeting.cancel',
    meeting._id,
    {
      title: meeting.title,
      reason: params.reason,
      before: { status: meeting.status, cancelReason: meeting.cancelReason },
      after: { status: changes.status, cancelReason: changes.cancelReason },
    },
    ctx.now,
  )
  return toSummary({ ...meeting, ...changes }, ctx.now)
}

/** The branch roster for choosing who attends. */
export async function roster(params: { branchId?: string }, caller: Caller): Promise<RosterMember[]> {
  const branchId = managedBranchId(caller, params.branchId)
  const members = await branchMembers(branchId)
  return members.map((m) => ({
    id: m._id,
    name: m.name,
    className: m.className,
    stageLabel: STAGE_LABELS[m.stage],
    post: m.roles.includes('secretary') ? '支部书记' : (m.branchPost ?? null),
  }))
}
