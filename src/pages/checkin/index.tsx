import { Add, ArrowRight, Category, Order, QrCode } from '../../components/Icon'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'
import { Greeting } from '../../components/Greeting'
import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import { Empty, NoticeView, Pill, QueryView } from '../../ui'
import { useQuery } from '../../hooks/useCall'
import { ROUTES } from '../../routes'
import type { ManagerMeetingCard, Profile, StudentMeetingCard } from '../../services/api'
import { upcomingMeetingsCall } from '../../services/entry-calls'
import { CodeCheckIn } from '../../components/CodeCheckIn'
import { clock, LEAVE_LABELS, LEAVE_TONES, whenFromNow } from '../../utils/meeting'
import { MeetingCard } from '../../components/MeetingCard'
import './index.scss'

function open(url: string): void {
  void Taro.navigateTo({ url })
}

const detailUrl = (id: string) => `${ROUTES.meetingDetail}?id=${id}`

function StudentStatus({ meeting }: { meeting: StudentMeetingCard }) {
  const { mine } = meeting
  if (mine.status === 'present') {
    return <Pill tone='green'>已于 {mine.checkedInAt ? clock(mine.checkedInAt) : ''} 签到</Pill>
  }
  if (mine.leave) return <Pill tone={LEAVE_TONES[mine.leave.status]}>{LEAVE_LABELS[mine.leave.status]}</Pill>
  if (meeting.phase === 'cancelled') return <Pill>会议已取消</Pill>
  return <Pill>{whenFromNow(meeting.startAt)} · 待参加</Pill>
}

function StudentHome({ meetings, reload }: { meetings: StudentMeetingCard[]; reload: () => void }) {
  const open_ = meetings.filter((m) => m.phase === 'checkingIn')
  const later = meetings.filter((m) => m.phase !== 'checkingIn')
  return (
    <>
      {open_.length > 0 ? <Text className='zb-section-title'>正在签到</Text> : null}
      {open_.map((m) => (
        <MeetingCard key={m.id} meeting={m} status={<StudentStatus meeting={m} />}>
          {m.mine.status === 'present' ? null : <CodeCheckIn meetingId={m.id} onDone={reload} />}
          <Text className='zb-checkin__more' onClick={() => open(detailUrl(m.id))}>
            会议详情
          </Text>
        </MeetingCard>
      ))}
      <Text className='zb-section-title'>近期会议</Text>
      {later.length === 0 ? (
        <Empty testId='checkin-empty'>近期没有需要你参加的会议。支部安排会议后，会在这里显示并提醒你。</Empty>
      ) : (
        later.map((m) => (
          <MeetingCard
            key={m.id}
            meeting={m}
            status={<StudentStatus meeting={m} />}
            onClick={() => open(detailUrl(m.id))}
          />
        ))
      )}
      <View className='zb-checkin__links'>
        <LinkRow icon={<Order size={18} />} title='我的出勤记录' onClick={() => open(ROUTES.meetingHistory)} />
        <LinkRow
          icon={<QrCode size={18} />}
          title='我的签到码'
          note='忘带手机或不便扫码时，请书记扫此码'
          onClick={() => open(ROUTES.myCheckInCode)}
        />
      </View>
    </>
  )
}

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

function ManagerHome({ profile, meetings }: { profile: Profile; meetings: ManagerMeetingCard[] }) {
  const isSecretary = profile.roles.includes('secretary') && profile.branch !== null
  return (
    <>
      <View className='zb-checkin__actions'>
        {isSecretary ? (
          <View
            className='zb-checkin__action zb-checkin__action--primary'
            onClick={() => open(ROUTES.meetingEdit)}
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
          onClick={() => open(ROUTES.meetingCompliance)}
          data-testid='meeting-compliance'
        >
          <View className='zb-checkin__action-icon'>
            <Category size={22} />
          </View>
          <Text>开展情况</Text>
        </View>
        <View className='zb-checkin__action' onClick={() => open(ROUTES.meetingPast)} data-testid='meeting-past'>
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
            onClick={() => open(detailUrl(m.id))}
          >
            {profile.roles.includes('committee') ? <Text className='zb-checkin__branch'>{m.branchName}</Text> : null}
            {m.phase === 'checkingIn' || m.phase === 'running' ? (
              <Button
                className='zb-checkin__show-code'
                type='primary'
                size='small'
                onClick={(e) => {
                  e.stopPropagation()
                  open(`${ROUTES.meetingCode}?id=${m.id}`)
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

function LinkRow({
  icon,
  title,
  note,
  onClick,
}: {
  icon: JSX.Element
  title: string
  note?: string
  onClick: () => void
}) {
  return (
    <View className='zb-checkin__link' onClick={onClick}>
      <View className='zb-checkin__link-icon'>{icon}</View>
      <View className='zb-checkin__link-body'>
        <Text className='zb-checkin__link-title'>{title}</Text>
        {note ? <Text className='zb-checkin__link-note'>{note}</Text> : null}
      </View>
      <ArrowRight size={12} color='#B6BAC2' />
    </View>
  )
}

function CheckinHome({ profile }: { profile: Profile }) {
  const query = useQuery(upcomingMeetingsCall.load, [profile.memberId], {
    prefetched: upcomingMeetingsCall,
  })
  const { data, reload } = query
  // Coming back from a meeting page (checked in, asked for leave, created one): show the news.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })

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

export default function CheckinPage() {
  return (
    <Page testId='page-checkin'>
      <SessionGate>{({ profile }) => <CheckinHome profile={profile} />}</SessionGate>
    </Page>
  )
}
