import { ActionBar } from '../../../components/ActionBar'

/**
 * The button under a dues form, in the forms' one button row (an inline ActionBar): runs `form.submit`
 * (useSubmit), shows it pending, off until the form is complete.
 */
export function SaveButton({
  text,
  form,
  disabled,
  primary = false,
  testId,
}: {
  text: string
  form: { pending: boolean; submit: () => void }
  disabled: boolean
  primary?: boolean
  testId?: string
}) {
  return (
    <ActionBar inline actions={[{ text, primary, loading: form.pending, disabled, onClick: form.submit, testId }]} />
  )
}
