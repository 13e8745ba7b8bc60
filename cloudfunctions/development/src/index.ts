import {
  canManageBranch,
  hasRole,
  refuseOwnRecord,
  requireCaller,
  requireCallerWith,
  type Caller,
  type CallerWith,
} from '../../_shared/auth'
import { auditEntry, auditInTx } from '../../_shared/audit'
import { assertTextSafe } from '../../_shared/content'
import { aggregate, command, findMany, getById, readInTx, transaction, updateWhere } from '../../_shared/db'
import { STAGE_LABELS, type CollegeSettings, type Stage } from '../../_shared/domain'
import { readSettings } from '../../_shared/settings'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import { exportDocument, renderDocument, saveGeneratedFile, type DocumentFormat } from '../../_shared/documents'
import { zipSync } from 'fflate'
import { defineFunction, type CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { addDays, chinaDay } from '../../_shared/time'
import { NATIONAL_CALENDARS, WorkCalendar } from './calendar'
import {
  developmentSchemas,
  type CalendarView,
  type DevelopmentContract,
  type ExportResult,
  type FileView,
  type MaterialFile,
  type ProblemsResult,
  type RecordResult,
  type UpcomingItem,
  type UpcomingResult,
} from './contract'
import {
  buildFile,
  byStep,
  eligibleFrom,
  emptyStep,
  fileProblems,
  fileState,
  materialsOf,
  missingMaterials,
  stageProjection,
  type DevStepDoc,
  type MaterialDoc,
  type StepDocs,
  type WorkCalendarDoc,
} from './file'
import { formatDay, judgeStep, materialDateProblem, probationEnd, resolveRules, stageProblem } from './rules'
import { approvedReports, archived } from './archive'
import { assertMaterialFiles, materialLinks } from './material-files'
import { addMaterial, removeMaterial, rulesView, saveRule } from './college-rules'
import { recordSheet } from './record-sheet'
import { STEP_NUMBERS, stepDef, stepId, type StepNo } from './steps'

const OWN_FILE = '不能登记或更正自己的发展材料，请由院党委或本支部其他书记办理'
const STEP_KEYS = STEP_NUMBERS.map((n) => String(n).padStart(2, '0'))

interface Loaded {
  caller: CallerWith
  member: MemberDoc
  docs: StepDocs
  settings: CollegeSettings
  calendar: WorkCalendar
  approvedReports: number
  branchName: string
  isOwn: boolean
  canManage: boolean
}

function isManager(caller: Caller): boolean {
  return hasRole(caller, 'committee') || (hasRole(caller, 'secretary') && caller.branchId !== null)
}

function canManage(caller: Caller, member: Pick<MemberDoc, 'collegeId' | 'branchId'>): boolean {
  return isManager(caller) && member.collegeId === caller.member.collegeId && canManageBranch(caller, member.branchId)
}

/**
 * The caller (with their college), the member and their 25 step documents in one aggregate; then the
 * college's calendars, the member's approved reports and branch name together: two round trips.
 */
async function loadFile(ctx: CallContext, memberId: string | undefined): Promise<Loaded> {
  const own = !memberId
  const caller = await requireCallerWith(
    ctx,
    own
      ? { college: true, own: { devSteps: STEP_KEYS } }
      : { college: true, byId: { members: [memberId], devSteps: STEP_NUMBERS.map((n) => stepId(memberId, n)) } },
  )
  const member = own ? caller.member : (caller.byId.members?.[0] as MemberDoc | undefined)
  const isOwn = !member || member._id === caller.memberId
  if (!member || (!isOwn && !canManage(caller, member)))
    throw new AppError('NOT_FOUND', '没有找到这名成员，或其不在你管理的支部')
  const [calendars, reports, branch] = await Promise.all([
    findMany<WorkCalendarDoc>('workCalendars', { collegeId: member.collegeId }, { limit: 50 }),
    findMany<{ _id: string }>(
      'reports',
      { memberId: member._id, status: 'approved' },
      { limit: 200, fields: { _id: true } },
    ),
    member.branchId ? getById<BranchDoc>('branches', member.branchId) : Promise.resolve(null),
  ])
  return {
    caller,
    member: { ...member, stageDates: member.stageDates ?? {} },
    docs: byStep((caller.byId.devSteps ?? []) as DevStepDoc[]),
    settings: readSettings(caller.college),
    calendar: WorkCalendar.of(calendars),
    approvedReports: reports.length,
    branchName: branch?.name ?? '未编入支部',
    isOwn,
    canManage: canManage(caller, member),
  }
}

function view(l: Loaded, now: Date): FileView {
  return buildFile({
    member: l.member,
    branchName: l.branchName,
    docs: l.docs,
    approvedReports: l.approvedReports,
    dev: l.settings.development,
    calendar: l.calendar,
    today: chinaDay(now),
    canManage: l.canManage,
    isOwn: l.isOwn,
  })
}

function requireManagerOf(l: Loaded): void {
  refuseOwnRecord(l.caller, l.member._id, OWN_FILE)
  if (!l.canManage) throw new AppError('FORBIDDEN', '只有本支部书记和院党委可以登记发展材料')
}

function withoutId(doc: DevStepDoc): Omit<DevStepDoc, '_id'> {
  const { _id: _ignored, ...rest } = doc
  return rest
}

// ------------------------------------------------------------------------------------------------

async function file(params: { memberId?: string }, ctx: CallContext): Promise<FileView> {
  return view(await loadFile(ctx, params.memberId), ctx.now)
}

type RecordParams = {
  memberId: string
  step: number
  date: string
  people: { role: 'talker' | 'contact' | 'introducer'; name: string }[]
  facts: Record<string, unknown>
  override?: { reason: string }
}

/**
 * Records a step (or corrects it: the same step again), after every rule of the step: blocks refuse,
 * warnings need a reason, which is kept and audited. A stage step also moves the member's stage and
 * stage date, in the same transaction, which re-reads the member so two concurrent moves cannot both pass.
 */
async function recordStep(params: RecordParams, ctx: CallContext): Promise<RecordResult> {
  const l = await loadFile(ctx, params.memberId)
  requireManagerOf(l)
  const no = params.step as StepNo
  const def = stepDef(no)
  const today = chinaDay(ctx.now)
  const state = fileState(l.member, l.docs, l.approvedReports)
  const problem = stageProblem(state, no)
  if (problem) throw new AppError('FAILED_PRECONDITION', problem)
  const people = params.people.filter((p) => def.people?.role === p.role)
  await Promise.all([
    ...people.map((p) => assertTextSafe(p.name, l.caller.openid)),
    ...(params.override ? [assertTextSafe(params.override.reason, l.caller.openid)] : []),
  ])
  const rules = resolveRules(l.settings.development)
  const judged = judgeStep(state, no, { date: params.date, people, facts: params.facts }, today, rules, l.calendar)
  if (judged.blocks.length)
    throw new AppError('FAILED_PRECONDITION', `不能登记：${judged.blocks.map((f) => f.message).join('；')}`)
  if (judged.warnings.length && !params.override) {
    throw new AppError(
      'FAILED_PRECONDITION',
      `${judged.warnings.map((f) => f.message).join('；')}。如确有特殊情况，请填写破例理由后再提交`,
      'stageRuleBroken',
    )
  }
  const override =
    judged.warnings.length && params.override
      ? {
          reason: params.override.reason,
          rules: judged.warnings.map((f) => f.message),
          ruleIds: judged.warnings.map((f) => f.ruleId),
        }
      : null
  const before = l.docs[no] ?? null
  const next: DevStepDoc = {
    ...(before ?? emptyStep(l.member, no, ctx.now)),
    branchId: l.member.branchId,
    date: params.date,
    people,
    facts: judged.facts,
    override,
    recordedBy: l.caller.memberId,
    recordedByName: l.caller.member.name,
    recordedAt: ctx.now,
    updatedAt: ctx.now,
  }
  const { stage: newStage, stageDates } = stageProjection({ ...l.docs, [no]: next }, l.member.stage)
  const movesStage = newStage !== l.member.stage

  await transaction(async (tx) => {
    const current = await readInTx<MemberDoc>(tx.collection('members').doc(l.member._id))
    if (
      !current ||
      current.stage !== l.member.stage ||
      current.updatedAt?.valueOf?.() !== l.member.updatedAt?.valueOf?.()
    ) {
      throw new AppError('CONFLICT', `${l.member.name}的材料刚刚被其他人更新，请刷新后再试`)
    }
    await tx
      .collection('devSteps')
      .doc(next._id)
      .set({ data: withoutId(next) })
    await tx
      .collection('members')
      .doc(l.member._id)
      .update({ data: { stage: newStage, stageDates: command().set(stageDates), updatedAt: ctx.now } })
    const summary = `${l.member.name}：第 ${no} 步「${def.label}」${formatDay(params.date)}${before?.date ? `（原为 ${formatDay(before.date)}）` : ''}${override ? '，破例办理' : ''}`
    await auditInTx(
      tx,
      auditEntry(
        l.caller,
        'development.recordStep',
        l.member._id,
        {
          summary,
          step: no,
          before: before ? stepSummary(before) : null,
          after: stepSummary(next),
          stage: movesStage ? { from: l.member.stage, to: newStage } : null,
        },
        ctx.now,
      ),
    )
  })
  // The review queue filters reports by their author's stage (as branch.moveStage keeps it).
  if (movesStage)
    await updateWhere('reports', { memberId: l.member._id, stage: command().neq(newStage) }, { stage: newStage })
  const updated: Loaded = {
    ...l,
    member: { ...l.member, stage: newStage, stageDates, updatedAt: ctx.now },
    docs: { ...l.docs, [no]: next },
  }
  return { file: view(updated, ctx.now), warnings: judged.warnings.map((f) => f.message) }
}

function stepSummary(doc: DevStepDoc): Record<string, unknown> {
  return { date: doc.date, people: doc.people, facts: doc.facts, override: doc.override }
}

// ------------------------------------------------------------------------------------------------
// Materials

async function saveMaterial(
  params: {
    memberId: string
    step: number
    item: string
    date: string
    fileIDs: string[]
    override?: { reason: string }
  },
  ctx: CallContext,
): Promise<FileView> {
  const l = await loadFile(ctx, params.memberId)
  const no = params.step as StepNo
  const def = materialsOf(no, l.settings.development).find((m) => m.id === params.item)
  if (!def) throw new AppError('NOT_FOUND', '这个步骤没有这项材料')
  if (def.generated) throw new AppError('FAILED_PRECONDITION', `「${def.label}」由系统根据记录生成，无需上传`)
  if (l.isOwn ? !def.byApplicant : !l.canManage)
    throw new AppError(
      'FORBIDDEN',
      l.isOwn
        ? `「${def.label}」由支部书记上传，你可以上传自己书写的申请书、思想汇报、志愿书和转正申请`
        : '只有本支部书记和院党委可以上传发展材料',
    )
  assertOwnFiles(params.fileIDs, l.caller)
  await assertMaterialFiles(params.fileIDs)
  const today = chinaDay(ctx.now)
  const state = fileState(l.member, l.docs, l.approvedReports)
  const problem = materialDateProblem(state, no, def.label, params.date, today)
  if (problem) throw new AppError('FAILED_PRECONDITION', problem)
  // The application's signing date and the day it was handed in should agree (a published common error).
  const warnings: string[] = []
  const applied = state.dates[1]
  const tolerance = resolveRules(l.settings.development).get('signing-date')?.value ?? 7
  if (no === 1 && params.item === 'application' && applied && Math.abs(dayDiff(params.date, applied)) > tolerance) {
    warnings.push(
      `入党申请书的签署日期（${formatDay(params.date)}）与递交日期（${formatDay(applied)}）相差超过 ${tolerance} 天`,
    )
  }
  if (warnings.length && !params.override)
    throw new AppError('FAILED_PRECONDITION', `${warnings.join('；')}。如确有特殊情况，请填写破例理由后再提交`)
  const before = l.docs[no]?.materials?.[params.item] ?? null
  const material: MaterialDoc = {
    fileIDs: params.fileIDs,
    date: params.date,
    uploadedBy: l.caller.memberId,
    uploadedByName: l.caller.member.name,
    uploadedAt: ctx.now,
    checkedBy: null,
    checkedByName: null,
    checkedAt: null,
    override: warnings.length && params.override ? { reason: params.override.reason, rules: warnings } : null,
  }
  const doc: DevStepDoc = {
    ...(l.docs[no] ?? emptyStep(l.member, no, ctx.now)),
    materials: { ...(l.docs[no]?.materials ?? {}), [params.item]: material },
    updatedAt: ctx.now,
  }
  await transaction(async (tx) => {
    await tx
      .collection('devSteps')
      .doc(doc._id)
      .set({ data: withoutId(doc) })
    await auditInTx(
      tx,
      auditEntry(
        l.caller,
        'development.saveMaterial',
        l.member._id,
        {
          summary: `${l.member.name}：第 ${no} 步「${def.label}」上传 ${params.fileIDs.length} 个文件`,
          step: no,
          item: params.item,
          before,
          after: material,
        },
        ctx.now,
      ),
    )
  })
  return view({ ...l, docs: { ...l.docs, [no]: doc } }, ctx.now)
}

function dayDiff(a: string, b: string): number {
  return (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000
}

async function materialFiles(
  params: { memberId?: string; step: number; item: string },
  ctx: CallContext,
): Promise<{ label: string; files: MaterialFile[] }> {
  const l = await loadFile(ctx, params.memberId)
  const no = params.step as StepNo
  const def = materialsOf(no, l.settings.development).find((m) => m.id === params.item)
  const stored = l.docs[no]?.materials?.[params.item]
  if (!def || !stored) throw new AppError('NOT_FOUND', '这项材料还没有上传')
  return { label: def.label, files: await materialLinks(stored.fileIDs) }
}

async function checkMaterial(
  params: { memberId: string; step: number; item: string },
  ctx: CallContext,
): Promise<FileView> {
  const l = await loadFile(ctx, params.memberId)
  requireManagerOf(l)
  const no = params.step as StepNo
  const doc = l.docs[no]
  const before = doc?.materials?.[params.item]
  const def = materialsOf(no, l.settings.development).find((m) => m.id === params.item)
  if (!doc || !before || !def) throw new AppError('FAILED_PRECONDITION', '这项材料还没有上传，不能核对')
  if (before.checkedBy) throw new AppError('CONFLICT', `「${def.label}」已由${before.checkedByName ?? ''}核对`)
  const after: MaterialDoc = {
    ...before,
    checkedBy: l.caller.memberId,
    checkedByName: l.caller.member.name,
    checkedAt: ctx.now,
  }
  const updated: DevStepDoc = { ...doc, materials: { ...doc.materials, [params.item]: after }, updatedAt: ctx.now }
  await transaction(async (tx) => {
    const current = await readInTx<DevStepDoc>(tx.collection('devSteps').doc(doc._id))
    if (current?.materials?.[params.item]?.checkedBy) throw new AppError('CONFLICT', `「${def.label}」刚刚已被核对`)
    await tx
      .collection('devSteps')
      .doc(doc._id)
      .update({ data: { [`materials.${params.item}`]: after, updatedAt: ctx.now } })
    await auditInTx(
      tx,
      auditEntry(
        l.caller,
        'development.checkMaterial',
        l.member._id,
        { summary: `${l.member.name}：核对第 ${no} 步「${def.label}」`, step: no, item: params.item, before, after },
        ctx.now,
      ),
    )
  })
  return view({ ...l, docs: { ...l.docs, [no]: updated } }, ctx.now)
}

// ------------------------------------------------------------------------------------------------
// The branch's view: next 30 days, files with problems

interface Scope {
  caller: CallerWith
  settings: CollegeSettings
  branchId: string | null
  branches: BranchDoc[]
  members: MemberDoc[]
  docs: Map<string, StepDocs>
  calendar: WorkCalendar
  scopeLabel: string
}

const OPEN_STAGES: Stage[] = ['applicant', 'activist', 'candidate', 'probationary']

async function loadScope(
  ctx: CallContext,
  branchId: string | undefined,
  stages: Stage[] = OPEN_STAGES,
): Promise<Scope> {
  const caller = await requireCallerWith(ctx, { college: true })
  if (!isManager(caller)) throw new AppError('FORBIDDEN', '只有支部书记和院党委可以查看')
  const committee = hasRole(caller, 'committee')
  if (!committee && branchId && branchId !== caller.branchId) throw new AppError('FORBIDDEN', '只能查看本支部的数据')
  const scopeBranch = committee ? (branchId ?? null) : caller.branchId
  const collegeId = caller.member.collegeId
  const where = scopeBranch ? { branchId: scopeBranch } : { collegeId }
  const _ = command()
  // A college has more members and steps than a plain query answers (1000): aggregates read them all.
  const [branches, members, steps, calendars] = await Promise.all([
    findMany<BranchDoc>('branches', { collegeId }, { limit: 200 }),
    aggregate<MemberDoc>('members', [{ $match: { ...where, stage: _.in(stages) } }, { $limit: 20_000 }]),
    aggregate<DevStepDoc>('devSteps', [{ $match: where }, { $limit: 100_000 }]),
    findMany<WorkCalendarDoc>('workCalendars', { collegeId }, { limit: 50 }),
  ])
  if (scopeBranch && !branches.some((b) => b._id === scopeBranch)) throw new AppError('NOT_FOUND', '没有找到这个支部')
  const docs = new Map<string, StepDocs>()
  for (const d of steps) docs.set(d.memberId, { ...(docs.get(d.memberId) ?? {}), [d.step]: d })
  const name = scopeBranch ? (branches.find((b) => b._id === scopeBranch)?.name ?? '') : '全院（全部支部）'
  return {
    caller,
    settings: readSettings(caller.college),
    branchId: scopeBranch,
    branches,
    members,
    docs,
    calendar: WorkCalendar.of(calendars),
    scopeLabel: name,
  }
}

function branchNameOf(scope: Scope, branchId: string | null): string {
  return scope.branches.find((b) => b._id === branchId)?.name ?? '未编入支部'
}

async function upcoming(params: { branchId?: string }, ctx: CallContext): Promise<UpcomingResult> {
  const scope = await loadScope(ctx, params.branchId)
  const today = chinaDay(ctx.now)
  const dev = scope.settings.development
  const until = addDays(today, dev.reminderDays)
  const rules = resolveRules(dev)
  const items: UpcomingItem[] = []
  for (const m of scope.members) {
    const docs = scope.docs.get(m._id) ?? {}
    const state = fileState(m, docs, 0)
    const base = { memberId: m._id, name: m.name, branchName: branchNameOf(scope, m.branchId) }
    const candidates: StepNo[] = [7, 8, 22, 23]
    for (const no of candidates) {
      if (state.dates[no] || stageProblem(state, no)) continue
      const from = eligibleFrom(state, no, rules)
      if (from && from <= until) {
        const verb = from <= today ? `自 ${formatDay(from)} 起可以` : `${formatDay(from)} 起可以`
        items.push({
          ...base,
          kind: 'eligible',
          kindLabel: '可办理',
          day: from,
          text: `${verb}办理第 ${no} 步「${stepDef(no).label}」`,
        })
      }
    }
    const p = state.facts[7]?.publicity
    if (p && !state.dates[8] && p.end >= today && p.end <= until)
      items.push({
        ...base,
        kind: 'publicity',
        kindLabel: '公示结束',
        day: p.end,
        text: `发展对象公示于 ${formatDay(p.end)} 结束`,
      })
    const ends = probationEnd(state, rules)
    if (ends && !state.dates[23] && ends <= until)
      items.push({
        ...base,
        kind: 'probation',
        kindLabel: '预备期满',
        day: ends,
        text: ends < today ? `预备期已于 ${formatDay(ends)} 期满，请及时讨论转正` : `预备期于 ${formatDay(ends)} 期满`,
      })
    const missing = missingMaterials(state, docs, dev)
    if (missing.length)
      items.push({
        ...base,
        kind: 'materials',
        kindLabel: '材料不全',
        day: null,
        text: `缺 ${missing.length} 项材料：${missing
          .slice(0, 3)
          .map((x) => x.label)
          .join('、')}${missing.length > 3 ? ' 等' : ''}`,
      })
  }
  items.sort((a, b) =>
    (a.day ?? '9999') < (b.day ?? '9999')
      ? -1
      : (a.day ?? '9999') > (b.day ?? '9999')
        ? 1
        : a.name.localeCompare(b.name, 'zh-CN'),
  )
  return { today, until, scopeLabel: scope.scopeLabel, items }
}

async function problems(params: { branchId?: string }, ctx: CallContext): Promise<ProblemsResult> {
  const scope = await loadScope(ctx, params.branchId)
  const today = chinaDay(ctx.now)
  const files = scope.members
    .map((m) => {
      const docs = scope.docs.get(m._id) ?? {}
      const list = fileProblems(fileState(m, docs, 0), docs, scope.settings.development, scope.calendar, today)
      return {
        memberId: m._id,
        name: m.name,
        className: m.className,
        branchName: branchNameOf(scope, m.branchId),
        stageLabel: STAGE_LABELS[m.stage],
        problems: list,
      }
    })
    .filter((f) => f.problems.length > 0)
    .sort((a, b) => b.problems.length - a.problems.length || a.name.localeCompare(b.name, 'zh-CN'))
  return { scopeLabel: scope.scopeLabel, files, checked: scope.members.length }
}

// ------------------------------------------------------------------------------------------------
// Rules and calendar

function calendarView(year: number, own: WorkCalendarDoc | null, canEdit: boolean): CalendarView {
  const national = NATIONAL_CALENDARS.find((y) => y.year === year) ?? null
  const used = own ?? national
  return {
    year,
    configured: Boolean(used),
    origin: own ? 'college' : national ? 'national' : 'none',
    originLabel: own
      ? `院党委维护（${own.updatedByName}）`
      : national
        ? '国家节假日安排'
        : '尚未配置：公示期只按周末计算，并会提示',
    source: used?.source ?? '',
    holidays: used?.holidays ?? [],
    workdays: used?.workdays ?? [],
    canEdit,
  }
}

async function calendar(params: { year: number }, ctx: CallContext): Promise<CalendarView> {
  const caller = await requireCaller(ctx)
  const own = await getById<WorkCalendarDoc>('workCalendars', `${caller.member.collegeId}:${params.year}`)
  return calendarView(params.year, own, hasRole(caller, 'committee'))
}

async function saveCalendar(
  params: { year: number; holidays: string[]; workdays: string[]; source: string },
  ctx: CallContext,
): Promise<CalendarView> {
  const caller = await requireCaller(ctx)
  if (!hasRole(caller, 'committee')) throw new AppError('FORBIDDEN', '只有院党委可以维护工作日历')
  const wrongYear = [...params.holidays, ...params.workdays].find((d) => Number(d.slice(0, 4)) !== params.year)
  if (wrongYear) throw new AppError('INVALID_ARGUMENT', `${formatDay(wrongYear)} 不在 ${params.year} 年`)
  const both = params.holidays.find((d) => params.workdays.includes(d))
  if (both) throw new AppError('INVALID_ARGUMENT', `${formatDay(both)} 不能既放假又上班`)
  await assertTextSafe(params.source, caller.openid)
  const id = `${caller.member.collegeId}:${params.year}`
  const before = await getById<WorkCalendarDoc>('workCalendars', id)
  const doc: Omit<WorkCalendarDoc, '_id'> = {
    collegeId: caller.member.collegeId,
    year: params.year,
    holidays: [...new Set(params.holidays)].sort(),
    workdays: [...new Set(params.workdays)].sort(),
    source: params.source,
    updatedBy: caller.memberId,
    updatedByName: caller.member.name,
    updatedAt: ctx.now,
  }
  await transaction(async (tx) => {
    await tx.collection('workCalendars').doc(id).set({ data: doc })
    await auditInTx(
      tx,
      auditEntry(
        caller,
        'development.saveCalendar',
        null,
        {
          summary: `维护 ${params.year} 年工作日历：放假 ${doc.holidays.length} 天，调休上班 ${doc.workdays.length} 天`,
          before: before ? { holidays: before.holidays, workdays: before.workdays, source: before.source } : null,
          after: { holidays: doc.holidays, workdays: doc.workdays, source: doc.source },
        },
        ctx.now,
      ),
    )
  })
  return calendarView(params.year, { _id: id, ...doc }, true)
}

// ------------------------------------------------------------------------------------------------
// The 全程纪实表

async function exportFile(
  params: { memberId?: string; format: DocumentFormat },
  ctx: CallContext,
): Promise<ExportResult> {
  const l = await loadFile(ctx, params.memberId)
  const reports = await approvedReports({ memberId: l.member._id }, 200)
  const file = view(l, ctx.now)
  return exportDocument({
    spec: recordSheet(file, archived(reports)),
    format: params.format,
    caller: l.caller,
    now: ctx.now,
    folder: 'records',
    fileName: `${l.member.name}发展党员全程纪实表`,
    audit: {
      action: 'development.exportFile',
      targetId: l.member._id,
      summary: `导出${l.member.name}的发展党员全程纪实表`,
    },
  })
}

/**
 * A branch's files as a .zip: one 全程纪实表 per member (.docx or PDF), named by student number and name, so
 * each can be filed, printed or sent on its own. One audit entry names every member exported.
 */
async function exportBranch(
  params: { branchId?: string; format: DocumentFormat },
  ctx: CallContext,
): Promise<ExportResult> {
  const scope = await loadScope(ctx, params.branchId, ['applicant', 'activist', 'candidate', 'probationary', 'full'])
  if (!scope.branchId) throw new AppError('INVALID_ARGUMENT', '请选择要导出的支部')
  const branchId = scope.branchId
  const reports = await approvedReports({ branchId }, 1000)
  const today = chinaDay(ctx.now)
  const members = scope.members.slice().sort((a, b) => a.studentNo.localeCompare(b.studentNo))
  if (members.length === 0)
    throw new AppError('FAILED_PRECONDITION', `${scope.scopeLabel}目前没有发展中的成员，无需导出`)
  const entries: Record<string, Uint8Array> = {}
  for (const m of members) {
    const mine = reports.filter((r) => r.memberId === m._id)
    const file = buildFile({
      member: { ...m, stageDates: m.stageDates ?? {} },
      branchName: scope.scopeLabel,
      docs: scope.docs.get(m._id) ?? {},
      approvedReports: mine.length,
      dev: scope.settings.development,
      calendar: scope.calendar,
      today,
      canManage: true,
      isOwn: false,
    })
    const name = `${m.studentNo}${m.name}发展党员全程纪实表.${params.format}`.replace(/[\\/:*?"<>|\n\r]/g, '_')
    entries[name] = await renderDocument(recordSheet(file, archived(mine)), params.format)
  }
  return saveGeneratedFile({
    content: Buffer.from(zipSync(entries, { level: 6, mtime: ctx.now })),
    format: 'zip',
    caller: scope.caller,
    now: ctx.now,
    folder: 'records',
    fileName: `${scope.scopeLabel}发展党员全程纪实表`,
    audit: {
      action: 'development.exportBranch',
      targetId: branchId,
      summary: `导出${scope.scopeLabel}的发展党员全程纪实表（${members.length} 人，每人一份${params.format === 'pdf' ? ' PDF' : ' Word 文档'}）`,
      detail: { memberIds: members.map((m) => m._id), documents: params.format },
    },
  })
}

export const main = defineFunction<DevelopmentContract>('development', developmentSchemas, {
  exportFile,
  exportBranch,
  file,
  recordStep,
  saveMaterial,
  checkMaterial,
  materialFiles,
  upcoming,
  problems,
  rules: (_params, ctx) => rulesView(ctx),
  saveRule,
  addMaterial,
  removeMaterial,
  calendar,
  saveCalendar,
})
