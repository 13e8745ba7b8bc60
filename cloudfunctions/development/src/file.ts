/**
 * A member's development file: the stored steps (`devSteps`, one document per member and step, `_id`
 * `<memberId>:<NN>`), read as the state the rules judge and shown as the 25 steps with their materials,
 * where the member is, what comes next and from which day, and what is wrong with the file.
 */
import { STAGE_LABELS, STAGES, type DevelopmentSettings, type Stage, type StageDates } from '../../_shared/domain'
import type { MemberDoc } from '../../_shared/models'
import { addDays } from '../../_shared/time'
import { type WorkCalendar, type YearCalendar } from './calendar'
import type { FileProblem, FileView, MaterialView, PhaseView, Position, RuleView, StepView } from './contract'
import {
  addMonths,
  formatDay,
  judgeStep,
  orderProblems,
  probationEnd,
  resolveRules,
  stageProblem,
  type FileState,
  type RuleDef,
  type StepFacts,
  type StepPerson,
} from './rules'
import { PERSON_ROLE_LABELS, PHASES, STEPS, stepDef, stepId, stepsAfter, type MaterialDef, type StepNo } from './steps'

export interface MaterialDoc {
  fileIDs: string[]
  /** The date on the document (signing date, meeting date). */
  date: string
  generated?: boolean
  uploadedBy: string | null
  uploadedByName: string
  uploadedAt: Date
  checkedBy: string | null
  checkedByName: string | null
  checkedAt: Date | null
  override?: { reason: string; rules: string[] } | null
}

export interface DevStepDoc {
  _id: string
  memberId: string
  collegeId: string
  branchId: string | null
  step: StepNo
  /** Null while only materials of the step are on file. */
  date: string | null
  people: StepPerson[]
  /** Step 11 keeps its hours in `facts.trainingHours` (read by the training-hours count, issue #19). */
  facts: StepFacts
  materials: Record<string, MaterialDoc>
  /** Warnings recorded anyway (their sentences and rule ids) and why. */
  override: { reason: string; rules: string[]; ruleIds?: string[] } | null
  recordedBy: string | null
  recordedByName: string | null
  recordedAt: Date | null
  updatedAt: Date
}

/** `workCalendars`: a college's own arrangement of a year (`_id` `<collegeId>:<year>`). */
export interface WorkCalendarDoc extends YearCalendar {
  _id: string
  collegeId: string
  updatedBy: string
  updatedByName: string
  updatedAt: Date
}

export type StepDocs = Partial<Record<StepNo, DevStepDoc>>

/** A step with nothing on file yet (materials or a date are added to it). */
export function emptyStep(
  member: Pick<MemberDoc, '_id' | 'collegeId' | 'branchId'>,
  no: StepNo,
  now: Date,
): DevStepDoc {
  return {
    _id: stepId(member._id, no),
    memberId: member._id,
    collegeId: member.collegeId,
    branchId: member.branchId,
    step: no,
    date: null,
    people: [],
    facts: {},
    materials: {},
    override: null,
    recordedBy: null,
    recordedByName: null,
    recordedAt: null,
    updatedAt: now,
  }
}

export function byStep(docs: readonly DevStepDoc[]): StepDocs {
  const out: StepDocs = {}
  for (const d of docs) out[d.step] = d
  return out
}

/**
 * The steps are the one record of a member's development: every date comes from them (the member's
 * `stage`/`stageDates` are a projection the step recorder writes in the same transaction).
 */
export function fileState(
  member: Pick<MemberDoc, 'name' | 'stage'>,
  docs: StepDocs,
  approvedReports: number,
): FileState {
  const state: FileState = { name: member.name, stage: member.stage, dates: {}, facts: {}, approvedReports }
  for (const def of STEPS) {
    const doc = docs[def.no]
    const date = doc?.date ?? undefined
    if (date) state.dates[def.no] = date
    if (doc?.facts) state.facts[def.no] = doc.facts
  }
  return state
}

/**
 * The member's `stage` and `stageDates` as the steps set them: the roster filter, the dashboard and the
 * report calendar read this projection, which only the step recorder writes (in the same transaction).
 * The stage never moves back here (a stage reached without a dated step, e.g. from the roster, stays).
 */
export function stageProjection(docs: StepDocs, current: Stage): { stage: Stage; stageDates: StageDates } {
  const stageDates: StageDates = {}
  let stage = current
  for (const def of STEPS) {
    const date = docs[def.no]?.date
    if (!def.setsStage || !date) continue
    stageDates[def.setsStage] = date
    if (STAGES.indexOf(def.setsStage) > STAGES.indexOf(stage)) stage = def.setsStage
  }
  return { stage, stageDates }
}

