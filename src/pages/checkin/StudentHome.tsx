import { Order, QrCode } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import { Empty, LinkRow, Pill } from '../../ui'
import { ROUTES } from '../../routes'
import { go, withQuery } from '../../hooks/useParams'
import type { StudentMeetingCard } from '../../services/api'
import { CodeCheckIn } from '../../components/CodeCheckIn'
import { clock, LEAVE_LABELS, LEAVE_TONES, whenFromNow } from '../../utils/meeting'
import { MeetingCard } from '../../components/MeetingCard'
import './index.scss'

function StudentStatus({ meeting }: { meeting: StudentMeetingCard }) {
  const { mine } = meeting
  if (mine.status === 'present') {
    return <Pill tone='green'>已于 {mine.checkedInAt ? clock(mine.checkedInAt) : ''} 签到</Pill>
  }
  if (mine.leave) return <Pill tone={LEAVE_TONES[mine.leave.status]}>{LEAVE_LABELS[mine.leave.status]}</Pill>
  if (meeting.phase === 'cancelled') return <Pill>会议已取消</Pill>
  return <Pill>{whenFromNow(meeting.startAt)} · 待参加</Pill>
}

export function StudentHome({ meetings, reload }: { meetings: StudentMeetingCard[]; reload: () => void }) {
  const open_ = meetings.filter((m) => m.phase === 'checkingIn')
  const later = meetings.filter((m) => m.phase !== 'checkingIn')
  return (
    <>
      {open_.length > 0 ? <Text className='zb-section-title'>正在签到</Text> : null}
      {open_.map((m) => (
        <MeetingCard key={m.id} meeting={m} status={<StudentStatus meeting={m} />}>
          {m.mine.status === 'present' ? null : <CodeCheckIn meetingId={m.id} onDone={reload} />}
          <Text className='zb-checkin__more' onClick={() => go(withQuery(ROUTES.meetingDetail, { id: m.id }))}>
            会议详情
          </Text>
        </MeetingCard>
      ))}
      <Text className='zb-section-title'>近期会议</Text>
      {later.length === 0 ? (
        <Empty testId='checkin-empty'>近期没有需要你参加的会议。支部安排会议后，会在这里显示并提醒你。</Empty>
      ) : (
        later.map((m) => <MeetingCard key={m.id} meeting={m} status={<StudentStatus meeting={m} />} linked />)
      )}
      <View className='zb-checkin__links'>
        <LinkRow icon={<Order size={18} />} title='我的出勤记录' onClick={() => go(ROUTES.meetingHistory)} />
        <LinkRow
          icon={<QrCode size={18} />}
          title='我的签到码'
          description='忘带手机或不便扫码时，请书记扫此码'
          onClick={() => go(ROUTES.myCheckInCode)}
        />
      </View>
    </>
  )
}
