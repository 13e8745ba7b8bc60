import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import { STAGES, type Stage } from '../../_shared/domain'
import { parsePeriod, REPORT_LIMITS, type Period, type ReportCalendar, type ReportStatus } from '../../_shared/periods'
import { fileId, noParams, text } from '../../_shared/validate'

export { REPORT_LIMITS }

const period = z.string({ error: '请选择汇报周期' }).refine((id) => parsePeriod(id) !== null, '汇报周期不正确')

const reportId = z.string({ error: '缺少汇报编号' }).trim().min(1, '缺少汇报编号').max(128, '汇报编号不正确')
const memberId = z.string({ error: '缺少成员编号' }).trim().min(1, '缺少成员编号').max(64, '成员编号不正确')
const branchId = z.string({ error: '支部编号不正确' }).trim().min(1, '请选择支部').max(64, '支部编号不正确')

/** What a student writes: any of typed text, photos of handwritten pages in order, one video. */
const content = z.object({
  period,
  /** The revision this edit started from (0: a report not saved before); a stale one is refused. */
  revision: z.number({ error: '版本号不正确' }).int('版本号不正确').min(0, '版本号不正确').default(0),
  title: z
    .string({ error: '标题格式不正确' })
    .trim()
    .max(REPORT_LIMITS.titleMax, `标题不能超过 ${REPORT_LIMITS.titleMax} 个字`)
    .default(''),
  body: z
    .string({ error: '正文格式不正确' })
    .trim()
    .max(REPORT_LIMITS.bodyMax, `正文不能超过 ${REPORT_LIMITS.bodyMax} 个字`)
    .default(''),
  photos: z
    .array(fileId, { error: '照片格式不正确' })
    .max(REPORT_LIMITS.photosMax, `最多上传 ${REPORT_LIMITS.photosMax} 张照片`)
    .default([]),
  video: fileId.nullable().default(null),
})

const queueStatus = z.enum(['pending', 'returned', 'approved', 'all'], { error: '状态筛选不正确' })

