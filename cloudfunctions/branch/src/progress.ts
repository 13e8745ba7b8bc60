/**
 * A member's development as the branch workspace shows it (member page, 自查, reminders), read from
 * the development file's steps (`devSteps`), the one record of it: the five stage dates are the dates
 * of the steps that set them, assessments are step 6's, an extension of the probation is step 21's.
 * The rules are the file's (`development/src/rules.ts`); nothing here decides on its own.
 */
import { STAGE_LABELS, STAGES, type DevelopmentSettings, type Stage, type StageDates } from '../../_shared/domain'
import type { MemberDoc } from '../../_shared/models'
import { addDays, addMonths, chinaDay, formatDay, iso } from '../../_shared/time'
import { WorkCalendar } from '../../development/src/calendar'
import { byStep, eligibleFrom, factLines, fileState, type DevStepDoc, type StepDocs } from '../../development/src/file'
import { judgeStep, probationEnd, resolveRules, type FileState, type RuleDef } from '../../development/src/rules'
import { STAGE_STEP, stepDef, type StepNo } from '../../development/src/steps'
import {
  STEP_STAGES,
  type DevelopmentFacts,
  type EventKind,
  type NextMove,
  type StepStage,
  type TimelineEvent,
  type TimelineResult,
  type TimelineStep,
} from './contract'
import type { Workspace } from './context'
import { memberBrief } from './model'

export type { DevStepDoc, StepDocs }
export { byStep }

/** 12 → 一年, 6 → 半年, 18 → 18 个月. */
export function monthsText(months: number): string {
  if (months === 12) return '一年'
  if (months === 24) return '两年'
  if (months === 6) return '半年'
  return `${months} 个月`
}

/** The rules a member's readiness for the next stage depends on (not the facts typed when recording it). */
const READINESS_RULES = new Set([
  'activist-year',
  'reports-before-admission',
  'political-review',
  'preview-first',
  'probation-ended',
])

/** Everything the views below need about one member. */
export interface Progress {
  member: Pick<MemberDoc, 'name' | 'stage'>
  state: FileState
  docs: StepDocs
  rules: Map<string, RuleDef>
}

export function progressOf(
  member: Pick<MemberDoc, 'name' | 'stage'>,
  docs: StepDocs,
  approvedReports: number,
  dev: DevelopmentSettings,
): Progress {
  return { member, state: fileState(member, docs, approvedReports), docs, rules: resolveRules(dev) }
}

export function ruleValue(rules: Map<string, RuleDef>, id: string): number {
  return rules.get(id)?.value ?? 0
}

/** The five stage dates, from the steps that set them. */
export function stageDatesOf(p: Progress): StageDates {
  const out: StageDates = {}
  for (const stage of STEP_STAGES) {
    const date = p.state.dates[STAGE_STEP[stage]]
    if (date) out[stage] = date
  }
  return out
}

function nextStage(stage: Stage): StepStage | null {
  const next = STAGES[STAGES.indexOf(stage) + 1]
  return next ? (next as StepStage) : null
}

export function buildSteps(p: Progress): TimelineStep[] {
  const current = STAGES.indexOf(p.member.stage)
  return STEP_STAGES.map((stage) => {
    const index = STAGES.indexOf(stage)
    const state = index < current ? 'done' : index === current ? 'current' : 'upcoming'
    const no = STAGE_STEP[stage]
    const doc = p.docs[no]
    return {
      stage,
      stageLabel: STAGE_LABELS[stage],
      label: stepDef(no).label,
      date: state === 'upcoming' ? null : (p.state.dates[no] ?? null),
      state,
      basis: state === 'upcoming' ? null : factLines(no, doc?.facts).join('；') || null,
      eventId: doc?.recordedAt ? doc._id : null,
      overridden: Boolean(doc?.override),
    }
  })
}

