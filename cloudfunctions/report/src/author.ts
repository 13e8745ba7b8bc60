import { requireCaller, requireCallerWith, type Caller } from '../../_shared/auth'
import { assertLongTextSafe } from '../../_shared/content'
import { command, getById, insert, isDuplicateKeyError, updateWhere } from '../../_shared/db'
import type { CollegeSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { RateLimitDoc } from '../../_shared/models'
import { addDays } from '../../_shared/time'
import {
  parsePeriod,
  periodOf,
  reportSubmitProblem,
  shiftPeriod,
  toDay,
  writablePeriods,
  type Period,
} from '../../_shared/periods'
import { seenLimiter, takeWriteAttempt } from '../../_shared/rate-limit'
import { readSettings } from '../../_shared/settings'
import { REPORT_LIMITS, type SaveResult, type SubmitResult, type SubscribeResult } from './contract'
import { assertFilesExist, assertReportFiles } from './media'
import {
  queueOrderFor,
  reportIdFor,
  summarize,
  type ReportDoc,
  type StoredContent,
  type StoredTimelineEntry,
  type StoredVersion,
} from './model'
import { subscribeTemplates } from './notify'
import { collegeSettings } from './settings'

interface ContentParams extends StoredContent {
  period: string
  revision: number
}

const EDITABLE: ReportDoc['status'][] = ['draft', 'returned']
const STALE = '这份汇报已在其他设备上修改过，请载入最新内容后再操作'
const RACED = '这份汇报刚刚已在其他设备上保存或提交，请刷新后再试'

function contentOf(params: ContentParams): StoredContent {
  return { title: params.title, body: params.body, photos: params.photos, video: params.video }
}

function isBlank(content: StoredContent): boolean {
  return content.title === '' && content.body === '' && content.photos.length === 0 && content.video === null
}

/** A period the caller may write for (owed, or the running one), else INVALID_ARGUMENT. */
function writablePeriod(caller: Caller, settings: CollegeSettings, periodId: string, now: Date): Period {
  const today = toDay(now)
  const period = parsePeriod(periodId)
  if (!period || period.kind !== settings.reportPeriod) throw new AppError('INVALID_ARGUMENT', '汇报周期不正确')
  if (period.start > today) throw new AppError('INVALID_ARGUMENT', `${period.label}还没有开始，不能提前提交`)
  if (!writablePeriods(caller.member, settings, today).some((p) => p.id === period.id)) {
    throw new AppError('INVALID_ARGUMENT', `你不需要提交${period.label}的思想汇报`)
  }
  return period
}

/** The stored report may still be changed by this edit: right status, and the revision it started from. */
function assertEditable(doc: ReportDoc | null, revision: number): void {
  if (!doc) return
  if (doc.status === 'pending') throw new AppError('FAILED_PRECONDITION', '汇报已提交，正在等待审阅，暂时不能修改')
  if (doc.status === 'approved') throw new AppError('FAILED_PRECONDITION', '汇报已通过审阅，不能再修改')
  if (doc.revision !== revision) throw new AppError('CONFLICT', STALE)
}

/** Inputs are checked (cheapest first) before the content check and before any write. */
interface Prepared {
  caller: Caller
  period: Period
  doc: ReportDoc | null
  content: StoredContent
  /** The caller's draft-save limiter, read along (saveDraft only). */
  saveLimiter: RateLimitDoc | null
}

/**
 * The caller with their college, the report of the period and (saving a draft) the save limiter, in one
 * request; then the checks of what is being written.
 */
async function prepare(params: ContentParams, ctx: CallContext, opts: { saving?: boolean } = {}): Promise<Prepared> {
  // `own` keys: the report `<memberId>:<period>`, the limiter `<memberId>:draftSave` (takeWriteAttempt's key).
  const caller = await requireCallerWith(ctx, {
    college: true,
    own: { reports: [params.period], ...(opts.saving ? { rateLimits: ['draftSave'] } : {}) },
  })
  const content = contentOf(params)
  if (isBlank(content)) throw new AppError('INVALID_ARGUMENT', '汇报还是空的，请先写点内容或上传照片')
  assertReportFiles(content, caller)
  const settings: CollegeSettings = readSettings(caller.college)
  const period = writablePeriod(caller, settings, params.period, ctx.now)
  const doc =
    ((caller.byId.reports ?? []) as ReportDoc[]).find((r) => r._id === reportIdFor(caller.memberId, params.period)) ??
    null
  const saveLimiter = seenLimiter(caller, 'draftSave')
  assertEditable(doc, params.revision)
  await assertLongTextSafe(`${content.title}\n${content.body}`, caller.openid)
  return { caller, period, doc, content, saveLimiter }
}

function newDoc(
  caller: Caller,
  period: Period,
  now: Date,
): Omit<
  ReportDoc,
  'status' | 'draft' | 'versions' | 'currentVersion' | 'timeline' | 'latest' | 'queueOrder' | 'submittedAt' | 'revision'
> {
  return {
    _id: reportIdFor(caller.memberId, period.id),
    memberId: caller.memberId,
    memberName: caller.member.name,
    className: caller.member.className,
    openid: caller.openid,
    branchId: caller.branchId,
    collegeId: caller.member.collegeId,
    period: period.id,
    stage: caller.member.stage,
    lastReview: null,
    reviewedAt: null,
    resultConsents: 0,
    reminderConsents: 0,
    remindPeriod: null,
    remindOn: null,
    createdAt: now,
    updatedAt: now,
  }
}

/** Creates the report; a second creator racing us hits the unique `_id` and gets CONFLICT. */
async function create(doc: ReportDoc): Promise<void> {
  try {
    await insert('reports', doc)
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', RACED)
    throw error
  }
}

/** Writes `data` only if the report is still editable at `revision`; otherwise nothing changes. */
async function updateIfUnchanged(id: string, revision: number, data: Record<string, unknown>): Promise<void> {
  const _ = command()
  const updated = await updateWhere('reports', { _id: id, revision, status: _.in(EDITABLE) }, data)
  if (updated === 0) throw new AppError('CONFLICT', RACED)
}

function entry(caller: Caller, kind: StoredTimelineEntry['kind'], note: string, at: Date): StoredTimelineEntry {
  return { at, kind, actorId: caller.memberId, actorName: caller.member.name, note }
}

export async function saveDraft(params: ContentParams, ctx: CallContext): Promise<SaveResult> {
  const { caller, period, doc, content, saveLimiter } = await prepare(params, ctx, { saving: true })
  await takeWriteAttempt('draftSave', caller.memberId, ctx.now, saveLimiter)
  const now = ctx.now
  const draft = { ...content, updatedAt: now }
  if (!doc) {
    await create({
      ...newDoc(caller, period, now),
      status: 'draft',
      revision: 1,
      draft,
      versions: [],
      currentVersion: 0,
      timeline: [entry(caller, 'created', '开始撰写', now)],
      latest: summarize(content),
      queueOrder: 0,
      submittedAt: null,
    })
    return { id: reportIdFor(caller.memberId, period.id), revision: 1, status: 'draft', savedAt: now.toISOString() }
  }
  const revision = doc.revision + 1
  const data: Record<string, unknown> = { draft, revision, updatedAt: now, stage: caller.member.stage }
  // A never-submitted report lists its draft; a returned one keeps showing the version that was returned.
  if (doc.status === 'draft') data.latest = summarize(content)
  await updateIfUnchanged(doc._id, doc.revision, data)
  return { id: doc._id, revision, status: doc.status, savedAt: now.toISOString() }
}

function assertSubmittable(content: StoredContent, doc: ReportDoc | null): void {
  const problem = reportSubmitProblem(content)
  if (problem) throw new AppError('INVALID_ARGUMENT', problem)
  if ((doc?.currentVersion ?? 0) >= REPORT_LIMITS.versionsMax) {
    throw new AppError('FAILED_PRECONDITION', '这份汇报修改次数过多，请联系支部书记')
  }
}

export async function submit(params: ContentParams, ctx: CallContext): Promise<SubmitResult> {
  const { caller, period, doc, content } = await prepare(params, ctx)
  assertSubmittable(content, doc)
  await assertFilesExist(content)
  const now = ctx.now
  const no = (doc?.currentVersion ?? 0) + 1
  const version: StoredVersion = {
    ...content,
    title: content.title || `${period.label}思想汇报`,
    no,
    submittedAt: now,
    review: null,
  }
  const submitted = entry(caller, no === 1 ? 'submitted' : 'resubmitted', `第 ${no} 版`, now)
  const common = {
    status: 'pending' as const,
    draft: null,
    currentVersion: no,
    latest: summarize(version),
    queueOrder: queueOrderFor('pending', now),
    submittedAt: now,
    updatedAt: now,
  }
  let revision: number
  if (!doc) {
    revision = 1
    await create({ ...newDoc(caller, period, now), ...common, revision, versions: [version], timeline: [submitted] })
  } else {
    revision = doc.revision + 1
    const _ = command()
    await updateIfUnchanged(doc._id, doc.revision, {
      ...common,
      revision,
      versions: _.push([version]),
      timeline: _.push([submitted]),
      // The author's details as they are now: the secretary reviews the current person.
      memberName: caller.member.name,
      className: caller.member.className,
      stage: caller.member.stage,
      branchId: caller.branchId,
      openid: caller.openid,
    })
  }
  return {
    id: reportIdFor(caller.memberId, period.id),
    revision,
    status: 'pending',
    savedAt: now.toISOString(),
    version: no,
    templates: subscribeTemplates(),
  }
}

/**
 * Records one-time subscribe consents the author just gave (WeChat: one message per consent):
 * `result` for this report's review, `reminder` for the next report due.
 */
export async function subscribe(
  params: { reportId: string; kinds: ('result' | 'reminder')[] },
  ctx: CallContext,
): Promise<SubscribeResult> {
  const caller = await requireCaller(ctx)
  const doc = await getById('reports', params.reportId)
  if (!doc || doc.memberId !== caller.memberId) throw new AppError('NOT_FOUND', '汇报不存在')
  const _ = command()
  const data: Record<string, unknown> = { openid: caller.openid }
  let resultConsents = doc.resultConsents
  // A decision already made will never be sent: that consent stays unused in WeChat, not here.
  if (params.kinds.includes('result') && doc.status === 'pending') {
    data.resultConsents = _.inc(1)
    resultConsents += 1
  }
  let reminder: SubscribeResult['reminder'] = null
  if (params.kinds.includes('reminder')) {
    const settings = await collegeSettings(caller.member.collegeId)
    const today = toDay(ctx.now)
    const current = periodOf(today, settings.reportPeriod)
    // Reminding about the period just written for is pointless: the next one is what is due next.
    const target = doc.period === current.id ? shiftPeriod(current, 1) : current
    const from = addDays(target.end, -settings.reportRemindDays)
    reminder = { period: target, remindOn: from > today ? from : today }
    Object.assign(data, { reminderConsents: _.inc(1), remindPeriod: target.id, remindOn: reminder.remindOn })
  }
  await updateWhere('reports', { _id: doc._id, memberId: caller.memberId }, data)
  return { resultConsents, reminder }
}
