import type { QuestionType, Stage } from '../../../services/domain'
import { lines } from '../shared/lines'

export interface QuestionForm {
  type: QuestionType
  title: string
  options: string
  required: boolean
}

export interface SurveyForm {
  title: string
  intro: string
  audience: 'branch' | 'stages' | 'all'
  stages: Stage[]
  anonymous: boolean
  days: number
  questions: QuestionForm[]
}

export const NEW_QUESTION: QuestionForm = { type: 'single', title: '', options: '', required: true }

export const STAGE_CHOICES: Stage[] = ['activist', 'candidate', 'probationary', 'full']

export const hasOptions = (q: QuestionForm): boolean => q.type === 'single' || q.type === 'multiple'

/** What the form still waits for, in the user's words; null when it can be sent. */
export function problemOf(f: SurveyForm): string | null {
  if (f.title.trim().length < 2) return '请填写问卷标题'
  if (f.audience === 'stages' && f.stages.length === 0) return '请选择征求对象'
  for (const [i, q] of f.questions.entries()) {
    if (!q.title.trim()) return `请填写第 ${i + 1} 题的题目`
    if (hasOptions(q) && lines(q.options).length < 2) return `第 ${i + 1} 题至少需要 2 个选项`
  }
  return null
}

/** The createSurvey parameters of a finished form. */
export function surveyParams(f: SurveyForm, branchId: string | undefined, now: number) {
  return {
    title: f.title.trim(),
    intro: f.intro.trim(),
    audience: f.audience,
    ...(branchId ? { branchId } : {}),
    stages: f.audience === 'stages' ? f.stages : [],
    anonymous: f.anonymous,
    questions: f.questions.map((q) => ({
      type: q.type,
      title: q.title.trim(),
      options: hasOptions(q) ? lines(q.options) : [],
      required: q.required,
    })),
    closesAt: new Date(now + f.days * 86_400_000).toISOString(),
  }
}