export const reportSchemas = {
  saveDraft: content,
  submit: content,
  listMine: noParams,
  get: z.union(
    [
      z.object({ id: reportId }).strict(),
      z
        .object({
          period,
          /** Own uploads not saved on the server yet (a draft restored from this device) to show. */
          sign: z
            .array(fileId)
            .max(REPORT_LIMITS.photosMax + 1, '文件过多')
            .optional(),
        })
        .strict(),
    ],
    { error: '请指定要查看的汇报' },
  ),
  listForReview: z.object({
    status: queueStatus.default('pending'),
    stage: z.enum(STAGES, { error: '发展阶段筛选不正确' }).optional(),
    period: period.optional(),
    /** Committee only: one branch (a secretary always sees their own). */
    branchId: branchId.optional(),
    cursor: z.string({ error: '分页参数不正确' }).max(2000, '分页参数不正确').optional(),
    limit: z.number({ error: '分页参数不正确' }).int().min(1).max(50).default(20),
  }),
  review: z
    .object({
      id: reportId,
      /** The version the reviewer read; a newer one submitted meanwhile is not decided blind. */
      version: z.number({ error: '缺少版本号' }).int().min(1, '版本号不正确'),
      decision: z.enum(['approve', 'return'], { error: '请选择通过或退回' }),
      comment: z
        .string({ error: '批注格式不正确' })
        .trim()
        .max(REPORT_LIMITS.commentMax, `批注不能超过 ${REPORT_LIMITS.commentMax} 个字`)
        .default(''),
    })
    .refine((r) => r.decision === 'approve' || r.comment.length > 0, {
      message: '退回时请写明修改意见',
      path: ['comment'],
    }),
  schedule: z.object({ memberId: memberId.optional() }),
  overdue: z.object({ period: period.optional(), branchId: branchId.optional() }),
  /** Records one-time subscribe consents given after a submit (WeChat: requestSubscribeMessage accepted). */
  subscribe: z.object({
    reportId,
    kinds: z
      .array(z.enum(['result', 'reminder'], { error: '订阅类型不正确' }))
      .min(1, '请选择订阅内容')
      .max(2, '订阅类型不正确'),
  }),
  savePhrases: z.object({
    phrases: z
      .array(text('常用语', REPORT_LIMITS.phraseMax), { error: '常用语格式不正确' })
      .max(REPORT_LIMITS.phrasesMax, `常用语最多 ${REPORT_LIMITS.phrasesMax} 条`),
  }),
  /** A secretary reminds one member who has not submitted a period's report (overdue list): once a day per member. */
  nudge: z.object({ memberId, period }),
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const reportActionKinds = {
  saveDraft: 'write',
  submit: 'write',
  listMine: 'read',
  get: 'read',
  listForReview: 'read',
  review: 'write',
  schedule: 'read',
  overdue: 'read',
  subscribe: 'write',
  savePhrases: 'write',
  nudge: 'write',
} as const satisfies ActionKinds<typeof reportSchemas>

export type ReviewDecision = 'approve' | 'return'
export type QueueStatus = z.infer<typeof queueStatus>

/** An uploaded file and a temporary URL to show it ('' when the file is missing). */
export interface FileView {
  fileID: string
  url: string
}

export interface ContentView {
  title: string
  body: string
  photos: FileView[]
  video: FileView | null
}

/** The secretary's decision on one version, signed with their name and the time. */
export interface ReviewView {
  decision: ReviewDecision
  comment: string
  reviewerName: string
  at: string
}

export interface VersionView extends ContentView {
  no: number
  submittedAt: string
  review: ReviewView | null
}

export type TimelineKind = 'created' | 'submitted' | 'resubmitted' | 'approved' | 'returned'

export interface TimelineEvent {
  at: string
  kind: TimelineKind
  actorName: string
  /** A short line: which version, the comment. */
  note: string
}

export interface MemberBrief {
  id: string
  name: string
  className: string
  stage: Stage
  stageLabel: string
}

export interface ReportDetail {
  id: string
  period: Period
  status: ReportStatus
  statusLabel: string
  /** Optimistic-concurrency revision of the whole report: send it back with the next save or submit. */
  revision: number
  member: MemberBrief
  /** The working copy: only its author sees it. */
  draft: (ContentView & { updatedAt: string }) | null
  /** Oldest first. */
  versions: VersionView[]
  /** Oldest first. */
  timeline: TimelineEvent[]
  /** The author may edit (a draft or a returned report). */
  canEdit: boolean
  /** The caller may decide on the latest version now. */
  canReview: boolean
  /** Review-result messages the author has consented to and that are not used yet. */
  resultConsents: number
}

export interface SubscribeTemplates {
  result: string
  reminder: string
}

export interface GetResult {
  report: ReportDetail | null
  period: Period
  /** For a reviewer: their quick-comment phrases. */
  phrases: string[] | null
  /** URLs of the extra own files asked for with `sign`. */
  signed: FileView[]
  templates: SubscribeTemplates
}

/** One report in a list (no bodies: a title, a snippet and counts). */
export interface ReportSummary {
  id: string
  period: Period
  status: ReportStatus
  statusLabel: string
  version: number
  title: string
  snippet: string
  photoCount: number
  hasVideo: boolean
  submittedAt: string | null
  reviewedAt: string | null
  updatedAt: string
  lastReview: ReviewView | null
}

export interface QueueItem extends ReportSummary {
  member: MemberBrief
  branchName: string | null
}

export interface SaveResult {
  id: string
  revision: number
  status: ReportStatus
  savedAt: string
}

export interface SubmitResult extends SaveResult {
  version: number
  templates: SubscribeTemplates
}

export interface ListMineResult {
  calendar: ReportCalendar
  reports: ReportSummary[]
  templates: SubscribeTemplates
}

export interface QueueResult {
  items: QueueItem[]
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null
  /** Per status, with the stage/period/branch filters applied (drafts are never counted). */
  counts: Record<'pending' | 'returned' | 'approved' | 'all', number>
  /** Committee: the branches to filter by; null for a secretary. */
  branches: { id: string; name: string }[] | null
  /** The branch shown (a secretary's own), or null for the whole college. */
  branchId: string | null
}

export interface ReviewResult {
  id: string
  status: ReportStatus
  review: ReviewView
  /** Whether a subscribe message went to the student (they had consented). */
  notified: boolean
}

export interface ScheduleResult {
  member: MemberBrief
  calendar: ReportCalendar
}

export interface OverdueMember extends MemberBrief {
  /** Has a draft for the period that was never submitted. */
  hasDraft: boolean
}

export interface OverdueResult {
  period: Period
  /** The period has ended (its members are overdue) or is still running (not submitted yet). */
  ended: boolean
  branchId: string
  owing: number
  submitted: number
  members: OverdueMember[]
}

export interface SubscribeResult {
  resultConsents: number
  reminder: { period: Period; remindOn: string } | null
}

export interface NudgeResult {
  /** False when the member has no reminder subscription left: nothing could be sent (say it in person). */
  sent: boolean
  message: string
}

export interface RemindResult {
  sent: number
  skipped: number
}

export type ReportContract = Contract<
  typeof reportSchemas,
  {
    saveDraft: SaveResult
    submit: SubmitResult
    listMine: ListMineResult
    get: GetResult
    listForReview: QueueResult
    review: ReviewResult
    schedule: ScheduleResult
    overdue: OverdueResult
    subscribe: SubscribeResult
    savePhrases: { phrases: string[] }
    nudge: NudgeResult
  }
>
