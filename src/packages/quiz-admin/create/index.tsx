import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Dayjs } from 'dayjs'
import { chinaTime, fromChinaTime } from '../../../utils/time'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { BankQuestion, Profile, QuizMode } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { STAGE_LABELS, STAGES, type Stage } from '../../../services/domain'
import { SUGGESTED_TAGS } from '../../../utils/quiz'
import { Field, MultiChips, Segmented, Stepper } from '../../../ui'
import { withQuery } from '../../../hooks/useParams'
import '../shared/admin.scss'
import './index.scss'
import { MAX_ATTEMPTS, MAX_MINUTES, MAX_QUESTIONS } from './limits'
import { QuestionPicker } from './QuestionPicker'

const PARTY: Stage[] = ['activist', 'candidate', 'probationary', 'full']
/** Committee: the whole college. */
const COLLEGE = ''

export default function CreateQuizPage() {
  return (
    <Page testId='page-quiz-create'>
      <SessionGate>{({ profile }) => <CreateForm profile={profile} />}</SessionGate>
    </Page>
  )
}

/** Date and time pickers for one instant. */
function When({ value, onChange, testId }: { value: Dayjs; onChange: (d: Dayjs) => void; testId?: string }) {
  return (
    <View className='za-when' data-testid={testId}>
      <Picker
        mode='date'
        value={value.format('YYYY-MM-DD')}
        onChange={(e) => onChange(chinaTime(fromChinaTime(String(e.detail.value), value.format('HH:mm'))))}
      >
        <Text className='za-when__part'>{value.format('YYYY年M月D日')}</Text>
      </Picker>
      <Picker
        mode='time'
        value={value.format('HH:mm')}
        onChange={(e) => onChange(chinaTime(fromChinaTime(value.format('YYYY-MM-DD'), String(e.detail.value))))}
      >
        <Text className='za-when__part'>{value.format('HH:mm')}</Text>
      </Picker>
    </View>
  )
}

function CreateForm({ profile }: { profile: Profile }) {
  const committee = profile.roles.includes('committee')
  // Only the committee chooses a branch; its list comes with the managed quizzes.
  const loadBranches = useCallback(() => callFunction('quiz', 'listQuizzes', { scope: 'manage' }), [])
  const branches = useQuery(loadBranches, [], { enabled: committee }).data?.branches ?? []

  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [scope, setScope] = useState<string>(committee ? COLLEGE : (profile.branch?.id ?? ''))
  const [mode, setMode] = useState<QuizMode>('random')
  const [tags, setTags] = useState<string[]>(['党章'])
  const [count, setCount] = useState(10)
  const [picked, setPicked] = useState<BankQuestion[]>([])
  const [minutes, setMinutes] = useState(15)
  const [opensAt, setOpensAt] = useState(() => chinaTime().second(0).millisecond(0))
  const [closesAt, setClosesAt] = useState(() => chinaTime().add(7, 'day').hour(22).minute(0).second(0).millisecond(0))
  const [attempts, setAttempts] = useState(1)
  const [audience, setAudience] = useState<Stage[]>(PARTY)

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
            onChange={setTitle}
            maxLength={40}
            clearable
            data-testid='create-title'
          />
        </Field>
        <Field label='测验说明（选填）'>
          <TextArea
            placeholder='告诉大家这次测验的目的和要求'
            value={description}
            onChange={setDescription}
            maxLength={200}
            rows={2}
          />
        </Field>
        {committee ? (
          <Field label='参加范围'>
            <Segmented<string>
              options={[[COLLEGE, '全院'], ...branches.map((b): [string, string] => [b.id, b.name])]}
              value={scope}
              onChange={setScope}
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
            onChange={setAudience}
          />
        </Field>
      </View>

      <View className='za-form'>
        <Field label='出题方式'>
          <Segmented<QuizMode>
            options={[
              ['random', '按标签随机抽题'],
              ['fixed', '指定题目'],
            ]}
            value={mode}
            onChange={setMode}
            testId='create-mode'
          />
        </Field>
        {mode === 'random' ? (
          <>
            <Field label='题目标签' hint='每人从所选标签的题目中随机抽取，不选则从全部题目中抽取。'>
              <MultiChips<string>
                options={SUGGESTED_TAGS.map((t): [string, string] => [t, t])}
                value={tags}
                onChange={setTags}
              />
            </Field>
            <Field label='每人题量'>
              <Stepper value={count} min={1} max={MAX_QUESTIONS} onChange={setCount} unit='道' testId='create-count' />
            </Field>
          </>
        ) : (
          <Field label={`已选 ${picked.length} 道题目`} hint='每人作答相同的题目，题目顺序和选项顺序随机。'>
            <QuestionPicker picked={picked} onChange={setPicked} />
          </Field>
        )}
      </View>

      <View className='za-form'>
        <Field label='答题时长'>
          <Stepper
            value={minutes}
            min={1}
            max={MAX_MINUTES}
            onChange={setMinutes}
            unit='分钟'
            testId='create-minutes'
          />
        </Field>
        <Field label='开始时间'>
          <When value={opensAt} onChange={setOpensAt} />
        </Field>
        <Field label='截止时间'>
          <When value={closesAt} onChange={setClosesAt} testId='create-closes' />
        </Field>
        <Field label='每人可作答次数' hint='多次作答时取最好成绩。'>
          <Stepper value={attempts} min={1} max={MAX_ATTEMPTS} onChange={setAttempts} unit='次' />
        </Field>
      </View>

      {failure ? (
        <Text className='za-error' data-testid='create-error'>
          {failure.message}
        </Text>
      ) : null}
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
