import { z } from 'zod'
import type { AttendanceStatus } from '../../_shared/attendance'
import type { ActionKinds, Contract } from '../../_shared/contract'
import { BRANCH_POSTS, STAGES, type BranchPost, type Role, type Stage, type StageDates } from '../../_shared/domain'
import { BAD_CURSOR } from '../../_shared/cursor'
import { calendarDay, cursor, fileId, id, noParams, studentNo, text } from '../../_shared/validate'

/**
 * The branch workspace: roster, development stages, reminders, dashboard, exports, archive and audit.
 * One zod schema per action; the app imports the types below with `import type`.
 */

/** The five stages a step of the development file starts (everyone starts as 群众). */
export const STEP_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const
export type StepStage = (typeof STEP_STAGES)[number]

/** A calendar day 'YYYY-MM-DD'. */
export const day = calendarDay

export const EXPORT_KINDS = ['members', 'reports', 'attendance'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

export const branchSchemas = {
  /** Branches with their member counts and secretaries (committee: all; secretary: their own). */
  branches: noParams,
  /** Committee: creates or renames a branch and appoints its secretaries (by student number). */
  saveBranch: z.object({
    branchId: id('支部').optional(),
    name: text('支部名称', 30, 4),
    order: z
      .number({ error: '排序应为数字' })
      .int('排序应为整数')
      .min(0, '排序不能为负数')
      .max(999, '排序不能超过 999')
      .optional(),
    secretaryNos: z.array(studentNo, { error: '支部书记格式不正确' }).max(3, '每个支部最多设 3 名书记').default([]),
  }),
  /** Committee: roster import from .xlsx/.csv — a template, a preview with per-row errors, a commit. */
  importRoster: z.discriminatedUnion(
    'step',
    [
      z.object({ step: z.literal('template') }),
      z.object({ step: z.literal('preview'), fileID: fileId, fileName: text('文件名', 100).optional() }),
      z.object({ step: z.literal('commit'), fileID: fileId, fileName: text('文件名', 100).optional() }),
    ],
    { error: '请选择导入步骤' },
  ),
  /** The roster page: members of a branch (committee: any branch or all), by stage and search, by cursor. */
  members: z.object({
    branchId: id('支部').optional(),
    stage: z.enum(STAGES, { error: '阶段筛选不正确' }).optional(),
    q: z.string({ error: '搜索内容格式不正确' }).trim().max(20, '搜索内容不能超过 20 个字').optional(),
    cursor,
  }),
  /** One member: profile, stage timeline, reports, attendance, points. */
  member: z.object({ memberId: id('成员') }),
  /** The student's own self-check: where they are, what comes next and when, which reports they owe. */
  selfCheck: noParams,
  /** The secretary's (committee's) development reminders. */
  reminders: noParams,
  /** Numbers of a branch, or every branch side by side (committee). */
  /** `fresh`: the committee's 刷新 — compute the college view now instead of serving its snapshot. */
  dashboard: z.object({ branchId: id('支部').optional(), fresh: z.boolean({ error: '刷新参数不正确' }).optional() }),
  /** Committee: the next branches of the college view, from the snapshot its first screen came from. */
  dashboardBranches: z.object({
    cursor: z.string({ error: BAD_CURSOR }).trim().min(1, BAD_CURSOR).max(40, BAD_CURSOR),
  }),
  /** A real .xlsx in storage, answered as a temporary download link. */
  export: z.object({ kind: z.enum(EXPORT_KINDS, { error: '请选择导出内容' }), branchId: id('支部').optional() }),
  /** A member's approved thought reports for the paper file: data for the print page, or a print-ready HTML file. */
  archive: z.object({
    memberId: id('成员').optional(),
    format: z.enum(['view', 'file'], { error: '存档格式不正确' }).default('view'),
  }),
  /** Issues (or reissues) a member's one-time binding code; the old one stops working. */
  issueBindCode: z.object({ memberId: id('成员') }),
  /** A printable sheet: new binding codes for every unbound member of a branch (committee: the branch chosen). */
  bindCodeSheet: z.object({ branchId: id('支部').optional() }),
  /** Clears a member's WeChat binding (the real owner recovers) and issues a new binding code. */
  unbind: z.object({ memberId: id('成员'), reason: text('解除原因', 100, 2) }),
  /** Designates a branch committee member's post (支委: 组织委员 …), or takes it away (null). */
  setPost: z.object({
    memberId: id('成员'),
    post: z.enum(BRANCH_POSTS, { error: '请选择支委职务' }).nullable(),
  }),
  /** Committee: the audit log, searchable by actor, action, target and date range, by cursor. */
  auditLog: z.object({
    actor: z.string({ error: '操作人格式不正确' }).trim().max(20, '操作人不能超过 20 个字').optional(),
    target: z.string({ error: '操作对象格式不正确' }).trim().max(20, '操作对象不能超过 20 个字').optional(),
    /** One action (`branch.moveStage`) or every action of a feature (`report.`). */
    operation: z
      .string({ error: '操作类型格式不正确' })
      .trim()
      .regex(/^[A-Za-z.]{1,60}$/, '操作类型不正确')
      .optional(),
    from: day('开始日期').optional(),
    to: day('结束日期').optional(),
    cursor,
  }),
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const branchActionKinds = {
  branches: 'read',
  saveBranch: 'write',
  importRoster: 'write',
  members: 'read',
  member: 'read',
  selfCheck: 'read',
  reminders: 'read',
  dashboard: 'read',
  dashboardBranches: 'read',
  export: 'audited-read',
  archive: 'audited-read',
  auditLog: 'read',
  issueBindCode: 'write',
  bindCodeSheet: 'write',
  unbind: 'write',
  setPost: 'write',
} as const satisfies ActionKinds<typeof branchSchemas>

// ------------------------------------------------------------------------------------------------
// Responses

export interface BranchRef {
  id: string
  name: string
}

export interface BranchInfo extends BranchRef {
  order: number
  memberCount: number
  byStage: Partial<Record<Stage, number>>
  secretaries: { memberId: string; name: string; studentNo: string }[]
}

export interface BranchesResult {
  branches: BranchInfo[]
  canManage: boolean
}

export interface MemberRow {
  id: string
  studentNo: string
  name: string
  className: string
  gender: 'male' | 'female'
  branchId: string | null
  branchName: string
  stage: Stage
  stageLabel: string
  /** The date of the current stage, if recorded. */
  stageDate: string | null
  bound: boolean
  roles: Role[]
  /** A short note for the secretary, e.g. 已满一年，可列为发展对象. */
  hint: string | null
}

export interface MembersResult {
  members: MemberRow[]
  nextCursor: string | null
  /** On the first page only: members per stage in the same scope (for the filter chips). */
  counts: Partial<Record<Stage, number>> | null
  total: number | null
  branches: BranchRef[]
  scopeBranchId: string | null
}

export type EventKind = 'advance' | 'record' | 'assess' | 'extend' | 'revoke'

/** One development record, as stored (`stageEvents`, model.ts) and as the timeline shows it. */
export interface StageEventFields {
  kind: EventKind
  /** The stage whose date this record sets (advance, record) or removes (revoke of a step). */
  step: StepStage | null
  /** The member's stage before and after. */
  from: Stage
  to: Stage
  /** When it happened: the stage date, the assessment day, the decision day; a revocation: the day it was revoked. */
  date: string
  /** A correction of a date: the date before. */
  previousDate: string | null
  /** Probation extension in months. */
  months: number | null
  /** The meeting or decision it rests on. */
  basis: string
  /** Rules this move broke and why it went ahead anyway. */
  override: { reason: string; rules: string[] } | null
  /** Why a correction was made. */
  reason: string | null
  corrects: string | null
  correctedBy: string | null
  active: boolean
  actorName: string
}

export interface TimelineEvent extends StageEventFields {
  id: string
  /** In the user's words: 列为发展对象, 考察, 延长预备期 6 个月, 更正日期, 撤销… */
  title: string
  at: string
}

export interface TimelineStep {
  stage: StepStage
  stageLabel: string
  /** What happened at this step: 递交入党申请书, 确定为入党积极分子… */
  label: string
  date: string | null
  state: 'done' | 'current' | 'upcoming'
  basis: string | null
  /** The active record this step's date comes from (null for dates from the roster). */
  eventId: string | null
  overridden: boolean
}

/** What may come next for a member, and whether the rules allow it today. */
export interface NextMove {
  to: StepStage
  toLabel: string
  /** The first day the time rules allow it (null when no time rule applies or a date is missing). */
  eligibleOn: string | null
  /** Rules a move today would break (each a Chinese sentence). */
  blockers: string[]
}

export interface MemberBrief {
  id: string
  name: string
  studentNo: string
  className: string
  branchId: string | null
  branchName: string
  stage: Stage
  stageLabel: string
  stageDates: StageDates
}

export interface DevelopmentFacts {
  /** Activists: the last assessment (or the activist date) and when the next falls due. */
  assessment: { count: number; last: string | null; nextDue: string | null; overdue: boolean } | null
  /** Probationary members: when the probation ends and the 转正申请 is due. */
  probation: {
    start: string | null
    extendedMonths: number
    extensions: number
    ends: string | null
    applicationDue: string | null
  } | null
  approvedReports: number
}

export interface TimelineResult {
  member: MemberBrief
  steps: TimelineStep[]
  /** Newest first, superseded records included. */
  events: TimelineEvent[]
  next: NextMove | null
  facts: DevelopmentFacts
  /** Recent meetings of the branch that a move may rest on (for quick filling of the basis). */
  basisSuggestions: string[]
  canManage: boolean
  rules: {
    activistMonths: number
    probationMonths: number
    extensionMinMonths: number
    extensionMaxMonths: number
    reportsBeforeAdmission: number
  }
}

export interface ReportLine {
  id: string
  period: string
  periodLabel: string
  status: 'draft' | 'pending' | 'approved' | 'returned'
  statusLabel: string
  title: string
  submittedAt: string | null
}

export interface AttendanceLine {
  meetingId: string
  title: string
  typeLabel: string
  startAt: string
  status: AttendanceStatus
  statusLabel: string
}

/** A member's WeChat binding as the secretary sees it (never the code: it is shown once, when issued). */
export interface BindingState {
  bound: boolean
  boundAt: string | null
  /** The current binding code's expiry, if one was issued and not used. */
  codeExpiresAt: string | null
  codeExpired: boolean
  /** The caller may not unbind their own record. */
  canUnbind: boolean
}

export interface MemberDetail extends TimelineResult {
  gender: 'male' | 'female'
  bound: boolean
  binding: BindingState
  roles: Role[]
  branchPost: string | null
  reports: ReportLine[]
  /** Report periods owed and ended with nothing submitted. */
  overdueReports: string[]
  attendance: { lines: AttendanceLine[]; present: number; leave: number; absent: number; rate: number | null }
  points: { total: number; monthTotal: number }
}

export interface SelfCheckResult {
  member: MemberBrief
  steps: TimelineStep[]
  events: TimelineEvent[]
  next: NextMove | null
  facts: DevelopmentFacts
  /** A few plain sentences: where you are, what comes next and when. */
  advice: string[]
  reports: {
    owedNow: boolean
    overdue: { id: string; label: string }[]
    /** The running period, when owed: 待提交, 待审阅, 已完成… */
    current: { label: string; stateLabel: string } | null
    due: { id: string; label: string; day: string; daysLeft: number } | null
    approved: number
    required: number | null
  }
}

export type ReminderKind = 'assessment' | 'conversion'

export interface Reminder {
  kind: ReminderKind
  memberId: string
  name: string
  className: string
  branchName: string
  stageLabel: string
  /** The day it falls due. */
  due: string
  daysLeft: number
  overdue: boolean
  /** 已逾期 / 今天 / 3 天内 / 20 天后: the badge beside it, one rule for every kind. */
  badge: string
  text: string
}

export interface RemindersResult {
  today: string
  reminders: Reminder[]
  windowDays: number
  counts: { assessment: number; conversion: number; overdue: number }
  scopeLabel: string
  canImport: boolean
}

export interface StageCount {
  stage: Stage
  label: string
  count: number
}

export interface BranchStats {
  branchId: string
  branchName: string
  memberCount: number
  byStage: StageCount[]
  reports: {
    owing: number
    submitted: number
    approved: number
    rate: number | null
    previous: { owing: number; submitted: number; rate: number | null }
    overdueCount: number
    /** Members who owed the last ended period and submitted nothing (single-branch view only). */
    overdue: { memberId: string; name: string; className: string; stageLabel: string }[]
  }
  attendance: {
    meetings: number
    expected: number
    present: number
    leave: number
    absent: number
    rate: number | null
  }
  compliance: {
    rows: {
      typeLabel: string
      rule: string
      held: number
      required: number
      state: 'met' | 'due' | 'overdue'
      missed: number
    }[]
    missed: number
  }
  points: { total: number; average: number; monthTotal: number; monthAverage: number }
  quiz: { participants: number; members: number; rate: number | null }
  /** Over months: attendance rate per month (last six), reports on time per ended period (last four), oldest first. */
  trend: { attendance: TrendPoint[]; reports: TrendPoint[] }
}

/** One point of a trend: `part` of `whole` (present of expected, on time of owed). */
export interface TrendPoint {
  /** '2026-11' or a period id. */
  key: string
  label: string
  /** Meetings counted (attendance points); 0 for report points. */
  meetings: number
  part: number
  whole: number
  rate: number | null
}

/** What both views of the dashboard are about: when, and which report period, semester and month. */
export interface DashboardHead {
  generatedAt: string
  period: { id: string; label: string; end: string }
  previousPeriod: { id: string; label: string }
  attendanceWindow: string
  month: string
}

/** One branch in detail (a secretary's view, or the committee's drill-down). */
export interface BranchDashboard extends DashboardHead {
  scope: 'branch'
  branches: BranchStats[]
  total: null
}

/**
 * A branch as the committee's college view compares it: its figures without the trend and the rule rows,
 * which its own dashboard shows.
 */
export type CollegeBranchRow = Omit<BranchStats, 'trend' | 'compliance'> & { compliance: { missed: number } }

/**
 * The committee's college view: the college as one, and the first page of its branches, those needing
 * attention first (rule breaches of 组织生活, then overdue reports, then the branches' own order); the
 * rest by `dashboardBranches` with `nextCursor`. Its size does not grow with the number of branches.
 */
export interface CollegeDashboard extends DashboardHead {
  scope: 'college'
  /** The whole college (its trend included). */
  total: BranchStats
  branchCount: number
  branches: CollegeBranchRow[]
  nextCursor: string | null
}

export type DashboardResult = BranchDashboard | CollegeDashboard

export interface DashboardBranchesResult {
  items: CollegeBranchRow[]
  nextCursor: string | null
}

export interface ExportResult {
  fileID: string
  url: string
  fileName: string
  rows: number
}

export interface ImportRowError {
  row: number
  message: string
}

export interface ImportPreviewRow {
  row: number
  studentNo: string
  name: string
  branchName: string
  stageLabel: string
  action: 'create' | 'update' | 'unchanged'
  changes: string[]
}

export type ImportResult =
  | { step: 'template'; url: string; fileName: string }
  | {
      step: 'preview'
      total: number
      valid: number
      errors: ImportRowError[]
      rows: ImportPreviewRow[]
      counts: { create: number; update: number; unchanged: number }
    }
  | { step: 'commit'; total: number; created: number; updated: number; unchanged: number; stageChanges: number }

export interface ArchiveReport {
  id: string
  period: string
  periodLabel: string
  title: string
  body: string
  photos: string[]
  submittedAt: string | null
  review: { comment: string; reviewerName: string; at: string } | null
}

export interface ArchiveResult {
  member: MemberBrief
  collegeName: string
  generatedAt: string
  reports: ArchiveReport[]
  /** format 'file': a print-ready HTML file in storage. */
  file: { fileID: string; url: string; fileName: string } | null
}

export interface AuditEntry {
  id: string
  at: string
  actorName: string
  action: string
  actionLabel: string
  targetId: string | null
  targetName: string | null
  summary: string
}

export interface AuditLogResult {
  entries: AuditEntry[]
  nextCursor: string | null
  actions: { action: string; label: string }[]
  /** When a name or student number matched nobody. */
  notice: string | null
}

/** A binding code as handed out: shown once, to the issuer. */
export interface BindCodeLine {
  memberId: string
  name: string
  studentNo: string
  className: string
  /** ABCD-EFGH */
  code: string
  expiresAt: string
}

export interface BindCodeSheet {
  branchName: string
  collegeName: string
  generatedAt: string
  days: number
  lines: BindCodeLine[]
}

/** A member's branch committee post after `setPost` (null: none). */
export interface BranchPostResult {
  memberId: string
  post: BranchPost | null
}

export type BranchContract = Contract<
  typeof branchSchemas,
  {
    branches: BranchesResult
    saveBranch: BranchInfo
    importRoster: ImportResult
    members: MembersResult
    member: MemberDetail
    selfCheck: SelfCheckResult
    reminders: RemindersResult
    dashboard: DashboardResult
    dashboardBranches: DashboardBranchesResult
    export: ExportResult
    archive: ArchiveResult
    auditLog: AuditLogResult
    issueBindCode: BindCodeLine
    bindCodeSheet: BindCodeSheet
    unbind: BindCodeLine
    setPost: BranchPostResult
  }
>
