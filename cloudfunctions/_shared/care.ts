/**
 * The member-care vocabulary and its Chinese labels: pure constants depending only on ./domain, so the app may
 * import values from here (through src/services/domain.ts; the member-care contract re-exports them).
 */
import { keysOf } from './domain'

/** Why a member is away (流动党员): each with its own words in the app. */
export const AWAY_KIND_LABELS = {
  internship: '外出实习',
  exchange: '交流学习',
  abroad: '出国（境）学习',
  jobHunting: '外出求职',
  graduated: '毕业未落实单位（组织关系暂留学校）',
  other: '其他原因外出',
}
export const AWAY_KINDS = /* @__PURE__ */ keysOf(AWAY_KIND_LABELS)
export type AwayKind = (typeof AWAY_KINDS)[number]

export const TRANSFER_REASON_LABELS = {
  graduation: '毕业离校',
  employment: '就业',
  furtherStudy: '升学',
  other: '其他',
}
export const TRANSFER_REASONS = /* @__PURE__ */ keysOf(TRANSFER_REASON_LABELS)
export type TransferReason = (typeof TRANSFER_REASONS)[number]

export const TRAINING_KIND_LABELS = {
  college: '学院组织的培训',
  candidateCourse: '发展对象短期集中培训',
}
export const TRAINING_KINDS = /* @__PURE__ */ keysOf(TRAINING_KIND_LABELS)
export type TrainingKind = (typeof TRAINING_KINDS)[number]
