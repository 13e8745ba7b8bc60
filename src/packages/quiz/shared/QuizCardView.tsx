import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { QuizCard } from '../../../services/api'
import { audienceLabel, timeLeft, when } from '../../../utils/quiz'

/** A branch quiz in a list: what it is, its window, and (for the member) how they did. */
export function QuizCardView({ quiz, onClick, children }: { quiz: QuizCard; onClick?: () => void; children?: ReactNode }) {
  const mine = quiz.mine
  return (
    <View className='zq-card' data-testid='quiz-card' onClick={onClick}>
      <View className='zq-card__head'>
        <Text className='zq-card__title'>{quiz.title}</Text>
        <Text className={`zq-pill ${quiz.state === 'open' ? 'zq-pill--red' : ''}`}>{quiz.state === 'open' ? timeLeft(quiz.closesAt) : quiz.state === 'upcoming' ? `${when(quiz.opensAt)} 开始` : '已截止'}</Text>
      </View>
      {quiz.description ? <Text className='zq-card__desc'>{quiz.description}</Text> : null}
      <Text className='zq-card__facts'>
        {quiz.scopeLabel} · {quiz.count} 题 · 限时 {quiz.timeLimitMinutes} 分钟 · 可答 {quiz.attemptsAllowed} 次 · {audienceLabel(quiz.audience)}
      </Text>
      <Text className='zq-card__facts'>
        截止 {when(quiz.closesAt)} · {quiz.createdByName} 发布
      </Text>
      {mine ? (
        <View className='zq-card__mine'>
          {mine.openAttemptId ? <Text className='zq-pill zq-pill--amber'>作答中，点击继续</Text> : null}
          {mine.bestScore !== null ? <Text className='zq-pill zq-pill--green'>最好成绩 {mine.bestScore} 分</Text> : null}
          <Text className='zq-pill'>
            已答 {mine.attemptsUsed}/{quiz.attemptsAllowed} 次
          </Text>
        </View>
      ) : null}
      {children}
    </View>
  )
}
