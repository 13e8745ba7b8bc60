import { Edit, Search } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { chinaTime } from '../../utils/time'
import { useCallback, useState } from 'react'
import { sessionPage } from '../../components/SessionPage'
import { ErrorView, LoadingView } from '../../ui'
import { useAction, useQuery } from '../../hooks/useCall'
import { ROUTES } from '../../routes'
import type { Profile, Study } from '../../services/api'
import { callFunction } from '../../services/call'
import { studyFeedCall } from '../../services/entry-calls'
import { greetingFor } from '../../utils/greeting'
import { toastSuccess } from '../../services/feedback'
import { ArticleItem, openArticle } from '../../components/ArticleItem'
import { columnGlyphs, columnTint, friendlyDate } from '../../utils/study'
import './index.scss'

function go(url: string): void {
  void Taro.navigateTo({ url })
}

/** Today's check-in and the way to 我的积分, at the top of the tab. */
function CheckInCard({
  state,
  onCheckIn,
  pending,
}: {
  state: Study.ClockInState
  onCheckIn: () => void
  pending: boolean
}) {
  return (
    <View compileMode className='zb-study-checkin' data-testid='checkin-card'>
      <View className='zb-study-checkin__text'>
        <Text className='zb-study-checkin__title'>{state.clockedInToday ? '今日已打卡' : '每日打卡'}</Text>
        <Text className='zb-study-checkin__sub' data-testid='checkin-streak'>
          {state.streak > 0 ? `已连续打卡 ${state.streak} 天` : '连续打卡，每天积分更多'}
        </Text>
      </View>
      <View className='zb-study-checkin__links'>
        <Text className='zb-study-checkin__points' onClick={() => go(ROUTES.studyPoints)} data-testid='open-points'>
          我的积分
        </Text>
        <Text
          className={`zb-study-checkin__button ${state.clockedInToday ? 'zb-study-checkin__button--done' : ''}`}
          onClick={state.clockedInToday || pending ? undefined : onCheckIn}
          data-testid='checkin-button'
        >
          {state.clockedInToday ? '已打卡' : pending ? '打卡中' : '打卡'}
        </Text>
      </View>
    </View>
  )
}

function StudyHome({ profile }: { profile: Profile }) {
  const feed = useQuery(studyFeedCall.load, [profile.memberId], { prefetched: studyFeedCall })
  // The card shows the feed's check-in state from the first render (an effect copying it into state rendered the
  // whole feed twice); a check-in made here overrides it until the feed is loaded again.
  const [checkedIn, setCheckedIn] = useState<{ feed: Study.FeedResult; state: Study.ClockInState } | null>(null)
  const checkIn = checkedIn && checkedIn.feed === feed.data ? checkedIn.state : (feed.data?.clockIn ?? null)
  const doCheckIn = useCallback(() => callFunction('study', 'clockIn'), [])
  const checkInAction = useAction(doCheckIn)

  usePullDownRefresh(() => {
    feed.reload()
    setTimeout(() => void Taro.stopPullDownRefresh(), 600)
  })

  const onCheckIn = async () => {
    const result = await checkInAction.run()
    if (!result.ok) return
    if (feed.data) setCheckedIn({ feed: feed.data, state: { clockedInToday: true, streak: result.data.streak } })
    toastSuccess(result.data.awarded > 0 ? `打卡成功 +${result.data.awarded}分` : '今日已打卡')
  }

  if (feed.failure && !feed.data) return <ErrorView failure={feed.failure} onRetry={feed.reload} />
  if (!feed.data) return <LoadingView />
  const data: Study.FeedResult = feed.data
  const order = data.columns.map((c) => c.id)
  const glyphs = columnGlyphs(data.columns.map((c) => c.name))
  return (
    <>
      <View className='zb-study-band'>
        <Text className='zb-study-band__hello'>{`${profile.name}，${greetingFor(chinaTime().hour())}`}</Text>
        {/* The same state as the card below (one source for today's check-in), not the feed's first answer. */}
        <Text className='zb-study-band__sub' data-testid='study-band-sub'>
          {(checkIn ?? data.clockIn).clockedInToday ? '今天也要坚持学习' : '今天还没打卡，学一篇再出发'}
        </Text>
        <View className='zb-study-search' onClick={() => go(ROUTES.studySearch)} data-testid='open-search'>
          <Search size={14} color='rgba(255,255,255,0.85)' />
          <Text className='zb-study-search__text'>搜索文章标题</Text>
        </View>
      </View>
      {checkIn ? (
        <CheckInCard state={checkIn} onCheckIn={() => void onCheckIn()} pending={checkInAction.pending} />
      ) : null}

      <View className='zb-study-columns' data-testid='columns'>
        {data.columns.map((c, i) => (
          <View
            compileMode
            key={c.id}
            className='zb-study-columns__item'
            onClick={() => go(`${ROUTES.studyColumn}?id=${c.id}&name=${encodeURIComponent(c.name)}`)}
          >
            <Text className='zb-study-columns__icon' style={{ background: columnTint(c.id, order) }}>
              {glyphs[i]}
            </Text>
            <Text className='zb-study-columns__name'>{c.name}</Text>
          </View>
        ))}
      </View>

      {data.pinned.length > 0 ? (
        <View className='zb-study-section zb-study-pinned' data-testid='pinned'>
          {data.pinned.map((a) => (
            <View
              compileMode
              key={a.id}
              className='zb-study-pinned__item'
              onClick={() => openArticle(a.id)}
              data-testid='pinned-item'
            >
              <Text className='zb-study-pinned__tag'>置顶</Text>
              <Text className='zb-study-pinned__title'>{a.title}</Text>
              <Text className='zb-study-pinned__date'>{friendlyDate(a.publishedAt).replace(/ \d\d:\d\d$/, '')}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='zb-study-section' data-testid='latest'>
        <View className='zb-study-section__head'>
          <Text className='zb-study-section__title'>最新文章</Text>
        </View>
        {data.latest.length === 0 ? (
          <Text className='zb-study-empty'>还没有文章，院党委和支部发布后会出现在这里。</Text>
        ) : (
          data.latest.map((a) => <ArticleItem key={a.id} article={a} />)
        )}
        {data.latest.length > 0 ? <Text className='zb-study-more'>更多文章请进入上方栏目查看</Text> : null}
      </View>

      {data.canPublish ? (
        <View className='zb-study-fab' onClick={() => go(ROUTES.publishHome)} data-testid='open-publish'>
          <Edit size={16} color='#fff' />
          <Text>发布</Text>
        </View>
      ) : null}
    </>
  )
}

export default sessionPage('page-study', StudyHome)
