/**
 * The rules of the development process (domain.md), as pure functions of a member's stage dates,
 * their records and the college's `DevelopmentSettings`. Two kinds:
 * - problems: a move that makes no sense (skipping a stage, a date in the future or before the
 *   previous step) — refused outright;
 * - breaches: a rule of the process (one year as activist, the probationary year, four approved
 *   reports, one extension of 6–12 months) — refused unless overridden with a reason, which is kept.
 */
import {
  STAGE_LABELS,
  STAGES,
  STEP_LABELS,
  type DevelopmentSettings,
  type Stage,
  type StageDates,
} from '../../_shared/domain'
import { daysBetween } from '../../_shared/periods'
import { addDays, addMonths, formatDay } from '../../_shared/time'
import { STEP_STAGES, type DevelopmentFacts, type NextMove, type StepStage, type TimelineStep } from './contract'
import type { StageEventDoc } from './model'

export interface MemberState {
  name: string
  stage: Stage
  stageDates: StageDates
}

/** What the rules need to know besides the member's dates. */
export interface RuleFacts {
  approvedReports: number
  /** Months of each active probation extension. */
  extensions: number[]
  /** Days of each active assessment. */
  assessments: string[]
}

export { addMonths, formatDay }

/** 12 → 一年, 6 → 半年, 18 → 18 个月. */
export function monthsText(months: number): string {
  if (months === 12) return '一年'
  if (months === 24) return '两年'
  if (months === 6) return '半年'
  return `${months} 个月`
}

function timesText(n: number): string {
  return n === 1 ? '一次' : n === 2 ? '两次' : `${n} 次`
}

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage)
}

export function nextStage(stage: Stage): StepStage | null {
  const next = STAGES[stageIndex(stage) + 1]
  return next ? (next as StepStage) : null
}

export function previousStage(stage: Stage): Stage {
  return STAGES[Math.max(0, stageIndex(stage) - 1)]
}

export function hasReached(member: Pick<MemberState, 'stage'>, step: Stage): boolean {
  return stageIndex(step) <= stageIndex(member.stage)
}

// ------------------------------------------------------------------------------------------------
// Probation and assessments

export function probationEnds(start: string, dev: DevelopmentSettings, extensions: readonly number[]): string {
  return addMonths(start, dev.probationMonths + extensions.reduce((a, b) => a + b, 0))
}

export function developmentFacts(
  member: MemberState,
  facts: RuleFacts,
  dev: DevelopmentSettings,
  today: string,
): DevelopmentFacts {
  return {
    assessment: assessmentFacts(member, facts.assessments, dev, today),
    probation: probationFacts(member, facts.extensions, dev),
    approvedReports: facts.approvedReports,
  }
}

function assessmentFacts(
  member: MemberState,
  assessments: readonly string[],
  dev: DevelopmentSettings,
  today: string,
): DevelopmentFacts['assessment'] {
  if (member.stage !== 'activist') return null
  const since = member.stageDates.activist ?? ''
  const mine = assessments.filter((d) => d >= since).sort()
  const last = mine[mine.length - 1] ?? member.stageDates.activist ?? null
  const nextDue = last ? addMonths(last, dev.assessmentMonths) : null
  return { count: mine.length, last, nextDue, overdue: nextDue !== null && nextDue < today }
}

function probationFacts(
  member: MemberState,
  extensions: readonly number[],
  dev: DevelopmentSettings,
): DevelopmentFacts['probation'] {
  if (member.stage !== 'probationary') return null
  const start = member.stageDates.probationary ?? null
  const ends = start ? probationEnds(start, dev, extensions) : null
  return {
    start,
    extendedMonths: extensions.reduce((a, b) => a + b, 0),
    extensions: extensions.length,
    ends,
    applicationDue: ends ? addDays(ends, -dev.conversionLeadDays) : null,
  }
}

// ------------------------------------------------------------------------------------------------
// Moving to the next stage

