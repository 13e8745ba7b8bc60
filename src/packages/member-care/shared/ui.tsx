import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionBar } from '../../../components/ActionBar'
import type { ComponentProps } from 'react'
import { InlineSubmit } from '../../../components/ActionBar/InlineSubmit'
import { dayLabel } from '../../../components/FormFields'
import { DayField as SharedDayField } from '../../../components/FormFields/DayField'
import { useSubmit } from '../../../hooks/useSubmit'
import type { CallResult } from '../../../services/call'
import { chinaTime } from '../../../utils/time'
import { go } from '../../../hooks/useParams'

/** A labelled calendar day in the look of the care forms. */
export function DayField(props: Omit<ComponentProps<typeof SharedDayField>, 'className'>) {
  return <SharedDayField className='zbc-picker' {...props} />
}

export { dayLabel }

/** An instant as 3月5日 14:30 in China time. */
export function momentLabel(iso: string): string {
  return chinaTime(iso).format('M月D日 HH:mm')
}

export function today(): string {
  return chinaTime().format('YYYY-MM-DD')
}

export { go }

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
  const action = useSubmit(run, done, () => {
    onDone?.()
    void Taro.navigateBack()
  })
  return (
    <InlineSubmit text={label} pending={action.pending} waitsFor={waitsFor} onClick={action.submit} testId={testId} />
  )
}

/** The one button above a tab's list that opens its form (登记学院培训, 记录谈心谈话). */
export function LeadButton({ text, url, testId }: { text: string; url: string; testId: string }) {
  return (
    <View className='zbc-lead'>
      <ActionBar inline actions={[{ text, primary: true, onClick: () => go(url), testId }]} />
    </View>
  )
}
