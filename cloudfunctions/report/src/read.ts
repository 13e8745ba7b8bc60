import { canManageBranch, canReadMember, requireCaller, type Caller } from '../../_shared/auth'
import { findMany, getById } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { buildCalendar, parsePeriod, toDay } from '../../_shared/periods'
import type {
  ContentView,
  GetResult,
  ListMineResult,
  ReportDetail,
  ScheduleResult,
  TimelineEvent,
  VersionView,
} from './contract'
import { tempUrls } from '../../_shared/storage'
import { fileView } from './media'
import {
  memberBrief,
  periodOfDoc,
  reportHead,
  reportIdFor,
  reviewView,
  SUMMARY_FIELDS,
  toSummary,
  type ReportDoc,
  type StoredContent,
  type SummaryDoc,
} from './model'
import { subscribeTemplates } from './notify'
import { loadPhrases } from './phrases'
import { collegeSettings } from './settings'

const NOT_VISIBLE = '汇报不存在或你无权查看'

function filesOf(content: StoredContent): string[] {
  return content.video ? [...content.photos, content.video] : content.photos
}

function contentView(content: StoredContent, urls: Map<string, string>): ContentView {
  return {
    title: content.title,
    body: content.body,
    photos: content.photos.map((f) => fileView(f, urls)),
    video: content.video ? fileView(content.video, urls) : null,
  }
}

/** Who may see a report: its author, and whoever manages the author's branch once it was submitted. */
function viewerRole(caller: Caller, doc: ReportDoc): 'author' | 'reviewer' | null {
  if (doc.memberId === caller.memberId) return 'author'
  if (doc.status !== 'draft' && canManageBranch(caller, doc.branchId)) return 'reviewer'
  return null
}

function detailOf(doc: ReportDoc, role: 'author' | 'reviewer', urls: Map<string, string>): ReportDetail {
  const versions: VersionView[] = doc.versions.map((v) => ({
    ...contentView(v, urls),
    no: v.no,
    submittedAt: new Date(v.submittedAt).toISOString(),
    review: reviewView(v.review),
  }))
  const timeline: TimelineEvent[] = doc.timeline.map((t) => ({
    at: new Date(t.at).toISOString(),
    kind: t.kind,
    actorName: t.actorName,
    note: t.note,
  }))
  const draft =
    role === 'author' && doc.draft
      ? { ...contentView(doc.draft, urls), updatedAt: new Date(doc.draft.updatedAt).toISOString() }
      : null
  return {
    ...reportHead(doc),
    revision: doc.revision,
    member: memberBrief(doc),
    draft,
    versions,
    timeline,
    canEdit: role === 'author' && (doc.status === 'draft' || doc.status === 'returned'),
    canReview: role === 'reviewer' && doc.status === 'pending',
    resultConsents: role === 'author' ? doc.resultConsents : 0,
  }
}

/** A report by id (author or reviewer), or the caller's own report of a period (null if not started). */
export async function get(
  params: { id: string } | { period: string; sign?: string[] },
  ctx: CallContext,
): Promise<GetResult> {
  const caller = await requireCaller(ctx)
  const ownPeriod = 'period' in params ? params.period : null
  const sign = 'sign' in params && params.sign ? params.sign : []
  assertOwnFiles(sign, caller)
  const id = ownPeriod ? reportIdFor(caller.memberId, ownPeriod) : (params as { id: string }).id
  const doc = await getById('reports', id)
  const role = doc ? viewerRole(caller, doc) : null
  if (!ownPeriod && (!doc || !role)) throw new AppError('NOT_FOUND', NOT_VISIBLE)

  const files = [...sign]
  if (doc && role) {
    for (const v of doc.versions) files.push(...filesOf(v))
    if (role === 'author' && doc.draft) files.push(...filesOf(doc.draft))
  }
  const [urls, phrases] = await Promise.all([
    tempUrls(files),
    role === 'reviewer' ? loadPhrases(caller.memberId) : Promise.resolve(null),
  ])
  const period = doc ? periodOfDoc(doc) : parsePeriod(ownPeriod ?? '')
  if (!period) throw new AppError('INVALID_ARGUMENT', '汇报周期不正确')
  return {
    report: doc && role ? detailOf(doc, role, urls) : null,
    period,
    phrases,
    signed: sign.map((f) => fileView(f, urls)),
    templates: subscribeTemplates(),
  }
}

async function reportsOf(memberId: string): Promise<SummaryDoc[]> {
  return findMany<SummaryDoc>(
    'reports',
    { memberId },
    { orderBy: [['period', 'desc']], limit: 500, fields: SUMMARY_FIELDS },
  )
}

/** The student's 汇报 tab: their calendar and every report, in one call. */
export async function listMine(_params: Record<string, never>, ctx: CallContext): Promise<ListMineResult> {
  const caller = await requireCaller(ctx)
  const [settings, reports] = await Promise.all([collegeSettings(caller.member.collegeId), reportsOf(caller.memberId)])
  const calendar = buildCalendar(
    caller.member,
    settings,
    reports.map((r) => ({ id: r._id, period: r.period, status: r.status })),
    toDay(ctx.now),
  )
  return { calendar, reports: reports.map(toSummary), templates: subscribeTemplates() }
}

/** A member's report calendar: the caller's own, or a member of a branch the caller manages. */
export async function schedule(params: { memberId?: string }, ctx: CallContext): Promise<ScheduleResult> {
  const caller = await requireCaller(ctx)
  let member: MemberDoc = caller.member
  if (params.memberId && params.memberId !== caller.memberId) {
    const other = await getById('members', params.memberId)
    if (!other || !canReadMember(caller, other)) throw new AppError('NOT_FOUND', '成员不存在或你无权查看')
    member = other
  }
  const [settings, reports] = await Promise.all([collegeSettings(member.collegeId), reportsOf(member._id)])
  // A secretary sees what was submitted; a member's unsent drafts stay private.
  const visible = member._id === caller.memberId ? reports : reports.filter((r) => r.status !== 'draft')
  const calendar = buildCalendar(
    member,
    settings,
    visible.map((r) => ({ id: r._id, period: r.period, status: r.status })),
    toDay(ctx.now),
  )
  return {
    member: memberBrief({
      memberId: member._id,
      memberName: member.name,
      className: member.className,
      stage: member.stage,
    }),
    calendar,
  }
}
