import { Picker, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionBar } from '../../../components/ActionBar'
import { useAction } from '../../../hooks/useCall'
import type { CallResult } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { chinaTime } from '../../../utils/time'

/** A calendar day ('YYYY-MM-DD') picked with the platform's date picker. */
export function DayPicker({
  value,
  onChange,
  start,
  end,
}: {
  value: string
  onChange: (day: string) => void
  start?: string
  end?: string
}) {
  return (
    <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <Text className='zbc-picker'>{dayLabel(value)}</Text>
    </Picker>
  )
}

/** 2026-03-05 → 2026年3月5日 */
export function dayLabel(day: string): string {
  return chinaTime(day).format('YYYY年M月D日')
}

/** An instant as 3月5日 14:30 in China time. */
export function momentLabel(iso: string): string {
  return chinaTime(iso).format('M月D日 HH:mm')
}

export function today(): string {
  return chinaTime().format('YYYY-MM-DD')
}

export function go(url: string): void {
  void Taro.navigateTo({ url })
}

/**
 * A form's submit button (the card's inline action bar): runs the action once at a time (failures toast),
 * then says `done` and goes back to the page that opened the form. `waitsFor` names what is still missing.
 */
export function SubmitButton<T>({
  label,
  done,
  waitsFor,
  run,
  onDone,
  testId,
}: {
  label: string
  done: (data: T) => string
  waitsFor: string | null
  run: () => Promise<CallResult<T>>
  /** After the server accepted it, before going back (forget the form's draft). */
  onDone?: () => void
  testId: string
}) {
  const action = useAction(run)
  const submit = () =>
    void action.run().then((r) => {
      if (!r.ok) return
      onDone?.()
      toastSuccess(done(r.data))
      void Taro.navigateBack()
    })
  return (
    <ActionBar
      inline
      actions={[{ text: label, primary: true, loading: action.pending, waitsFor, onClick: submit, testId }]}
    />
  )
}
