import { ArrowRight } from '../../components/Icon'
import { Button } from '../../ui'
import { Text, View } from '@tarojs/components'
import { type ReactNode } from 'react'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import { go, withQuery } from '../../hooks/useParams'
import type { DailyHome, QuizCard } from '../../services/api'
import type { QuizSettings } from '../../services/domain'
import { countdown, timeLeft } from '../../utils/quiz'
import './index.scss'

export function DailyCard({ home, settings }: { home: DailyHome; settings: QuizSettings }) {
  const { today } = home
  const minutes = Math.round((settings.dailyCount * settings.dailySecondsPerQuestion) / 60)
  let body: ReactNode
  if (today.status === 'done' && today.attemptId) {
    const id = today.attemptId
    body = (
      <>
        <View className='zq-home__done'>
          <Text className='zq-home__score' data-testid='daily-score'>
            {today.score}
          </Text>
          <Text className='zq-home__score-unit'>分</Text>
          <Text className='zq-home__done-text'>
            今日已完成 · 答对 {today.correctCount}/{today.total} 题
          </Text>
        </View>
        <Button
          block
          fill='outline'
          type='primary'
          onClick={() => go(withQuery(ROUTES.quizResult, { attemptId: id }))}
          data-testid='daily-review'
        >
          查看答案与解析
        </Button>
      </>
    )
  } else if (today.status === 'open' && today.attemptId) {
    const id = today.attemptId
    const over = (today.remainingMs ?? 0) <= 0
    body = (
      <>
        <Text className='zq-home__line'>
          {over
            ? '答题时间已到，答案已按时间截止处理。'
            : `今日答题进行中，还剩 ${countdown(today.remainingMs ?? 0)}。`}
        </Text>
        <Button
          block
          type='primary'
          onClick={() => go(withQuery(over ? ROUTES.quizResult : ROUTES.quizTake, { attemptId: id }))}
          data-testid='daily-continue'
        >
          {over ? '查看结果' : '继续答题'}
        </Button>
      </>
    )
  } else {
    body = (
      <>
        <Text className='zq-home__line'>
          今日 {settings.dailyCount} 道题，限时 {minutes} 分钟，从党章、党史、理论等题库中随机抽取，答对一题得 1
          学习积分。
        </Text>
        <Button block type='primary' onClick={() => go(`${ROUTES.quizTake}?kind=daily`)} data-testid='daily-start'>
          开始每日答题
        </Button>
      </>
    )
  }
  return (
    <Card title='每日答题' className='zq-home__card' extra={<Text className='zq-home__day'>{home.day}</Text>}>
      <View data-testid='daily-card'>{body}</View>
    </Card>
  )
}

export function ChallengeCard({ best, seconds }: { best: number; seconds: number }) {
  return (
    <Card
      title='挑战答题'
      extra={<Text className='zq-home__day'>{best > 0 ? `最佳 ${best} 连对` : '还没有挑战记录'}</Text>}
    >
      <Text className='zq-home__line'>每题限时 {seconds} 秒，答错即止。连续答对越多，积分越多。</Text>
      <Button
        block
        type='primary'
        fill='outline'
        onClick={() => go(`${ROUTES.quizChallenge}?best=${best}`)}
        data-testid='challenge-start'
      >
        开始挑战
      </Button>
    </Card>
  )
}

export function QuizzesCard({ quizzes }: { quizzes: QuizCard[] }) {
  return (
    <Card
      title='支部测验'
      extra={
        <Text className='zq-home__all' onClick={() => go(ROUTES.quizList)} data-testid='quiz-list-link'>
          全部 <ArrowRight size={10} />
        </Text>
      }
    >
      {quizzes.length === 0 ? (
        <Text className='zq-home__line zq-home__line--muted'>
          目前没有进行中的测验。支部书记或院党委发布测验后，会在这里提醒你。
        </Text>
      ) : (
        quizzes.slice(0, 3).map((q) => (
          <View className='zq-home__quiz' key={q.id} onClick={() => go(ROUTES.quizList)} data-testid='home-quiz'>
            <View className='zq-home__quiz-main'>
              <Text className='zq-home__quiz-title'>{q.title}</Text>
              <Text className='zq-home__quiz-facts'>
                {q.scopeLabel} · {q.count} 题 · 限时 {q.timeLimitMinutes} 分钟
              </Text>
            </View>
            <Text className='zq-home__quiz-left'>{timeLeft(q.closesAt)}</Text>
          </View>
        ))
      )}
    </Card>
  )
}
