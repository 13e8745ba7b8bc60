import { expect } from 'vitest'
import { NATIONAL_CALENDARS, WorkCalendar } from '../../cloudfunctions/development/src/calendar'
import type { FileView } from '../../cloudfunctions/development/src/contract'
import { addDays as shift } from '../../cloudfunctions/_shared/time'
import type { LocalCloud } from './cloud'

/**
 * The eve of the latest national holiday block whose eve lies between `from` and `today`: a 确定发展对象
 * on that day with a 公示 starting the same day spans the holiday (issue #17's journey).
 */
export function holidayEve(from: string, today: string): string {
  const cal = WorkCalendar.of([])
  const eves = NATIONAL_CALENDARS.flatMap((y) => y.holidays)
    .map((d) => shift(d, -1))
    .filter((eve) => cal.isWorkingDay(eve) && !cal.isWorkingDay(shift(eve, 1)) && eve >= from && eve <= today)
    .sort()
  const eve = eves[eves.length - 1]
  if (!eve) throw new Error(`no national holiday between ${from} and ${today}`)
  return eve
}

/**
 * The 公示 of a 确定发展对象 for `memberId` recorded on a holiday's eve (`holidayEve` from the member's next
 * step): its first day and the end of its five working days.
 */
export async function noticeAcrossHoliday(
  cloud: LocalCloud,
  memberId: string,
  openid: string,
  today: string,
): Promise<{ eve: string; end: string }> {
  const file = await cloud.call<{ ok: true; data: FileView }>('development', { action: 'file', memberId }, openid)
  const eve = holidayEve(file.data.position.next?.from as string, today)
  return { eve, end: WorkCalendar.of([]).endOfWorkingDays(eve, 5).end }
}

/** Records each `[step, days ago]` of `memberId`'s file as `openid` (their secretary); each is accepted. */
export async function recordPastSteps(
  cloud: LocalCloud,
  memberId: string,
  openid: string,
  steps: readonly (readonly [number, number])[],
): Promise<void> {
  for (const [step, back] of steps) {
    const date = new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10)
    const res = await cloud.call<{ ok: boolean }>('development', { action: 'recordStep', memberId, step, date }, openid)
    expect(res.ok).toBe(true)
  }
}
