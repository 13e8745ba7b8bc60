/**
 * The voices vocabulary and its Chinese labels: pure constants depending only on ./domain, so the app may
 * import values from here (through src/services/domain.ts; the voices contract re-exports them).
 */
import { keysOf } from './domain'

export const GRADE_LABELS = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
}
export const GRADES = /* @__PURE__ */ keysOf(GRADE_LABELS)
export type Grade = (typeof GRADES)[number]

/** What the rules require after a 不合格 (《关于开展民主评议党员的意见》): correct within a limit, persuade to leave, or remove. */
export const FOLLOW_UP_LABELS = {
  correct: '限期改正',
  persuade: '劝其退党',
  remove: '除名（预备党员取消预备党员资格）',
}
export const FOLLOW_UPS = /* @__PURE__ */ keysOf(FOLLOW_UP_LABELS)
export type FollowUp = (typeof FOLLOW_UPS)[number]

/** 预备党员没有表决权: a formal 表决 is for full members; other votes may be wider. */
export const ELECTORATE_LABELS = {
  full: '正式党员（有表决权）',
  party: '全体党员',
  all: '全体成员',
}
export const ELECTORATES = /* @__PURE__ */ keysOf(ELECTORATE_LABELS)
export type Electorate = (typeof ELECTORATES)[number]

export const VOTE_KIND_LABELS = {
  motion: '逐项表决（赞成/反对/弃权）',
  choice: '推选（从候选中选择）',
}
export const VOTE_KINDS = /* @__PURE__ */ keysOf(VOTE_KIND_LABELS)
export type VoteKind = (typeof VOTE_KINDS)[number]

export const MOTION_CHOICE_LABELS = {
  for: '赞成',
  against: '反对',
  abstain: '弃权',
}
export const MOTION_CHOICES = /* @__PURE__ */ keysOf(MOTION_CHOICE_LABELS)
export type MotionChoice = (typeof MOTION_CHOICES)[number]

/** Vote rules a branch or the committee may choose (`_shared/quorum` ids). */
export const VOTE_RULE_IDS = ['majority-of-present'] as const

export const QUESTION_TYPE_LABELS = {
  single: '单选',
  multiple: '多选',
  rating: '评分',
  text: '文字',
}
export const QUESTION_TYPES = /* @__PURE__ */ keysOf(QUESTION_TYPE_LABELS)
export type QuestionType = (typeof QUESTION_TYPES)[number]
/** Ratings run from 1 to this. */
export const RATING_MAX = 5

export const HONOUR_TITLES = [
  '优秀共产党员',
  '优秀党务工作者',
  '党员先锋岗',
  '优秀学生党员',
  '优秀入党积极分子',
] as const
