import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import type { TalkDuty } from '../../_shared/domain'
import { AWAY_KINDS, TRAINING_KINDS, TRANSFER_REASONS, type AwayKind, type TransferReason } from '../../_shared/care'
import { fileId, id, text } from '../../_shared/validate'

export * from '../../_shared/care'

const day = (label: string) =>
  z.string({ error: `请选择${label}` }).regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, `${label}格式不正确`)
const year = z
  .number({ error: '请选择年份' })
  .int('年份格式不正确')
  .min(2000, '年份格式不正确')
  .max(2100, '年份格式不正确')

/** applied → approved (the branch checked dues and files) → issued (介绍信) → completed (回执); or returned / withdrawn. */
export type TransferStatus = 'applied' | 'returned' | 'approved' | 'issued' | 'completed' | 'withdrawn'

/** The check digit of an 18-digit 居民身份证号码 from its first 17 digits (GB 11643). */
export function idNumberCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0)
  return '10X98765432'[sum % 11]
}

function validIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && idNumberCheckDigit(value.slice(0, 17)) === value[17]
}

export const memberCareSchemas = {
  /** The member's own page: their registration away, its contacts, their transfer. */
  home: z.object({}),
  /** 外出登记: before leaving, where, until when and how to reach them. */
  registerAway: z.object({
    kind: z.enum(AWAY_KINDS, { error: '请选择外出类型' }),
    place: text('外出地点', 50),
    unit: text('所在单位或学校', 50, 0).default(''),
    from: day('外出日期'),
    until: day('预计返校日期'),
    contact: text('联系方式', 50),
  }),
  /** 报到: a member away reports in (a short note, optionally a photo). */
  reportIn: z.object({ text: text('近况', 300, 2), photo: fileId.nullable().default(null) }),
  /** The secretary records a call or a message with a member away. */
  recordContact: z.object({ awayId: id('外出登记'), note: text('联系情况', 300, 2) }),
  /** Back at the college: the registration closes (the member, or the branch). */
  endAway: z.object({ awayId: id('外出登记') }),
  /** Who of the branch (college) is away, since when, last contact, overdue contacts. */
  awayList: z.object({ branchId: id('支部').optional() }),

  /** 组织关系转接: the member applies. */
  applyTransfer: z.object({
    reason: z.enum(TRANSFER_REASONS, { error: '请选择转出原因' }),
    destUnit: text('去往单位', 60),
    destOrg: text('接收党组织', 60),
    nation: text('民族', 10),
    idNumber: z
      .string({ error: '请填写身份证号码' })
      .trim()
      .toUpperCase()
      .refine(validIdNumber, '身份证号码不正确，请核对 18 位号码'),
    note: text('补充说明', 200, 0).default(''),
  }),
  /** Before the letter: the member withdraws their application. */
  withdrawTransfer: z.object({ transferId: id('转接申请') }),
  /** The secretary checks dues and files and approves, or returns with a reason. */
  reviewTransfer: z.union(
    [
      z
        .object({
          transferId: id('转接申请'),
          approve: z.literal(true),
          duesChecked: z.literal(true, { error: '请先核对党费交纳情况' }),
          filesChecked: z.literal(true, { error: '请先核对党员档案材料' }),
          note: text('审核意见', 200, 0).default(''),
        })
        .strict(),
      z.object({ transferId: id('转接申请'), approve: z.literal(false), note: text('退回原因', 200, 2) }).strict(),
    ],
    { error: '请选择同意或退回，并核对党费和档案' },
  ),
  /** The committee issues the numbered 介绍信 (and issues it again once a letter lapsed without 回执). */
  issueLetter: z.object({ transferId: id('转接申请') }),
  /** The letter's files (.docx and PDF) as temporary links: the member, their secretary, the committee. */
  letter: z.object({ transferId: id('转接申请') }),
  /** The receiving organisation's 回执 is back: the transfer completes and the member leaves the branch. */
  uploadReceipt: z.object({ transferId: id('转接申请'), file: fileId }),
  /** Transfers of the branch (college): open, lapsed letters, completed (history). */
  transfers: z.object({ branchId: id('支部').optional() }),

  /** 谈心谈话: the secretary (or the committee) records one talk. */
  recordTalk: z.object({
    aId: id('谈话人'),
    bId: id('谈话对象'),
    day: day('谈话日期'),
    topic: text('谈话主题', 50, 2),
    notes: text('谈话要点', 1000, 0).default(''),
    followUp: text('后续跟进', 300, 0).default(''),
  }),
  /** The year's talks and who is covered by each duty (secretary and committee only). */
  talks: z.object({ branchId: id('支部').optional(), year: year.optional() }),

  /** 培训学时: the caller's own hours of the year and where each came from. */
  myHours: z.object({ year: year.optional() }),
  /** Hours of each member of a branch (who is short of the target). */
  hours: z.object({ branchId: id('支部').optional(), year: year.optional() }),
  /** The committee records a training session of the college and who attended (by student number). */
  recordTraining: z.object({
    kind: z.enum(TRAINING_KINDS, { error: '请选择培训类型' }),
    title: text('培训名称', 50, 2),
    day: day('培训日期'),
    hours: z
      .number({ error: '请填写学时' })
      .min(0.5, '学时至少 0.5')
      .max(80, '一次培训不超过 80 学时')
      .multipleOf(0.5, '学时以 0.5 为单位'),
    studentNos: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{4,20}$/, '学号格式不正确'),
        { error: '请填写参训人员学号' },
      )
      .min(1, '请填写参训人员学号')
      .max(500, '一次最多登记 500 人'),
  }),
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const memberCareActionKinds = {
  home: 'read',
  registerAway: 'write',
  reportIn: 'write',
  recordContact: 'write',
  endAway: 'write',
  awayList: 'read',
  applyTransfer: 'write',
  withdrawTransfer: 'write',
  reviewTransfer: 'write',
  issueLetter: 'write',
  letter: 'audited-read',
  uploadReceipt: 'write',
  transfers: 'read',
  recordTalk: 'write',
  talks: 'read',
  myHours: 'read',
  hours: 'read',
  recordTraining: 'write',
} as const satisfies ActionKinds<typeof memberCareSchemas>

