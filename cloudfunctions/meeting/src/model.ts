import { MEETING_TYPE_LABELS, type MeetingType } from '../../_shared/domain'
import { iso } from '../../_shared/time'
import type {
  MeetingAudience,
  CheckInMethod,
  LeaveStatus,
  MeetingPhase,
  MeetingStatus,
  MeetingSummary,
} from './contract'

/** One person expected at a meeting, frozen when the meeting is created (the sign-in sheet). */
export interface Attendee {
  memberId: string
  name: string
  className: string
}

/** `meetings`: one document per meeting. `secret` never leaves the server. */
export interface MeetingDoc {
  _id: string
  collegeId: string
  branchId: string
  branchName: string
  type: MeetingType
  title: string
  startAt: Date
  endAt: Date
  place: string
  agenda: string
  /** 线上会议 (absent on meetings stored before it existed: on site). */
  online?: boolean
  audience: MeetingAudience
  attendees: Attendee[]
  checkInOpensAt: Date
  checkInClosesAt: Date
  status: MeetingStatus
  cancelReason: string | null
  secret: string
  minutes: { text: string; photos: string[]; recordedBy: string; recordedByName: string; recordedAt: Date } | null
  createdBy: string
  createdByName: string
  createdAt: Date
  updatedAt: Date
  /** Changes to who was expected or to the times after the meeting ended: who, when and why (shown on the meeting). */
  corrections?: MeetingCorrection[]
  /** A 组织生活会's 民主评议党员, written by voices when the appraisal is started with this meeting. */
  appraisal?: { id: string; title: string } | null
  /**
   * The attendance figures of the meeting as a recount of its records found them (`recountAttendance`, the timer
   * job, once check-in has closed), so the dashboard reads a few numbers instead of every record.
   * Valid only while `settleAt` is null: anything that changes them later (a hand sign-in, a leave
   * approval, a change of who is expected or of the times) first sets `settleAt` again and bumps
   * `rollRev`, and until the next recount the dashboard counts the meeting from its records. A
   * student's own check-in writes nothing here: check-in has closed before a meeting is recounted.
   * Absent on meetings stored before they were kept: counted from the records until one of those
   * changes marks them, and then recounted like any other.
   */
  figures?: MeetingFigures | null
  /** When the figures are (re)counted; null once they are valid. (Stored name from when the job was called settle.) */
  settleAt?: Date | null
  /** Bumped by every change that marks the figures stale, so a recount that raced one is not stored. */
  rollRev?: number
}

export interface MeetingCorrection {
  at: Date
  byId: string
  byName: string
  reason: string
  /** What changed, in words: 参会人员增加：…；开始时间：… → …. */
  changes: string[]
}

export interface MeetingFigures {
  expected: number
  present: number
  leave: number
}

/**
 * Time for a change already under way to store its record before a recount may run: a check-in
 * that passed the window check, or a record written right after its mark (function timeout 20 s).
 */
export const RECOUNT_GRACE_MS = 5 * 60_000

/** When a meeting marked at `now` may be recounted: after check-in closes and after the grace. */
export function recountAtFor(checkInClosesAt: Date, now: Date): Date {
  return new Date(Math.max(new Date(checkInClosesAt).getTime(), now.getTime()) + RECOUNT_GRACE_MS)
}

/**
 * `attendance`: one document per member who is present, and only one (unique index on meetingId +
 * memberId): inserting is the check-in, so concurrent repeats cannot count anyone twice.
 */
export interface AttendanceDoc {
  _id?: string
  meetingId: string
  branchId: string
  memberId: string
  name: string
  method: CheckInMethod
  /** Who signed the member in, for `hand` and `scan` (the secretary); null when they checked in themselves. */
  byId: string | null
  at: Date
}

/** `meetingLeaves`: one leave request per member and meeting (`_id` = `<meetingId>_<memberId>`). */
export interface LeaveDoc {
  _id: string
  meetingId: string
  branchId: string
  memberId: string
  name: string
  /** The requester's WeChat identity when they asked, for the answer (subscribe message). */
  openid: string
  meetingTitle: string
  meetingStartAt: Date
  reason: string
  status: LeaveStatus
  note: string
  requestedAt: Date
  decidedBy: string | null
  decidedAt: Date | null
}

/**
 * `meetingReminders`: a student's one-time consent to be reminded before a meeting (`_id` = `<meetingId>_<memberId>`).
 * `remindAt` is set while a reminder is owed; the timer job claims it (sets `run`, clears `remindAt`) before sending.
 */
export interface ReminderDoc {
  _id: string
  meetingId: string
  memberId: string
  openid: string
  /** When the reminder is due; null once handled. */
  remindAt: Date | null
  /** The college's lead time when the consent was given, to re-arm the reminder if the meeting moves later. */
  remindMinutes: number
  /** The timer run that handled it, and when; null while owed. */
  run: string | null
  handledAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export function leaveId(meetingId: string, memberId: string): string {
  return `${meetingId}_${memberId}`
}

/** Fields every list reads: the attendee names and the secret stay in the database. */
export const SUMMARY_FIELDS = {
  _id: true,
  branchId: true,
  branchName: true,
  type: true,
  title: true,
  startAt: true,
  endAt: true,
  place: true,
  status: true,
  checkInOpensAt: true,
  checkInClosesAt: true,
  online: true,
  'attendees.memberId': true,
  'minutes.recordedAt': true,
} as const

export type SummaryDoc = Pick<
  MeetingDoc,
  | '_id'
  | 'branchId'
  | 'branchName'
  | 'type'
  | 'title'
  | 'startAt'
  | 'endAt'
  | 'place'
  | 'status'
  | 'checkInOpensAt'
  | 'checkInClosesAt'
  | 'online'
> & { attendees: Pick<Attendee, 'memberId'>[]; minutes: { recordedAt?: Date } | null }

export function phaseOf(
  m: Pick<MeetingDoc, 'status' | 'startAt' | 'endAt' | 'checkInOpensAt' | 'checkInClosesAt'>,
  now: Date,
): MeetingPhase {
  if (m.status === 'cancelled') return 'cancelled'
  const t = now.getTime()
  if (t >= new Date(m.checkInOpensAt).getTime() && t <= new Date(m.checkInClosesAt).getTime()) return 'checkingIn'
  if (t < new Date(m.startAt).getTime()) return 'upcoming'
  if (t <= new Date(m.endAt).getTime()) return 'running'
  return 'ended'
}

export function isExpected(m: { attendees: Pick<Attendee, 'memberId'>[] }, memberId: string): boolean {
  return m.attendees.some((a) => a.memberId === memberId)
}

export function toSummary(m: SummaryDoc, now: Date): MeetingSummary {
  return {
    id: m._id,
    branchId: m.branchId,
    branchName: m.branchName,
    type: m.type,
    typeLabel: MEETING_TYPE_LABELS[m.type],
    title: m.title,
    startAt: iso(m.startAt),
    endAt: iso(m.endAt),
    place: m.place,
    status: m.status,
    phase: phaseOf(m, now),
    checkInOpensAt: iso(m.checkInOpensAt),
    checkInClosesAt: iso(m.checkInClosesAt),
    expectedCount: m.attendees.length,
    hasMinutes: Boolean(m.minutes?.recordedAt),
    online: m.online === true,
  }
}
