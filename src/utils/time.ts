/**
 * Times as the product means them: China time (UTC+8, no DST), whatever the device's time zone. One way:
 * dayjs at the fixed +08:00 offset (the server reckons days and periods the same way, _shared/time.ts).
 */
import dayjs, { type ConfigType, type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** China's offset from UTC in minutes: fixed, China has no daylight saving time. */
const CHINA_OFFSET_MINUTES = 8 * 60

/** A date or date-time without a zone ('YYYY-MM-DD', 'YYYY-MM-DD HH:mm[:ss]'): a China wall-clock time. */
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/

/**
 * `input` (an instant, or a zone-less China date / date-time) as a dayjs in China time; now when omitted.
 * Calendar days like '2026-11-24' stay that day.
 */
export function chinaTime(input?: ConfigType): Dayjs {
  const wall = typeof input === 'string' ? WALL_CLOCK.exec(input) : null
  // A wall clock is China's, not the device's zone: read it with the offset written out.
  const instant = wall ? `${wall[1]}T${wall[2] ?? '00:00'}+08:00` : input
  return dayjs(instant).utcOffset(CHINA_OFFSET_MINUTES)
}

/** The instant of a China-time date 'YYYY-MM-DD' and time 'HH:mm' (as picked in a form). */
export function fromChinaTime(date: string, time: string): Date {
  return chinaTime(`${date} ${time}`).toDate()
}
