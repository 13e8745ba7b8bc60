import { Add, Edit, Order, Retweet, Star, Tips, type IconProps } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import type { ComponentType } from 'react'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import { go } from '../../hooks/useParams'
import { IconTile } from '../../ui'
import './index.scss'

/** One tile of the 答题 home's grids: an icon, a title, a note; it opens `url`. */
interface Tile {
  Icon: ComponentType<IconProps>
  title: string
  note: string
  url: string
  testId: string
  wide?: boolean
}

function tile(Icon: Tile['Icon'], title: string, note: string, url: string, testId: string): Tile {
  return { Icon, title, note, url, testId }
}

function Entry({ tile: t }: { tile: Tile }) {
  return (
    <View
      className={`zq-home__entry ${t.wide ? 'zq-home__entry--wide' : ''}`}
      onClick={() => go(t.url)}
      data-testid={t.testId}
    >
      <IconTile>
        <t.Icon size={22} />
      </IconTile>
      <Text className='zq-home__entry-title'>{t.title}</Text>
      <Text className='zq-home__entry-note'>{t.note}</Text>
    </View>
  )
}

function Grid({ tiles, className }: { tiles: Tile[]; className: string }) {
  return (
    <View className={className}>
      {tiles.map((t) => (
        <Entry key={t.testId} tile={t} />
      ))}
    </View>
  )
}

/** 错题本 for everyone; rankings are per branch, so only for branch members (the committee reaches them from a quiz's statistics). */
export function ToolsCard({ mistakesOpen, inBranch }: { mistakesOpen: number; inBranch: boolean }) {
  const note = mistakesOpen > 0 ? `${mistakesOpen} 道待巩固` : '暂无待巩固'
  // Alone (the committee has no branch ranking), 错题本 takes the whole row instead of half of it.
  const mistakes = { ...tile(Tips, '错题本', note, ROUTES.quizMistakes, 'mistakes-link'), wide: !inBranch }
  const ranking = tile(Star, '答题排行', '本支部排名', ROUTES.quizRanking, 'ranking-link')
  return <Grid className='zq-home__grid' tiles={inBranch ? [mistakes, ranking] : [mistakes]} />
}

const ORGANISE = [
  tile(Add, '发布测验', '随机抽题或指定题目', ROUTES.quizCreate, 'quiz-create-link'),
  tile(Order, '测验统计', '参与情况与成绩分布', ROUTES.quizManage, 'quiz-manage-link'),
]
/** For those who may edit the question bank (`canEditBank`). */
const BANK = [
  tile(Edit, '题库管理', '编辑、停用题目', ROUTES.quizBank, 'quiz-bank-link'),
  tile(Retweet, '批量导入', 'Excel / CSV', ROUTES.quizImport, 'quiz-import-link'),
]

export function ManageCard({ canEditBank }: { canEditBank: boolean }) {
  return (
    <Card title='组织答题'>
      <Grid className='zq-home__grid zq-home__grid--inner' tiles={canEditBank ? [...ORGANISE, ...BANK] : ORGANISE} />
    </Card>
  )
}
