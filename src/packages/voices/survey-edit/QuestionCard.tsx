import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from '../../../services/domain'
import { Field, Segmented } from '../../../ui'
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
      <Field label='题目'>
        <Input
          className='zbv-input'
          placeholder='题目'
          maxLength={100}
          value={q.title}
          onChange={(t) => onChange({ title: t })}
          data-testid='question-title'
        />
      </Field>
      {hasOptions(q) ? (
        <Field label='选项' hint='每行一个，至少 2 个'>
          <TextArea
            className='zbv-textarea'
            placeholder={'选项，每行一个\n如：红色教育基地参观'}
            maxLength={400}
            autoSize
            value={q.options}
            onChange={(t) => onChange({ options: t })}
            data-testid='question-options'
          />
        </Field>
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
