import { Input, Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { CalendarView } from '../../../../cloudfunctions/development/src/contract'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction, type CallFailure } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { chinaTime } from '../../../utils/time'
import '../shared.scss'

const list = (days: string[]): string => days.join('，')
const parse = (text: string): string[] => text.split(/[，,\s]+/).filter(Boolean)

/** The committee keeps the year's holidays and make-up working days; the 公示 counts working days on it. */
function Editor({ view, onSaved }: { view: CalendarView; onSaved: (v: CalendarView) => void }) {
  const [holidays, setHolidays] = useState(list(view.holidays))
  const [workdays, setWorkdays] = useState(list(view.workdays))
  const [source, setSource] = useState(view.source || `国务院办公厅关于${view.year}年部分节假日安排的通知`)
  const [error, setError] = useState<CallFailure | null>(null)
  const [pending, setPending] = useState(false)
  useEffect(() => {
    setHolidays(list(view.holidays))
    setWorkdays(list(view.workdays))
  }, [view])
  const save = async () => {
    setPending(true)
    setError(null)
    const res = await callFunction('development', 'saveCalendar', {
      year: view.year,
      holidays: parse(holidays),
      workdays: parse(workdays),
      source: source.trim(),
    })
    setPending(false)
    if (!res.ok) return setError(res)
    toastSuccess('已保存')
    onSaved(res.data)
  }
  return (
    <Card title='修改本年安排'>
      <View className='zbd-field'>
        <Text className='zbd-field__label'>放假日期（年-月-日，用逗号分隔）</Text>
        <Textarea
          className='zbd-input'
          value={holidays}
          placeholder='如 2027-01-01，2027-02-06'
          autoHeight
          maxlength={1200}
          onInput={(e) => setHolidays(e.detail.value)}
        />
      </View>
      <View className='zbd-field'>
        <Text className='zbd-field__label'>调休上班日期（周末上班的日子）</Text>
        <Textarea
          className='zbd-input'
          value={workdays}
          placeholder='如 2027-02-14'
          autoHeight
          maxlength={400}
          onInput={(e) => setWorkdays(e.detail.value)}
        />
      </View>
      <View className='zbd-field'>
        <Text className='zbd-field__label'>依据</Text>
        <Input className='zbd-input' value={source} placeholder='通知名称' onInput={(e) => setSource(e.detail.value)} />
      </View>
      {error ? <Text className='zbd-alert'>{error.message}</Text> : null}
      <ActionBar
        inline
        actions={[
          {
            text: '保存',
            primary: true,
            loading: pending,
            waitsFor: source.trim().length < 2 ? '请填写依据（通知名称）' : null,
            onClick: () => void save(),
            testId: 'calendar-save',
          },
        ]}
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