export function materialsOf(no: StepNo, dev: DevelopmentSettings): (MaterialDef & { local: boolean })[] {
  const national = stepDef(no).materials.map((m) => ({ ...m, local: false }))
  const extra = (dev.extraMaterials ?? [])
    .filter((e) => e.step === no)
    .map((e) => ({ id: e.id, label: e.label, byApplicant: false, generated: false, local: true }))
  return [...national, ...extra]
}

export function ruleView(rule: RuleDef): RuleView {
  return {
    id: rule.id,
    step: rule.step,
    label: rule.label,
    severity: rule.severity,
    severityLabel: rule.severity === 'block' ? '必须遵守' : '提醒（可说明理由后办理）',
    value: rule.value ?? null,
    unit: rule.unit ?? null,
    text: rule.source.text,
    article: rule.source.article,
    configurable: rule.configurable,
  }
}

export function factLines(no: StepNo, facts: StepFacts | undefined): string[] {
  if (!facts) return []
  const out: string[] = []
  const p = facts.publicity
  if (p)
    out.push(
      `公示 ${formatDay(p.start)} 至 ${formatDay(p.end)}，反映问题 ${p.objections} 件${p.handling ? `（${p.handling}）` : ''}`,
    )
  const v = facts.vote
  if (v)
    out.push(
      `应到 ${v.expected} 人，实到 ${v.present} 人；赞成 ${v.for}，反对 ${v.against}，弃权 ${v.abstain}${v.writtenFor ? `；书面赞成 ${v.writtenFor}` : ''}`,
    )
  if (no === 11 && (facts.trainingHours !== undefined || facts.trainingDays !== undefined)) {
    out.push(
      `集中培训${facts.trainingDays ? ` ${facts.trainingDays} 天` : ''}${facts.trainingHours !== undefined ? ` ${facts.trainingHours} 学时` : ''}`,
    )
  }
  if (facts.assessments?.length)
    out.push(`考察 ${facts.assessments.length} 次：${facts.assessments.map(formatDay).join('、')}`)
  if (facts.leavesOn) out.push(`预计离校：${formatDay(facts.leavesOn)}`)
  if (facts.extensionMonths)
    out.push(
      `延长预备期 ${facts.extensionMonths} 个月${facts.extensionDecidedOn ? `（${formatDay(facts.extensionDecidedOn)} 支部大会决定）` : ''}`,
    )
  return out
}

const FACT_ASKS: Record<string, string> = {
  publicity: '公示',
  vote: '表决',
  training: '培训',
  assessments: '考察',
  leaving: '离校',
  extension: '延长预备期',
}

/** The first day `no` may be recorded on by the time rules (null: no time rule, or a date is missing). */
export function eligibleFrom(state: FileState, no: StepNo, rules: Map<string, RuleDef>): string | null {
  const v = (id: string) => rules.get(id)?.value ?? 0
  const afterDates = stepDef(no)
    .after.map((s) => state.dates[s])
    .filter((d): d is string => Boolean(d))
  let from = afterDates.length ? afterDates.sort()[afterDates.length - 1] : null
  const later = (d: string | null) => {
    if (d && (!from || d > from)) from = d
  }
  if (no === 7 && state.dates[3]) later(addMonths(state.dates[3], v('activist-year')))
  if (no === 8 && state.facts[7]?.publicity?.end) later(addDays(state.facts[7].publicity.end, 1))
  const ends = probationEnd(state, rules)
  if (no === 22 && ends) later(addDays(ends, -v('application-lead')))
  if (no === 23 && ends) later(addDays(ends, 1))
  return from
}

export interface FileContext {
  member: MemberDoc
  branchName: string
  docs: StepDocs
  approvedReports: number
  dev: DevelopmentSettings
  calendar: WorkCalendar
  today: string
  canManage: boolean
  isOwn: boolean
}

function materialView(
  def: MaterialDef & { local: boolean },
  doc: MaterialDoc | undefined,
  ctx: FileContext,
): MaterialView {
  const status = doc?.checkedBy ? 'checked' : doc ? 'present' : 'missing'
  return {
    id: def.id,
    label: def.label,
    status,
    statusLabel:
      status === 'checked'
        ? `已核对（${doc?.checkedByName ?? ''}）`
        : status === 'present'
          ? '已上传，待核对'
          : def.generated
            ? '由系统生成'
            : '缺少',
    date: doc?.date ?? null,
    files: doc?.fileIDs.length ?? 0,
    generated: Boolean(def.generated),
    local: def.local,
    uploadedBy: doc?.uploadedByName ?? null,
    checkedBy: doc?.checkedByName ?? null,
    canUpload: !def.generated && ((ctx.canManage && !ctx.isOwn) || (ctx.isOwn && def.byApplicant)),
    canCheck: Boolean(doc) && !doc?.checkedBy && ctx.canManage && !ctx.isOwn,
  }
}

