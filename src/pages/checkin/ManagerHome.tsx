import { Add, Category, Order, type IconProps } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import type { ComponentType } from 'react'
import { Button, Empty, Pill } from '../../ui'
import { ROUTES } from '../../routes'
import { go } from '../../hooks/useParams'
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

/** One of the manager's buttons above the meetings: an icon over a label; it opens `url`. */
function Action({
  Icon,
  label,
  url,
  testId,
  primary = false,
}: {
  Icon: ComponentType<IconProps>
  label: string
  url: string
  testId: string
  primary?: boolean
}) {
  return (
    <View
      className={`zb-checkin__action ${primary ? 'zb-checkin__action--primary' : ''}`}
      onClick={() => go(url)}
      data-testid={testId}
    >
      <View className='zb-checkin__action-icon'>
        <Icon size={22} />
      </View>
      <Text>{label}</Text>
    </View>
  )
}

export function ManagerHome({ profile, meetings }: { profile: Profile; meetings: ManagerMeetingCard[] }) {
  const isSecretary = profile.roles.includes('secretary') && profile.branch !== null
  return (
    <>
      <View className='zb-checkin__actions'>
        {isSecretary ? (
          <Action primary Icon={Add} label='发起会议' url={ROUTES.meetingEdit} testId='meeting-new' />
        ) : null}
        <Action Icon={Category} label='开展情况' url={ROUTES.meetingCompliance} testId='meeting-compliance' />
        <Action Icon={Order} label='历史会议' url={ROUTES.meetingPast} testId='meeting-past' />
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
          <MeetingCard key={m.id} meeting={m} status={<ManagerStatus meeting={m} />} linked>
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