/** Why a move into `to` on `date` cannot be recorded at all, or null. */
export function advanceProblem(member: MemberState, to: StepStage, date: string, today: string): string | null {
  const next = nextStage(member.stage)
  if (!next) return `${member.name}已是正式党员，没有下一个发展阶段`
  if (to !== next) return `${member.name}目前是${STAGE_LABELS[member.stage]}，只能转入下一阶段「${STAGE_LABELS[next]}」`
  if (date > today) return '日期不能晚于今天'
  const current = member.stage === 'masses' ? undefined : member.stageDates[member.stage]
  if (current && date < current)
    return `日期不能早于${STEP_LABELS[member.stage as StepStage]}的日期（${formatDay(current)}）`
  return null
}

/** The first day the time rules allow a move into `to`, or null when no time rule applies (or a date is missing). */
export function eligibleOn(
  member: MemberState,
  to: StepStage,
  dev: DevelopmentSettings,
  facts: Pick<RuleFacts, 'extensions'>,
): string | null {
  const dates = member.stageDates
  if (to === 'candidate') return dates.activist ? addMonths(dates.activist, dev.activistMonths) : null
  if (to === 'full') return dates.probationary ? probationEnds(dates.probationary, dev, facts.extensions) : null
  return null
}

/** Rules of the process a move into `to` on `date` breaks (empty when it follows them all). */
export function advanceBreaches(
  member: MemberState,
  to: StepStage,
  date: string,
  dev: DevelopmentSettings,
  facts: RuleFacts,
): string[] {
  const dates = member.stageDates
  switch (to) {
    case 'candidate': {
      if (!dates.activist)
        return [`未登记确定为入党积极分子的日期，无法核对“满${monthsText(dev.activistMonths)}”的要求`]
      const from = addMonths(dates.activist, dev.activistMonths)
      if (date >= from) return []
      return [
        `确定为入党积极分子满${monthsText(dev.activistMonths)}方可列为发展对象（${member.name}于 ${formatDay(dates.activist)} 确定，${formatDay(from)} 满${monthsText(dev.activistMonths)}）`,
      ]
    }
    case 'probationary':
      if (facts.approvedReports >= dev.reportsBeforeAdmission) return []
      return [
        `发展对象须有至少 ${dev.reportsBeforeAdmission} 篇审阅通过的思想汇报，${member.name}目前有 ${facts.approvedReports} 篇`,
      ]
    case 'full': {
      if (!dates.probationary) return ['未登记接收为预备党员的日期，无法核对预备期是否期满']
      const ends = probationEnds(dates.probationary, dev, facts.extensions)
      if (date >= ends) return []
      return [`预备期满方可转为正式党员：${member.name}的预备期至 ${formatDay(ends)} 期满`]
    }
    default:
      return []
  }
}

export function nextMove(
  member: MemberState,
  dev: DevelopmentSettings,
  facts: RuleFacts,
  today: string,
): NextMove | null {
  const to = nextStage(member.stage)
  if (!to) return null
  return {
    to,
    toLabel: STAGE_LABELS[to],
    eligibleOn: eligibleOn(member, to, dev, facts),
    blockers: advanceBreaches(member, to, today, dev, facts),
  }
}

// ------------------------------------------------------------------------------------------------
// Assessments and extensions

export function assessProblem(member: MemberState, date: string, today: string): string | null {
  if (member.stage !== 'activist')
    return `只有入党积极分子需要登记考察，${member.name}目前是${STAGE_LABELS[member.stage]}`
  if (date > today) return '考察日期不能晚于今天'
  const since = member.stageDates.activist
  if (since && date < since) return `考察日期不能早于确定为入党积极分子的日期（${formatDay(since)}）`
  return null
}

export function extendProblem(member: MemberState, date: string, today: string): string | null {
  if (member.stage !== 'probationary')
    return `只有预备党员可以延长预备期，${member.name}目前是${STAGE_LABELS[member.stage]}`
  if (date > today) return '决定日期不能晚于今天'
  const since = member.stageDates.probationary
  if (since && date < since) return `决定日期不能早于接收为预备党员的日期（${formatDay(since)}）`
  return null
}