/** The next stage, the first day its time rules allow it, and what stands in the way today. */
export function nextMove(p: Progress, today: string): NextMove | null {
  const to = nextStage(p.member.stage)
  if (!to) return null
  const no = STAGE_STEP[to]
  const judged = judgeStep(p.state, no, { date: today, people: [], facts: {} }, today, p.rules, WorkCalendar.of([]))
  return {
    to,
    toLabel: STAGE_LABELS[to],
    eligibleOn: eligibleFrom(p.state, no, p.rules),
    blockers: [...judged.blocks, ...judged.warnings].filter((f) => READINESS_RULES.has(f.ruleId)).map((f) => f.message),
  }
}

export function developmentFacts(p: Progress, today: string): DevelopmentFacts {
  const { state, rules } = p
  let assessment: DevelopmentFacts['assessment'] = null
  if (p.member.stage === 'activist') {
    const since = state.dates[3] ?? ''
    const mine = (state.facts[6]?.assessments ?? []).filter((d) => d >= since).sort()
    const last = mine[mine.length - 1] ?? state.dates[3] ?? null
    const nextDue = last ? addMonths(last, ruleValue(rules, 'assessment-interval')) : null
    assessment = { count: mine.length, last, nextDue, overdue: nextDue !== null && nextDue < today }
  }
  let probation: DevelopmentFacts['probation'] = null
  if (p.member.stage === 'probationary') {
    const ends = probationEnd(state, rules)
    const extended = state.facts[21]?.extensionMonths ?? 0
    probation = {
      start: state.dates[15] ?? null,
      extendedMonths: extended,
      extensions: extended ? 1 : 0,
      ends,
      applicationDue: ends ? addDays(ends, -ruleValue(rules, 'application-lead')) : null,
    }
  }
  return { assessment, probation, approvedReports: state.approvedReports }
}

function eventKind(no: StepNo): EventKind {
  if (no === 6) return 'assess'
  if (no === 21) return 'extend'
  return stepDef(no).setsStage ? 'advance' : 'record'
}

/** The recorded steps, newest first (dates carried over from before the file have no record). */
export function stepEvents(p: Progress): TimelineEvent[] {
  return Object.values(p.docs)
    .filter((d): d is DevStepDoc => Boolean(d?.recordedAt && d.date))
    .sort((a, b) => new Date(b.recordedAt as Date).getTime() - new Date(a.recordedAt as Date).getTime())
    .map((d) => {
      const def = stepDef(d.step)
      const months = d.step === 21 ? (d.facts.extensionMonths ?? null) : null
      return {
        id: d._id,
        kind: eventKind(d.step),
        title: months ? `延长预备期 ${months} 个月` : `第 ${d.step} 步：${def.label}`,
        step: (def.setsStage as StepStage | undefined) ?? null,
        from: p.member.stage,
        to: p.member.stage,
        date: d.step === 21 ? (d.facts.extensionDecidedOn ?? (d.date as string)) : (d.date as string),
        previousDate: null,
        months,
        basis: factLines(d.step, d.facts).join('；') || '记入发展纪实',
        override: d.override ? { reason: d.override.reason, rules: d.override.rules } : null,
        reason: null,
        corrects: null,
        correctedBy: null,
        active: true,
        actorName: d.recordedByName ?? '',
        at: iso(d.recordedAt) ?? '',
      }
    })
}

/** The member page's and 自查's development part (TimelineResult), from the member's steps. */
export function buildTimeline(
  ws: Workspace,
  member: MemberDoc,
  docs: StepDocs,
  approved: number,
  now: Date,
  canManage: boolean,
  suggestions: string[],
): TimelineResult {
  const dev = ws.settings.development
  const today = chinaDay(now)
  const p = progressOf(member, docs, approved, dev)
  return {
    member: { ...memberBrief(member, ws.branches), stageDates: stageDatesOf(p) },
    steps: buildSteps(p),
    events: stepEvents(p),
    next: nextMove(p, today),
    facts: developmentFacts(p, today),
    basisSuggestions: suggestions,
    canManage,
    rules: {
      activistMonths: ruleValue(p.rules, 'activist-year'),
      probationMonths: ruleValue(p.rules, 'probation-ended'),
      extensionMinMonths: dev.extensionMinMonths,
      extensionMaxMonths: dev.extensionMaxMonths,
      reportsBeforeAdmission: ruleValue(p.rules, 'reports-before-admission'),
    },
  }
}

export { formatDay }
