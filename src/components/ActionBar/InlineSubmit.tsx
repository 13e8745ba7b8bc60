import { Text } from '@tarojs/components'
import type { CallFailure } from '../../services/call'
import { ActionBar } from '.'

/**
 * The one button of a form inside a card (inline ActionBar), with why the last try failed above it when the
 * form keeps its failure (`alertClass` is the feature's look for that message; a form that toasts it passes none).
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
  failure?: CallFailure
  waitsFor: string | null
  onClick: () => void
  testId: string
  alertClass?: string
}) {
  return (
    <>
      {failure ? <Text className={alertClass}>{failure.message}</Text> : null}
      <ActionBar inline actions={[{ text, primary: true, loading: pending, waitsFor, onClick, testId }]} />
    </>
  )
}
