import { Text } from '@tarojs/components'
import type { CallFailure } from '../../services/call'
import { ActionBar } from '.'

/**
 * The one button of a form inside a card (inline ActionBar), with why the last try failed above it.
 * `alertClass` is the feature's look for that message.
 */
export function InlineSubmit({
  text,
  pending,
  failure,
  waitsFor,
  onClick,
  testId,
  alertClass,
}: {
  text: string
  pending: boolean
  failure: CallFailure | undefined
  waitsFor: string | null
  onClick: () => void
  testId: string
  alertClass: string
}) {
  return (
    <>
      {failure ? <Text className={alertClass}>{failure.message}</Text> : null}
      <ActionBar inline actions={[{ text, primary: true, loading: pending, waitsFor, onClick, testId }]} />
    </>
  )
}
