import { audit } from '../../_shared/audit'
import {
  canAssistBranch,
  canManageBranch,
  refuseOwnRecord,
  requireBranchManager,
  requireCallerWith,
  type Caller,
  type CallerWith,
} from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, getDb, readInTx, transaction, updateWhere } from '../../_shared/db'
import { STAGE_LABELS, type AppraisalSettings } from '../../_shared/domain'
import { readSettings } from '../../_shared/settings'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { chinaDay, DAY_MS } from '../../_shared/time'
import { castBallot, countOf, emptyTally, loadBox, writeNewBox, type LoadedBox, type TallyDoc } from './ballot-box'
import {
  APPRAISAL_STATUS_LABELS,
  GRADES,
  type AppraisalCard,
  type AppraisalView,
  type FollowUp,
  type Grade,
  type GradeCounts,
  type TallyRow,
  type VoicesParams,
} from './contract'
import { appraisalIdOf, type AppraisalDoc, type Decision, type SelfAppraisalDoc } from './model'

/** Who takes part: Party members (预备党员 too: they are appraised and appraise like full members). */
const PARTY_STAGES = ['probationary', 'full'] as const

export function appraisalSettingsOf(caller: CallerWith): AppraisalSettings {
  return readSettings(caller.college).appraisal
}

/** 优秀 at most `share` of the members: the largest whole number within it. */
export function excellentMaxOf(memberCount: number, share: { num: number; den: number }): number {
  return Math.floor((memberCount * share.num) / share.den)
}

function shareText(share: { num: number; den: number }): string {
  const words: Record<string, string> = { '1/3': '三分之一', '1/4': '四分之一', '1/5': '五分之一', '1/2': '二分之一' }
  return words[`${share.num}/${share.den}`] ?? `${share.num}/${share.den}`
}

export function appraisalCard(doc: AppraisalDoc, tally: TallyDoc | null): AppraisalCard {
  return {
    id: doc._id,
    branchId: doc.branchId,
    branchName: doc.branchName,
    year: doc.year,
    title: doc.title,
    status: doc.status,
    statusLabel: APPRAISAL_STATUS_LABELS[doc.status],
    closesAt: doc.closesAt.toISOString(),
    memberCount: doc.members.length,
    appraised: tally ? tally.ballots : null,
  }
}

function gradeCounts(tally: TallyDoc | null, memberId: string): GradeCounts {
  return Object.fromEntries(GRADES.map((g) => [g, countOf(tally, memberId, g)])) as GradeCounts
}

type Loaded = LoadedBox<AppraisalDoc> & { doc: AppraisalDoc }

/** The caller with the appraisal, its tally and the caller's own marker: one request. */
async function load(ctx: CallContext, appraisalId: string): Promise<Loaded> {
  const { doc, ...loaded } = await loadBox<AppraisalDoc>(ctx, 'appraisals', appraisalId, true)
  const isMember = doc?.members.some((m) => m.memberId === loaded.caller.memberId) ?? false
  if (!doc || (!isMember && !canAssistBranch(loaded.caller, doc.branchId)))
    throw new AppError('NOT_FOUND', '没有找到这次民主评议')
  return { ...loaded, doc }
}

