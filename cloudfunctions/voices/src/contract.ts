import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import { STAGES, type Stage } from '../../_shared/domain'
import { fileId, id, instant, text } from '../../_shared/validate'
import {
  ELECTORATES,
  FOLLOW_UPS,
  GRADES,
  HONOUR_TITLES,
  MOTION_CHOICES,
  QUESTION_TYPES,
  RATING_MAX,
  VOTE_KINDS,
  VOTE_RULE_IDS,
  type FollowUp,
  type Grade,
  type QuestionType,
  type VoteKind,
} from '../../_shared/voices'

/**
 * Voices (issue #20): 民主评议党员, votes, surveys (征求意见) and the 榜样 window. No grade, vote or ranking
 * here feeds study points, and no grade is computed from points or reading time.
 */

const year = z
  .number({ error: '请选择年度' })
  .int('年度格式不正确')
  .min(2000, '年度格式不正确')
  .max(2100, '年度格式不正确')

export * from '../../_shared/voices'

const scopeBranch = id('支部').optional()

const question = z.object({
  type: z.enum(QUESTION_TYPES, { error: '请选择题型' }),
  title: text('题目', 100),
  options: z.array(text('选项', 30), { error: '选项格式不正确' }).max(10, '每题最多 10 个选项').default([]),
  required: z.boolean().default(true),
})

const answer = z.object({
  questionId: id('题目'),
  choices: z.array(z.number().int().min(0).max(9), { error: '选项格式不正确' }).max(10).optional(),
  rating: z.number().int().min(1, '请选择评分').max(RATING_MAX, '请选择评分').optional(),
  text: text('回答', 300, 0).optional(),
})

export const voicesSchemas = {
  /** The member's open appraisal, votes and surveys, and past grades (the 我的 entry's page). */
  home: z.object({}),
  /** Managers and 支委: this year's appraisals, votes and surveys of their branch, or every branch (committee). */
  manage: z.object({ branchId: scopeBranch }),

  startAppraisal: z.object({
    branchId: scopeBranch,
    year: year.optional(),
    closesAt: instant('互评截止时间').optional(),
    /** The 组织生活会 at which the branch holds it (optional). */
    meetingId: id('会议').optional(),
  }),
  appraisal: z.object({ appraisalId: id('民主评议') }),
  saveSelf: z.object({ appraisalId: id('民主评议'), text: text('自我评价', 2000, 20) }),
  appraise: z.object({
    appraisalId: id('民主评议'),
    grades: z
      .array(
        z.object({
          memberId: id('成员'),
          grade: z.enum(GRADES, { error: '请为每位党员选择评议等次' }),
          comment: text('评议意见', 200, 0).default(''),
        }),
        {
          error: '请为每位党员选择评议等次',
        },
      )
      .min(1, '请为每位党员选择评议等次')
      .max(300),
  }),
  closeAppraisal: z.object({ appraisalId: id('民主评议') }),
  decideGrade: z.object({
    appraisalId: id('民主评议'),
    memberId: id('成员'),
    grade: z.enum(GRADES, { error: '请选择评定等次' }),
    reason: text('评定说明', 300, 0).default(''),
    followUp: z.enum(FOLLOW_UPS, { error: '请选择组织处理方式' }).optional(),
  }),
  publishAppraisal: z.object({ appraisalId: id('民主评议') }),
  exportAppraisal: z.object({ appraisalId: id('民主评议') }),

  createVote: z.object({
    branchId: scopeBranch,
    /** Committee only: a college-wide vote. */
    college: z.boolean().default(false),
    title: text('投票主题', 40, 2),
    description: text('投票说明', 500, 0).default(''),
    kind: z.enum(VOTE_KINDS, { error: '请选择投票方式' }),
    subjects: z.array(text('表决事项或候选', 40), { error: '请填写表决事项或候选' }).max(20, '最多 20 项').default([]),
    /** A shortlist of nominations (committee): the options are the nominees. */
    honourIds: z.array(id('提名')).max(20, '最多 20 项').default([]),
    maxChoices: z.number().int().min(1, '至少可选 1 项').max(20).default(1),
    electorate: z.enum(ELECTORATES, { error: '请选择投票人范围' }),
    anonymous: z.boolean().default(true),
    ruleId: z.enum(VOTE_RULE_IDS, { error: '请选择表决规则' }).default('majority-of-present'),
    closesAt: instant('截止时间'),
  }),
  vote: z.object({ voteId: id('投票') }),
  castVote: z.object({
    voteId: id('投票'),
    /** Motion: one choice per subject. */
    motion: z
      .array(z.object({ subjectId: id('事项'), choice: z.enum(MOTION_CHOICES, { error: '请对每一项作出选择' }) }))
      .max(20)
      .optional(),
    /** Choice: the options chosen. */
    options: z.array(id('候选')).max(20).optional(),
  }),
  closeVote: z.object({ voteId: id('投票') }),

  createSurvey: z.object({
    title: text('问卷标题', 40, 2),
    intro: text('问卷说明', 500, 0).default(''),
    audience: z.enum(['branch', 'stages', 'all'], { error: '请选择征求对象' }),
    branchId: scopeBranch,
    stages: z.array(z.enum(STAGES)).max(STAGES.length).default([]),
    anonymous: z.boolean().default(true),
    questions: z.array(question, { error: '请添加题目' }).min(1, '请至少添加 1 道题').max(20, '最多 20 道题'),
    closesAt: instant('截止时间'),
  }),
  survey: z.object({ surveyId: id('问卷') }),
  answerSurvey: z.object({ surveyId: id('问卷'), answers: z.array(answer).max(20) }),
  closeSurvey: z.object({ surveyId: id('问卷') }),
  exportSurvey: z.object({ surveyId: id('问卷') }),

  /** The 榜样 window: honours awarded in the college (and, for managers, nominations waiting). */
  honours: z.object({}),
  nominate: z.object({
    memberId: id('成员'),
    title: z.enum(HONOUR_TITLES, { error: '请选择荣誉称号' }),
    year: year,
    reason: text('推荐理由', 500, 10),
  }),
  awardHonour: z.object({
    /** From a nomination, or directly (`memberId`, `title`, `year`). */
    nominationId: id('提名').optional(),
    memberId: id('成员').optional(),
    title: z.enum(HONOUR_TITLES, { error: '请选择荣誉称号' }).optional(),
    year: year.optional(),
    citation: text('事迹简介', 500, 10),
    photo: fileId.optional(),
    /** A 党员风采 article about the person. */
    articleId: id('文章').optional(),
  }),
  declineNomination: z.object({ nominationId: id('提名'), reason: text('不予表彰的理由', 200, 2) }),
}

