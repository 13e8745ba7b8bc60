import type { Req } from '../../../services/api'
import type { StepView, Target } from './target'

export type StepFacts = NonNullable<Req<'development', 'recordStep'>['facts']>

export interface Vote {
  expected: number
  present: number
  for: number
  against: number
  abstain: number
}

/** What the form edits besides the date, started from what the step has on file. */
export interface FactDraft {
  publicityStart: string
  objections: number
  handling: string
  vote: Vote
  extensionMonths: number
}

export function initialFacts(step: StepView, today: string): FactDraft {
  const raw = step.raw
  return {
    publicityStart: raw.publicityStart ?? today,
    objections: raw.publicityObjections ?? 0,
    handling: raw.publicityHandling ?? '',
    vote: raw.vote ?? { expected: 0, present: 0, for: 0, against: 0, abstain: 0 },
    extensionMonths: raw.extensionMonths ?? 6,
  }
}

/** Which facts the step asks for on this page. */
export function asksFor(t: Target): { publicity: boolean; vote: boolean; extension: boolean } {
  const no = t.step.no
  return { publicity: no === 7, vote: no === 15 || no === 23, extension: no === 21 }
}

/**
 * The step's facts to record: the ones the form edits, and the step's other facts as they are (recording a
 * step again replaces it, so an assessment adds its day to the list already on file).
 */
export function factsToRecord(t: Target, draft: FactDraft, date: string): StepFacts {
  const raw = t.step.raw
  const asks = asksFor(t)
  const facts: StepFacts = {}
  if (raw.trainingHours !== null) facts.trainingHours = raw.trainingHours
  if (raw.trainingDays !== null) facts.trainingDays = raw.trainingDays
  if (raw.leavesOn) facts.leavesOn = raw.leavesOn
  if (t.step.no === 6) {
    const list = t.mode === 'assess' ? [...raw.assessments, date] : raw.assessments
    facts.assessments = [...new Set(list)].sort()
  }
  if (asks.publicity) {
    const handling = draft.handling.trim()
    facts.publicity = {
      start: draft.publicityStart,
      objections: draft.objections,
      ...(handling ? { handling } : {}),
    }
  }
  if (asks.vote) facts.vote = draft.vote
  if (asks.extension) Object.assign(facts, { extensionMonths: draft.extensionMonths, extensionDecidedOn: date })
  return facts
}

/** The step's own date: an assessment moves step 6 to the latest assessment on file. */
export function stepDate(t: Target, date: string): string {
  if (t.mode !== 'assess' || !t.step.date) return date
  return t.step.date > date ? t.step.date : date
}