export interface ContactView {
  id: string
  kind: 'reportIn' | 'call'
  kindLabel: string
  text: string
  photoUrl: string | null
  byName: string
  at: string
}

/** A registration of a member away, as stored (`AwayDoc`, model.ts) and as shown. */
export interface AwayFields {
  kind: AwayKind
  place: string
  unit: string
  from: string
  until: string
  contact: string
  status: 'away' | 'back'
}

export interface AwayView extends AwayFields {
  id: string
  memberId: string
  name: string
  className: string
  branchName: string
  kindLabel: string
  lastContactAt: string
  nextContactDue: string
  /** The last contact is older than the interval. */
  overdue: boolean
  /** Whole months away so far. */
  monthsAway: number
  /** Away six months or more (setting): consider a 流动党员活动证 or a transfer. */
  longAway: boolean
  /** A graduate's kept relation has run past the college's limit. */
  keepExpired: boolean
}

export interface TransferView {
  id: string
  memberId: string
  name: string
  className: string
  branchName: string
  reason: TransferReason
  reasonLabel: string
  destUnit: string
  destOrg: string
  note: string
  status: TransferStatus
  statusLabel: string
  appliedAt: string
  review: { byName: string; at: string; note: string } | null
  letter: {
    no: string
    issuedAt: string
    validUntil: string
    lapsed: boolean
    issuedCount: number
    files: boolean
  } | null
  receipt: { at: string; byName: string } | null
  /** Dues paid up to (YYYY-MM), for the secretary's check; null when none recorded. */
  duesPaidTo: string | null
}

export interface CareSettingsView {
  contactIntervalMonths: number
  awayPromptMonths: number
  graduateKeepMonths: number
  letterValidDays: number
}

export interface HomeResult {
  name: string
  stageLabel: string
  /** Probationary and full members register time away and apply for transfers. */
  isPartyMember: boolean
  /** On a branch's roster (a member transferred out is not, and has nothing to register or apply for here). */
  inBranch: boolean
  away: AwayView | null
  contacts: ContactView[]
  transfer: TransferView | null
  /** Transfers of earlier years, completed (history). */
  pastTransfers: TransferView[]
  settings: CareSettingsView
}

export interface AwayListResult {
  scopeLabel: string
  away: AwayView[]
  counts: { away: number; overdue: number; longAway: number }
  settings: CareSettingsView
}

export interface RemindResult {
  reminded: number
}

export interface LetterResult {
  no: string
  docxUrl: string | null
  pdfUrl: string | null
  validUntil: string
}

export interface TransfersResult {
  scopeLabel: string
  open: TransferView[]
  lapsed: TransferView[]
  completed: TransferView[]
  canIssue: boolean
}

export interface TalkView {
  id: string
  aName: string
  bName: string
  day: string
  topic: string
  notes: string
  followUp: string
  recordedByName: string
}

export interface DutyRow {
  memberId: string
  name: string
  roleLabel: string
  covered: boolean
  /** With whom, when covered. */
  withName: string | null
}

export interface TalksResult {
  scopeLabel: string
  year: number
  duties: { duty: TalkDuty; label: string; rows: DutyRow[]; covered: number; total: number }[]
  talks: TalkView[]
  /** Who may be chosen for a talk (the branch's Party members). */
  people: { memberId: string; name: string; roleLabel: string }[]
}

export type HourSourceKind = 'meeting' | 'college' | 'candidateCourse'

export interface HourItem {
  source: HourSourceKind
  sourceLabel: string
  title: string
  day: string
  hours: number
}

export interface MyHoursResult {
  year: number
  total: number
  target: number
  targetLabel: string
  items: HourItem[]
}

export interface HoursRow {
  memberId: string
  name: string
  className: string
  roleLabel: string
  total: number
  target: number
  short: boolean
}

export interface HoursResult {
  scopeLabel: string
  year: number
  rows: HoursRow[]
  counts: { members: number; short: number }
}

export interface RecordTrainingResult {
  id: string
  credited: number
}

export type MemberCareContract = Contract<
  typeof memberCareSchemas,
  {
    home: HomeResult
    registerAway: AwayView
    reportIn: AwayView
    recordContact: AwayView
    endAway: AwayView
    awayList: AwayListResult
    applyTransfer: TransferView
    withdrawTransfer: TransferView
    reviewTransfer: TransferView
    issueLetter: TransferView
    letter: LetterResult
    uploadReceipt: TransferView
    transfers: TransfersResult
    recordTalk: TalkView
    talks: TalksResult
    myHours: MyHoursResult
    hours: HoursResult
    recordTraining: RecordTrainingResult
  }
>
