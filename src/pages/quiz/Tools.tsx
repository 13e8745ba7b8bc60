import { Add, Edit, Order, Retweet, Star, Tips } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import { type ReactNode } from 'react'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import { go } from '../../hooks/useParams'
import './index.scss'

export function Entry({
  icon,
  title,
  note,
  onClick,
  testId,
  wide = false,
}: {
  icon: ReactNode
  title: string
  note?: string
  onClick: () => void
  testId?: string
  wide?: boolean
}) {
  return (
    <View className={`zq-home__entry ${wide ? 'zq-home__entry--wide' : ''}`} onClick={onClick} data-testid={testId}>
      <View className='zq-home__entry-icon'>{icon}</View>
      <Text className='zq-home__entry-title'>{title}</Text>
      {note ? <Text className='zq-home__entry-note'>{note}</Text> : null}
    </View>
  )
}

/** 错题本 for everyone; rankings are per branch, so only for branch members (the committee reaches them from a quiz's statistics). */
export function ToolsCard({ mistakesOpen, inBranch }: { mistakesOpen: number; inBranch: boolean }) {
  // Alone (the committee has no branch ranking), 错题本 takes the whole row instead of half of it.
  return (
    <View className='zq-home__grid'>
      <Entry
        icon={<Tips size={22} />}
        title='错题本'
        note={mistakesOpen > 0 ? `${mistakesOpen} 道待巩固` : '暂无待巩固'}
        onClick={() => go(ROUTES.quizMistakes)}
        testId='mistakes-link'
        wide={!inBranch}
      />
      {inBranch ? (
        <Entry
          icon={<Star size={22} />}
          title='答题排行'
          note='本支部排名'
          onClick={() => go(ROUTES.quizRanking)}
          testId='ranking-link'
        />
      ) : null}
    </View>
  )
}

export function ManageCard({ canEditBank }: { canEditBank: boolean }) {
  return (
    <Card title='组织答题'>
      <View className='zq-home__grid zq-home__grid--inner'>
        <Entry
          icon={<Add size={22} />}
          title='发布测验'
          note='随机抽题或指定题目'
          onClick={() => go(ROUTES.quizCreate)}
          testId='quiz-create-link'
        />
        <Entry
          icon={<Order size={22} />}
          title='测验统计'
          note='参与情况与成绩分布'
          onClick={() => go(ROUTES.quizManage)}
          testId='quiz-manage-link'
        />
        {canEditBank ? (
          <Entry
            icon={<Edit size={22} />}
            title='题库管理'
            note='编辑、停用题目'
            onClick={() => go(ROUTES.quizBank)}
            testId='quiz-bank-link'
          />
        ) : null}
        {canEditBank ? (
          <Entry
            icon={<Retweet size={22} />}
            title='批量导入'
            note='Excel / CSV'
            onClick={() => go(ROUTES.quizImport)}
            testId='quiz-import-link'
          />
        ) : null}
      </View>
    </Card>
  )
}