export const voicesActionKinds = {
  home: 'read',
  manage: 'read',
  startAppraisal: 'write',
  appraisal: 'read',
  saveSelf: 'write',
  appraise: 'write',
  closeAppraisal: 'write',
  decideGrade: 'write',
  publishAppraisal: 'write',
  exportAppraisal: 'audited-read',
  createVote: 'write',
  vote: 'read',
  castVote: 'write',
  closeVote: 'write',
  createSurvey: 'write',
  survey: 'read',
  answerSurvey: 'write',
  closeSurvey: 'write',
  exportSurvey: 'audited-read',
  honours: 'read',
  nominate: 'write',
  awardHonour: 'write',
  declineNomination: 'write',
} as const satisfies ActionKinds<typeof voicesSchemas>

export type AppraisalStatus = 'appraising' | 'deciding' | 'published'
export const APPRAISAL_STATUS_LABELS: Record<AppraisalStatus, string> = {
  appraising: '自评互评中',
  deciding: '支部评定中',
  published: '结果已公布',
}

export type GradeCounts = Record<Grade, number>

export interface AppraisalCard {
  id: string
  branchId: string
  branchName: string
  year: number
  title: string
  status: AppraisalStatus
  statusLabel: string
  closesAt: string
  memberCount: number
  /** Peer appraisal sheets handed in (null where the list does not read the tallies). */
  appraised: number | null
}

export interface AppraisalMemberRow {
  memberId: string
  name: string
  className: string
  stageLabel: string
  /** Their self-appraisal, once written. */
  selfText: string | null
  isMe: boolean
}

/** A member's peer tally and the branch's decision (managers once the peer appraisal closed). */
export interface TallyRow {
  memberId: string
  name: string
  className: string
  counts: GradeCounts
  comments: string[]
  grade: Grade | null
  reason: string
  followUp: FollowUp | null
}

export interface MyAppraisal {
  selfText: string | null
  hasAppraised: boolean
  /** Only once the result is published. */
  grade: Grade | null
  reason: string
  followUp: FollowUp | null
  counts: GradeCounts | null
}

export interface AppraisalView extends AppraisalCard {
  /** The branch's secretary or the committee: start, close, publish, export. */
  canManage: boolean
  /** Managers and the branch's 支委: see the tallies and record grades (never their own). */
  canDecide: boolean
  /** 优秀 at most this many (the college's share of the members). */
  excellentMax: number
  excellentCount: number
  shareText: string
  meetingTitle: string | null
  /** The 组织生活会 it is held with (opens the meeting's page). */
  meetingId: string | null
  members: AppraisalMemberRow[]
  /** The caller as a member of this appraisal; null for a manager who is not. */
  me: MyAppraisal | null
  /** Managers and 支委, once the peer appraisal has closed. */
  tallies: TallyRow[] | null
}

export interface MyGrade {
  appraisalId: string
  year: number
  branchName: string
  grade: Grade
  gradeLabel: string
}

export type BoxState = 'open' | 'closed'

