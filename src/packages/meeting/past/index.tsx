import { Text } from '@tarojs/components'
import { sessionPage } from '../../../components/SessionPage'
import { Pill } from '../../../ui'
import { MeetingList } from '../shared/MeetingList'
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
  return (
    <MeetingList
      list={paged}
      empty='还没有已结束的会议。会议结束后，可在这里补记纪要、导出签到表。'
      meetingOf={(m) => m}
      status={(m) =>
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
  )
}

export default sessionPage('page-meeting-past', ({ profile }) => (
  <Past showBranch={profile.roles.includes('committee')} />
))
