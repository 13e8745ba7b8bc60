import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../../utils/time'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { sessionPage } from '../../../components/SessionPage'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { STAGE_LABELS, STAGES, type Stage } from '../../../services/domain'
import { Field, MultiChips, Segmented } from '../../../ui'
import { withQuery } from '../../../hooks/useParams'
import '../shared/admin.scss'
import './index.scss'
import { QuestionsSection, TimingSection, type QuizForm } from './sections'
import { FailureLine } from '../../../components/FailureLine'

const PARTY: Stage[] = ['activist', 'candidate', 'probationary', 'full']
/** Committee: the whole college. */
const COLLEGE = ''

export default sessionPage('page-quiz-create', CreateForm)

function CreateForm({ profile }: { profile: Profile }) {
  const committee = profile.roles.includes('committee')
  // Only the committee chooses a branch; its list comes with the managed quizzes.
  const loadBranches = useCallback(() => callFunction('quiz', 'listQuizzes', { scope: 'manage' }), [])
  const branches = useQuery(loadBranches, [], { enabled: committee }).data?.branches ?? []

  const [form, setForm] = useState<QuizForm>(() => ({
    title: '',
    description: '',
    scope: committee ? COLLEGE : (profile.branch?.id ?? ''),
    mode: 'random',
    tags: ['党章'],
    count: 10,
    picked: [],
    minutes: 15,
    opensAt: chinaTime().second(0).millisecond(0),
    closesAt: chinaTime().add(7, 'day').hour(22).minute(0).second(0).millisecond(0),
    attempts: 1,
    audience: PARTY,
  }))
  const patch = (change: Partial<QuizForm>) => setForm((f) => ({ ...f, ...change }))
  const { title, description, scope, mode, tags, count, picked, minutes, opensAt, closesAt, attempts, audience } = form

  const create = useCallback(
    () =>
      callFunction('quiz', 'createQuiz', {
        title,
        description,
        ...(committee ? { branchId: scope === COLLEGE ? null : scope } : {}),
        mode,
        questionIds: mode === 'fixed' ? picked.map((q) => q.id) : [],
        tags: mode === 'random' ? tags : [],
        count: mode === 'fixed' ? Math.max(1, picked.length) : count,
        timeLimitMinutes: minutes,
        opensAt: opensAt.format(),
        closesAt: closesAt.format(),
        attemptsAllowed: attempts,
        audience,
      }),
    [title, description, committee, scope, mode, picked, tags, count, minutes, opensAt, closesAt, attempts, audience],
  )
  const { run, pending, failure } = useAction(create, { toast: false })

  const submit = async () => {
    const res = await run()
    if (!res.ok) return
    toastSuccess('测验已发布')
    void Taro.redirectTo({ url: withQuery(ROUTES.quizStats, { quizId: res.data.id }) })
  }

  return (
    <>
      <View className='za-form'>
        <Field label='测验名称'>
          <Input
            placeholder='如：党章学习专题测验'
            value={title}
            onChange={(v) => patch({ title: v })}
            maxLength={40}
            clearable
            data-testid='create-title'
          />
        </Field>
        <Field label='测验说明（选填）'>
          <TextArea
            placeholder='告诉大家这次测验的目的和要求'
            value={description}
            onChange={(v) => patch({ description: v })}
            maxLength={200}
            rows={2}
          />
        </Field>
        {committee ? (
          <Field label='参加范围'>
            <Segmented<string>
              options={[[COLLEGE, '全院'], ...branches.map((b): [string, string] => [b.id, b.name])]}
              value={scope}
              onChange={(v) => patch({ scope: v })}
            />
          </Field>
        ) : (
          <Field label='参加范围' hint='支部书记发布的测验面向本支部成员。'>
            <Text className='za-static'>{profile.branch?.name ?? '本支部'}</Text>
          </Field>
        )}
        <Field label='参加对象'>
          <MultiChips<Stage>
            options={STAGES.map((s): [Stage, string] => [s, STAGE_LABELS[s]])}
            value={audience}
            onChange={(v) => patch({ audience: v })}
          />
        </Field>
      </View>

      <QuestionsSection form={form} patch={patch} />

      <TimingSection form={form} patch={patch} />

      <FailureLine failure={failure} className='za-error' testId='create-error' />
      <Text className='za-note'>
        发布后题目内容即固定，之后修改题库不影响本次测验。答案在服务器评分，作答中的成员看不到答案。
      </Text>
      <ActionBar
        actions={[
          {
            text: '发布测验',
            primary: true,
            loading: pending,
            waitsFor:
              title.trim().length === 0
                ? '请填写测验名称'
                : title.trim().length < 2
                  ? '测验名称至少 2 个字'
                  : audience.length === 0
                    ? '请选择参加的人员'
                    : null,
            onClick: () => void submit(),
            testId: 'create-submit',
          },
        ]}
      />
    </>
  )
}
