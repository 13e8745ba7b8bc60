import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { Empty, LoadingView, QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { AnswersHeld, AttemptResult, AttemptView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { letterOf, when } from '../../../utils/quiz'
import { takeOver } from '../shared/handoff'
import { useParams, withQuery } from '../../../hooks/useParams'
import { Explanation, QuestionCard } from '../shared/QuestionCard'
import '../shared/quiz.scss'
import './index.scss'

/** Score, points, and every question with the right answer and its explanation. */
export default function ResultPage() {
  const { attemptId = '' } = useParams()
  const [handed] = useState(() => takeOver(attemptId))
  const load = useCallback(() => callFunction('quiz', 'result', { attemptId }), [attemptId])
  const query = useQuery(load, [load], { enabled: handed === null })
  return (
    <Page testId='page-quiz-result'>
      {handed ? <Attempt view={handed} /> : <QueryView query={query}>{(data) => <Attempt view={data} />}</QueryView>}
    </Page>
  )
}

function Attempt({ view }: { view: AttemptView }) {
  if (view.status === 'submitted') return <ResultView result={view} />
  // Still open (opened from a link before submitting): back to answering it.
  if (view.status === 'open') return <OpenRedirect attemptId={view.attemptId} />
  return <LoadingView />
}

function OpenRedirect({ attemptId }: { attemptId: string }) {
  useEffect(() => {
    void Taro.redirectTo({ url: withQuery(ROUTES.quizTake, { attemptId }) })
  }, [attemptId])
  return <LoadingView />
}

function headline(result: AttemptResult): { big: string; unit: string; line: string } {
  if (result.kind === 'challenge')
    return {
      big: String(result.streak),
      unit: '连对',
      line:
        result.endReason === 'finished'
          ? '全部答对，了不起！'
          : result.endReason === 'timeout'
            ? '本题超时，本轮结束'
            : '答错一题，本轮结束',
    }
  return {
    big: String(result.score),
    unit: '分',
    line: `答对 ${result.correctCount}/${result.total} 题 · 用时 ${minutes(result.durationSeconds)}`,
  }
}

/** Why the answers are not on this screen yet. */
function heldNotice(held: AnswersHeld): string {
  if (held.reason === 'manager') return '测验的答案与解析由院党委统一掌握，支部书记作答后只显示得分。'
  return `你还有 ${held.attemptsLeft} 次作答机会，为保证测验公平，答案与解析将在你用完作答次数或测验截止（${when(held.releaseAt)}）后公布。`
}

function minutes(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒` : `${seconds} 秒`
}

function ResultView({ result }: { result: AttemptResult }) {
  const { big, unit, line } = headline(result)
  const wrong = result.items.filter((i) => !i.correct).length
  return (
    <>
      <View className='zq-score' data-testid='quiz-score'>
        <Text className='zq-score__title'>{result.title}</Text>
        <View className='zq-score__row'>
          <Text className='zq-score__big' data-testid='quiz-score-value'>
            {big}
          </Text>
          <Text className='zq-score__unit'>{unit}</Text>
        </View>
        <Text className='zq-score__line'>{line}</Text>
        <View className='zq-score__pills'>
          {result.flagged ? (
            <Text className='zq-score__pill zq-score__pill--warn'>
              {result.flagReason === 'blank' ? '未作答就交卷，本次不计成绩和积分' : '答题速度过快，本次不计成绩和积分'}
            </Text>
          ) : result.points > 0 ? (
            <Text className='zq-score__pill'>学习积分 +{result.points}</Text>
          ) : result.pointsCapped ? (
            <Text className='zq-score__pill'>今日此项积分已达上限</Text>
          ) : null}
          {result.late ? <Text className='zq-score__pill zq-score__pill--warn'>超过答题时间，答案未计入</Text> : null}
        </View>
      </View>
      <View className='zq-actions'>
        {wrong > 0 ? (
          <Button onClick={() => void Taro.navigateTo({ url: ROUTES.quizMistakes })} data-testid='quiz-to-mistakes'>
            错题本（{wrong}）
          </Button>
        ) : null}
        {result.quizId ? (
          <Button
            onClick={() =>
              void Taro.navigateTo({ url: withQuery(ROUTES.quizRanking, { quizId: result.quizId ?? '' }) })
            }
          >
            本测验排行
          </Button>
        ) : null}
        <Button type='primary' onClick={() => void Taro.switchTab({ url: ROUTES.quiz })}>
          返回答题
        </Button>
      </View>
      <Text className='zq-section'>答案与解析</Text>
      {result.answersHeld ? (
        <Empty testId='quiz-answers-held'>
          <Text>{heldNotice(result.answersHeld)}</Text>
        </Empty>
      ) : null}
      {result.items.map((item, i) => (
        <View key={item.key} data-testid='quiz-review-item' data-correct={item.correct ? 'yes' : 'no'}>
          <QuestionCard
            question={item}
            selected={item.chosen}
            review={{ answerIds: item.answerIds, chosen: item.chosen }}
            heading={`第 ${i + 1} 题`}
            footer={
              <Explanation
                correct={item.correct}
                chosenNone={item.chosen.length === 0}
                answerLetters={letterOf(item.answerIds, item.options)}
                explanation={item.explanation}
              />
            }
          />
        </View>
      ))}
    </>
  )
}
