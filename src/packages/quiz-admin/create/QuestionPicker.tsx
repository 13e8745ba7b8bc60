import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { BankQuestion } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { QUIZ_QUESTION_TYPE_LABELS } from '../../../services/domain'
import { SUGGESTED_TAGS } from '../../../utils/quiz'
import { MoreButton, Segmented } from '../../../ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { MAX_QUESTIONS } from './limits'

/** Browse the bank (active questions) and tick the ones the quiz should use. */
export function QuestionPicker({
  picked,
  onChange,
}: {
  picked: BankQuestion[]
  onChange: (q: BankQuestion[]) => void
}) {
  const [tag, setTag] = useState<string>('')
  const list = useCursorList(
    (cursor) =>
      callFunction('quiz', 'questions', { status: 'active', ...(tag ? { tag } : {}), ...(cursor ? { cursor } : {}) }),
    [tag],
  )

  const ids = new Set(picked.map((q) => q.id))
  const toggle = (q: BankQuestion) =>
    onChange(
      ids.has(q.id) ? picked.filter((p) => p.id !== q.id) : picked.length >= MAX_QUESTIONS ? picked : [...picked, q],
    )
  return (
    <View className='za-picker'>
      <Segmented<string>
        options={[['', '全部'], ...SUGGESTED_TAGS.map((t): [string, string] => [t, t])]}
        value={tag}
        onChange={setTag}
      />
      {list.items.map((q) => (
        <View
          key={q.id}
          className={`za-picker__item ${ids.has(q.id) ? 'za-picker__item--on' : ''}`}
          onClick={() => toggle(q)}
          data-testid='picker-question'
        >
          <Text className='za-picker__box'>{ids.has(q.id) ? '✓' : ''}</Text>
          <View className='za-picker__body'>
            <Text className='za-picker__stem'>{q.stem}</Text>
            <Text className='za-picker__meta'>
              {QUIZ_QUESTION_TYPE_LABELS[q.type]} · {q.tags.join('、') || '无标签'}
            </Text>
          </View>
        </View>
      ))}
      <MoreButton list={list} />
    </View>
  )
}
