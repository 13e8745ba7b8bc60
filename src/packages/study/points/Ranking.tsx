import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { TabRow } from '../../../components/TabRow'
import { ErrorView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'

type Period = 'week' | 'month' | 'all'
const PERIODS: [Period, string][] = [
  ['week', '本周'],
  ['month', '本月'],
  ['all', '累计'],
]

/** 计算机学院本科生第一党支部 → 计算机学院第一支部: short enough for a chip. */
const shortName = (name: string): string => name.replace('本科生', '').replace('党支部', '支部')

/** Branch ranking (the committee: the college, or any branch). */
export function Ranking({ committee }: { committee: boolean }) {
  const [period, setPeriod] = useState<Period>('week')
  const [branchId, setBranchId] = useState<string | null>(null)
  const scope = committee && branchId === null ? 'college' : 'branch'
  const ranking = useQuery(
    () => callFunction('study', 'ranking', { scope, period, ...(branchId ? { branchId } : {}) }),
    [scope, period, branchId],
  )
  const data = ranking.data
  return (
    <View data-testid='ranking'>
      <TabRow className='zb-chips' tabClass='zb-chip' tabs={PERIODS} value={period} onChange={setPeriod} />
      {committee && data ? (
        <TabRow
          className='zb-chips'
          tabClass='zb-chip'
          tabs={[[null, '全院'] as const, ...data.branches.map((b) => [b.id, shortName(b.name)] as const)]}
          value={branchId}
          onChange={setBranchId}
        />
      ) : null}
      {ranking.failure ? <ErrorView failure={ranking.failure} onRetry={ranking.reload} /> : null}
      {data ? (
        <>
          <Text className='zb-rank__title'>{data.title}</Text>
          {data.me ? (
            <Text className='zb-rank__me' data-testid='ranking-me'>
              {data.me.rank ? `我排第 ${data.me.rank} 名 · ${data.me.points} 分` : `我 ${data.me.points} 分 · 暂未上榜`}
            </Text>
          ) : null}
          {data.entries.length === 0 ? <Text className='zb-list-footer'>这段时间还没有人获得积分</Text> : null}
          {data.entries.map((e) => (
            <View
              key={e.memberId}
              className={`zb-rank__row ${e.me ? 'zb-rank__row--me' : ''}`}
              data-testid='ranking-row'
            >
              <Text className={`zb-rank__no zb-rank__no--${Math.min(e.rank, 4)}`}>{e.rank}</Text>
              <View className='zb-rank__who'>
                <Text className='zb-rank__name'>{e.name}</Text>
                {e.branchName ? <Text className='zb-rank__branch'>{e.branchName}</Text> : null}
              </View>
              <Text className='zb-rank__points'>{e.points} 分</Text>
            </View>
          ))}
        </>
      ) : null}
    </View>
  )
}
