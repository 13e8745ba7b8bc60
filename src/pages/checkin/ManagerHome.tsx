import { Add, Category, Order } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import { Button, Empty, Pill } from '../../ui'
import { ROUTES } from '../../routes'
import { go, withQuery } from '../../hooks/useParams'
import type { ManagerMeetingCard, Profile } from '../../services/api'
import { whenFromNow } from '../../utils/meeting'
import { MeetingCard } from '../../components/MeetingCard'
import './index.scss'

function ManagerStatus({ meeting }: { meeting: ManagerMeetingCard }) {
  return (
    <>
      {meeting.phase === 'upcoming' || meeting.phase === 'cancelled' ? (
        <Pill>应到 {meeting.expectedCount} 人</Pill>
      ) : (
        <Pill tone='green'>
          {meeting.phase === 'ended' ? '出席' : '签到'} {meeting.presentCount}/{meeting.expectedCount}
        </Pill>
      )}
      {meeting.pendingLeaves > 0 ? <Pill tone='amber'>{meeting.pendingLeaves} 条请假待审批</Pill> : null}
      {meeting.phase === 'upcoming' ? <Pill>{whenFromNow(meeting.startAt)}</Pill> : null}
    </>
  )
}

export function ManagerHome({ profile, meetings }: { profile: Profile; meetings: ManagerMeetingCard[] }) {
  const isSecretary = profile.roles.includes('secretary') && profile.branch !== null
  return (
    <>
      <View className='zb-checkin__actions'>
        {isSecretary ? (
          <View
            className='zb-checkin__action zb-checkin__action--primary'
            onClick={() => go(ROUTES.meetingEdit)}
            data-testid='meeting-new'
          >
            <View className='zb-checkin__action-icon'>
              <Add size={22} />
            </View>
            <Text>发起会议</Text>
          </View>
        ) : null}
        <View
          className='zb-checkin__action'
          onClick={() => go(ROUTES.meetingCompliance)}
          data-testid='meeting-compliance'
        >
          <View className='zb-checkin__action-icon'>
            <Category size={22} />
          </View>
          <Text>开展情况</Text>
        </View>
        <View className='zb-checkin__action' onClick={() => go(ROUTES.meetingPast)} data-testid='meeting-past'>
          <View className='zb-checkin__action-icon'>
            <Order size={22} />
          </View>
          <Text>历史会议</Text>
        </View>
      </View>
      <Text className='zb-section-title'>近期会议</Text>
      {meetings.length === 0 ? (
        <Empty testId='checkin-empty'>
          {isSecretary
            ? '近期还没有安排会议。点击“发起会议”安排主题党日、支委会或党课，成员会收到通知。'
            : '各支部近期没有安排会议。'}
        </Empty>
      ) : (
        meetings.map((m) => (
          <MeetingCard
            key={m.id}
            meeting={m}
            status={<ManagerStatus meeting={m} />}
            onClick={() => go(withQuery(ROUTES.meetingDetail, { id: m.id }))}
          >
            {profile.roles.includes('committee') ? <Text className='zb-checkin__branch'>{m.branchName}</Text> : null}
            {m.phase === 'checkingIn' || m.phase === 'running' ? (
              <Button
                className='zb-checkin__show-code'
                type='primary'
                size='small'
                onClick={(e) => {
                  e.stopPropagation()
                  go(`${ROUTES.meetingCode}?id=${m.id}`)
                }}
              >
                展示签到码
              </Button>
            ) : null}
          </MeetingCard>
        ))
      )}
    </>
  )
}
