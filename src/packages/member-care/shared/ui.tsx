import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Picker, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
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
 * A form's submit button: runs the action once at a time (failures toast), then says `done` and goes back
 * to the page that opened the form.
 */
export function SubmitButton<T>({
  label,
  done,
  disabled,
  run,
  testId,
}: {
  label: string
  done: (data: T) => string
  disabled: boolean
  run: () => Promise<CallResult<T>>
  testId: string
}) {
  const action = useAction(run)
  return (
    <Button
      className='zbc-submit'
      type='primary'
      block
      disabled={disabled}
      loading={action.pending}
      onClick={() =>
        void action.run().then((r) => {
          if (!r.ok) return
          toastSuccess(done(r.data))
          void Taro.navigateBack()
        })
      }
      data-testid={testId}
    >
      {label}
    </Button>
  )
}
