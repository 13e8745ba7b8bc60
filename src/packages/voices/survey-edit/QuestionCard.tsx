import { Text } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from '../../../services/domain'
import { Field, Segmented } from '../../../ui'
import { TextBox, TextLine } from '../shared/fields'
import { hasOptions, type QuestionForm } from './form'

const TYPE_OPTIONS = QUESTION_TYPES.map((t) => [t, QUESTION_TYPE_LABELS[t]] as const)
const REQUIRED_OPTIONS = [
  ['yes', '必答'],
  ['no', '选答'],
] as const

/** One question of the survey being written. */
export function QuestionCard({
  q,
  index,
  onChange,
  onRemove,
}: {
  q: QuestionForm
  index: number
  onChange: (patch: Partial<QuestionForm>) => void
  onRemove: (() => void) | null
}) {
  return (
    <Card
      title={`第 ${index + 1} 题`}
      extra={
        onRemove ? (
          <Text className='zbv-link' onClick={onRemove}>
            删除
          </Text>
        ) : undefined
      }
    >
      <Field label='题型'>
        <Segmented options={TYPE_OPTIONS} value={q.type} onChange={(t) => onChange({ type: t })} />
      </Field>
      <TextLine
        label='题目'
        placeholder='题目'
        maxLength={100}
        value={q.title}
        onChange={(t) => onChange({ title: t })}
        testId='question-title'
      />
      {hasOptions(q) ? (
        <TextBox
          label='选项'
          hint='每行一个，至少 2 个'
          placeholder={'选项，每行一个\n如：红色教育基地参观'}
          maxLength={400}
          value={q.options}
          onChange={(t) => onChange({ options: t })}
          testId='question-options'
        />
      ) : null}
      {q.type === 'rating' ? <Text className='zbv-row__sub'>1 至 5 分</Text> : null}
      <Field label='是否必答'>
        <Segmented
          options={REQUIRED_OPTIONS}
          value={q.required ? 'yes' : 'no'}
          onChange={(v) => onChange({ required: v === 'yes' })}
        />
      </Field>
    </Card>
  )
}