export function extendBreaches(months: number, earlier: number, dev: DevelopmentSettings): string[] {
  const breaches: string[] = []
  if (earlier >= dev.maxExtensions)
    breaches.push(`预备期只能延长${timesText(dev.maxExtensions)}，已经延长过 ${earlier} 次`)
  if (months < dev.extensionMinMonths || months > dev.extensionMaxMonths) {
    breaches.push(`预备期延长时间应为 ${dev.extensionMinMonths} 至 ${dev.extensionMaxMonths} 个月`)
  }
  return breaches
}

// ------------------------------------------------------------------------------------------------
// Corrections of a step's date

/** Why `step`'s date cannot become `date` (order of stages, future), or null. */
export function amendStepProblem(member: MemberState, step: StepStage, date: string, today: string): string | null {
  if (!hasReached(member, step)) return `${member.name}尚未到达「${STAGE_LABELS[step]}」阶段，无法更正该日期`
  if (date > today) return '日期不能晚于今天'
  const i = STEP_STAGES.indexOf(step)
  const before = STEP_STAGES.slice(0, i)
    .reverse()
    .find((s) => member.stageDates[s])
  const after = STEP_STAGES.slice(i + 1).find((s) => hasReached(member, s) && member.stageDates[s])
  if (before && date < (member.stageDates[before] as string))
    return `日期应在${STEP_LABELS[before]}（${formatDay(member.stageDates[before] as string)}）之后`
  if (after && date > (member.stageDates[after] as string))
    return `日期应在${STEP_LABELS[after]}（${formatDay(member.stageDates[after] as string)}）之前`
  return null
}

/** Time rules broken once `step`'s date is `date`: the move into the step and the move after it. */
export function amendStepBreaches(
  member: MemberState,
  step: StepStage,
  date: string,
  dev: DevelopmentSettings,
  facts: RuleFacts,
): string[] {
  const amended: MemberState = { ...member, stageDates: { ...member.stageDates, [step]: date } }
  const following = nextStage(step)
  const checked = [step, following].filter(
    (s): s is 'candidate' | 'full' => (s === 'candidate' || s === 'full') && hasReached(member, s),
  )
  return checked.flatMap((s) => advanceBreaches(amended, s, amended.stageDates[s] as string, dev, facts))
}

// ------------------------------------------------------------------------------------------------
// The timeline

/** The step's record: the latest active advance/record event that set its date. */
export function stepEvent(step: StepStage, events: readonly StageEventDoc[]): StageEventDoc | null {
  const candidates = events.filter((e) => e.active && e.step === step && (e.kind === 'advance' || e.kind === 'record'))
  candidates.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
  return candidates[0] ?? null
}

export function buildSteps(member: MemberState, events: readonly StageEventDoc[]): TimelineStep[] {
  const current = stageIndex(member.stage)
  return STEP_STAGES.map((stage) => {
    const index = stageIndex(stage)
    const state = index < current ? 'done' : index === current ? 'current' : 'upcoming'
    const event = state === 'upcoming' ? null : stepEvent(stage, events)
    return {
      stage,
      stageLabel: STAGE_LABELS[stage],
      label: STEP_LABELS[stage],
      date: state === 'upcoming' ? null : (member.stageDates[stage] ?? null),
      state,
      basis: event?.basis ?? null,
      eventId: event?._id ?? null,
      overridden: Boolean(event?.override),
    }
  })
}

/** The facts the rules need, from a member's records. */
export function factsFrom(
  events: readonly Pick<StageEventDoc, 'kind' | 'active' | 'date' | 'months'>[],
  approvedReports: number,
): RuleFacts {
  const active = events.filter((e) => e.active)
  return {
    approvedReports,
    extensions: active.filter((e) => e.kind === 'extend').map((e) => e.months ?? 0),
    assessments: active.filter((e) => e.kind === 'assess').map((e) => e.date),
  }
}

/** Days from `today` to `day` (negative when past). */
export function daysUntil(today: string, day: string): number {
  return daysBetween(today, day)
}
