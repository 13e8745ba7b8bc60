import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { Page } from '../../../components/Page'
import { Empty, QueryView } from '../../../ui'
import { ROUTES } from '../../../routes'
import type { QuizCard } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { withQuery } from '../../../hooks/useParams'
import { QuizCardView } from '../shared/QuizCardView'
import '../shared/quiz.scss'
import { useShownQuery } from '../../../hooks/useShownQuery'

/** Branch and college quizzes open (or about to open) to me, with my attempts. */
export default function QuizListPage() {
  const load = useCallback(() => callFunction('quiz', 'listQuizzes', { scope: 'mine' }), [])
  const query = useShownQuery(load, [])

  return (
    <Page testId='page-quiz-list'>
      <QueryView query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty testId='quiz-list-empty'>现在没有面向你的支部测验。支部或院党委发布测验后，会在这里显示。</Empty>
          ) : (
            data.items.map((quiz) => <QuizItem key={quiz.id} quiz={quiz} />)
          )
        }
      </QueryView>
    </Page>
  )
}

function QuizItem({ quiz }: { quiz: QuizCard }) {
  const mine = quiz.mine
  const usedUp = mine !== null && mine.openAttemptId === null && mine.attemptsUsed >= quiz.attemptsAllowed

  const take = async () => {
    if (mine?.openAttemptId)
      return void Taro.navigateTo({ url: withQuery(ROUTES.quizTake, { attemptId: mine.openAttemptId }) })
    if (quiz.state === 'upcoming') return void Taro.showToast({ title: '测验还没有开始', icon: 'none' })
    if (quiz.state === 'closed') return void Taro.showToast({ title: '测验已经截止了', icon: 'none' })
    if (usedUp) return void Taro.showToast({ title: `只能作答 ${quiz.attemptsAllowed} 次，已用完`, icon: 'none' })
    const res = await Taro.showModal({
      title: quiz.title,
      content: `共 ${quiz.count} 题，限时 ${quiz.timeLimitMinutes} 分钟。开始后计时不会暂停，时间到自动交卷。`,
      confirmText: '开始答题',
      confirmColor: '#C8161D',
    })
    if (res.confirm) void Taro.navigateTo({ url: withQuery(ROUTES.quizTake, { quizId: quiz.id }) })
  }

  return (
    <QuizCardView quiz={quiz} onClick={() => void take()}>
      <View className='zq-card__links'>
        <Text
          className='zq-card__link'
          onClick={(e) => {
            e.stopPropagation()
            void Taro.navigateTo({ url: withQuery(ROUTES.quizRanking, { quizId: quiz.id }) })
          }}
        >
          本测验排行
        </Text>
        <Text className='zq-card__link'>
          {mine?.openAttemptId ? '继续作答' : usedUp ? '已完成' : quiz.state === 'open' ? '开始答题' : ''}
        </Text>
      </View>
    </QuizCardView>
  )
}
