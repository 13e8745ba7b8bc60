import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { ListFooter, listGate, QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { friendlyDate } from '../../../utils/study'
import { useCursorList } from '../../../hooks/useCursorList'
import { Calendar } from './Calendar'
import { Ranking } from './Ranking'
import './index.scss'

/** `version`: bumped by whatever earned points on this page (打卡), so the new entry shows at once. */
function History({ version }: { version: number }) {
  const list = useCursorList((cursor) => callFunction('study', 'pointsHistory', { cursor }), [version])
  useReachBottom(list.loadMore)
  const gate = listGate(list, { keepWhileLoading: false, loading: <Text className='zb-list-footer'>加载中…</Text> })
  if (gate) return gate
  return (
    <View data-testid='points-history'>
      {list.items.map((e) => (
        <View key={e.id} className='zb-ledger' data-testid='ledger-row'>
          <View className='zb-ledger__main'>
            <Text className='zb-ledger__reason'>{e.reason}</Text>
            <Text className='zb-ledger__meta'>
              {e.label} · {friendlyDate(e.at)}
            </Text>
          </View>
          <Text className='zb-ledger__points'>+{e.points}</Text>
        </View>
      ))}
      <ListFooter list={list} emptyText='还没有积分记录，读一篇文章或打个卡吧' />
    </View>
  )
}

function PointsScreen({ profile }: { profile: Profile }) {
  const points = useQuery(() => callFunction('study', 'points'), [profile.memberId])
  const [tab, setTab] = useState<'history' | 'ranking'>('history')
  const doCheckIn = useCallback(() => callFunction('study', 'clockIn'), [])
  const checkIn = useAction(doCheckIn)
  const [historyVersion, setHistoryVersion] = useState(0)

  return (
    <QueryView query={points}>
      {(data) => {
        const onCheckIn = async () => {
          const result = await checkIn.run()
          if (!result.ok) return
          toastSuccess(result.data.awarded > 0 ? `打卡成功 +${result.data.awarded}分` : '今日已打卡')
          points.reload()
          setHistoryVersion((v) => v + 1)
        }

        return (
          <>
            <View className='zb-points-head'>
              <Text className='zb-points-head__label'>我的学习积分</Text>
              <Text className='zb-points-head__total' data-testid='points-total'>
                {data.total}
              </Text>
              <Text className='zb-points-head__sub'>
                本周 {data.weekTotal} 分 · 本月 {data.monthTotal} 分
              </Text>
            </View>

            <View className='zb-points-card' data-testid='points-today'>
              <View className='zb-points-card__head'>
                <Text className='zb-points-card__title'>今日积分</Text>
                <Text className='zb-points-card__extra' data-testid='points-today-total'>
                  {data.today.total} / {data.today.cap} 分
                </Text>
              </View>
              <View className='zb-kinds'>
                {data.today.kinds.map((k) => (
                  <View key={k.kind} className='zb-kind' data-testid={`kind-${k.kind}`}>
                    <View className='zb-kind__row'>
                      <Text className='zb-kind__label'>{k.label}</Text>
                      <Text className='zb-kind__value'>
                        {k.points}/{k.cap}
                      </Text>
                    </View>
                    <View className='zb-kind__bar'>
                      <View
                        className={`zb-kind__fill ${k.points >= k.cap ? 'zb-kind__fill--full' : ''}`}
                        style={{ width: `${Math.min(100, (k.points / Math.max(1, k.cap)) * 100)}%` }}
                      />
                    </View>
                  </View>
                ))}
              </View>
            </View>

            <View className='zb-points-card' data-testid='points-checkin'>
              <View className='zb-points-card__head'>
                <View>
                  <Text className='zb-points-card__title'>每日打卡</Text>
                  <Text className='zb-points-card__streak' data-testid='points-streak'>
                    {data.clockIn.streak > 0 ? `已连续打卡 ${data.clockIn.streak} 天` : '今天开始连续打卡吧'}
                  </Text>
                </View>
                <View
                  className={`zb-points-card__button ${data.clockIn.clockedInToday ? 'zb-points-card__button--done' : ''}`}
                  onClick={data.clockIn.clockedInToday || checkIn.pending ? undefined : () => void onCheckIn()}
                  data-testid='points-checkin-button'
                >
                  <Text>{data.clockIn.clockedInToday ? '今日已打卡' : '打卡'}</Text>
                </View>
              </View>
              <Calendar month={data.clockIn.month} days={data.clockIn.days} today={data.clockIn.today} />
            </View>

            <View className='zb-points-card'>
              <View className='zb-tabs'>
                <Text
                  className={`zb-tabs__tab ${tab === 'history' ? 'zb-tabs__tab--on' : ''}`}
                  onClick={() => setTab('history')}
                >
                  积分明细
                </Text>
                <Text
                  className={`zb-tabs__tab ${tab === 'ranking' ? 'zb-tabs__tab--on' : ''}`}
                  onClick={() => setTab('ranking')}
                  data-testid='tab-ranking'
                >
                  {profile.primaryRole === 'committee' ? '全院排行' : '支部排行'}
                </Text>
              </View>
              {tab === 'history' ? (
                <History version={historyVersion} />
              ) : (
                <Ranking committee={profile.primaryRole === 'committee'} />
              )}
            </View>

            <View className='zb-points-card zb-points-rules'>
              <Text className='zb-points-card__title'>积分规则</Text>
              {data.rules.map((r) => (
                <Text key={r} className='zb-points-rules__item'>
                  {r}
                </Text>
              ))}
            </View>
          </>
        )
      }}
    </QueryView>
  )
}

/** 我的积分: today against the caps, the streak and calendar, the ledger, the rankings. */
export default sessionPage('page-points', PointsScreen)
