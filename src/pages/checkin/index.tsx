import { Order } from '../../components/Icon'
import { Greeting } from '../../components/Greeting'
import { sessionPage } from '../../components/SessionPage'
import { NoticeView, QueryView } from '../../ui'
import type { ManagerMeetingCard, Profile, StudentMeetingCard } from '../../services/api'
import { upcomingMeetingsCall } from '../../services/entry-calls'
import './index.scss'
import { StudentHome } from './StudentHome'
import { useShownQuery } from '../../hooks/useShownQuery'
import { lazyPart } from '../../components/LazyPart'

// Only secretaries and the committee see it: on weapp it lives in the meeting subpackage (issue #21).
const ManagerHome = lazyPart(() =>
  import(/* webpackChunkName: "packages/meeting/lazy/manager-home" */ './ManagerHome').then((m) => m.ManagerHome),
)

function CheckinHome({ profile }: { profile: Profile }) {
  // Coming back from a meeting page (checked in, asked for leave, created one): show the news.
  const query = useShownQuery(upcomingMeetingsCall.load, [profile.memberId], {
    prefetched: upcomingMeetingsCall,
  })
  const { data, reload } = query

  const subtitle = data
    ? data.role === 'manager'
      ? `近期 ${data.meetings.length} 场会议`
      : data.meetings.some((m) => m.phase === 'checkingIn')
        ? '有会议正在签到'
        : undefined
    : undefined
  return (
    <>
      <Greeting profile={profile} subtitle={subtitle} />
      <QueryView
        query={query}
        refused={(failure) =>
          failure.code === 'FAILED_PRECONDITION' ? (
            <NoticeView icon={<Order size={36} />} title='暂无组织生活安排' text={failure.message} />
          ) : null
        }
      >
        {(data) =>
          data.role === 'manager' ? (
            <ManagerHome profile={profile} meetings={data.meetings as ManagerMeetingCard[]} />
          ) : (
            <StudentHome meetings={data.meetings as StudentMeetingCard[]} reload={reload} />
          )
        }
      </QueryView>
    </>
  )
}

export default sessionPage('page-checkin', CheckinHome)
