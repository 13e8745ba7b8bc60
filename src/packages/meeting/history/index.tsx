import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { sessionPage } from '../../../components/SessionPage'
import { Empty, listGate, MoreButton, Pill } from '../../../ui'
import { clock, FINAL_STATUS_LABELS, STATUS_TONES } from '../../../utils/meeting'
import { MeetingCard } from '../../../components/MeetingCard'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { useCursorList } from '../../../hooks/useCursorList'
import '../shared/meeting-pages.scss'

/** A student's attendance record: every past meeting they were expected at, newest first. */
function History() {
  const paged = useCursorList((cursor) => callFunction('meeting', 'myAttendance', cursor ? { cursor } : {}), [])
  // Nothing loaded: the full error card with 重试, not a one-line footer at the top of an empty page.
  const gate = listGate(paged)
  if (gate) return gate
  const present = paged.items.filter((i) => i.status === 'present').length
  const leave = paged.items.filter((i) => i.status === 'leave').length
  return (
    <>
      {paged.items.length > 0 ? (
        <Text className='zb-history__summary' data-testid='history-summary'>
          已加载的 {paged.items.length} 次会议中：出席 {present} 次，请假 {leave} 次，缺席{' '}
          {paged.items.length - present - leave} 次
        </Text>
      ) : null}
      {!paged.loading && !paged.failure && paged.items.length === 0 ? (
        <Empty>还没有已结束的会议记录。参加支部会议并签到后，出勤会记在这里。</Empty>
      ) : null}
      {paged.items.map((item) => (
        <MeetingCard
          key={item.meeting.id}
          meeting={item.meeting}
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.meetingDetail}?id=${item.meeting.id}` })}
          status={
            <>
              <Pill tone={STATUS_TONES[item.status]}>{FINAL_STATUS_LABELS[item.status]}</Pill>
              {item.checkedInAt ? <Text className='zb-mnote'>签到 {clock(item.checkedInAt)}</Text> : null}
            </>
          }
        />
      ))}
      <MoreButton list={paged} />
    </>
  )
}

export default sessionPage('page-meeting-history', History)
