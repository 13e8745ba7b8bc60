import { Text } from '@tarojs/components'
import { sessionPage } from '../../../components/SessionPage'
import { Pill } from '../../../ui'
import { clock, FINAL_STATUS_LABELS, STATUS_TONES } from '../../../utils/meeting'
import { MeetingList } from '../shared/MeetingList'
import { callFunction } from '../../../services/call'
import { useCursorList } from '../../../hooks/useCursorList'
import '../shared/meeting-pages.scss'

/** A student's attendance record: every past meeting they were expected at, newest first. */
function History() {
  const paged = useCursorList((cursor) => callFunction('meeting', 'myAttendance', cursor ? { cursor } : {}), [])
  const present = paged.items.filter((i) => i.status === 'present').length
  const leave = paged.items.filter((i) => i.status === 'leave').length
  return (
    <MeetingList
      list={paged}
      empty='还没有已结束的会议记录。参加支部会议并签到后，出勤会记在这里。'
      summary={
        <Text className='zb-history__summary' data-testid='history-summary'>
          已加载的 {paged.items.length} 次会议中：出席 {present} 次，请假 {leave} 次，缺席{' '}
          {paged.items.length - present - leave} 次
        </Text>
      }
      meetingOf={(item) => item.meeting}
      status={(item) => (
        <>
          <Pill tone={STATUS_TONES[item.status]}>{FINAL_STATUS_LABELS[item.status]}</Pill>
          {item.checkedInAt ? <Text className='zb-mnote'>签到 {clock(item.checkedInAt)}</Text> : null}
        </>
      )}
    />
  )
}

export default sessionPage('page-meeting-history', History)