export interface VoteCard {
  id: string
  title: string
  scopeLabel: string
  kind: VoteKind
  anonymous: boolean
  status: BoxState
  closesAt: string
  expected: number
  /** Ballots cast so far (null where the list does not read the tallies). */
  ballots: number | null
  voted: boolean
  /** Once closed: whether a result was declared (quorum met). */
  declared: boolean | null
}

export interface SubjectResult {
  id: string
  label: string
  for: number
  against: number
  abstain: number
  passed: boolean
  /** Choice votes: among the winners (passed and within the number to choose). */
  chosen: boolean
  problems: string[]
}

/** A closed vote's judgement, as stored (`VoteOutcome`, model.ts) and as shown. */
export interface VoteJudgement {
  expected: number
  present: number
  quorumMet: boolean
  declared: boolean
  summary: string
}

export interface VoteResult extends VoteJudgement {
  subjects: SubjectResult[]
  /** Named votes: who voted how (managers). */
  named: { name: string; ballot: string }[] | null
}

export interface VoteView extends VoteCard {
  description: string
  electorateLabel: string
  ruleLabel: string
  ruleText: string
  maxChoices: number
  subjects: { id: string; label: string }[]
  eligible: boolean
  canManage: boolean
  result: VoteResult | null
}

export interface SurveyQuestion {
  id: string
  type: QuestionType
  title: string
  options: string[]
  required: boolean
}

export interface SurveyCard {
  id: string
  title: string
  scopeLabel: string
  anonymous: boolean
  status: BoxState
  closesAt: string
  /** Answer sheets so far (null where the list does not read the tallies). */
  answers: number | null
  answered: boolean
}

export interface QuestionResult {
  id: string
  type: QuestionType
  title: string
  /** Choice and rating questions: one bar per option (ratings: 1..5). */
  bars: { label: string; count: number; share: number }[]
  /** Rating questions. */
  average: number | null
  /** Text questions, in no particular order (sorted, so nothing shows who answered when). */
  texts: string[]
}

export interface SurveyView extends SurveyCard {
  intro: string
  audienceLabel: string
  questions: SurveyQuestion[]
  eligible: boolean
  canManage: boolean
  results: QuestionResult[] | null
}

/** Who was honoured (or nominated) with what, in which year: what an honour and a nomination both show. */
export interface HonourHead {
  id: string
  name: string
  branchName: string
  title: string
  year: number
}

export interface HonourCard extends HonourHead {
  citation: string
  photoUrl: string | null
  articleId: string | null
}

export interface NominationCard extends HonourHead {
  memberId: string
  reason: string
  nominatedByName: string
  nominatedAt: string
}

export interface HonoursResult {
  honours: HonourCard[]
  /** Managers: nominations waiting for the committee (secretary: their branch's). */
  nominations: NominationCard[] | null
  canAward: boolean
  canNominate: boolean
}

export interface VoicesHome {
  appraisal: (AppraisalCard & { selfWritten: boolean; hasAppraised: boolean }) | null
  grades: MyGrade[]
  votes: VoteCard[]
  surveys: SurveyCard[]
  isManager: boolean
}

/** A branch's 组织生活会 of the year, offered when the appraisal is started. */
export interface LifeMeetingOption {
  id: string
  title: string
  startAt: string
}

export interface VoicesManage {
  scopeLabel: string
  year: number
  branches: {
    id: string
    name: string
    appraisal: AppraisalCard | null
    /** This year's 组织生活会 of the branch, not cancelled, soonest first. */
    lifeMeetings: LifeMeetingOption[]
  }[]
  votes: VoteCard[]
  surveys: SurveyCard[]
  committee: boolean
  /** The branch's secretary or the committee (a 支委 helps but does not start an appraisal). */
  canStart: boolean
  /** The caller's 支委 post when they help as one (组织委员 …). */
  post: string | null
}

export interface ExportResult {
  fileID: string
  url: string
  fileName: string
}

/** What one action's handler receives (its schema's output). */
export type VoicesParams<K extends keyof typeof voicesSchemas> = z.output<(typeof voicesSchemas)[K]>

export type VoicesContract = Contract<
  typeof voicesSchemas,
  {
    home: VoicesHome
    manage: VoicesManage
    startAppraisal: AppraisalView
    appraisal: AppraisalView
    saveSelf: AppraisalView
    appraise: AppraisalView
    closeAppraisal: AppraisalView
    decideGrade: AppraisalView
    publishAppraisal: AppraisalView
    exportAppraisal: ExportResult
    createVote: VoteView
    vote: VoteView
    castVote: VoteView
    closeVote: VoteView
    createSurvey: SurveyView
    survey: SurveyView
    answerSurvey: SurveyView
    closeSurvey: SurveyView
    exportSurvey: ExportResult
    honours: HonoursResult
    nominate: NominationCard
    awardHonour: HonourCard
    declineNomination: { ok: true }
  }
>

export type { Stage }
