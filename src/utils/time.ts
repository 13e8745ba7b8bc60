/**
 * Times as the product means them: China time (UTC+8, no DST), whatever the device's time zone
 * (the server computes days and periods the same way, cloudfunctions/_shared/time.ts).
 */
import dayjs, { type ConfigType, type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const CHINA_OFFSET_MINUTES = 480

/** A date or date-time without a zone ('YYYY-MM-DD', 'YYYY-MM-DD HH:mm[:ss]'): a China wall-clock time. */
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/

/**
 * `input` (an instant, or a zone-less China date / date-time) as a dayjs in China time; now when omitted.
 * Calendar days like '2026-11-24' stay that day.
 */
export function chinaTime(input?: ConfigType): Dayjs {
  if (typeof input === 'string') {
    const wall = WALL_CLOCK.exec(input)
    if (wall) return dayjs(fromChinaTime(wall[1], wall[2] ?? '00:00')).utcOffset(CHINA_OFFSET_MINUTES)
  }
  return dayjs(input).utcOffset(CHINA_OFFSET_MINUTES)
}

/** The instant of a China-time date 'YYYY-MM-DD' and time 'HH:mm' (as picked in a form). */
export function fromChinaTime(date: string, time: string): Date {
  return new Date(Date.parse(`${date}T${time}+08:00`))
}
