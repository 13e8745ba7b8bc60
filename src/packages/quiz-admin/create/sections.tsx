import { Picker, Text, View } from '@tarojs/components'
import type { Dayjs } from 'dayjs'
import type { BankQuestion, QuizMode } from '../../../services/api'
import type { Stage } from '../../../services/domain'
import { Field, MultiChips, Segmented, Stepper } from '../../../ui'
import { SUGGESTED_TAGS } from '../../../utils/quiz'
import { chinaTime, fromChinaTime } from '../../../utils/time'
import { MAX_ATTEMPTS, MAX_MINUTES, MAX_QUESTIONS } from './limits'
import { QuestionPicker } from './QuestionPicker'

export interface QuizForm {
  title: string
  description: string
  /** A branch's id, or COLLEGE. */
  scope: string
  mode: QuizMode
  tags: string[]
  count: number
  picked: BankQuestion[]
  minutes: number
  opensAt: Dayjs
  closesAt: Dayjs
  attempts: number
  audience: Stage[]
}

interface SectionProps {
  form: QuizForm
  patch: (change: Partial<QuizForm>) => void
}

/** A count of the form from 1 to `max` (题量, 分钟, 次数). */
function CountField({
  form,
  patch,
  field,
  label,
  hint,
  max,
  unit,
}: SectionProps & {
  field: 'count' | 'minutes' | 'attempts'
  label: string
  hint?: string
  max: number
  unit: string
}) {
  const change = (n: number) => {
    const next: Partial<QuizForm> = {}
    next[field] = n
    patch(next)
  }
  return (
    <Field label={label} hint={hint}>
      <Stepper value={form[field]} min={1} max={max} onChange={change} unit={unit} testId={`create-${field}`} />
    </Field>
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

/** How the questions are chosen: drawn by tag (and how many), or picked one by one. */
export function QuestionsSection({ form, patch }: SectionProps) {
  return (
    <View className='za-form'>
      <Field label='出题方式'>
        <Segmented<QuizMode>
          options={[
            ['random', '按标签随机抽题'],
            ['fixed', '指定题目'],
          ]}
          value={form.mode}
          onChange={(v) => patch({ mode: v })}
          testId='create-mode'
        />
      </Field>
      {form.mode === 'random' ? (
        <>
          <Field label='题目标签' hint='每人从所选标签的题目中随机抽取，不选则从全部题目中抽取。'>
            <MultiChips<string>
              options={SUGGESTED_TAGS.map((t): [string, string] => [t, t])}
              value={form.tags}
              onChange={(v) => patch({ tags: v })}
            />
          </Field>
          <CountField form={form} patch={patch} field='count' label='每人题量' max={MAX_QUESTIONS} unit='道' />
        </>
      ) : (
        <Field label={`已选 ${form.picked.length} 道题目`} hint='每人作答相同的题目，题目顺序和选项顺序随机。'>
          <QuestionPicker picked={form.picked} onChange={(v) => patch({ picked: v })} />
        </Field>
      )}
    </View>
  )
}

/** Time allowed, when it opens and closes, how many tries. */
export function TimingSection({ form, patch }: SectionProps) {
  return (
    <View className='za-form'>
      <CountField form={form} patch={patch} field='minutes' label='答题时长' max={MAX_MINUTES} unit='分钟' />
      <Field label='开始时间'>
        <When value={form.opensAt} onChange={(v) => patch({ opensAt: v })} />
      </Field>
      <Field label='截止时间'>
        <When value={form.closesAt} onChange={(v) => patch({ closesAt: v })} testId='create-closes' />
      </Field>
      <CountField
        form={form}
        patch={patch}
        field='attempts'
        label='每人可作答次数'
        hint='多次作答时取最好成绩。'
        max={MAX_ATTEMPTS}
        unit='次'
      />
    </View>
  )
}