/** Materials of done steps (and generated ones aside) that are not on file, named with their step. */
export function missingMaterials(
  state: FileState,
  docs: StepDocs,
  dev: DevelopmentSettings,
): { step: StepNo; label: string }[] {
  const out: { step: StepNo; label: string }[] = []
  for (const def of STEPS) {
    if (!state.dates[def.no]) continue
    for (const mat of materialsOf(def.no, dev)) {
      if (!mat.generated && !docs[def.no]?.materials?.[mat.id]) out.push({ step: def.no, label: mat.label })
    }
  }
  return out
}

/** Everything wrong with a file, each saying what to fix. */
export function fileProblems(
  state: FileState,
  docs: StepDocs,
  dev: DevelopmentSettings,
  calendar: WorkCalendar,
  today: string,
): FileProblem[] {
  const rules = resolveRules(dev)
  const out: FileProblem[] = []
  const recorded = STEPS.filter((s) => state.dates[s.no])
  const lastRecorded = recorded.length ? recorded[recorded.length - 1].no : 0
  for (const def of STEPS) {
    const date = state.dates[def.no]
    if (!date) {
      // A step before the last recorded one that is missing: skipped.
      if (def.no < lastRecorded && stepsAfter(def.no).some((s) => state.dates[s])) {
        out.push({
          step: def.no,
          kind: 'skipped',
          fix: `第 ${def.no} 步「${def.label}」未登记，后续步骤已经办理：请补登该步骤的日期和材料`,
        })
      }
      continue
    }
    // Order: each step against the steps it rests on (one sentence per pair).
    for (const message of orderProblems({ ...state, dates: pick(state.dates, def.after) }, def.no, date)) {
      out.push({ step: def.no, kind: 'order', fix: `${message}，并更正其中错误的日期` })
    }
    const doc = docs[def.no]
    const input = { date, people: doc?.people ?? [], facts: doc?.facts ?? {} }
    // Stage steps recorded before the file existed have no facts: their rules are checked when recorded.
    if (!doc?.recordedAt) continue
    const judged = judgeStep(
      { ...state, dates: withoutLater(state.dates, def.no) },
      def.no,
      input,
      today,
      rules,
      calendar,
    )
    const overridden = new Set(doc.override?.ruleIds ?? [])
    for (const f of [...judged.blocks, ...judged.warnings]) {
      // Order is checked pair by pair above; the report count changes after the step and is judged when it is recorded.
      if (f.ruleId === 'order' || f.ruleId === 'not-future' || f.ruleId === 'reports-before-admission') continue
      if (f.severity === 'warn' && overridden.has(f.ruleId)) continue
      out.push({ step: def.no, kind: 'rule', fix: `第 ${def.no} 步：${f.message}` })
    }
  }
  for (const m of missingMaterials(state, docs, dev))
    out.push({ step: m.step, kind: 'material', fix: `第 ${m.step} 步缺少「${m.label}」：请上传签字页照片或 PDF` })
  return out
}

function pick(dates: FileState['dates'], steps: StepNo[]): FileState['dates'] {
  const out: FileState['dates'] = {}
  for (const s of steps) if (dates[s]) out[s] = dates[s]
  return out
}

function withoutLater(dates: FileState['dates'], no: StepNo): FileState['dates'] {
  const out: FileState['dates'] = {}
  for (const [k, v] of Object.entries(dates)) if (Number(k) < no) out[Number(k) as StepNo] = v
  return out
}

/** The first step after the last recorded one that the member's stage allows (gaps before it are problems). */
function nextStep(state: FileState): StepNo | null {
  const recorded = STEPS.filter((s) => state.dates[s.no])
  const last = recorded.length ? recorded[recorded.length - 1].no : 0
  for (const def of STEPS) {
    if (last > 0 && def.no <= last && !isParallelOpen(state, def.no, last as StepNo)) continue
    if (state.dates[def.no]) continue
    if (stageProblem(state, def.no)) continue
    return def.no
  }
  return null
}

