import { TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Page } from '../../../components/Page'
import { useDraft } from '../../../hooks/useDraft'
import { Field, LoadingView, MultiChips, QueryView, Segmented } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { BankQuestion, QuestionType } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { QUIZ_QUESTION_TYPES, QUIZ_QUESTION_TYPE_LABELS } from '../../../services/domain'
import { SUGGESTED_TAGS } from '../../../utils/quiz'
import { useParams } from '../../../hooks/useParams'
import '../shared/admin.scss'
import './index.scss'
import { AnswerFields, type QuestionForm } from './AnswerFields'

const TYPE_OPTIONS = QUIZ_QUESTION_TYPES.map((t) => [t, QUIZ_QUESTION_TYPE_LABELS[t]] as const)

const BLANK: BankQuestion = {
  id: '',
  type: 'single',
  stem: '',
  options: ['', '', '', ''],
  answer: [],
  explanation: '',
  tags: [],
  difficulty: 2,
  status: 'active',
  updatedAt: '',
}

/** Add a question (no id) or edit one; retire it from new draws, or bring it back. */
export default function EditQuestionPage() {
  const { id } = useParams()
  const load = useCallback(() => callFunction('quiz', 'questions', { id: id ?? '', status: 'active' }), [id])
  const query = useQuery(load, [load], { enabled: Boolean(id) })
  return (
    <Page testId='page-quiz-edit'>
      {id ? (
        <QueryView query={query}>
          {(data) => (data.items[0] ? <Editor key={data.items[0].id} initial={data.items[0]} /> : <LoadingView />)}
        </QueryView>
      ) : (
        <Editor key={BLANK.id} initial={BLANK} />
      )}
    </Page>
  )
}

function Editor({ initial }: { initial: BankQuestion }) {
  // A question takes a while to write: kept as the member's device draft until saved (issue #16).
  const draft = useDraft<QuestionForm>('question', initial.id || 'new', {
    type: initial.type,
    stem: initial.stem,
    options: initial.type === 'judge' ? ['', '', '', ''] : initial.options,
    answer: initial.answer ?? [],
    explanation: initial.explanation ?? '',
    tags: initial.tags,
    difficulty: initial.difficulty,
  })
  const { type, stem, options, answer, explanation, tags, difficulty } = draft.value
  const patch = (change: Partial<QuestionForm>) => draft.set((f) => ({ ...f, ...change }))
  const setStem = (v: string) => patch({ stem: v })
  const setExplanation = (v: string) => patch({ explanation: v })
  const setTags = (v: string[]) => patch({ tags: v })
  const setDifficulty = (v: 1 | 2 | 3) => patch({ difficulty: v })

  const save = useCallback(
    () =>
      callFunction('quiz', 'editQuestion', {
        op: 'save',
        ...(initial.id ? { id: initial.id } : {}),
        type,
        stem,
        options: type === 'judge' ? [] : options.map((o) => o.trim()).filter(Boolean),
        answer,
        explanation,
        tags,
        difficulty,
      }),
    [initial.id, type, stem, options, answer, explanation, tags, difficulty],
  )
  const saving = useAction(save, { toast: false })
  const toggleStatus = useCallback(
    () =>
      callFunction('quiz', 'editQuestion', { op: initial.status === 'active' ? 'retire' : 'restore', id: initial.id }),
    [initial],
  )
  const statusChange = useAction(toggleStatus)

  const changeType = (t: QuestionType) => patch({ type: t, answer: [] })

  const submit = async () => {
    const res = await saving.run()
    if (!res.ok) return
    draft.clear()
    toastSuccess('已保存')
    void Taro.navigateBack()
  }
  const flip = async () => {
    const res = await statusChange.run()
    if (!res.ok) return
    toastSuccess(res.data.status === 'retired' ? '已停用' : '已恢复')
    void Taro.navigateBack()
  }

  return (
    <>
      <View className='za-form'>
        <Field label='题型'>
          <Segmented<QuestionType> options={TYPE_OPTIONS} value={type} onChange={changeType} />
        </Field>
        <Field label='题干'>
          <TextArea placeholder='请输入题干' value={stem} onChange={setStem} maxLength={300} rows={3} showCount />
        </Field>
        <AnswerFields form={draft.value} patch={patch} />
        <Field label='解析'>
          <TextArea
            placeholder='答题后展示给学员：为什么是这个答案，出自哪里'
            value={explanation}
            onChange={setExplanation}
            maxLength={500}
            rows={3}
            showCount
          />
        </Field>
        <Field label='标签'>
          <MultiChips<string>
            options={[...new Set([...SUGGESTED_TAGS, ...tags])].map((t): [string, string] => [t, t])}
            value={tags}
            onChange={setTags}
          />
        </Field>
        <Field label='难度'>
          <Segmented<1 | 2 | 3>
            options={[
              [1, '易'],
              [2, '中'],
              [3, '难'],
            ]}
            value={difficulty}
            onChange={setDifficulty}
          />
        </Field>
      </View>
      {saving.failure ? <Text className='za-error'>{saving.failure.message}</Text> : null}
      <Text className='za-note'>停用的题目不再被抽到；已发布的测验和已完成的答题保留原来的题目内容。</Text>
      <ActionBar
        actions={[
          ...(initial.id
            ? [
                {
                  text: initial.status === 'active' ? '停用此题' : '恢复使用',
                  loading: statusChange.pending,
                  onClick: () => void flip(),
                  testId: 'question-status',
                },
              ]
            : []),
          {
            text: '保存',
            primary: true,
            loading: saving.pending,
            waitsFor: stem.trim() ? null : '请填写题干',
            onClick: () => void submit(),
            testId: 'question-save',
          },
        ]}
      />
    </>
  )
}
