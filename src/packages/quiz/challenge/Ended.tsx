import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../../routes'
import type { AnswerResult, PublicQuestion } from '../../../services/api'
import { letterOf } from '../../../utils/quiz'
import { withQuery } from '../../../hooks/useParams'
import { Explanation, QuestionCard } from '../shared/QuestionCard'
import '../shared/quiz.scss'
import './index.scss'

export function Ended({
  ended,
  best,
  attemptId,
  onAgain,
}: {
  ended: { result: AnswerResult; question: PublicQuestion; chosen: string[] }
  best: number
  attemptId: string
  onAgain: () => void
}) {
  const { result, question, chosen } = ended
  const record = result.streak > best && result.streak > 0
  const reason =
    result.endReason === 'finished'
      ? '题目全部答对！'
      : result.endReason === 'timeout'
        ? '本题超时，本轮结束'
        : '答错了，本轮结束'
  return (
    <>
      <View className='zq-challenge__end' data-testid='challenge-ended'>
        <Text className='zq-challenge__reason'>{reason}</Text>
        <View className='zq-challenge__big'>
          <Text className='zq-challenge__num'>{result.streak}</Text>
          <Text className='zq-challenge__unit'>连对</Text>
        </View>
        {record ? <Text className='zq-challenge__record'>刷新个人最佳纪录</Text> : null}
        <Text className='zq-challenge__points'>
          {result.flagged
            ? '答题速度过快，本轮不计积分'
            : result.points > 0
              ? `学习积分 +${result.points}`
              : '本轮未获得积分'}
        </Text>
      </View>
      <QuestionCard
        question={question}
        selected={chosen}
        review={{ answerIds: result.answerIds, chosen }}
        heading='最后一题'
        footer={
          <Explanation
            correct={result.correct}
            chosenNone={chosen.length === 0}
            answerLetters={letterOf(result.answerIds, question.options)}
            explanation={result.explanation}
          />
        }
      />
      <View className='zq-actions'>
        <Button onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.quizResult, { attemptId }) })}>
          本轮回顾
        </Button>
        <Button type='primary' onClick={onAgain} data-testid='challenge-again'>
          再来一轮
        </Button>
      </View>
    </>
  )
}
