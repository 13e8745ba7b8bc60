import { randomBytes } from 'node:crypto'
import type { Stage } from '../../_shared/domain'
import type {
  Electorate,
  FollowUp,
  Grade,
  MotionChoice,
  QuestionType,
  SubjectResult,
  VoteJudgement,
  VoteKind,
} from './contract'

/** Stored documents of the voices function. Ballots live in `ballotTallies` and `ballotVoters` (ballot-box.ts). */

export interface AppraisalPerson {
  memberId: string
  name: string
  className: string
  stage: Stage
}

export interface Decision {
  grade: Grade
  reason: string
  followUp: FollowUp | null
  at: Date
  byId: string
  byName: string
}

/** One branch's 民主评议党员 of one year, `_id` = `ap-<year>-<branchId>`: once per branch and year. */
export interface AppraisalDoc {
  _id: string
  collegeId: string
  branchId: string
  branchName: string
  year: number
  title: string
  status: 'appraising' | 'deciding' | 'published'
  /** The Party members of the branch when it started: who appraise and are appraised. */
  members: AppraisalPerson[]
  closesAt: Date
  meetingId: string | null
  meetingTitle: string | null
  /** The college's 优秀 share when it started (a later change of the setting does not move the quota). */
  excellentMaxShare: { num: number; den: number }
  /** The branch's decisions by member id; written in a transaction with the quota check. */
  decisions: Record<string, Decision>
  startedBy: string
  startedAt: Date
  closedAt: Date | null
  publishedAt: Date | null
}

/** A member's self-appraisal, `_id` = `<memberId>:<appraisalId>`. */
export interface SelfAppraisalDoc {
  _id: string
  appraisalId: string
  memberId: string
  text: string
  at: Date
}

export interface VoteSubject {
  id: string
  label: string
  /** A shortlist vote's option: the nomination it stands for. */
  honourId?: string
}

export interface VoteOutcome extends VoteJudgement {
  subjects: Omit<SubjectResult, 'label'>[]
  judgedAt: Date
  ruleId: string
}

export interface VoteDoc {
  _id: string
  collegeId: string
  /** `branch:<id>` or `college:<id>`: who sees it. */
  audienceKey: string
  branchId: string | null
  scopeLabel: string
  title: string
  description: string
  kind: VoteKind
  subjects: VoteSubject[]
  maxChoices: number
  electorate: Electorate
  /** Who may vote, fixed when the vote was created (the quorum counts them). */
  electorateIds: string[]
  anonymous: boolean
  ruleId: string
  status: 'open' | 'closed'
  closesAt: Date
  createdBy: string
  createdByName: string
  createdAt: Date
  outcome: VoteOutcome | null
}

export interface SurveyQuestionDoc {
  id: string
  type: QuestionType
  title: string
  options: string[]
  required: boolean
}

export interface SurveyDoc {
  _id: string
  collegeId: string
  audienceKey: string
  branchId: string | null
  /** Empty: every stage. */
  stages: Stage[]
  scopeLabel: string
  audienceLabel: string
  title: string
  intro: string
  anonymous: boolean
  questions: SurveyQuestionDoc[]
  status: 'open' | 'closed'
  closesAt: Date
  createdBy: string
  createdByName: string
  createdAt: Date
}

export interface HonourDoc {
  _id: string
  collegeId: string
  branchId: string | null
  branchName: string
  memberId: string
  name: string
  title: string
  year: number
  status: 'nominated' | 'awarded' | 'declined'
  reason: string
  nominatedById: string | null
  nominatedByName: string | null
  nominatedAt: Date | null
  citation: string
  photo: string | null
  articleId: string | null
  decidedById: string | null
  decidedAt: Date | null
  declineReason: string | null
}

/** What an honour holds before anyone nominates it with reasons, awards it or declines it. */
export const UNDECIDED_HONOUR = {
  reason: '',
  nominatedById: null,
  nominatedByName: null,
  nominatedAt: null,
  citation: '',
  photo: null,
  articleId: null,
  decidedById: null,
  decidedAt: null,
  declineReason: null,
} satisfies Partial<HonourDoc>

/** A vote's ballot in a named vote, as stored with the voter's marker. */
export type NamedBallot = { motion: Record<string, MotionChoice> } | { options: string[] } | { answers: unknown[] }

/** Random ids: nothing in them tells when, or in which order, they were made. */
export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(10).toString('hex')}`
}

export function appraisalIdOf(year: number, branchId: string): string {
  return `ap-${year}-${branchId}`
}
