import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { useAction } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { ROUTES } from '../../../routes'
import type { Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { STAGE_LABELS } from '../../../services/domain'
import { Field, MultiChips, Segmented } from '../../../ui'
import { AnonymityField, DaysField, HeadingFields, PublishBar } from '../shared/fields'
import { NEW_QUESTION, problemOf, STAGE_CHOICES, surveyParams, type QuestionForm, type SurveyForm } from './form'
import { QuestionCard } from './QuestionCard'

const STAGE_OPTIONS = STAGE_CHOICES.map((st) => [st, STAGE_LABELS[st]] as const)

function audienceOptions(committee: boolean, branchId: string | undefined) {
  if (!committee) return [['branch', '本支部全体成员']] as const
  return [['all', '全院'], ['stages', '按发展阶段'], ...(branchId ? ([['branch', '本支部']] as const) : [])] as const
}

/** The committee asks the college or some stages; a secretary or 支委 asks their branch. A draft until published. */
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
  const create = useAction(() => callFunction('voices', 'createSurvey', surveyParams(f, branchId, Date.now())))
  return (
    <View data-testid='survey-edit'>
      <Card title='问卷信息'>
        <HeadingFields
          titleLabel='标题'
          titlePlaceholder='如：组织生活满意度调查'
          notePlaceholder='征求意见的目的、用途'
          title={f.title}
          note={f.intro}
          onTitle={(title) => set({ title })}
          onNote={(intro) => set({ intro })}
          testId='survey-title'
        />
        <Field label='征求对象'>
          <Segmented
            options={audienceOptions(committee, branchId)}
            value={f.audience}
            onChange={(a) => set({ audience: a })}
          />
          {f.audience === 'stages' ? (
            <MultiChips options={STAGE_OPTIONS} value={f.stages} onChange={(stages) => set({ stages })} />
          ) : null}
        </Field>
        <AnonymityField anonymous={f.anonymous} words={['匿名', '实名']} onChange={(a) => set({ anonymous: a })} />
        <DaysField label='征求时长' days={f.days} choices={[3, 7, 14]} onChange={(d) => set({ days: d })} />
      </Card>
      {f.questions.map((q, i) => (
        <QuestionCard
          key={i}
          q={q}
          index={i}
          onChange={(patch) => setQ(i, patch)}
          onRemove={f.questions.length > 1 ? () => set({ questions: f.questions.filter((_, j) => j !== i) }) : null}
        />
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
      <PublishBar
        text='发布问卷'
        create={create}
        waitsFor={problemOf(f)}
        done='问卷已发布'
        clearDraft={draft.clear}
        route={ROUTES.voicesSurvey}
        testId='survey-create'
      />
    </View>
  )
}

export default sessionPage('page-voices-survey-edit', ({ profile, params }) => (
  <SurveyEditor profile={profile} branchId={params.branchId} />
))
