import { Text, View } from '@tarojs/components'
import type { CalendarEntry, ReportCalendar as Calendar } from '../../services/domain'
import { CALENDAR_STATE_LABELS, PERIOD_KIND_LABELS } from '../../services/domain'
import { CALENDAR_TONE, daysLeftText, formatDay, shortPeriodLabel } from '../../utils/report'
import './index.scss'

/**
 * A member's report calendar: each period they owe (and any they wrote for anyway), by year, coloured by
 * what became of it, with the next due date. Periods with a report can be tapped.
 */
export function ReportCalendar({
  calendar,
  onSelect,
  testId = 'report-calendar',
}: {
  calendar: Calendar
  onSelect?: (entry: CalendarEntry) => void
  testId?: string
}) {
  const years = [...new Set(calendar.entries.map((e) => e.period.year))].sort((a, b) => b - a)
  const { counts } = calendar
  return (
    <View className='zb-rcal' data-testid={testId}>
      {calendar.nextDue ? (
        <View className='zb-rcal__next'>
          <View className='zb-rcal__next-main'>
            <Text className='zb-rcal__next-label'>下次截止</Text>
            <Text className='zb-rcal__next-day'>{formatDay(calendar.nextDue.day)}</Text>
            <Text className='zb-rcal__next-period'>{calendar.nextDue.period.label}思想汇报</Text>
          </View>
          <Text className='zb-rcal__next-left'>{daysLeftText(calendar.nextDue.daysLeft)}</Text>
        </View>
      ) : null}
      <View className='zb-rcal__summary'>
        <Text>{PERIOD_KIND_LABELS[calendar.kind]}一次</Text>
        <Text>已完成 {counts.done}</Text>
        <Text>待审阅 {counts.submitted}</Text>
        {counts.returned ? <Text>待修改 {counts.returned}</Text> : null}
        {counts.overdue ? <Text className='zb-rcal__summary-bad'>逾期 {counts.overdue}</Text> : null}
      </View>
      {calendar.entries.length === 0 ? <Text className='zb-rcal__empty'>目前没有需要提交的汇报</Text> : null}
      {years.map((year) => (
        <View className='zb-rcal__year' key={year}>
          <Text className='zb-rcal__year-label'>{year}年</Text>
          <View className='zb-rcal__grid'>
            {calendar.entries
              .filter((e) => e.period.year === year)
              .sort((a, b) => a.period.index - b.period.index)
              .map((e) => (
                <View
                  key={e.period.id}
                  className={`zb-rcal__cell zb-rcal__cell--${CALENDAR_TONE[e.state]} ${e.period.id === calendar.current.id ? 'zb-rcal__cell--now' : ''}`}
                  data-testid={`calendar-${e.period.id}`}
                  data-state={e.state}
                  onClick={() => onSelect?.(e)}
                >
                  <Text className='zb-rcal__period'>{shortPeriodLabel(e.period)}</Text>
                  <Text className='zb-rcal__state'>
                    {e.owed ? CALENDAR_STATE_LABELS[e.state] : `自愿·${CALENDAR_STATE_LABELS[e.state]}`}
                  </Text>
                </View>
              ))}
          </View>
        </View>
      ))}
    </View>
  )
}
