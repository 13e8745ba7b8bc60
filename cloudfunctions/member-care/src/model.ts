import type { CareSettings } from '../../_shared/domain'
import { readSettings } from '../../_shared/settings'
import type { BranchDoc, CollegeDoc, MemberDoc } from '../../_shared/models'
import { addDays, addMonths, chinaDay, iso } from '../../_shared/time'
import {
  AWAY_KIND_LABELS,
  TRANSFER_REASON_LABELS,
  type AwayFields,
  type AwayView,
  type CareSettingsView,
  type ContactView,
  type TransferReason,
  type TransferStatus,
  type TransferView,
} from './contract'

/** Who a member's own request is about, as its record keeps it (lists show it without more reads). */
export interface RecordMember {
  collegeId: string
  branchId: string
  branchName: string
  memberId: string
  name: string
  className: string
}

/** The record's member fields of `m`, a member of `branch`. */
export function recordMemberOf(
  m: Pick<MemberDoc, '_id' | 'collegeId' | 'name' | 'className'>,
  branch: Pick<BranchDoc, '_id' | 'name'>,
): RecordMember {
  return {
    collegeId: m.collegeId,
    branchId: branch._id,
    branchName: branch.name,
    memberId: m._id,
    name: m.name,
    className: m.className,
  }
}

/** `careAway`: one registration of a member away (流动党员), open while `status` is `away`. */
export interface AwayDoc extends RecordMember, AwayFields {
  _id: string
  /** The member's WeChat identity when they registered, for the contact reminder. */
  openid: string | null
  lastContactAt: Date
  /** When the next contact is due (last contact + the college's interval): the overdue list and the reminder read it. */
  nextContactDue: Date
  /** The due date a reminder was already sent for (one reminder per missed contact). */
  remindedFor: Date | null
  createdAt: Date
  endedAt: Date | null
  endedBy: string | null
}

/** `careContacts`: one contact with a member away: their own report, or a call the secretary records. */
export interface ContactDoc {
  _id?: string
  awayId: string
  memberId: string
  branchId: string
  kind: 'reportIn' | 'call'
  text: string
  photo: string | null
  byId: string
  byName: string
  at: Date
}

export interface LetterRecord {
  /** 介绍信编号, e.g. 〔2026〕第 003 号. */
  no: string
  issuedAt: Date
  validUntil: string
  issuedBy: string
  issuedByName: string
  /** The generated files (null until generated). */
  docx: string | null
  pdf: string | null
}

/** `careTransfers`: one application to move a member's organisational relation (组织关系转接). */
export interface TransferDoc extends RecordMember {
  _id: string
  gender: MemberDoc['gender']
  stage: MemberDoc['stage']
  openid: string | null
  reason: TransferReason
  destUnit: string
  destOrg: string
  nation: string
  /** Needed on the letter; never shown in lists. */
  idNumber: string
  note: string
  status: TransferStatus
  appliedAt: Date
  review: { byId: string; byName: string; at: Date; note: string; duesChecked: boolean; filesChecked: boolean } | null
  /** The current letter; earlier (lapsed) ones in `pastLetters`. */
  letter: LetterRecord | null
  pastLetters: LetterRecord[]
  receipt: { file: string; at: Date; byId: string; byName: string } | null
  duesPaidTo: string | null
  updatedAt: Date
}

/** `careTalks`: one 谈心谈话 record. Private to the branch's secretary and the committee. */
export interface TalkDoc {
  _id?: string
  collegeId: string
  branchId: string
  aId: string
  aName: string
  /** What each was in the branch at the time: the duty a talk covers does not change when someone leaves. */
  aKind: TalkPartyKind
  bId: string
  bName: string
  bKind: TalkPartyKind
  day: string
  year: number
  topic: string
  notes: string
  followUp: string
  recordedBy: string
  recordedByName: string
  createdAt: Date
}

export type TalkPartyKind = 'secretary' | 'committee' | 'member'

/** `trainingSessions`: a training of the college (recorded by the committee) and who attended it. */
export interface TrainingSessionDoc {
  _id?: string
  collegeId: string
  kind: 'college' | 'candidateCourse'
  title: string
  day: string
  year: number
  hours: number
  memberIds: string[]
  recordedBy: string
  recordedByName: string
  createdAt: Date
}

export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  applied: '待支部审核',
  returned: '已退回',
  approved: '待院党委开具介绍信',
  issued: '介绍信已开具，待回执',
  completed: '已转出',
  withdrawn: '已撤回',
}

/** The college's settings for this feature, each missing one at its default (`readSettings`). */
export function careSettingsOf(college: Pick<CollegeDoc, 'settings'> | null | undefined): CareSettings {
  return readSettings(college).care
}

