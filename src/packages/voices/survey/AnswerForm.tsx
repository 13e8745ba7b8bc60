import { Text, View } from '@tarojs/components'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import type { SurveyView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { RATING_MAX } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { TextLine } from '../shared/fields'
import { Chips, MultiChips } from '../shared/ui'

type Answer = { choices: number[]; rating: number; text: string }
type Answers = Record<string, Answer>
type Question = SurveyView['questions'][number]

const RATING_OPTIONS = Array.from({ length: RATING_MAX }, (_, j) => [j + 1, `${j + 1} 分`] as const)

function answered(q: Question, a: Answer): boolean {
  if (q.type === 'rating') return a.rating > 0
  if (q.type === 'text') return a.text.trim().length > 0
  return a.choices.length > 0
}

/** What the server takes: only the questions answered. */
function answersOf(v: SurveyView, a: Answers) {
  return v.questions.flatMap((q): { questionId: string; choices?: number[]; rating?: number; text?: string }[] => {
    const x = a[q.id]
    if (!answered(q, x)) return []
    if (q.type === 'rating') return [{ questionId: q.id, rating: x.rating }]
    if (q.type === 'text') return [{ questionId: q.id, text: x.text.trim() }]
    return [{ questionId: q.id, choices: x.choices }]
  })
}

function QuestionInput({ q, a, set }: { q: Question; a: Answer; set: (patch: Partial<Answer>) => void }) {
  if (q.type === 'single')
    return (
      <Chips
        options={q.options.map((o, j) => [j, o] as const)}
        value={a.choices[0] ?? null}
        onChange={(j) => set({ choices: [j] })}
      />
    )
  if (q.type === 'multiple')
    return (
      <MultiChips
        options={q.options.map((o, j) => [String(j), o] as const)}
        value={a.choices.map(String)}
        onChange={(vs) => set({ choices: vs.map(Number).sort() })}
      />
    )
  if (q.type === 'rating')
    return <Chips options={RATING_OPTIONS} value={a.rating || null} onChange={(r) => set({ rating: r })} />
  return (
    <TextLine placeholder='请输入（300 字以内）' maxLength={300} value={a.text} onChange={(t) => set({ text: t })} />
  )
}

/** The answer sheet, kept as a device draft until it is handed in (closing the page loses nothing). */
export function AnswerForm({ v, onDone }: { v: SurveyView; onDone: (next: SurveyView) => void }) {
  const blank: Answers = Object.fromEntries(v.questions.map((q) => [q.id, { choices: [], rating: 0, text: '' }]))
  const draft = useDraft<Answers>('survey-answers', v.id, blank)
  const a = { ...blank, ...draft.value }
  const set = (id: string, patch: Partial<Answer>) =>
    draft.set((d) => ({ ...blank, ...d, [id]: { ...blank[id], ...d[id], ...patch } }))
  const submit = useAction(() => callFunction('voices', 'answerSurvey', { surveyId: v.id, answers: answersOf(v, a) }))
  const missing = v.questions.findIndex((q) => q.required && !answered(q, a[q.id]))
  return (
    <Card title={v.anonymous ? '填写问卷（匿名）' : '填写问卷（实名）'}>
      {v.questions.map((q, i) => (
        <View key={q.id} className='zbv-question' data-testid='survey-question'>
          <Text className='zbv-question__title'>
            {i + 1}. {q.title}
            {q.type === 'multiple' ? '（可多选）' : ''}
            {q.required ? '' : '（选填）'}
          </Text>
          <QuestionInput q={q} a={a[q.id]} set={(patch) => set(q.id, patch)} />
        </View>
      ))}
      <ActionBar
        inline
        actions={[
          {
            text: '提交',
            primary: true,
            loading: submit.pending,
            waitsFor: missing >= 0 ? `请回答第 ${missing + 1} 题` : null,
            onClick: () =>
              void submit.run().then((r) => {
                if (!r.ok) return
                draft.clear()
                toastSuccess('已提交，谢谢你的意见')
                onDone(r.data)
              }),
            testId: 'survey-submit',
          },
        ]}
      />
    </Card>
  )
}
