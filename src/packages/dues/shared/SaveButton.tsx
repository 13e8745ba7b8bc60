import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'

/** The button under a dues form: runs `form.submit` (useSubmit), shows it pending, off until the form is complete. */
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
    <Button
      type={primary ? 'primary' : 'default'}
      loading={form.pending}
      disabled={disabled}
      onClick={form.submit}
      data-testid={testId}
    >
      {text}
    </Button>
  )
}
