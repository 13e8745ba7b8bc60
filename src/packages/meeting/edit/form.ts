/**
 * The 发起会议 form as data: its blank state, the request it sends, and what it still waits for. Pure, so
 * the rules are tested without a page.
 */
import type { MeetingDetail, Req } from '../../../services/api'
import {
  MEETING_AUDIENCE_LABELS,
  MEETING_AUDIENCES,
  type MeetingAudience,
  type MeetingType,
} from '../../../services/domain'
import { chinaTime, fromChinaTime } from '../../../utils/time'
import type { Dayjs } from 'dayjs'

/** The longest meeting the function accepts (cloudfunctions/meeting/src/manage.ts checkTimes). */
const MAX_HOURS = 12

export type Audience = MeetingAudience

export const AUDIENCES = MEETING_AUDIENCES.map((a) => [a, MEETING_AUDIENCE_LABELS[a]] as const)
/** Sensible default audience per kind of meeting. */
export const DEFAULT_AUDIENCE: Record<MeetingType, Audience> = {
  general: 'party',
  committee: 'committee',
  group: 'party',
  lecture: 'branch',
  training: 'party',
  themeDay: 'branch',
  lifeMeeting: 'party',
  other: 'branch',
}
export const OPENS_BEFORE = [15, 30, 60, 120]
/** Minutes after the start when check-in closes; 0 means "when the meeting ends". */
export const CLOSES_AFTER = [30, 60, 0]

export interface Form {
  type: MeetingType
  title: string
  date: string
  start: string
  end: string
  place: string
  agenda: string
  audience: Audience
  memberIds: string[]
  opensBefore: number
  closesAfter: number
  /** 线上会议: members confirm their own attendance within the check-in window. */
  online: boolean
}

/** Today (or tomorrow), starting on the next half hour at least 30 minutes away, two hours long. */
export function blankForm(): Form {
  const start = chinaTime().add(30, 'minute')
  const rounded =
    start.minute() === 0 || start.minute() === 30
      ? start
      : start.minute() < 30
        ? start.minute(30)
        : start.add(1, 'hour').minute(0)
  return {
    type: 'themeDay',
    title: '',
    date: rounded.format('YYYY-MM-DD'),
    start: rounded.format('HH:mm'),
    end: rounded.add(2, 'hour').format('HH:mm'),
    place: '',
    agenda: '',
    audience: 'branch',
    memberIds: [],
    opensBefore: 30,
    closesAfter: 0,
    online: false,
  }
}

export function formOf(m: MeetingDetail): Form {
  const start = chinaTime(m.startAt)
  const end = chinaTime(m.endAt)
  const closes = chinaTime(m.checkInClosesAt)
  return {
    type: m.type,
    title: m.title,
    date: start.format('YYYY-MM-DD'),
    start: start.format('HH:mm'),
    end: end.format('HH:mm'),
    place: m.place,
    agenda: m.agenda,
    audience: m.audience,
    memberIds: m.memberIds ?? [],
    opensBefore: start.diff(chinaTime(m.checkInOpensAt), 'minute'),
    closesAfter: closes.isSame(end) ? 0 : closes.diff(start, 'minute'),
    online: m.online,
  }
}

/** The request the function expects, from what the form shows. */
export function requestOf(f: Form): Req<'meeting', 'create'> {
  const start = chinaTime(fromChinaTime(f.date, f.start))
  const end = endOf(f)
  return {
    type: f.type,
    title: f.title.trim(),
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    place: f.place.trim(),
    agenda: f.agenda.trim(),
    audience: f.audience,
    memberIds: f.audience === 'chosen' ? f.memberIds : [],
    checkInOpensAt: start.subtract(f.opensBefore, 'minute').toISOString(),
    checkInClosesAt: f.closesAfter === 0 ? end.toISOString() : start.add(f.closesAfter, 'minute').toISOString(),
    online: f.online,
  }
}

/**
 * The end as an instant. An end at or before the start is past midnight only when that makes a meeting
 * of at most 12 hours (19:00 → 01:00); otherwise it is a mistake the form names (14:00 → 12:00).
 */
function endOf(f: Pick<Form, 'date' | 'start' | 'end'>): Dayjs {
  const start = chinaTime(fromChinaTime(f.date, f.start))
  const end = chinaTime(fromChinaTime(f.date, f.end))
  if (end.isAfter(start)) return end
  const nextDay = end.add(1, 'day')
  return nextDay.diff(start, 'hour', true) <= MAX_HOURS ? nextDay : end
}

/** What the submit button waits for, in the words shown under it; null when the form can be sent. */
export function meetingFormProblem(f: Form): string | null {
  if (f.title.trim().length === 0) return '请填写会议主题'
  if (f.title.trim().length < 2) return '会议主题至少 2 个字'
  if (!endOf(f).isAfter(chinaTime(fromChinaTime(f.date, f.start)))) return '结束时间应晚于开始时间'
  if (endOf(f).diff(chinaTime(fromChinaTime(f.date, f.start)), 'hour', true) > MAX_HOURS)
    return `一次会议不能超过 ${MAX_HOURS} 小时`
  if (f.place.trim().length === 0) return '请填写会议地点'
  if (f.audience === 'chosen' && f.memberIds.length === 0) return '请选择参会人员'
  return null
}
