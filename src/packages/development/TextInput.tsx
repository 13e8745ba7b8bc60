import { Input } from '@tarojs/components'

/**
 * One line of text in the development pages' look; `onChange` gets the text. Without `maxLength` the
 * platform's own limit (140) holds, as for an Input given none.
 */
export function TextInput({
  value,
  onChange,
  placeholder,
  type,
  maxLength,
  testId,
}: {
  value: string
  onChange: (text: string) => void
  placeholder: string
  type?: 'text' | 'number' | 'digit'
  maxLength?: number
  testId?: string
}) {
  return (
    <Input
      className='zbd-input'
      {...(type ? { type } : {})}
      {...(maxLength === undefined ? {} : { maxlength: maxLength })}
      value={value}
      placeholder={placeholder}
      onInput={(e) => onChange(e.detail.value)}
      data-testid={testId}
    />
  )
}
