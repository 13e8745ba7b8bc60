import { Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { CalendarView } from '../../../../cloudfunctions/development/src/contract'
import { InlineSubmit } from '../../../components/ActionBar/InlineSubmit'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { useSubmit } from '../../../hooks/useSubmit'
import { callFunction } from '../../../services/call'
import { chinaTime } from '../../../utils/time'
import '../shared.scss'
import { TextInput } from '../TextInput'

const list = (days: string[]): string => days.join('，')
const parse = (text: string): string[] => text.split(/[，,\s]+/).filter(Boolean)

/** A list of days typed as text (2027-01-01，2027-02-06) in a labelled row. */
function DaysBox({
  label,
  value,
  placeholder,
  maxLength,
  onChange,
}: {
  label: string
  value: string
  placeholder: string
  maxLength: number
  onChange: (text: string) => void
}) {
  return (
    <View className='zbd-field'>
      <Text className='zbd-field__label'>{label}</Text>
      <Textarea
        className='zbd-input'
        value={value}
        placeholder={placeholder}
        autoHeight
        maxlength={maxLength}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  )
}

/** The committee keeps the year's holidays and make-up working days; the 公示 counts working days on it. */
function Editor({ view, onSaved }: { view: CalendarView; onSaved: (v: CalendarView) => void }) {
  const [holidays, setHolidays] = useState(list(view.holidays))
  const [workdays, setWorkdays] = useState(list(view.workdays))
  const [source, setSource] = useState(view.source || `国务院办公厅关于${view.year}年部分节假日安排的通知`)
  useEffect(() => {
    setHolidays(list(view.holidays))
    setWorkdays(list(view.workdays))
  }, [view])
  const saveCalendar = useSubmit(
    () =>
      callFunction('development', 'saveCalendar', {
        year: view.year,
        holidays: parse(holidays),
        workdays: parse(workdays),
        source: source.trim(),
      }),
    '已保存',
    onSaved,
    { toast: false },
  )
  return (
    <Card title='修改本年安排'>
      <DaysBox
        label='放假日期（年-月-日，用逗号分隔）'
        value={holidays}
        placeholder='如 2027-01-01，2027-02-06'
        maxLength={1200}
        onChange={setHolidays}
      />
      <DaysBox
        label='调休上班日期（周末上班的日子）'
        value={workdays}
        placeholder='如 2027-02-14'
        maxLength={400}
        onChange={setWorkdays}
      />
      <View className='zbd-field'>
        <Text className='zbd-field__label'>依据</Text>
        <TextInput value={source} placeholder='通知名称' onChange={setSource} />
      </View>
      <InlineSubmit
        text='保存'
        pending={saveCalendar.pending}
        failure={saveCalendar.failure}
        waitsFor={source.trim().length < 2 ? '请填写依据（通知名称）' : null}
        onClick={saveCalendar.submit}
        testId='calendar-save'
        alertClass='zbd-alert'
      />
    </Card>
  )
}

function Calendar() {
  const [year, setYear] = useState(chinaTime().year())
  const query = useQuery(() => callFunction('development', 'calendar', { year }), [year])
  return <QueryView query={query}>{(data) => <YearView loaded={data} year={year} onYear={setYear} />}</QueryView>
}

function YearView({ loaded, year, onYear }: { loaded: CalendarView; year: number; onYear: (y: number) => void }) {
  const [saved, setSaved] = useState<CalendarView | null>(null)
  const view = saved && saved.year === year ? saved : loaded
  const setYear = onYear
  return (
    <View className='zbd-root' data-testid='development-calendar'>
      <View className='zbd-tabs'>
        <Text className='zbd-tab' onClick={() => setYear(year - 1)}>
          上一年
        </Text>
        <Text className='zbd-tab zbd-tab--on'>{year} 年</Text>
        <Text className='zbd-tab' onClick={() => setYear(year + 1)}>
          下一年
        </Text>
      </View>
      <Card title={view.configured ? `${year} 年：${view.originLabel}` : `${year} 年尚未配置`}>
        {view.configured ? (
          <>
            <Text className='zbd-line'>依据：{view.source}</Text>
            <Text className='zbd-line'>
              放假 {view.holidays.length} 天：{list(view.holidays)}
            </Text>
            <Text className='zbd-line'>
              调休上班 {view.workdays.length} 天：{view.workdays.length ? list(view.workdays) : '无'}
            </Text>
          </>
        ) : (
          <Text className='zbd-alert'>{view.originLabel}。国务院办公厅公布当年节假日安排后，请院党委在此填写。</Text>
        )}
        <Text className='zbd-muted'>发展对象公示等按工作日计算的期限，会跳过放假日期、计入调休上班日期。</Text>
      </Card>
      {view.canEdit ? <Editor view={view} onSaved={setSaved} /> : null}
    </View>
  )
}

export default sessionPage('page-development-calendar', Calendar)
