import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import {
  MEETING_AUDIENCES,
  MEETING_TYPES,
  type MeetingAudience,
  type MeetingPeriod,
  type MeetingType,
} from '../../_shared/domain'
import { cursor, id, instant, text } from '../../_shared/validate'

export { MEETING_AUDIENCE_LABELS, MEETING_AUDIENCES, type MeetingAudience } from '../../_shared/domain'

/** What the secretary fills in to create or edit a meeting. */
const meetingFields = z.object({
  type: z.enum(MEETING_TYPES, { error: '请选择会议类型' }),
  title: text('会议主题', 40, 2),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  place: text('会议地点', 40),
  agenda: text('会议议程', 500, 0).default(''),
  audience: z.enum(MEETING_AUDIENCES, { error: '请选择参会人员' }),
  /** Only for `chosen`: who must attend. */
  memberIds: z.array(id('成员'), { error: '参会人员格式不正确' }).max(1000, '参会人员不能超过 1000 人').default([]),
  checkInOpensAt: instant('签到开始时间'),
  checkInClosesAt: instant('签到截止时间'),
  /** Committee only: the branch the meeting belongs to (a secretary always uses their own). */
  branchId: id('支部').optional(),
  /** 线上会议: members away join online and confirm their own attendance within the check-in window. */
  online: z.boolean({ error: '请选择是否线上会议' }).default(false),
})

const code6 = z
  .string({ error: '请输入签到码' })
  .trim()
  .regex(/^\d{6}$/, '签到码是 6 位数字')