export function settingsView(s: CareSettings): CareSettingsView {
  return {
    contactIntervalMonths: s.contactIntervalMonths,
    awayPromptMonths: s.awayPromptMonths,
    graduateKeepMonths: s.graduateKeepMonths,
    letterValidDays: s.letterValidDays,
  }
}

/** The instant a contact made at `at` is next due: the same China day `months` later. */
export function nextDueAfter(at: Date, months: number): Date {
  const due = addMonths(chinaDay(at), months)
  return new Date(at.getTime() + (Date.parse(`${due}T00:00:00Z`) - Date.parse(`${chinaDay(at)}T00:00:00Z`)))
}

/** Whole calendar months from `from` to `to` (days, China time). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number)
  const [ty, tm, td] = to.split('-').map(Number)
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
  return Math.max(0, months)
}

export function awayView(a: AwayDoc, s: CareSettings, now: Date): AwayView {
  const today = chinaDay(now)
  const monthsAway = a.from <= today ? monthsBetween(a.from, today) : 0
  const plannedMonths = monthsBetween(a.from, a.until)
  return {
    id: a._id,
    memberId: a.memberId,
    name: a.name,
    className: a.className,
    branchName: a.branchName,
    kind: a.kind,
    kindLabel: AWAY_KIND_LABELS[a.kind],
    place: a.place,
    unit: a.unit,
    from: a.from,
    until: a.until,
    contact: a.contact,
    status: a.status,
    lastContactAt: iso(a.lastContactAt),
    nextContactDue: iso(a.nextContactDue),
    overdue: a.status === 'away' && new Date(a.nextContactDue).getTime() <= now.getTime(),
    monthsAway,
    longAway:
      a.status === 'away' && a.kind !== 'graduated' && Math.max(monthsAway, plannedMonths) >= s.awayPromptMonths,
    keepExpired: a.status === 'away' && a.kind === 'graduated' && today > a.until,
  }
}

export function contactView(c: ContactDoc & { _id: string }, photoUrl: string | null): ContactView {
  return {
    id: c._id,
    kind: c.kind,
    kindLabel: c.kind === 'reportIn' ? '本人报到' : '支部联系',
    text: c.text,
    photoUrl,
    byName: c.byName,
    at: iso(c.at),
  }
}

export function isLapsed(t: Pick<TransferDoc, 'status' | 'letter'>, now: Date): boolean {
  return t.status === 'issued' && t.letter !== null && t.letter.validUntil < chinaDay(now)
}

export function transferView(t: TransferDoc, now: Date): TransferView {
  const lapsed = isLapsed(t, now)
  return {
    id: t._id,
    memberId: t.memberId,
    name: t.name,
    className: t.className,
    branchName: t.branchName,
    reason: t.reason,
    reasonLabel: TRANSFER_REASON_LABELS[t.reason],
    destUnit: t.destUnit,
    destOrg: t.destOrg,
    note: t.note,
    status: t.status,
    statusLabel: lapsed ? '介绍信已过期，待重新开具' : TRANSFER_STATUS_LABELS[t.status],
    appliedAt: iso(t.appliedAt),
    review: t.review ? { byName: t.review.byName, at: iso(t.review.at), note: t.review.note } : null,
    letter: t.letter
      ? {
          no: t.letter.no,
          issuedAt: iso(t.letter.issuedAt),
          validUntil: t.letter.validUntil,
          lapsed,
          issuedCount: t.pastLetters.length + 1,
          files: t.letter.docx !== null,
        }
      : null,
    receipt: t.receipt ? { at: iso(t.receipt.at), byName: t.receipt.byName } : null,
    duesPaidTo: t.duesPaidTo,
  }
}

/** The last day a letter issued today is valid. */
export function validUntilOf(now: Date, days: number): string {
  return addDays(chinaDay(now), days - 1)
}

/** Party members: those who register time away, transfer, talk and count training hours. */
export function isPartyMember(m: Pick<MemberDoc, 'stage'>): boolean {
  return m.stage === 'probationary' || m.stage === 'full'
}

/** Secretaries and branch committee members (支委) have the higher hours target and the committee's talk duties. */
export function isCadre(m: Pick<MemberDoc, 'roles' | 'branchPost'>): boolean {
  return m.roles.includes('secretary') || Boolean(m.branchPost)
}

export function roleLabelOf(m: Pick<MemberDoc, 'roles' | 'branchPost' | 'stage'>): string {
  if (m.roles.includes('secretary')) return '支部书记'
  if (m.branchPost) return m.branchPost
  return m.stage === 'probationary' ? '预备党员' : '党员'
}
