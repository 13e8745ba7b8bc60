import { ArrowRight } from '../../components/Icon'
import { Cell } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'

const arrow = <ArrowRight size={12} color='#B6BAC2' />

/** 知识答题 entries of 我的: the 错题本, and the branch rankings for branch members. */
export function QuizEntries({ withRanking }: { withRanking: boolean }) {
  return (
    <Card className='zb-me-more'>
      <Cell
        title='我的错题本'
        description='答错的题收在这里，重做答对即算掌握'
        extra={arrow}
        radius={0}
        clickable
        onClick={() => void Taro.navigateTo({ url: ROUTES.quizMistakes })}
        data-testid='me-mistakes'
      />
      {withRanking ? (
        <Cell
          title='答题排行'
          extra={arrow}
          radius={0}
          clickable
          onClick={() => void Taro.navigateTo({ url: ROUTES.quizRanking })}
        />
      ) : null}
    </Card>
  )
}
