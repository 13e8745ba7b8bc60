import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { sessionPage } from '../../../components/SessionPage'
import { Empty, listGate, MoreButton, Pill } from '../../../ui'
import { MeetingCard } from '../../../components/MeetingCard'
import { ROUTES } from '../../../routes'
import type { ManagerMeetingCard } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { useCursorList } from '../../../hooks/useCursorList'
import '../shared/meeting-pages.scss'

/** Past meetings of the branch (the college, for the committee), newest first, with attendance. */
function Past({ showBranch }: { showBranch: boolean }) {
  const paged = useCursorList(async (cursor) => {
    const result = await callFunction('meeting', 'list', cursor ? { scope: 'past', cursor } : { scope: 'past' })
    return result.ok
      ? {
          ok: true as const,
          data: { items: result.data.meetings as ManagerMeetingCard[], nextCursor: result.data.nextCursor },
        }
      : result
  }, [])
  // Nothing loaded: the full error card with 重试, not a one-line footer at the top of an empty page.
  const gate = listGate(paged)
  if (gate) return gate
  return (
    <>
      {!paged.loading && !paged.failure && paged.items.length === 0 ? (
        <Empty>还没有已结束的会议。会议结束后，可在这里补记纪要、导出签到表。</Empty>
      ) : null}
      {paged.items.map((m) => (
        <MeetingCard
          key={m.id}
          meeting={m}
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.meetingDetail}?id=${m.id}` })}
          status={
            m.phase === 'cancelled' ? (
              <Pill>已取消</Pill>
            ) : (
              <>
                <Pill tone='green'>
                  出席 {m.presentCount}/{m.expectedCount}
                </Pill>
                <Pill tone={m.hasMinutes ? 'grey' : 'red'}>{m.hasMinutes ? '已记录纪要' : '待记录纪要'}</Pill>
                {showBranch ? <Text className='zb-mnote'>{m.branchName}</Text> : null}
              </>
            )
          }
        />
      ))}
      <MoreButton list={paged} />
    </>
  )
}

export default sessionPage('page-meeting-past', ({ profile }) => (
  <Past showBranch={profile.roles.includes('committee')} />
))
