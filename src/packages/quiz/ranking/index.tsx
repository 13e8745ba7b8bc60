import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { TabRow } from '../../../components/TabRow'
import { Page } from '../../../components/Page'
import { Empty, QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import type { Ranking, RankRow } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { useParams } from '../../../hooks/useParams'
import '../shared/quiz.scss'
import './index.scss'

type Board = Ranking['board']

/** Rankings within the branch: right answers overall, best challenge streak, and per quiz. */
export default function RankingPage() {
  const { quizId, branchId } = useParams()
  const [board, setBoard] = useState<Board>(quizId ? 'quiz' : 'overall')
  const load = useCallback(
    () =>
      callFunction('quiz', 'ranking', {
        board,
        ...(board === 'quiz' && quizId ? { quizId } : {}),
        ...(branchId ? { branchId } : {}),
      }),
    [board, quizId, branchId],
  )
  const query = useQuery(load, [load])
  const tabs: [Board, string][] = [
    ...(quizId ? ([['quiz', '本测验']] as [Board, string][]) : []),
    ['overall', '答题总榜'],
    ['streak', '挑战连对'],
  ]
  return (
    <Page testId='page-quiz-ranking'>
      <TabRow className='zq-tabs' tabClass='zq-tabs__tab' tabs={tabs} value={board} onChange={setBoard} />
      <QueryView query={query} keepWhileLoading={false}>
        {(data) => <BoardView ranking={data} />}
      </QueryView>
    </Page>
  )
}

function BoardView({ ranking }: { ranking: Ranking }) {
  return (
    <>
      <View className='zq-rank-head'>
        <Text className='zq-rank-head__title'>{ranking.title}</Text>
        <Text className='zq-rank-head__branch'>{ranking.branchName}</Text>
      </View>
      {ranking.rows.length === 0 ? (
        <Empty>
          {ranking.board === 'quiz' ? '本支部还没有人完成这个测验。' : '本支部还没有答题记录，做一次每日答题就能上榜。'}
        </Empty>
      ) : (
        <View className='zq-rank'>
          {ranking.rows.map((row) => (
            <Row key={row.memberId} row={row} unit={ranking.unit} />
          ))}
        </View>
      )}
      {ranking.me && !ranking.rows.some((r) => r.isMe) ? (
        <View className='zq-rank zq-rank--me'>
          <Row row={ranking.me} unit={ranking.unit} />
        </View>
      ) : null}
    </>
  )
}

function Row({ row, unit }: { row: RankRow; unit: string }) {
  return (
    <View className={`zq-rank__row ${row.isMe ? 'zq-rank__row--me' : ''}`} data-testid='rank-row'>
      <Text className={`zq-rank__no ${row.rank > 0 && row.rank <= 3 ? `zq-rank__no--${row.rank}` : ''}`}>
        {row.rank > 0 ? row.rank : '—'}
      </Text>
      <View className='zq-rank__who'>
        <Text className='zq-rank__name'>
          {row.name}
          {row.isMe ? '（我）' : ''}
        </Text>
        {row.detail ? <Text className='zq-rank__detail'>{row.detail}</Text> : null}
      </View>
      <Text className='zq-rank__value'>
        {row.value}
        <Text className='zq-rank__unit'> {unit}</Text>
      </Text>
    </View>
  )
}
