/** How meetings read in the app: times, phases and statuses in plain Chinese. */
import type { Tone } from '../ui/tone'
import { chinaTime } from './time'
import type { AttendanceStatus, LeaveStatus, MeetingPhase, MeetingSummary } from '../services/api'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** 11月24日 周二 14:30–16:30 (the end day is added when it differs). */
export function meetingTime(m: Pick<MeetingSummary, 'startAt' | 'endAt'>): string {
  const start = chinaTime(m.startAt)
  const end = chinaTime(m.endAt)
  const day = `${start.format('M月D日')} 周${WEEKDAYS[start.day()]}`
  const endText = end.isSame(start, 'day') ? end.format('HH:mm') : end.format('M月D日 HH:mm')
  return `${day} ${start.format('HH:mm')}–${endText}`
}

export function clock(iso: string): string {
  return chinaTime(iso).format('HH:mm')
}

export function dateTime(iso: string): string {
  return chinaTime(iso).format('YYYY年M月D日 HH:mm')
}

export const PHASE_LABELS: Record<MeetingPhase, string> = {
  upcoming: '未开始',
  checkingIn: '签到中',
  running: '进行中',
  ended: '已结束',
  cancelled: '已取消',
}

export const STATUS_LABELS: Record<AttendanceStatus, string> = { present: '已签到', leave: '请假', absent: '未签到' }
/** After the meeting an absent member is 缺席 rather than "not yet". */
export const FINAL_STATUS_LABELS: Record<AttendanceStatus, string> = { present: '出席', leave: '请假', absent: '缺席' }

export const LEAVE_LABELS: Record<LeaveStatus, string> = {
  pending: '请假审批中',
  approved: '请假已批准',
  refused: '请假未批准',
}

/** The colour of an attendance or leave pill: done green, waiting amber, nothing grey. */
export const STATUS_TONES: Record<AttendanceStatus, Tone> = { present: 'green', leave: 'amber', absent: 'grey' }
export const LEAVE_TONES: Record<LeaveStatus, Tone> = { pending: 'amber', approved: 'green', refused: 'grey' }

export function isOver(m: Pick<MeetingSummary, 'phase'>): boolean {
  return m.phase === 'ended' || m.phase === 'cancelled'
}

/** "3 天后" / "今天" / "明天" for upcoming meetings. */
export function whenFromNow(iso: string, now = chinaTime()): string {
  const days = chinaTime(iso).startOf('day').diff(now.startOf('day'), 'day')
  if (days === 0) return '今天'
  if (days === 1) return '明天'
  if (days === 2) return '后天'
  return days > 0 ? `${days} 天后` : `${-days} 天前`
}
