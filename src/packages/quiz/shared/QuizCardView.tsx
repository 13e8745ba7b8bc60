import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { QuizCard } from '../../../services/api'
import { audienceLabel, timeLeft, when } from '../../../utils/quiz'
import { Pill } from '../../../ui'

/** A branch quiz in a list: what it is, its window, and (for the member) how they did. */
export function QuizCardView({
  quiz,
  onClick,
  children,
}: {
  quiz: QuizCard
  onClick?: () => void
  children?: ReactNode
}) {
  const mine = quiz.mine
  return (
    <View className='zq-card' data-testid='quiz-card' onClick={onClick}>
      <View className='zq-card__head'>
        <Text className='zq-card__title'>{quiz.title}</Text>
        <Pill tone={quiz.state === 'open' ? 'red' : 'grey'}>
          {quiz.state === 'open'
            ? timeLeft(quiz.closesAt)
            : quiz.state === 'upcoming'
              ? `${when(quiz.opensAt)} 开始`
              : '已截止'}
        </Pill>
      </View>
      {quiz.description ? <Text className='zq-card__desc'>{quiz.description}</Text> : null}
      <Text className='zq-card__facts'>
        {quiz.scopeLabel} · {quiz.count} 题 · 限时 {quiz.timeLimitMinutes} 分钟 · 可答 {quiz.attemptsAllowed} 次 ·{' '}
        {audienceLabel(quiz.audience)}
      </Text>
      <Text className='zq-card__facts'>
        截止 {when(quiz.closesAt)} · {quiz.createdByName} 发布
      </Text>
      {mine ? (
        <View className='zq-card__mine'>
          {mine.openAttemptId ? <Pill tone='amber'>作答中，点击继续</Pill> : null}
          {mine.bestScore !== null ? <Pill tone='green'>最好成绩 {mine.bestScore} 分</Pill> : null}
          <Pill>
            已答 {mine.attemptsUsed}/{quiz.attemptsAllowed} 次
          </Pill>
        </View>
      ) : null}
      {children}
    </View>
  )
}
