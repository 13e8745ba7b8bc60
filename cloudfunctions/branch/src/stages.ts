import { canManageBranch, refuseOwnRecord, type Caller } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, readInTx, transaction, type Tx } from '../../_shared/db'
import { STAGE_LABELS, STEP_LABELS, type DevelopmentSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { chinaDay } from '../../_shared/time'
import type { MoveResult, StepStage, TimelineResult } from './contract'
import { isManager, loadWorkspace, requireManageable, requireManager, type Workspace } from './context'
import { memberBrief, toTimelineEvent, type StageEventDoc } from './model'
import {
  activeRecords,
  approvedCount,
  approvedReports,
  auditDoc,
  auditInTx,
  loadMemberRecord,
  stageUpdate,
  syncReportStage,
} from './records'
import {
  advanceBreaches,
  advanceProblem,
  amendStepBreaches,
  amendStepProblem,
  assessProblem,
  buildSteps,
  developmentFacts,
  extendBreaches,
  extendProblem,
  factsFrom,
  formatDay,
  nextMove,
  previousStage,
  stepEvent,
  type RuleFacts,
} from './rules'

type NewEvent = Omit<StageEventDoc, '_id'>

type MoveParams =
  | { kind: 'advance'; memberId: string; to: StepStage; date: string; basis: string; override?: { reason: string } }
  | { kind: 'assess'; memberId: string; date: string; basis: string }
  | { kind: 'extend'; memberId: string; date: string; months: number; basis: string; override?: { reason: string } }

type CorrectParams =
  | {
      mode: 'amend'
      memberId: string
      step?: StepStage
      eventId?: string
      date: string
      basis: string
      months?: number
      reason: string
      override?: { reason: string }
    }
  | { mode: 'revoke'; memberId: string; step?: StepStage; eventId?: string; reason: string }

const RULE_MESSAGE_TAIL = '如确有特殊情况，请填写破例理由后再提交。'

/** Refuses a move that breaks a rule of the process, unless it was overridden with a reason. */
function overrideFor(breaches: string[], override: { reason: string } | undefined): StageEventDoc['override'] {
  if (breaches.length === 0) return null
  if (!override)
    throw new AppError(
      'FAILED_PRECONDITION',
      `不符合发展程序：${breaches.join('；')}。${RULE_MESSAGE_TAIL}`,
      'stageRuleBroken',
    )
  return { reason: override.reason, rules: breaches }
}

async function checkTexts(openid: string, ...texts: (string | undefined)[]): Promise<void> {
  await Promise.all(texts.filter((t): t is string => Boolean(t)).map((t) => assertTextSafe(t, openid)))
}

function baseEvent(
  caller: Caller,
  member: MemberDoc,
  at: Date,
): Pick<NewEvent, 'memberId' | 'memberName' | 'branchId' | 'collegeId' | 'actorId' | 'actorName' | 'at'> {
  return {
    memberId: member._id,
    memberName: member.name,
    branchId: member.branchId,
    collegeId: member.collegeId,
    actorId: caller.memberId,
    actorName: caller.member.name,
    at,
  }
}

function blankEvent(): Pick<
  NewEvent,
  'previousDate' | 'months' | 'override' | 'reason' | 'corrects' | 'correctedBy' | 'active'
> {
  return {
    previousDate: null,
    months: null,
    override: null,
    reason: null,
    corrects: null,
    correctedBy: null,
    active: true,
  }
}

const OWN_STAGE = '不能变更或更正自己的发展阶段与日期，请由院党委或本支部其他书记办理'

async function readMember(tx: Tx, caller: Caller, memberId: string): Promise<MemberDoc> {
  const member = await readInTx<MemberDoc>(tx.collection('members').doc(memberId))
  requireManageable(caller, member)
  return { ...member, _id: memberId, stageDates: member.stageDates ?? {} }
}

/** Adds the event, changes the member if asked, and audits, all in the transaction `tx`. */
async function record(
  tx: Tx,
  caller: Caller,
  event: NewEvent,
  memberChange: Record<string, unknown> | null,
  action: string,
  summary: string,
): Promise<StageEventDoc> {
  const { _id } = await tx.collection('stageEvents').add({ data: event })
  if (memberChange) await tx.collection('members').doc(event.memberId).update({ data: memberChange })
  const detail = {
    summary,
    memberName: event.memberName,
    eventId: _id,
    kind: event.kind,
    step: event.step,
    from: event.from,
    to: event.to,
    date: event.date,
    basis: event.basis,
    override: event.override,
    reason: event.reason,
    corrects: event.corrects,
  }
  await auditInTx(tx, auditDoc(caller, action, event.memberId, detail, event.at))
  return { ...event, _id: String(_id) }
}

function result(ws: Workspace, member: MemberDoc, event: StageEventDoc): MoveResult {
  return { member: memberBrief(member, ws.branches), event: toTimelineEvent(event) }
}

// ------------------------------------------------------------------------------------------------
// moveStage

/**
 * Records the next stage, an assessment, or a probation extension, with its date and basis. The rules
 * are checked against the member as read inside the transaction, so two secretaries moving the same
 * member at once cannot both succeed. Requests: workspace, facts (for admission/conversion/extension),
 * then the transaction (read member, add record, update member, add audit, commit).
 */
export async function moveStage(params: MoveParams, ctx: CallContext): Promise<MoveResult> {
  const needsReports = params.kind === 'advance' && params.to === 'probationary'
  const needsRecords = params.kind === 'extend' || (params.kind === 'advance' && params.to === 'full')
  const [ws, approved, records] = await Promise.all([
    loadWorkspace(ctx, { branches: true }),
    needsReports ? approvedReports(params.memberId) : Promise.resolve(0),
    needsRecords ? activeRecords(params.memberId) : Promise.resolve([]),
  ])
  const { caller } = ws
  requireManager(caller)
  refuseOwnRecord(caller, params.memberId, OWN_STAGE)
  const override = 'override' in params ? params.override : undefined
  await checkTexts(caller.openid, params.basis, override?.reason)
  const dev = ws.settings.development
  const today = chinaDay(ctx.now)
  const facts = factsFrom(records, approved)

  const { member, event } = await transaction(async (tx) => {
    const current = await readMember(tx, caller, params.memberId)
    switch (params.kind) {
      case 'advance':
        return advance(tx, caller, current, params, dev, facts, today, ctx.now)
      case 'assess':
        return assess(tx, caller, current, params, today, ctx.now)
      case 'extend':
        return extend(tx, caller, current, params, dev, facts, today, ctx.now)
    }
  })
  if (params.kind === 'advance') await syncReportStage(member._id, member.stage)
  return result(ws, member, event)
}

async function advance(
  tx: Tx,
  caller: Caller,
  member: MemberDoc,
  params: Extract<MoveParams, { kind: 'advance' }>,
  dev: DevelopmentSettings,
  facts: RuleFacts,
  today: string,
  now: Date,
): Promise<{ member: MemberDoc; event: StageEventDoc }> {
  if (member.stage === params.to)
    throw new AppError('CONFLICT', `${member.name}已经是${STAGE_LABELS[params.to]}，请刷新后查看`)
  const problem = advanceProblem(member, params.to, params.date, today)
  if (problem) throw new AppError('FAILED_PRECONDITION', problem)
  const override = overrideFor(advanceBreaches(member, params.to, params.date, dev, facts), params.override)
  const stageDates = { ...member.stageDates, [params.to]: params.date }
  const event: NewEvent = {
    ...baseEvent(caller, member, now),
    ...blankEvent(),
    kind: 'advance',
    step: params.to,
    from: member.stage,
    to: params.to,
    date: params.date,
    basis: params.basis,
    override,
  }
  const summary = `${member.name}：${STAGE_LABELS[member.stage]} → ${STAGE_LABELS[params.to]}（${formatDay(params.date)}）${override ? '，破例办理' : ''}`
  const saved = await record(tx, caller, event, stageUpdate(params.to, stageDates, now), 'branch.moveStage', summary)
  return { member: { ...member, stage: params.to, stageDates }, event: saved }
}

async function assess(
  tx: Tx,
  caller: Caller,
  member: MemberDoc,
  params: Extract<MoveParams, { kind: 'assess' }>,
  today: string,
  now: Date,
): Promise<{ member: MemberDoc; event: StageEventDoc }> {
  const problem = assessProblem(member, params.date, today)
  if (problem) throw new AppError('FAILED_PRECONDITION', problem)
  const event: NewEvent = {
    ...baseEvent(caller, member, now),
    ...blankEvent(),
    kind: 'assess',
    step: null,
    from: member.stage,
    to: member.stage,
    date: params.date,
    basis: params.basis,
  }
  const saved = await record(
    tx,
    caller,
    event,
    null,
    'branch.assess',
    `${member.name}：积极分子考察（${formatDay(params.date)}）`,
  )
  return { member, event: saved }
}

async function extend(
  tx: Tx,
  caller: Caller,
  member: MemberDoc,
  params: Extract<MoveParams, { kind: 'extend' }>,
  dev: DevelopmentSettings,
  facts: RuleFacts,
  today: string,
  now: Date,
): Promise<{ member: MemberDoc; event: StageEventDoc }> {
  const problem = extendProblem(member, params.date, today)
  if (problem) throw new AppError('FAILED_PRECONDITION', problem)
  const override = overrideFor(extendBreaches(params.months, facts.extensions.length, dev), params.override)
  const event: NewEvent = {
    ...baseEvent(caller, member, now),
    ...blankEvent(),
    kind: 'extend',
    step: null,
    from: member.stage,
    to: member.stage,
    date: params.date,
    months: params.months,
    basis: params.basis,
    override,
  }
  const summary = `${member.name}：延长预备期 ${params.months} 个月（${formatDay(params.date)}）${override ? '，破例办理' : ''}`
  // Touching the member makes two concurrent extensions conflict, so "only once" holds under races.
  const saved = await record(tx, caller, event, { updatedAt: now }, 'branch.extend', summary)
  return { member: { ...member, updatedAt: now }, event: saved }
}

// ------------------------------------------------------------------------------------------------
// correctStage

/**
 * Corrects a record by a new one that supersedes it: the old record stays, marked `active: false` with
 * `correctedBy`, and both the correction and the reason are audited. A step's date can be amended (within
 * the order of the stages, the time rules re-checked) and the current step revoked (the member returns
 * to the stage before); an assessment or an extension can be amended or revoked.
 */
export async function correctStage(params: CorrectParams, ctx: CallContext): Promise<MoveResult> {
  if (Boolean(params.step) === Boolean(params.eventId))
    throw new AppError('INVALID_ARGUMENT', '请指明要更正的阶段或记录')
  // Corrections re-check only the time rules (the report count is about admission, not dates).
  const [ws, records] = await Promise.all([loadWorkspace(ctx, { branches: true }), activeRecords(params.memberId)])
  const approved = 0
  const { caller } = ws
  requireManager(caller)
  refuseOwnRecord(caller, params.memberId, OWN_STAGE)
  const override = params.mode === 'amend' ? params.override : undefined
  await checkTexts(caller.openid, params.reason, params.mode === 'amend' ? params.basis : undefined, override?.reason)
  const today = chinaDay(ctx.now)
  const dev = ws.settings.development

  const { member, event } = await transaction(async (tx) => {
    const current = await readMember(tx, caller, params.memberId)
    const target = params.eventId ? await readTarget(tx, params.eventId, current) : null
    const stepTarget = params.step ?? null
    // A step record may be null (dates from the roster or the seed have none): the correction stands alone.
    const superseded =
      target ??
      (stepTarget
        ? stepEvent(
            stepTarget,
            records.filter((r) => r.memberId === current._id),
          )
        : null)
    if (superseded && !target) await assertStillActive(tx, superseded._id)
    const facts = factsFrom(
      records.filter((r) => r._id !== superseded?._id),
      approved,
    )
    if (params.mode === 'amend') {
      return target
        ? amendRecord(tx, caller, current, target, params, dev, facts, today, ctx.now)
        : amendStep(tx, caller, current, stepTarget as StepStage, superseded, params, dev, facts, today, ctx.now)
    }
    return target
      ? revokeRecord(tx, caller, current, target, params, today, ctx.now)
      : revokeStep(tx, caller, current, stepTarget as StepStage, superseded, params, today, ctx.now)
  })
  await syncReportStage(member._id, member.stage)
  return result(ws, member, event)
}

async function readTarget(tx: Tx, eventId: string, member: MemberDoc): Promise<StageEventDoc> {
  const event = await readInTx<StageEventDoc>(tx.collection('stageEvents').doc(eventId))
  if (!event || event.memberId !== member._id) throw new AppError('NOT_FOUND', '没有找到这条记录')
  if (!event.active) throw new AppError('CONFLICT', '这条记录已被更正或撤销，请刷新后查看最新记录')
  if (event.kind !== 'assess' && event.kind !== 'extend')
    throw new AppError('INVALID_ARGUMENT', '阶段日期请在对应的阶段上更正')
  return { ...event, _id: eventId }
}

/** A record read outside the transaction is still the step's active one (a concurrent correction loses). */
async function assertStillActive(tx: Tx, eventId: string): Promise<void> {
  const current = await readInTx<StageEventDoc>(tx.collection('stageEvents').doc(eventId))
  if (!current?.active) throw new AppError('CONFLICT', '这条记录刚刚被更正过，请刷新后再试')
}

/** The old record stays, marked superseded by the new one. */
async function linkCorrection(tx: Tx, oldId: string | null, newId: string): Promise<void> {
  if (oldId)
    await tx
      .collection('stageEvents')
      .doc(oldId)
      .update({ data: { active: false, correctedBy: newId } })
}

async function amendStep(
  tx: Tx,
  caller: Caller,
  member: MemberDoc,
  step: StepStage,
  superseded: StageEventDoc | null,
  params: Extract<CorrectParams, { mode: 'amend' }>,
  dev: DevelopmentSettings,
  facts: RuleFacts,
  today: string,
  now: Date,
): Promise<{ member: MemberDoc; event: StageEventDoc }> {
  const problem = amendStepProblem(member, step, params.date, today)
  if (problem) throw new AppError('FAILED_PRECONDITION', problem)
  const override = overrideFor(amendStepBreaches(member, step, params.date, dev, facts), params.override)
  const previousDate = member.stageDates[step] ?? null
  const stageDates = { ...member.stageDates, [step]: params.date }
  const event: NewEvent = {
    ...baseEvent(caller, member, now),
    ...blankEvent(),
    kind: superseded?.kind === 'advance' ? 'advance' : 'record',
    step,
    from: superseded?.from ?? member.stage,
    to: superseded?.to ?? member.stage,
    date: params.date,
    previousDate,
    basis: params.basis,
    override,
    reason: params.reason,
    corrects: superseded?._id ?? null,
  }
  const summary = `${member.name}：更正${STEP_LABELS[step]}日期 ${previousDate ? formatDay(previousDate) : '（未登记）'} → ${formatDay(params.date)}`
  const saved = await record(
    tx,
    caller,
    event,
    stageUpdate(member.stage, stageDates, now),
    'branch.correctStage',
    summary,
  )
  await linkCorrection(tx, superseded?._id ?? null, saved._id)
  return { member: { ...member, stageDates }, event: saved }
}

async function revokeStep(
  tx: Tx,
  caller: Caller,
  member: MemberDoc,
  step: StepStage,
  superseded: StageEventDoc | null,
  params: Extract<CorrectParams, { mode: 'revoke' }>,
  today: string,
  now: Date,
): Promise<{ member: MemberDoc; event: StageEventDoc }> {
  if (member.stage !== step)
    throw new AppError(
      'FAILED_PRECONDITION',
      `只能撤销当前所处的阶段（${STAGE_LABELS[member.stage]}），请从最近的一步开始撤销`,
    )
  const back = previousStage(step)
  const { [step]: _removed, ...stageDates } = member.stageDates
  const event: NewEvent = {
    ...baseEvent(caller, member, now),
    ...blankEvent(),
    kind: 'revoke',
    step,
    from: member.stage,
    to: back,
    date: today,
    previousDate: member.stageDates[step] ?? null,
    basis: params.reason,
    reason: params.reason,
    corrects: superseded?._id ?? null,
  }
  const summary = `${member.name}：撤销「${STEP_LABELS[step]}」，退回${STAGE_LABELS[back]}`
  const saved = await record(tx, caller, event, stageUpdate(back, stageDates, now), 'branch.correctStage', summary)
  await linkCorrection(tx, superseded?._id ?? null, saved._id)
  return { member: { ...member, stage: back, stageDates }, event: saved }
}

async function amendRecord(
  tx: Tx,
  caller: Caller,
  member: MemberDoc,
  target: StageEventDoc,
  params: Extract<CorrectParams, { mode: 'amend' }>,
  dev: DevelopmentSettings,
  facts: RuleFacts,
  today: string,
  now: Date,
): Promise<{ member: MemberDoc; event: StageEventDoc }> {
  const problem =
    target.kind === 'assess' ? assessProblem(member, params.date, today) : extendProblem(member, params.date, today)
  if (problem) throw new AppError('FAILED_PRECONDITION', problem)
  const months = target.kind === 'extend' ? (params.months ?? target.months ?? 0) : null
  const override =
    target.kind === 'extend'
      ? overrideFor(extendBreaches(months ?? 0, facts.extensions.length, dev), params.override)
      : null
  const event: NewEvent = {
    ...baseEvent(caller, member, now),
    ...blankEvent(),
    kind: target.kind,
    step: null,
    from: member.stage,
    to: member.stage,
    date: params.date,
    previousDate: target.date,
    months,
    basis: params.basis,
    override,
    reason: params.reason,
    corrects: target._id,
  }
  const what = target.kind === 'assess' ? '积极分子考察' : '预备期延长'
  const saved = await record(
    tx,
    caller,
    event,
    null,
    'branch.correctStage',
    `${member.name}：更正${what}记录（${formatDay(target.date)} → ${formatDay(params.date)}）`,
  )
  await linkCorrection(tx, target._id, saved._id)
  return { member, event: saved }
}

async function revokeRecord(
  tx: Tx,
  caller: Caller,
  member: MemberDoc,
  target: StageEventDoc,
  params: Extract<CorrectParams, { mode: 'revoke' }>,
  today: string,
  now: Date,
): Promise<{ member: MemberDoc; event: StageEventDoc }> {
  const event: NewEvent = {
    ...baseEvent(caller, member, now),
    ...blankEvent(),
    kind: 'revoke',
    step: null,
    from: member.stage,
    to: member.stage,
    date: today,
    previousDate: target.date,
    months: target.months,
    basis: params.reason,
    reason: params.reason,
    corrects: target._id,
  }
  const what = target.kind === 'assess' ? '积极分子考察' : '预备期延长'
  const saved = await record(
    tx,
    caller,
    event,
    null,
    'branch.correctStage',
    `${member.name}：撤销${what}记录（${formatDay(target.date)}）`,
  )
  await linkCorrection(tx, target._id, saved._id)
  return { member, event: saved }
}

// ------------------------------------------------------------------------------------------------
// timeline

const BASIS_TYPES = ['general', 'committee']

/** Recent 支部党员大会 / 支委会 of a branch, as basis text the secretary can pick (meetings `branch_endAt`). */
async function basisSuggestions(branchId: string | null, now: Date): Promise<string[]> {
  if (!branchId) return []
  const _ = command()
  const since = new Date(now.getTime() - 200 * 86_400_000)
  const meetings = await findMany<{ title: string; type: string; startAt: Date; status: string }>(
    'meetings',
    { branchId, endAt: _.gte(since).and(_.lte(now)) },
    { orderBy: [['endAt', 'desc']], limit: 30, fields: { title: true, type: true, startAt: true, status: true } },
  )
  return meetings
    .filter((m) => m.status !== 'cancelled' && BASIS_TYPES.includes(m.type))
    .slice(0, 6)
    .map(
      (m) =>
        `${formatDay(chinaDay(new Date(m.startAt)))}${m.type === 'general' ? '支部党员大会' : '支委会'}：${m.title}`,
    )
}

/**
 * A member's timeline: the caller's own (students) or a member they manage. One request for the
 * caller (with their own records), one for another member's records, one for the basis suggestions.
 */
export async function timeline(params: { memberId?: string }, ctx: CallContext): Promise<TimelineResult> {
  const self = !params.memberId
  const ws = await loadWorkspace(ctx, { branches: true, events: self, reports: self })
  const { caller } = ws
  let member: MemberDoc = caller.member
  let events = ws.events
  let approved = approvedCount(ws.reports)
  if (!self) {
    const rec = await loadMemberRecord(params.memberId as string)
    if (params.memberId !== caller.memberId) requireManageable(caller, rec?.member ?? null)
    if (!rec) throw new AppError('NOT_FOUND', '没有找到这名成员')
    member = rec.member
    events = rec.events
    approved = approvedCount(rec.reports)
  }
  // One's own record is managed by others: no stage buttons on it.
  const canManage =
    isManager(caller) &&
    member._id !== caller.memberId &&
    member.collegeId === caller.member.collegeId &&
    canManageBranch(caller, member.branchId)
  const suggestions = canManage ? await basisSuggestions(member.branchId, ctx.now) : []
  return buildTimeline(ws, member, events, approved, ctx.now, canManage, suggestions)
}

export function buildTimeline(
  ws: Workspace,
  member: MemberDoc,
  events: StageEventDoc[],
  approved: number,
  now: Date,
  canManage: boolean,
  suggestions: string[],
): TimelineResult {
  const dev = ws.settings.development
  const today = chinaDay(now)
  const state = { name: member.name, stage: member.stage, stageDates: member.stageDates ?? {} }
  const facts = factsFrom(events, approved)
  return {
    member: memberBrief(member, ws.branches),
    steps: buildSteps(state, events),
    events: events
      .slice()
      .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
      .map(toTimelineEvent),
    next: nextMove(state, dev, facts, today),
    facts: developmentFacts(state, facts, dev, today),
    basisSuggestions: suggestions,
    canManage,
    rules: {
      activistMonths: dev.activistMonths,
      probationMonths: dev.probationMonths,
      extensionMinMonths: dev.extensionMinMonths,
      extensionMaxMonths: dev.extensionMaxMonths,
      reportsBeforeAdmission: dev.reportsBeforeAdmission,
    },
  }
}
