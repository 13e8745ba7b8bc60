import { STAGE_LABELS, type Stage } from '../../_shared/domain'
import { parsePeriod, REPORT_STATUS_LABELS, type Period, type ReportStatus } from '../../_shared/periods'
import { iso } from '../../_shared/time'
import type { MemberBrief, ReportSummary, ReviewDecision, ReviewView, TimelineKind } from './contract'

/**
 * The stored thought report: one document per member per period (`_id` = `<memberId>:<period>`, and a
 * unique index on memberId+period). It holds the author's working copy (`draft`), every submitted version
 * (old ones kept) with the secretary's decision on each, and a timeline. Every change is a conditional
 * write on `revision` and `status`, so concurrent submits or reviews cannot both win.
 */
export interface StoredContent {
  title: string
  body: string
  /** Photos of handwritten pages, in page order. */
  photos: string[]
  video: string | null
}

export interface StoredReview {
  decision: ReviewDecision
  comment: string
  reviewerId: string
  reviewerName: string
  at: Date
}

export interface StoredVersion extends StoredContent {
  no: number
  submittedAt: Date
  review: StoredReview | null
}

export interface StoredTimelineEntry {
  at: Date
  kind: TimelineKind
  actorId: string
  actorName: string
  note: string
}

/** What lists show of the latest version, kept beside it so lists never load bodies. */
export interface LatestSummary {
  title: string
  snippet: string
  photoCount: number
  hasVideo: boolean
}

export interface ReportDoc {
  _id: string
  memberId: string
  memberName: string
  className: string
  /** The author's WeChat openid (subscribe messages go there). */
  openid: string
  branchId: string | null
  collegeId: string
  period: string
  /** The author's stage when they last saved or submitted (queue filter). */
  stage: Stage
  status: ReportStatus
  revision: number
  draft: (StoredContent & { updatedAt: Date }) | null
  versions: StoredVersion[]
  currentVersion: number
  timeline: StoredTimelineEntry[]
  latest: LatestSummary
  lastReview: StoredReview | null
  /**
   * The review queue's one sort key, ascending: 0 for a never-submitted draft (left out of the queue);
   * pending reports by submit time, oldest first; reviewed ones after all pending, latest review first.
   */
  queueOrder: number
  submittedAt: Date | null
  reviewedAt: Date | null
  /** One-time subscribe consents (WeChat: one message per consent). */
  resultConsents: number
  reminderConsents: number
  /** The period a due reminder is wanted for, and the China-time day from which the job sends it. */
  remindPeriod: string | null
  remindOn: string | null
  createdAt: Date
  updatedAt: Date
}

/** Reviewed reports sort after every pending one (submit times are far below this), newest review first. */
const REVIEWED_BASE = 2e13

export function queueOrderFor(status: ReportStatus, at: Date): number {
  if (status === 'draft') return 0
  if (status === 'pending') return at.getTime()
  return REVIEWED_BASE - at.getTime()
}

export function reportIdFor(memberId: string, period: string): string {
  return `${memberId}:${period}`
}

export function periodOfDoc(doc: Pick<ReportDoc, 'period'>): Period {
  const period = parsePeriod(doc.period)
  if (!period) throw new Error(`stored report has a bad period ${doc.period}`)
  return period
}

export function summarize(content: StoredContent): LatestSummary {
  // The letter's greeting says nothing about the report: the snippet starts after it.
  const flat = content.body
    .replace(/^\s*敬爱的党组织[：:]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
  return {
    title: content.title,
    snippet: flat.length > 80 ? `${flat.slice(0, 80)}…` : flat,
    photoCount: content.photos.length,
    hasVideo: content.video !== null,
  }
}

export function reviewView(review: StoredReview | null): ReviewView | null {
  if (!review) return null
  return {
    decision: review.decision,
    comment: review.comment,
    reviewerName: review.reviewerName,
    at: new Date(review.at).toISOString(),
  }
}

export function memberBrief(doc: Pick<ReportDoc, 'memberId' | 'memberName' | 'className' | 'stage'>): MemberBrief {
  return {
    id: doc.memberId,
    name: doc.memberName,
    className: doc.className,
    stage: doc.stage,
    stageLabel: STAGE_LABELS[doc.stage],
  }
}

/** Fields a list reads: everything but the bodies, versions and timeline. */
export const SUMMARY_FIELDS: Record<string, boolean> = {
  memberId: true,
  memberName: true,
  className: true,
  stage: true,
  branchId: true,
  period: true,
  status: true,
  currentVersion: true,
  latest: true,
  lastReview: true,
  submittedAt: true,
  reviewedAt: true,
  updatedAt: true,
  queueOrder: true,
}

export type SummaryDoc = Pick<
  ReportDoc,
  | '_id'
  | 'memberId'
  | 'memberName'
  | 'className'
  | 'stage'
  | 'branchId'
  | 'period'
  | 'status'
  | 'currentVersion'
  | 'latest'
  | 'lastReview'
  | 'submittedAt'
  | 'reviewedAt'
  | 'updatedAt'
  | 'queueOrder'
>

/** What every view of a report starts with: its id, period and status in words. */
export function reportHead(
  doc: Pick<ReportDoc, '_id' | 'period' | 'status'>,
): Pick<ReportSummary, 'id' | 'period' | 'status' | 'statusLabel'> {
  return { id: doc._id, period: periodOfDoc(doc), status: doc.status, statusLabel: REPORT_STATUS_LABELS[doc.status] }
}

export function toSummary(doc: SummaryDoc): ReportSummary {
  return {
    ...reportHead(doc),
    version: doc.currentVersion,
    title: doc.latest.title,
    snippet: doc.latest.snippet,
    photoCount: doc.latest.photoCount,
    hasVideo: doc.latest.hasVideo,
    submittedAt: iso(doc.submittedAt),
    reviewedAt: iso(doc.reviewedAt),
    updatedAt: iso(doc.updatedAt) ?? '',
    lastReview: reviewView(doc.lastReview),
  }
}
