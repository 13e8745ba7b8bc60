import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { useAction } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { useParams, withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import {
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  STAGE_LABELS,
  type QuestionType,
  type Stage,
} from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { Chips, MultiChips } from '../shared/ui'

interface QuestionForm {
  type: QuestionType
  title: string
  options: string
  required: boolean
}

interface SurveyForm {
  title: string
  intro: string
  audience: 'branch' | 'stages' | 'all'
  stages: Stage[]
  anonymous: boolean
  days: number
  questions: QuestionForm[]
}

const NEW_QUESTION: QuestionForm = { type: 'single', title: '', options: '', required: true }

const STAGE_CHOICES: Stage[] = ['activist', 'candidate', 'probationary', 'full']

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}

function problemOf(f: SurveyForm): string | null {
  if (f.title.trim().length < 2) return '请填写问卷标题'
  if (f.audience === 'stages' && f.stages.length === 0) return '请选择征求对象'
  for (const [i, q] of f.questions.entries()) {
    if (!q.title.trim()) return `请填写第 ${i + 1} 题的题目`
    if ((q.type === 'single' || q.type === 'multiple') && lines(q.options).length < 2)
      return `第 ${i + 1} 题至少需要 2 个选项`
  }
  return null
}

function SurveyEditor({ profile, branchId }: { profile: Profile; branchId?: string }) {
  const committee = profile.roles.includes('committee')
  const blank: SurveyForm = {
    title: '',
    intro: '',
    audience: committee && !branchId ? 'all' : 'branch',
    stages: [],
    anonymous: true,
    days: 7,
    questions: [{ ...NEW_QUESTION }],
  }
  const draft = useDraft<SurveyForm>('survey-form', branchId ?? (committee ? 'college' : 'branch'), blank)
  const f = draft.value
  const set = (patch: Partial<SurveyForm>) => draft.set((d) => ({ ...d, ...patch }))
  const setQ = (i: number, patch: Partial<QuestionForm>) =>
    draft.set((d) => ({ ...d, questions: d.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) }))
  const create = useAction(() =>
    callFunction('voices', 'createSurvey', {
      title: f.title.trim(),
      intro: f.intro.trim(),
      audience: f.audience,
      ...(branchId ? { branchId } : {}),
      stages: f.audience === 'stages' ? f.stages : [],
      anonymous: f.anonymous,
      questions: f.questions.map((q) => ({
        type: q.type,
        title: q.title.trim(),
        options: q.type === 'single' || q.type === 'multiple' ? lines(q.options) : [],
        required: q.required,
      })),
      closesAt: new Date(Date.now() + f.days * 86_400_000).toISOString(),
    }),
  )
  const audiences = committee
    ? [
        { value: 'all' as const, label: '全院' },
        { value: 'stages' as const, label: '按发展阶段' },
        ...(branchId ? [{ value: 'branch' as const, label: '本支部' }] : []),
      ]
    : [{ value: 'branch' as const, label: '本支部全体成员' }]
  return (
    <View data-testid='survey-edit'>
      <Card title='问卷信息'>
        <Text className='zbv-field'>标题</Text>
        <Input
          className='zbv-input'
          placeholder='如：组织生活满意度调查'
          maxLength={40}
          value={f.title}
          onChange={(t) => set({ title: t })}
          data-testid='survey-title'
        />
        <Text className='zbv-field'>说明（选填）</Text>
        <TextArea
          className='zbv-textarea'
          placeholder='征求意见的目的、用途'
          maxLength={500}
          autoSize
          value={f.intro}
          onChange={(t) => set({ intro: t })}
        />
        <Text className='zbv-field'>征求对象</Text>
        <Chips options={audiences} value={f.audience} onChange={(a) => set({ audience: a })} />
        {f.audience === 'stages' ? (
          <MultiChips
            options={STAGE_CHOICES.map((st) => [st, STAGE_LABELS[st]] as const)}
            value={f.stages}
            onChange={(stages) => set({ stages })}
          />
        ) : null}
        <Text className='zbv-field'>记名方式</Text>
        <Chips
          options={[
            { value: 'yes', label: '匿名' },
            { value: 'no', label: '实名' },
          ]}
          value={f.anonymous ? 'yes' : 'no'}
          onChange={(v) => set({ anonymous: v === 'yes' })}
        />
        <Text className='zbv-field'>征求时长</Text>
        <Chips
          options={[3, 7, 14].map((d) => ({ value: d, label: `${d} 天` }))}
          value={f.days}
          onChange={(d) => set({ days: d })}
        />
      </Card>
      {f.questions.map((q, i) => (
        <Card
          key={i}
          title={`第 ${i + 1} 题`}
          extra={
            f.questions.length > 1 ? (
              <Text className='zbv-link' onClick={() => set({ questions: f.questions.filter((_, j) => j !== i) })}>
                删除
              </Text>
            ) : undefined
          }
        >
          <Chips
            options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
            value={q.type}
            onChange={(t) => setQ(i, { type: t })}
          />
          <Input
            className='zbv-input'
            placeholder='题目'
            maxLength={100}
            value={q.title}
            onChange={(t) => setQ(i, { title: t })}
            data-testid='question-title'
          />
          {q.type === 'single' || q.type === 'multiple' ? (
            <TextArea
              className='zbv-textarea'
              placeholder={'选项，每行一个\n如：红色教育基地参观'}
              maxLength={400}
              autoSize
              value={q.options}
              onChange={(t) => setQ(i, { options: t })}
              data-testid='question-options'
            />
          ) : null}
          {q.type === 'rating' ? <Text className='zbv-row__sub'>1 至 5 分</Text> : null}
          <Chips
            options={[
              { value: 'yes', label: '必答' },
              { value: 'no', label: '选答' },
            ]}
            value={q.required ? 'yes' : 'no'}
            onChange={(v) => setQ(i, { required: v === 'yes' })}
          />
        </Card>
      ))}
      {f.questions.length < 20 ? (
        <Text
          className='zbv-note zbv-link'
          onClick={() => set({ questions: [...f.questions, { ...NEW_QUESTION }] })}
          data-testid='question-add'
        >
          ＋ 添加一题
        </Text>
      ) : null}
      <ActionBar
        actions={[
          {
            text: '发布问卷',
            primary: true,
            loading: create.pending,
            waitsFor: problemOf(f),
            onClick: () =>
              void create.run().then((r) => {
                if (!r.ok) return
                draft.clear()
                toastSuccess('问卷已发布')
                void Taro.redirectTo({ url: withQuery(ROUTES.voicesSurvey, { id: r.data.id }) })
              }),
            testId: 'survey-create',
          },
        ]}
      />
    </View>
  )
}

export default function VoicesSurveyEditPage() {
  const { branchId } = useParams()
  return (
    <Page testId='page-voices-survey-edit'>
      <SessionGate>{({ profile }) => <SurveyEditor profile={profile} branchId={branchId} />}</SessionGate>
    </Page>
  )
}