async function view(
  loaded: Loaded,
  override: Partial<Pick<Loaded, 'doc' | 'voted'>> = {},
  tally = loaded.tally,
): Promise<AppraisalView> {
  const { caller } = loaded
  const doc = override.doc ?? loaded.doc
  const voted = override.voted ?? loaded.voted
  const selfs = await findMany<SelfAppraisalDoc>('selfAppraisals', { appraisalId: doc._id }, { limit: 1000 })
  const selfBy = new Map(selfs.map((s) => [s.memberId, s.text]))
  const canManage = canManageBranch(caller, doc.branchId)
  const canDecide = canAssistBranch(caller, doc.branchId)
  const excellentMax = excellentMaxOf(doc.members.length, doc.excellentMaxShare)
  const decisions = doc.decisions ?? {}
  const isMember = doc.members.some((m) => m.memberId === caller.memberId)
  const mine: Decision | null = doc.status === 'published' ? (decisions[caller.memberId] ?? null) : null
  // Tallies show only once the peer appraisal has closed: a tally watched while ballots arrive would tell who chose what.
  const tallies: TallyRow[] | null =
    canDecide && doc.status !== 'appraising'
      ? doc.members.map((m) => ({
          memberId: m.memberId,
          name: m.name,
          className: m.className,
          counts: gradeCounts(tally, m.memberId),
          comments: tally?.notes?.[m.memberId] ?? [],
          grade: decisions[m.memberId]?.grade ?? null,
          reason: decisions[m.memberId]?.reason ?? '',
          followUp: decisions[m.memberId]?.followUp ?? null,
        }))
      : null
  return {
    ...appraisalCard(doc, tally),
    canManage,
    canDecide,
    excellentMax,
    excellentCount: Object.values(decisions).filter((d) => d.grade === 'excellent').length,
    shareText: shareText(doc.excellentMaxShare),
    meetingTitle: doc.meetingTitle,
    meetingId: doc.meetingId,
    members: doc.members.map((m) => ({
      memberId: m.memberId,
      name: m.name,
      className: m.className,
      stageLabel: STAGE_LABELS[m.stage],
      selfText: selfBy.get(m.memberId) ?? null,
      isMe: m.memberId === caller.memberId,
    })),
    me: isMember
      ? {
          selfText: selfBy.get(caller.memberId) ?? null,
          hasAppraised: voted,
          grade: mine?.grade ?? null,
          reason: mine?.reason ?? '',
          followUp: mine?.followUp ?? null,
          counts: mine ? gradeCounts(tally, caller.memberId) : null,
        }
      : null,
    tallies,
  }
}

export async function getAppraisal(params: VoicesParams<'appraisal'>, ctx: CallContext): Promise<AppraisalView> {
  return view(await load(ctx, params.appraisalId))
}

/** The branch a manager acts on: a secretary's own, or the one the committee names. */
export function managedBranchId(caller: Caller, branchId: string | undefined): string {
  const target = branchId ?? caller.branchId
  if (!target) throw new AppError('INVALID_ARGUMENT', '请选择支部')
  requireBranchManager(caller, target)
  return target
}

export async function startAppraisal(params: VoicesParams<'startAppraisal'>, ctx: CallContext): Promise<AppraisalView> {
  const caller = await requireCallerWith(ctx, {
    college: true,
    branch: !params.branchId,
    byId: {
      ...(params.branchId ? { branches: [params.branchId] } : {}),
      ...(params.meetingId ? { meetings: [params.meetingId] } : {}),
    },
  })
  const branchId = managedBranchId(caller, params.branchId)
  const year = params.year ?? Number(chinaDay(ctx.now).slice(0, 4))
  const appraisalId = appraisalIdOf(year, branchId)
  const branch = params.branchId ? ((caller.byId.branches?.[0] as BranchDoc | undefined) ?? null) : caller.branch
  if (!branch || branch.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '没有找到这个支部')
  const meeting = params.meetingId ? lifeMeetingOf(caller, params.meetingId, branchId, year) : null
  const settings = appraisalSettingsOf(caller)
  const closesAt = params.closesAt ?? new Date(ctx.now.getTime() + settings.defaultDays * DAY_MS)
  if (closesAt.getTime() <= ctx.now.getTime()) throw new AppError('INVALID_ARGUMENT', '互评截止时间应晚于现在')

  const _ = command()
  const members = await findMany<MemberDoc>(
    'members',
    { branchId, stage: _.in([...PARTY_STAGES]) },
    { limit: 1000, orderBy: [['studentNo', 'asc']] },
  )
  if (members.length < 2) throw new AppError('FAILED_PRECONDITION', '支部党员不足 2 人，无法开展互评')
  const doc: AppraisalDoc = {
    _id: appraisalId,
    collegeId: caller.member.collegeId,
    branchId,
    branchName: branch.name,
    year,
    title: `${year}年度民主评议党员`,
    status: 'appraising',
    members: members.map((m) => ({ memberId: m._id, name: m.name, className: m.className, stage: m.stage })),
    closesAt,
    meetingId: meeting?._id ?? null,
    meetingTitle: meeting?.title ?? null,
    excellentMaxShare: settings.excellentMaxShare,
    decisions: {},
    startedBy: caller.memberId,
    startedAt: ctx.now,
    closedAt: null,
    publishedAt: null,
  }
  await transaction(async (tx) => {
    if (await readInTx(tx.collection('appraisals').doc(appraisalId)))
      throw new AppError('CONFLICT', `${branch.name}${year}年度的民主评议已经开展`)
    await writeNewBox(tx, 'appraisals', doc)
    // The meeting shows the link without a read of its own (meeting detail's request budget).
    if (meeting)
      await tx
        .collection('meetings')
        .doc(meeting._id)
        .update({ data: { appraisal: { id: appraisalId, title: doc.title } } })
  })
  await audit(
    caller,
    'voices.startAppraisal',
    appraisalId,
    { before: null, after: { branchId, year, members: doc.members.length, closesAt, meetingId: doc.meetingId } },
    ctx.now,
  )
  return view({ caller, doc, tally: emptyTally(appraisalId), voted: false })
}