/** Steps of one stage run side by side (4, 5, 6; 8–11): an open one in the current stage is still next. */
function isParallelOpen(state: FileState, no: StepNo, last: StepNo): boolean {
  const stageSteps = STEPS.filter((s) => s.setsStage && state.dates[s.no])
  const lastStage = stageSteps.length ? stageSteps[stageSteps.length - 1].no : 0
  return (
    no > lastStage &&
    stepDef(no).phase === stepDef(last).phase &&
    !state.dates[no] &&
    !stepsAfter(no).some((s) => state.dates[s])
  )
}

export function position(state: FileState, docs: StepDocs, dev: DevelopmentSettings, today: string): Position {
  const rules = resolveRules(dev)
  const done = STEPS.filter((s) => state.dates[s.no])
  const last = done[done.length - 1]
  const where = last
    ? `${STAGE_LABELS[state.stage]} · 已完成第 ${last.no} 步「${last.label}」`
    : `${STAGE_LABELS[state.stage]} · 尚未递交入党申请书`
  const no = nextStep(state)
  const missing = missingMaterials(state, docs, dev).map((m) => `第 ${m.step} 步：${m.label}`)
  if (!no) return { where, next: null, missing }
  const def = stepDef(no)
  const from = eligibleFrom(state, no, rules)
  const waiting: string[] = []
  for (const a of def.after) if (!state.dates[a]) waiting.push(`等待第 ${a} 步「${stepDef(a).label}」完成`)
  const fromText = !from
    ? def.after.length
      ? '前一步完成后即可办理'
      : '现在即可办理'
    : from > today
      ? `${formatDay(from)} 起可以办理`
      : `自 ${formatDay(from)} 起已可办理`
  return { where, next: { step: no, label: def.label, from, fromText, waiting }, missing }
}

export function buildFile(ctx: FileContext): FileView {
  const { member, docs, dev, today } = ctx
  const state = fileState(member, docs, ctx.approvedReports)
  const rules = resolveRules(dev)
  const next = nextStep(state)
  const rulesOf = (no: StepNo) =>
    [...rules.values()].filter((r) => r.step === no && r.id !== 'order' && r.id !== 'not-future').map(ruleView)
  const steps: StepView[] = STEPS.map((def) => {
    const doc = docs[def.no]
    const date = state.dates[def.no] ?? null
    const facts = doc?.facts
    return {
      no: def.no,
      label: def.label,
      state: date ? 'done' : def.no === next ? 'next' : 'upcoming',
      date,
      people: (doc?.people ?? []).map((p) => ({ roleLabel: PERSON_ROLE_LABELS[p.role], name: p.name })),
      facts: factLines(def.no, facts),
      raw: {
        trainingHours: facts?.trainingHours ?? null,
        trainingDays: facts?.trainingDays ?? null,
        publicityStart: facts?.publicity?.start ?? null,
        publicityEnd: facts?.publicity?.end ?? null,
        publicityObjections: facts?.publicity?.objections ?? null,
        publicityHandling: facts?.publicity?.handling || null,
        vote: facts?.vote
          ? {
              expected: facts.vote.expected,
              present: facts.vote.present,
              for: facts.vote.for,
              against: facts.vote.against,
              abstain: facts.vote.abstain,
            }
          : null,
        assessments: facts?.assessments ?? [],
        leavesOn: facts?.leavesOn ?? null,
        extensionMonths: facts?.extensionMonths ?? null,
        extensionDecidedOn: facts?.extensionDecidedOn ?? null,
      },
      override: doc?.override ?? null,
      recordedBy: doc?.recordedByName ?? null,
      materials: materialsOf(def.no, dev).map((mat) => materialView(mat, doc?.materials?.[mat.id], ctx)),
      asks: {
        people: def.people
          ? {
              role: def.people.role,
              roleLabel: PERSON_ROLE_LABELS[def.people.role],
              min: def.people.min,
              max: def.people.max,
            }
          : null,
        facts: (def.facts ?? []).map((f) => FACT_ASKS[f]),
      },
      rules: rulesOf(def.no),
      canRecord: ctx.canManage && !ctx.isOwn && !stageProblem(state, def.no),
    }
  })
  const phases: PhaseView[] = PHASES.map((label, i) => ({
    no: i + 1,
    label,
    steps: steps.filter((s) => stepDef(s.no).phase === i + 1),
  }))
  return {
    member: {
      id: member._id,
      name: member.name,
      className: member.className,
      branchName: ctx.branchName,
      stage: member.stage as Stage,
      stageLabel: STAGE_LABELS[member.stage],
    },
    canManage: ctx.canManage,
    isOwn: ctx.isOwn,
    today,
    position: position(state, docs, dev, today),
    phases,
    problems: fileProblems(state, docs, dev, ctx.calendar, today),
    probationEnds: probationEnd(state, rules),
  }
}
