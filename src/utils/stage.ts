/**
 * The development timeline of one member, derived from their stage dates (domain.md):
 * at least one year as activist before becoming a development target; probation lasts one year
 * from admission, and the conversion application is due about a month before it ends.
 */
import { chinaTime } from './time'
import { STAGE_LABELS, STAGES, STEP_LABELS, type Stage, type StageDates } from '../services/domain'

export type MilestoneState = 'done' | 'current' | 'upcoming'

export interface Milestone {
  stage: Exclude<Stage, 'masses'>
  /** What happened at this step, in the member's words. */
  label: string
  stageLabel: string
  /** Formatted date, or null when not recorded / not reached. */
  date: string | null
  state: MilestoneState
}

export function formatDate(iso: string): string {
  const d = chinaTime(iso)
  return d.isValid() ? d.format('YYYY年M月D日') : iso
}

export function milestones(stage: Stage, dates: StageDates): Milestone[] {
  const reached = STAGES.indexOf(stage)
  return STAGES.filter((s): s is Exclude<Stage, 'masses'> => s !== 'masses').map((s) => {
    const index = STAGES.indexOf(s)
    const state: MilestoneState = index < reached ? 'done' : index === reached ? 'current' : 'upcoming'
    const iso = dates[s]
    return {
      stage: s,
      label: STEP_LABELS[s],
      stageLabel: STAGE_LABELS[s],
      date: iso && state !== 'upcoming' ? formatDate(iso) : null,
      state,
    }
  })
}

/**
 * One helpful line for the member's current stage, or null. It states the rule only: the dates (when a step
 * may be taken, when the 预备期 ends, extensions included) are the server's answer, shown in 我的发展纪实.
 */
export function nextStepHint(stage: Stage, dates: StageDates): string | null {
  switch (stage) {
    case 'masses':
      return '尚未递交入党申请书。如有入党意愿，可向所在党支部了解入党流程。'
    case 'applicant':
      return '党支部将在收到申请后一个月内与你谈话。'
    case 'activist':
      return '确定为积极分子满一年、经考察合格后，方可列为发展对象。'
    case 'candidate':
      return '发展对象需经政治审查和集中培训，请按支部安排参加。'
    case 'probationary':
      return '预备期一般为一年，期满前一个月左右提交转正申请。'
    case 'full':
      return dates.full ? `党龄自 ${formatDate(dates.full)} 转正之日起计算。` : null
  }
}
