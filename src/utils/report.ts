/** Words and formats the report screens share (student and secretary side). */
import { chinaTime } from './time'
import type { ReviewDecision, TimelineKind } from '../services/api'
import type { CalendarState, Period, ReportStatus } from '../services/domain'

export type Tone = 'green' | 'blue' | 'orange' | 'grey' | 'red' | 'gold'

export const STATUS_TONE: Record<ReportStatus, Tone> = {
  draft: 'grey',
  pending: 'blue',
  approved: 'green',
  returned: 'orange',
}

export const CALENDAR_TONE: Record<CalendarState, Tone> = {
  done: 'green',
  submitted: 'blue',
  returned: 'orange',
  due: 'gold',
  overdue: 'red',
}

export const TIMELINE_LABELS: Record<TimelineKind, string> = {
  created: '开始撰写',
  submitted: '提交汇报',
  resubmitted: '修改后重新提交',
  approved: '审阅通过',
  returned: '退回修改',
}

export const DECISION_LABELS: Record<ReviewDecision, string> = { approve: '审阅通过', return: '退回修改' }

/** '11月18日 14:30' this year, '2025年11月18日 14:30' before. */
export function formatDateTime(iso: string): string {
  const d = chinaTime(iso)
  return d.format(d.year() === chinaTime().year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** '12月31日' this year, '2025年12月31日' otherwise; takes 'YYYY-MM-DD' or an ISO time. */
export function formatDay(day: string): string {
  const d = chinaTime(day)
  return d.format(d.year() === chinaTime().year() ? 'M月D日' : 'YYYY年M月D日')
}

/** The period without its year: 第四季度, 3月, 上半年. */
export function shortPeriodLabel(period: Period): string {
  return period.label.replace(`${period.year}年`, '')
}

/** '还有 40 天' / '今天截止' / '已逾期 3 天'. */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `还有 ${daysLeft} 天`
  if (daysLeft === 0) return '今天截止'
  return `已逾期 ${-daysLeft} 天`
}