const qrText = z.string({ error: '二维码内容为空' }).trim().min(1, '二维码内容为空').max(200, '无法识别的二维码')
export const meetingSchemas = {
  create: meetingFields,
  /** `reason`: required when a meeting that has ended changes who was expected or its times (a correction). */
  update: meetingFields.extend({ meetingId: id('会议'), reason: text('更正原因', 200, 0).optional() }),
  cancel: z.object({ meetingId: id('会议'), reason: text('取消原因', 100) }),
  /** The 签到 tab: upcoming (and running) meetings, or past ones page by page (managers). */
  list: z.object({ scope: z.enum(['upcoming', 'past']).default('upcoming'), cursor }),
  get: z.object({ meetingId: id('会议') }),
  checkInCode: z.object({ meetingId: id('会议') }),
  /** A typed code (`code`) or a scanned QR (`qr`), for the meeting the student chose. */
  checkIn: z.union(
    [
      z.object({ meetingId: id('会议'), code: code6 }).strict(),
      z.object({ meetingId: id('会议'), qr: qrText }).strict(),
    ],
    { error: '请输入签到码或扫描签到二维码' },
  ),
  /** By hand (`memberId`) or by scanning the member's personal code (`qr`). */
  signInMember: z.union(
    [
      z.object({ meetingId: id('会议'), memberId: id('成员') }).strict(),
      z.object({ meetingId: id('会议'), qr: qrText }).strict(),
    ],
    { error: '请选择成员或扫描成员的个人签到码' },
  ),
  requestLeave: z.object({ meetingId: id('会议'), reason: text('请假事由', 200, 2) }),
  decideLeave: z.object({
    meetingId: id('会议'),
    memberId: id('成员'),
    approve: z.boolean({ error: '请选择批准或不批准' }),
    note: text('审批意见', 100, 0).default(''),
  }),
  attendance: z.object({ meetingId: id('会议') }),
  minutes: z.object({
    meetingId: id('会议'),
    text: text('会议纪要', 5000, 10),
    photos: z.array(z.string().max(500), { error: '照片格式不正确' }).max(9, '最多上传 9 张照片').default([]),
  }),
  exportAttendance: z.object({ meetingId: id('会议') }),
  compliance: z.object({}),
  myAttendance: z.object({ cursor }),
  memberCode: z.object({}),
  /** A student allowed one reminder (one-time subscribe message) before this meeting. */
  subscribe: z.object({ meetingId: id('会议') }),
  /** The caller's branch roster, for choosing who attends (managers). */
  roster: z.object({ branchId: id('支部').optional() }),
  /** 线上参会确认: an expected member confirms their own attendance at an online meeting, within its check-in window. */
  confirmOnline: z.object({ meetingId: id('会议') }),
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const meetingActionKinds = {
  create: 'write',
  update: 'write',
  cancel: 'write',
  list: 'read',
  get: 'read',
  checkInCode: 'read',
  checkIn: 'write',
  signInMember: 'write',
  requestLeave: 'write',
  decideLeave: 'write',
  attendance: 'read',
  minutes: 'write',
  exportAttendance: 'audited-read',
  compliance: 'read',
  myAttendance: 'read',
  memberCode: 'read',
  subscribe: 'write',
  roster: 'read',
  confirmOnline: 'write',
} as const satisfies ActionKinds<typeof meetingSchemas>

export type MeetingStatus = 'scheduled' | 'cancelled'
/** Where a meeting is now, from its times (cancelled ones are `cancelled`). */
export type MeetingPhase = 'upcoming' | 'checkingIn' | 'running' | 'ended' | 'cancelled'
export type { AttendanceStatus } from '../../_shared/attendance'
import type { AttendanceStatus } from '../../_shared/attendance'
export type LeaveStatus = 'pending' | 'approved' | 'refused'
export type CheckInMethod = 'code' | 'scan' | 'hand' | 'online'

export interface MeetingSummary {
  id: string
  branchId: string
  branchName: string
  type: MeetingType
  typeLabel: string
  title: string
  startAt: string
  endAt: string
  place: string
  status: MeetingStatus
  phase: MeetingPhase
  checkInOpensAt: string
  checkInClosesAt: string
  expectedCount: number
  hasMinutes: boolean
  /** 线上会议: attendance by each member's own confirmation. */
  online: boolean
}

/** The caller's own standing at a meeting (students; secretaries are members too). */
export interface MyStanding {
  expected: boolean
  status: AttendanceStatus
  checkedInAt: string | null
  leave: { status: LeaveStatus; reason: string; note: string } | null
}

export interface StudentMeetingCard extends MeetingSummary {
  mine: MyStanding
}

export interface ManagerMeetingCard extends MeetingSummary {
  presentCount: number
  pendingLeaves: number
}

export interface AttendanceCounts {
  expected: number
  present: number
  leave: number
  missing: number
}

export interface AttendanceRow {
  memberId: string
  name: string
  className: string
  status: AttendanceStatus
  checkedInAt: string | null
  method: CheckInMethod | null
  leave: { status: LeaveStatus; reason: string; note: string; requestedAt: string } | null
}

export interface AttendanceSheet {
  counts: AttendanceCounts
  rows: AttendanceRow[]
}

export interface MinutesView {
  text: string
  photos: { fileID: string; url: string }[]
  recordedBy: string
  recordedAt: string
}

export interface MeetingDetail extends MeetingSummary {
  agenda: string
  audience: MeetingAudience
  audienceLabel: string
  cancelReason: string | null
  createdByName: string
  canManage: boolean
  mine: MyStanding | null
  minutes: MinutesView | null
  /** Managers only. */
  sheet: AttendanceSheet | null
  /** What the edit form needs (managers only). */
  memberIds: string[] | null
  /** Corrections made after the meeting ended (who was expected, times), oldest first. */
  corrections: { at: string; byName: string; reason: string; changes: string[] }[]
  /** The 民主评议党员 held with this 组织生活会 (voices), if one is. */
  appraisal: { id: string; title: string } | null
}

export interface ListResult {
  role: 'student' | 'manager'
  /** Students: their meetings; managers: the branch's (the college's, for the committee). */
  meetings: (StudentMeetingCard | ManagerMeetingCard)[]
  nextCursor: string | null
}

export interface CodeSlot {
  slot: number
  /** Epoch ms the slot begins (server clock). */
  startsAt: number
  code: string
  qr: string
}

export interface CheckInCodeResult {
  meeting: MeetingSummary
  serverNow: number
  slotMs: number
  slots: CodeSlot[]
  counts: AttendanceCounts
}

export interface CheckInResult {
  /** `already`: this member had checked in before; nothing changed. */
  outcome: 'checkedIn' | 'already'
  /** When this call checked the member in; null for a repeat. */
  checkedInAt: string | null
  meetingTitle: string
}

export interface SignInResult {
  outcome: 'signedIn' | 'already'
  memberId: string
  name: string
}

export interface LeaveView {
  status: LeaveStatus
  reason: string
  note: string
}

export interface ExportResult {
  fileID: string
  url: string
  fileName: string
}

export interface CompliancePeriod {
  key: string
  label: string
  held: number
  required: number
  state: 'met' | 'due' | 'overdue'
}

export interface ComplianceRow {
  type: MeetingType
  typeLabel: string
  rule: string
  period: MeetingPeriod
  required: number
  periods: CompliancePeriod[]
  overdue: number
  lastHeldAt: string | null
}

export interface BranchCompliance {
  branchId: string
  branchName: string
  rows: ComplianceRow[]
  overdueTotal: number
}

export interface ComplianceResult {
  since: string
  branches: BranchCompliance[]
}

export interface HistoryItem {
  meeting: MeetingSummary
  status: AttendanceStatus
  checkedInAt: string | null
}

export interface MyAttendanceResult {
  items: HistoryItem[]
  nextCursor: string | null
}

export interface MemberCodeMeeting {
  meeting: MeetingSummary
  slots: CodeSlot[]
}

export interface MemberCodeResult {
  memberId: string
  name: string
  serverNow: number
  slotMs: number
  meetings: MemberCodeMeeting[]
}

export interface RosterMember {
  id: string
  name: string
  className: string
  stageLabel: string
  post: string | null
}

export interface SubscribeResult {
  /** False when this meeting's reminder was already handled (sent or no longer needed). */
  subscribed: boolean
  /** When the reminder goes out (ISO). */
  remindAt: string | null
}

export interface RecountResult {
  /** Meetings whose figures were recounted and stored in this run. */
  recounted: number
}

export interface RemindResult {
  sent: number
  skipped: number
}

export type MeetingContract = Contract<
  typeof meetingSchemas,
  {
    create: MeetingDetail
    update: MeetingDetail
    cancel: MeetingSummary
    list: ListResult
    get: MeetingDetail
    checkInCode: CheckInCodeResult
    checkIn: CheckInResult
    signInMember: SignInResult
    requestLeave: LeaveView
    decideLeave: LeaveView
    attendance: AttendanceSheet
    minutes: MinutesView
    exportAttendance: ExportResult
    compliance: ComplianceResult
    myAttendance: MyAttendanceResult
    memberCode: MemberCodeResult
    roster: RosterMember[]
    subscribe: SubscribeResult
    confirmOnline: CheckInResult
  }
>
