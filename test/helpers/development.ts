import { NATIONAL_CALENDARS, WorkCalendar } from '../../cloudfunctions/development/src/calendar'
import { addDays as shift } from '../../cloudfunctions/_shared/time'

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