type LinkedMeeting = { _id: string; branchId: string; title: string; type: string; status: string; startAt: Date }

/**
 * The 组织生活会 the appraisal is held with, read with the caller: a meeting of the branch (another
 * branch's is not found), of the 组织生活会 type, not cancelled, and in the appraisal's year.
 */
function lifeMeetingOf(caller: CallerWith, meetingId: string, branchId: string, year: number): LinkedMeeting {
  const meeting = (caller.byId.meetings?.[0] as LinkedMeeting | undefined) ?? null
  if (!meeting || meeting._id !== meetingId || meeting.branchId !== branchId)
    throw new AppError('NOT_FOUND', '没有找到本支部的这次会议')
  if (meeting.type !== 'lifeMeeting')
    throw new AppError('INVALID_ARGUMENT', '民主评议应结合组织生活会开展，请选择组织生活会')
  if (meeting.status === 'cancelled') throw new AppError('FAILED_PRECONDITION', '这次组织生活会已取消，请另选')
  if (Number(chinaDay(new Date(meeting.startAt)).slice(0, 4)) !== year)
    throw new AppError('INVALID_ARGUMENT', `请选择${year}年度的组织生活会`)
  return meeting
}

function requireMember(loaded: Loaded): void {
  if (!loaded.doc.members.some((m) => m.memberId === loaded.caller.memberId)) {
    throw new AppError('FORBIDDEN', '你不在这次民主评议的党员名单中')
  }
}

function requireAppraising(doc: AppraisalDoc, now: Date): void {
  if (doc.status !== 'appraising' || now.getTime() >= doc.closesAt.getTime()) {
    throw new AppError('FAILED_PRECONDITION', '自评和互评已经结束')
  }
}

export async function saveSelf(params: VoicesParams<'saveSelf'>, ctx: CallContext): Promise<AppraisalView> {
  const loaded = await load(ctx, params.appraisalId)
  requireMember(loaded)
  requireAppraising(loaded.doc, ctx.now)
  await assertTextSafe(params.text, loaded.caller.openid)
  const doc: Omit<SelfAppraisalDoc, '_id'> = {
    appraisalId: loaded.doc._id,
    memberId: loaded.caller.memberId,
    text: params.text,
    at: ctx.now,
  }
  await getDb().collection('selfAppraisals').doc(`${loaded.caller.memberId}:${loaded.doc._id}`).set({ data: doc })
  return view(loaded)
}

