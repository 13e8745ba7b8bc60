import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import { EntryRow } from './EntryRow'

/** 知识答题 entries of 我的: the 错题本, and the branch rankings for branch members. */
export function QuizEntries({ withRanking }: { withRanking: boolean }) {
  return (
    <Card className='zb-me-more'>
      <EntryRow
        title='我的错题本'
        description='答错的题收在这里，重做答对即算掌握'
        onClick={() => void Taro.navigateTo({ url: ROUTES.quizMistakes })}
        data-testid='me-mistakes'
      />
      {withRanking ? (
        <EntryRow title='答题排行' onClick={() => void Taro.navigateTo({ url: ROUTES.quizRanking })} />
      ) : null}
    </Card>
  )
}
