import { Text, View } from '@tarojs/components'
import { chinaTime } from '../../../utils/time'

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** The month's check-ins as a calendar (Monday first). */
export function Calendar({ month, days, today }: { month: string; days: string[]; today: string }) {
  const first = chinaTime(`${month}-01`)
  const blanks = (first.day() + 6) % 7
  const checked = new Set(days)
  const cells = Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'))
  return (
    <View className='zb-cal' data-testid='checkin-calendar'>
      <Text className='zb-cal__title'>{first.format('YYYY年M月')}</Text>
      <View className='zb-cal__grid'>
        {WEEKDAYS.map((w) => (
          <Text key={w} className='zb-cal__weekday'>
            {w}
          </Text>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <View key={`b${i}`} className='zb-cal__cell' />
        ))}
        {cells.map((day) => (
          <View key={day} className='zb-cal__cell'>
            <Text
              className={`zb-cal__day ${checked.has(day) ? 'zb-cal__day--on' : ''} ${day === today ? 'zb-cal__day--today' : ''} ${day > today ? 'zb-cal__day--future' : ''}`}
              data-testid={checked.has(day) ? 'calendar-day-on' : undefined}
            >
              {Number(day.slice(8))}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