/** A peer appraisal sheet: a grade for every other member, counted anonymously (ballot-box.ts). */
export async function appraise(params: VoicesParams<'appraise'>, ctx: CallContext): Promise<AppraisalView> {
  const loaded = await load(ctx, params.appraisalId)
  const { caller, doc } = loaded
  requireMember(loaded)
  requireAppraising(doc, ctx.now)
  if (loaded.voted) throw new AppError('CONFLICT', '你已经提交过互评，不能重复提交')
  const others = doc.members.filter((m) => m.memberId !== caller.memberId).map((m) => m.memberId)
  const given = params.grades.map((g) => g.memberId)
  if (given.includes(caller.memberId)) throw new AppError('INVALID_ARGUMENT', '互评不包括自己，请在自我评价中评价自己')
  if (
    new Set(given).size !== given.length ||
    given.length !== others.length ||
    !others.every((o) => given.includes(o))
  ) {
    throw new AppError('INVALID_ARGUMENT', '请为每位党员选择评议等次')
  }
  const comments = params.grades.map((g) => g.comment).filter((c) => c.length > 0)
  if (comments.length > 0) await assertTextSafe(comments.join('\n'), caller.openid)
  await castBallot({
    boxId: doc._id,
    memberId: caller.memberId,
    marks: params.grades.map((g) => ({ key: g.memberId, choice: g.grade })),
    notes: params.grades.map((g) => ({ key: g.memberId, text: g.comment })),
    named: null,
    already: '你已经提交过互评，不能重复提交',
  })
  const counted = loaded.tally ? { ...loaded.tally, ballots: loaded.tally.ballots + 1 } : null
  return view(loaded, { voted: true }, counted)
}

function requireManager(loaded: Loaded): void {
  if (!canManageBranch(loaded.caller, loaded.doc.branchId))
    throw new AppError('FORBIDDEN', '只有本支部书记或院党委可以操作')
}

export async function closeAppraisal(params: VoicesParams<'closeAppraisal'>, ctx: CallContext): Promise<AppraisalView> {
  const loaded = await load(ctx, params.appraisalId)
  requireManager(loaded)
  if (loaded.doc.status !== 'appraising') throw new AppError('FAILED_PRECONDITION', '互评已经结束')
  const changed = await updateWhere(
    'appraisals',
    { _id: loaded.doc._id, status: 'appraising' },
    { status: 'deciding', closedAt: ctx.now },
  )
  if (changed !== 1) throw new AppError('CONFLICT', '互评状态已变化，请刷新后重试')
  await audit(
    loaded.caller,
    'voices.closeAppraisal',
    loaded.doc._id,
    { before: { status: 'appraising' }, after: { status: 'deciding', sheets: loaded.tally?.ballots ?? 0 } },
    ctx.now,
  )
  return view(loaded, { doc: { ...loaded.doc, status: 'deciding', closedAt: ctx.now } })
}

/**
 * The branch (its secretary, a 支委 or the committee) decides one member's grade. 优秀 stays within the quota, checked in the same transaction
 * that writes the decision, so two managers deciding at once cannot pass it. The grade is the
 * branch's judgement of the tallies and the self-appraisal, never a figure from points or reading.
 */
