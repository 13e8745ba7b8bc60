import { Picker, Text, View } from '@tarojs/components'
import { ErrorView, Field, Segmented } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { chinaTime } from '../../../utils/time'
import { CLOSES_AFTER, OPENS_BEFORE, type Form } from './form'

export type SetField = <K extends keyof Form>(key: K, value: Form[K]) => void

/** The branch's members to choose from when only some are asked to attend. */
export function MemberPicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const { data, failure, loading, reload } = useQuery(() => callFunction('meeting', 'roster', {}), [])
  if (failure) return <ErrorView failure={failure} onRetry={reload} />
  if (loading || !data) return <Text className='zb-mnote'>正在加载支部名单…</Text>
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id])
  return (
    <View className='zb-members' data-testid='member-picker'>
      {data.map((m) => (
        <Text
          key={m.id}
          className={`zu-chip ${selected.includes(m.id) ? 'zu-chip--on' : ''}`}
          onClick={() => toggle(m.id)}
        >
          {m.name}
          <Text className='zu-chip__note'> {m.post ?? m.stageLabel}</Text>
        </Text>
      ))}
    </View>
  )
}

/** The day and the start and end times. */
export function WhenFields({ form, set }: { form: Form; set: SetField }) {
  return (
    <>
      <Field label='日期'>
        <Picker mode='date' value={form.date} onChange={(e) => set('date', String(e.detail.value))}>
          <Text className='zb-picker'>{chinaTime(form.date).format('YYYY年M月D日')}</Text>
        </Picker>
      </Field>
      <Field label='时间'>
        <View className='zb-times'>
          <Picker mode='time' value={form.start} onChange={(e) => set('start', String(e.detail.value))}>
            <Text className='zb-picker'>{form.start}</Text>
          </Picker>
          <Text className='zb-times__to'>至</Text>
          <Picker mode='time' value={form.end} onChange={(e) => set('end', String(e.detail.value))}>
            <Text className='zb-picker'>{form.end}</Text>
          </Picker>
        </View>
      </Field>
    </>
  )
}

/** When check-in opens and closes (the form's own value stays a choice even when it is not a preset). */
export function CheckInFields({ form, set }: { form: Form; set: SetField }) {
  const opens = OPENS_BEFORE.includes(form.opensBefore)
    ? OPENS_BEFORE
    : [...OPENS_BEFORE, form.opensBefore].sort((a, b) => a - b)
  const closes = CLOSES_AFTER.includes(form.closesAfter) ? CLOSES_AFTER : [form.closesAfter, ...CLOSES_AFTER]
  return (
    <>
      <Field label='签到开放'>
        <Segmented
          options={opens.map(
            (n) => [n, n >= 60 && n % 60 === 0 ? `会前 ${n / 60} 小时` : `会前 ${n} 分钟`] as [number, string],
          )}
          value={form.opensBefore}
          onChange={(v) => set('opensBefore', v)}
          testId='meeting-opens'
        />
      </Field>
      <Field label='签到截止'>
        <Segmented
          options={closes.map((n) => [n, n === 0 ? '会议结束时' : `开始后 ${n} 分钟`] as [number, string])}
          value={form.closesAfter}
          onChange={(v) => set('closesAfter', v)}
        />
      </Field>
    </>
  )
}
