import { Check, Close } from '../../../components/Icon'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { PublicOption, QuestionType } from '../../../services/api'
import { OPTION_LETTERS, QUIZ_QUESTION_TYPE_LABELS } from '../../../services/domain'

export interface QuestionLike {
  type: QuestionType
  stem: string
  options: PublicOption[]
  tags: string[]
}

/** After answering: the right options and what was chosen. */
export interface Review {
  answerIds: string[]
  chosen: string[]
}

/**
 * One question with its options. Tapping picks one option (single, true/false) or toggles
 * (multiple); with `review`, the options show what was right and what was chosen.
 */
export function QuestionCard({
  question,
  selected,
  onChange,
  review,
  heading,
  footer,
}: {
  question: QuestionLike
  selected: string[]
  onChange?: (ids: string[]) => void
  review?: Review
  heading?: string
  /** Shown inside the card under the options (an explanation, a button). */
  footer?: ReactNode
}) {
  const pick = (id: string) => {
    if (!onChange || review) return
    if (question.type !== 'multiple') return onChange([id])
    onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id])
  }
  return (
    <View className='zq-question' data-testid='quiz-question'>
      <View className='zq-question__meta'>
        {heading ? <Text className='zq-question__heading'>{heading}</Text> : null}
        <Text className={`zq-type zq-type--${question.type}`}>{QUIZ_QUESTION_TYPE_LABELS[question.type]}</Text>
        {question.tags.slice(0, 2).map((t) => (
          <Text className='zq-tag' key={t}>
            {t}
          </Text>
        ))}
      </View>
      <Text className='zq-question__stem' data-testid='quiz-stem'>
        {question.stem}
      </Text>
      {question.type === 'multiple' && !review ? (
        <Text className='zq-question__hint'>多选题：请选出全部正确选项</Text>
      ) : null}
      <View className='zq-options'>
        {question.options.map((option, i) => {
          const chosen = review ? review.chosen.includes(option.id) : selected.includes(option.id)
          const right = review?.answerIds.includes(option.id) ?? false
          const state = review ? (right ? 'right' : chosen ? 'wrong' : 'plain') : chosen ? 'chosen' : 'plain'
          return (
            <View
              key={option.id}
              className={`zq-option zq-option--${state}`}
              data-testid='quiz-option'
              data-state={state}
              data-id={option.id}
              onClick={() => pick(option.id)}
            >
              <View className={`zq-option__mark ${question.type === 'multiple' ? 'zq-option__mark--square' : ''}`}>
                <Text>{OPTION_LETTERS[i]}</Text>
              </View>
              <Text className='zq-option__text'>{option.text}</Text>
              {state === 'right' ? <Check className='zq-option__verdict' size={16} color='#17a05d' /> : null}
              {state === 'wrong' ? <Close className='zq-option__verdict' size={14} color='#c8161d' /> : null}
            </View>
          )
        })}
      </View>
      {footer}
    </View>
  )
}

/** The right answer and why, under a reviewed question. */
export function Explanation({
  correct,
  answerLetters,
  explanation,
  chosenNone,
  verdict,
}: {
  correct: boolean
  answerLetters: string
  explanation: string
  chosenNone?: boolean
  verdict?: string
}) {
  return (
    <View
      className={`zq-explain ${correct ? 'zq-explain--right' : 'zq-explain--wrong'}`}
      data-testid='quiz-explanation'
    >
      <Text className='zq-explain__verdict'>
        {verdict ?? (correct ? '回答正确' : chosenNone ? '未作答' : '回答错误')}
      </Text>
      <Text className='zq-explain__answer'>正确答案：{answerLetters}</Text>
      <Text className='zq-explain__text'>{explanation || '暂无解析'}</Text>
    </View>
  )
}
