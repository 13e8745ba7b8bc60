import { STAGE_STEP, STAGES } from '../../../services/domain'
import type { Res } from '../../../services/api'

export type FileView = Res<'development', 'file'>
export type StepView = FileView['phases'][number]['steps'][number]

/** What the page records: the next stage, an assessment (step 6), an extension (step 21), or a step again. */
export type Mode = 'advance' | 'assess' | 'extend' | 'amend'

export const MODES: readonly Mode[] = ['advance', 'assess', 'extend', 'amend']

export interface Target {
  mode: Mode
  step: StepView
}

/** The step a stage name (`applicant`…) or a record id (`<memberId>:NN`) points at. */
function stepNoOf(ref: string | undefined): number | null {
  if (!ref) return null
  if (ref in STAGE_STEP) return STAGE_STEP[ref as keyof typeof STAGE_STEP]
  const no = Number(ref.split(':').pop())
  return Number.isInteger(no) && no >= 1 && no <= 25 ? no : null
}

/** The step the page is about, or why there is none (a sentence for the user). */
export function resolveTarget(file: FileView, mode: Mode, ref: string | undefined): Target | string {
  const steps = file.phases.flatMap((p) => p.steps)
  const find = (no: number | null) => steps.find((s) => s.no === no)
  if (mode === 'advance') {
    const next = STAGES[STAGES.indexOf(file.member.stage) + 1]
    if (!next) return `${file.member.name}已是正式党员，没有下一个发展阶段`
    const step = find(STAGE_STEP[next as keyof typeof STAGE_STEP])
    return step?.canRecord ? { mode, step } : '没有找到要登记的步骤'
  }
  if (mode === 'assess' && file.member.stage !== 'activist')
    return `只有入党积极分子需要登记考察，${file.member.name}目前是${file.member.stageLabel}`
  if (mode === 'extend' && file.member.stage !== 'probationary')
    return `只有预备党员可以延长预备期，${file.member.name}目前是${file.member.stageLabel}`
  const step = find(mode === 'assess' ? 6 : mode === 'extend' ? 21 : stepNoOf(ref))
  if (!step) return '没有找到要更正的步骤'
  if (mode === 'amend' && !step.date) return `第 ${step.no} 步「${step.label}」还没有登记，无需更正`
  if (!step.canRecord)
    return `${file.member.name}目前是${file.member.stageLabel}，尚不能登记第 ${step.no} 步「${step.label}」`
  return { mode, step }
}

export function titleOf(t: Target): string {
  switch (t.mode) {
    case 'advance':
      return `登记第 ${t.step.no} 步：${t.step.label}`
    case 'assess':
      return '登记积极分子考察'
    case 'extend':
      return '延长预备期'
    case 'amend':
      return `更正第 ${t.step.no} 步：${t.step.label}`
  }
}

/** The label of the date field: what the date is the date of. */
export function dateLabel(t: Target): string {
  if (t.mode === 'assess') return '考察日期'
  if (t.mode === 'extend') return '支部大会决定延长的日期'
  return '日期（会议召开或决定作出的日期）'
}
