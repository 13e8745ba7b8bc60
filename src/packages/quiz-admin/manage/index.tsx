import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Page } from '../../../components/Page'
import { Empty, ListView, MoreButton, Pill } from '../../../ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { audienceLabel, timeLeft, when } from '../../../utils/quiz'
import { withQuery } from '../../../hooks/useParams'
import '../shared/admin.scss'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'

const STATE_LABEL = { open: '进行中', upcoming: '未开始', closed: '已截止' } as const

/** Quizzes a secretary (their branch's and the college's) or the committee (all) can follow, newest first. */
export default function ManagePage() {
  const list = useCursorList(
    (cursor) => callFunction('quiz', 'listQuizzes', { scope: 'manage', ...(cursor ? { cursor } : {}) }),
    [],
  )
  const { items } = list
  useReloadOnShow(list.reload)

  return (
    <Page testId='page-quiz-manage'>
      <View className='za-actions'>
        <Button
          type='primary'
          onClick={() => void Taro.navigateTo({ url: ROUTES.quizCreate })}
          data-testid='manage-create'
        >
          发布新测验
        </Button>
      </View>
      <ListView list={list} empty={<Empty>还没有发布过测验。点击“发布新测验”，为支部设置一次专题测验。</Empty>}>
        <>
          {items.map((quiz) => (
            <View
              key={quiz.id}
              className='za-card'
              data-testid='manage-quiz'
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.quizStats, { quizId: quiz.id }) })}
            >
              <View className='za-card__head'>
                <Text className='za-card__title'>{quiz.title}</Text>
                <Pill tone={quiz.state === 'open' ? 'red' : 'grey'}>
                  {quiz.state === 'open' ? timeLeft(quiz.closesAt) : STATE_LABEL[quiz.state]}
                </Pill>
              </View>
              <Text className='za-card__facts'>
                {quiz.scopeLabel} · {quiz.mode === 'random' ? '随机抽题' : '指定题目'} · {quiz.count} 题 · 限时{' '}
                {quiz.timeLimitMinutes} 分钟 · {audienceLabel(quiz.audience)}
              </Text>
              <Text className='za-card__facts'>
                {when(quiz.opensAt)} 至 {when(quiz.closesAt)} · {quiz.createdByName} 发布
              </Text>
              <View className='za-q__foot'>
                <Text className='za-q__link'>参与情况与成绩 ›</Text>
              </View>
            </View>
          ))}
          <MoreButton list={list} />
        </>
      </ListView>
    </Page>
  )
}