export async function decideGrade(params: VoicesParams<'decideGrade'>, ctx: CallContext): Promise<AppraisalView> {
  const loaded = await load(ctx, params.appraisalId)
  const { caller } = loaded
  if (!canAssistBranch(caller, loaded.doc.branchId))
    throw new AppError('FORBIDDEN', '只有本支部书记、支委或院党委可以评定等次')
  refuseOwnRecord(caller, params.memberId, '不能评定自己的等次，请由其他支委或院党委评定')
  if (!loaded.doc.members.some((m) => m.memberId === params.memberId))
    throw new AppError('NOT_FOUND', '这名成员不在本次民主评议的名单中')
  const unqualified = params.grade === 'unqualified'
  if (unqualified && params.reason.length < 5)
    throw new AppError('INVALID_ARGUMENT', '评为不合格须写明理由（至少 5 个字）')
  if (unqualified && !params.followUp) throw new AppError('INVALID_ARGUMENT', '评为不合格须选择组织处理方式')
  if (params.reason) await assertTextSafe(params.reason, caller.openid)
  const followUp: FollowUp | null = unqualified ? (params.followUp ?? null) : null
  const decision: Decision = {
    grade: params.grade,
    reason: params.reason,
    followUp,
    at: ctx.now,
    byId: caller.memberId,
    byName: caller.member.name,
  }

  const before = await transaction(async (tx) => {
    const ref = tx.collection('appraisals').doc(loaded.doc._id)
    const doc = await readInTx<AppraisalDoc>(ref)
    if (!doc) throw new AppError('NOT_FOUND', '没有找到这次民主评议')
    if (doc.status !== 'deciding') {
      throw new AppError(
        'FAILED_PRECONDITION',
        doc.status === 'appraising' ? '请先结束互评，再评定等次' : '结果已经公布，不能再修改',
      )
    }
    const decisions = doc.decisions ?? {}
    const max = excellentMaxOf(doc.members.length, doc.excellentMaxShare)
    const othersExcellent = Object.entries(decisions).filter(
      ([id, d]) => id !== params.memberId && d.grade === 'excellent',
    ).length
    if (params.grade === 'excellent' && othersExcellent + 1 > max) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `优秀不得超过参评党员的${shareText(doc.excellentMaxShare)}（本支部 ${doc.members.length} 人，至多 ${max} 人），已评 ${othersExcellent} 人`,
      )
    }
    await ref.update({ data: { [`decisions.${params.memberId}`]: decision } })
    return decisions[params.memberId] ?? null
  }, 3)
  const subject = loaded.doc.members.find((m) => m.memberId === params.memberId)
  await audit(
    caller,
    'voices.decideGrade',
    params.memberId,
    {
      appraisalId: loaded.doc._id,
      name: subject?.name,
      before: before ? { grade: before.grade, reason: before.reason, followUp: before.followUp } : null,
      after: { grade: params.grade, reason: params.reason, followUp },
    },
    ctx.now,
  )
  const decisions = { ...(loaded.doc.decisions ?? {}), [params.memberId]: decision }
  return view(loaded, { doc: { ...loaded.doc, status: 'deciding', decisions } })
}

export async function publishAppraisal(
  params: VoicesParams<'publishAppraisal'>,
  ctx: CallContext,
): Promise<AppraisalView> {
  const loaded = await load(ctx, params.appraisalId)
  requireManager(loaded)
  const { doc } = loaded
  if (doc.status !== 'deciding')
    throw new AppError('FAILED_PRECONDITION', doc.status === 'published' ? '结果已经公布' : '请先结束互评并评定等次')
  const missing = doc.members.filter((m) => !doc.decisions?.[m.memberId])
  if (missing.length > 0)
    throw new AppError(
      'FAILED_PRECONDITION',
      `还有 ${missing.length} 人未评定等次：${missing
        .slice(0, 3)
        .map((m) => m.name)
        .join('、')}${missing.length > 3 ? '等' : ''}`,
    )
  // Only the decisions read above may be published: a change since then fails the condition.
  const changed = await updateWhere(
    'appraisals',
    { _id: doc._id, status: 'deciding' },
    { status: 'published', publishedAt: ctx.now },
  )
  if (changed !== 1) throw new AppError('CONFLICT', '评定状态已变化，请刷新后重试')
  const counts = Object.fromEntries(
    GRADES.map((g) => [g, Object.values(doc.decisions).filter((d) => d.grade === g).length]),
  )
  await audit(
    loaded.caller,
    'voices.publishAppraisal',
    doc._id,
    { before: { status: 'deciding' }, after: { status: 'published', counts } },
    ctx.now,
  )
  return view(loaded, { doc: { ...doc, status: 'published', publishedAt: ctx.now } })
}

export interface AppraisalExport {
  caller: Caller
  doc: AppraisalDoc
  rows: (TallyRow & { stageLabel: string; selfText: string | null })[]
}

/** What the export writes: managers, once the peer appraisal has closed. */
export async function appraisalForExport(ctx: CallContext, appraisalId: string): Promise<AppraisalExport> {
  const loaded = await load(ctx, appraisalId)
  requireManager(loaded)
  if (loaded.doc.status === 'appraising') throw new AppError('FAILED_PRECONDITION', '互评结束后才能导出')
  const v = await view(loaded)
  const rows = (v.tallies ?? []).map((t) => {
    const m = v.members.find((x) => x.memberId === t.memberId)
    return { ...t, stageLabel: m?.stageLabel ?? '', selfText: m?.selfText ?? null }
  })
  return { caller: loaded.caller, doc: loaded.doc, rows }
}

export type { Grade }
