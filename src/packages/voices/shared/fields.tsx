import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Field, Segmented } from '../../../ui'

interface TextFieldProps {
  label?: string
  hint?: string
  value: string
  onChange: (text: string) => void
  placeholder: string
  maxLength: number
  testId?: string
}

/** One line of text in a labelled form row (no label: the input alone, e.g. an answer under its question). */
export function TextLine({ label, hint, value, onChange, placeholder, maxLength, testId }: TextFieldProps) {
  const input = (
    <Input
      className='zbv-input'
      placeholder={placeholder}
      maxLength={maxLength}
      value={value}
      onChange={onChange}
      data-testid={testId}
    />
  )
  return label ? (
    <Field label={label} hint={hint}>
      {input}
    </Field>
  ) : (
    input
  )
}

/** A growing text box in a labelled form row. */
export function TextBox({ label, hint, value, onChange, placeholder, maxLength, testId }: TextFieldProps) {
  return (
    <Field label={label ?? ''} hint={hint}>
      <TextArea
        className='zbv-textarea'
        placeholder={placeholder}
        maxLength={maxLength}
        autoSize
        value={value}
        onChange={onChange}
        data-testid={testId}
      />
    </Field>
  )
}

/** Named or anonymous, in the words of the form (匿名/实名, 无记名/记名). */
export function AnonymityField({
  anonymous,
  words,
  onChange,
}: {
  anonymous: boolean
  words: readonly [anonymous: string, named: string]
  onChange: (anonymous: boolean) => void
}) {
  return (
    <Field label='记名方式'>
      <Segmented
        options={[
          ['yes', words[0]],
          ['no', words[1]],
        ]}
        value={anonymous ? 'yes' : 'no'}
        onChange={(v) => onChange(v === 'yes')}
      />
    </Field>
  )
}

/** How many days it stays open. */
export function DaysField({
  label,
  days,
  choices,
  onChange,
}: {
  label: string
  days: number
  choices: readonly number[]
  onChange: (days: number) => void
}) {
  return (
    <Field label={label}>
      <Segmented options={choices.map((d) => [d, `${d} 天`] as const)} value={days} onChange={onChange} />
    </Field>
  )
}
