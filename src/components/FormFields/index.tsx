import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Picker, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Field } from '../../ui'
import { chinaTime } from '../../utils/time'

interface TextFieldProps {
  /** Without a label: the input alone (an answer under its question, a line of a list). */
  label?: ReactNode
  hint?: ReactNode
  value: string
  onChange: (text: string) => void
  placeholder: string
  maxLength?: number
  testId?: string
  /** The feature's own look for the input, if any. */
  className?: string
}

/** Wraps `input` in a labelled form row when there is a label. */
function labelled(label: ReactNode, hint: ReactNode, input: ReactNode) {
  return label ? (
    <Field label={label} hint={hint}>
      {input}
    </Field>
  ) : (
    input
  )
}

/**
 * Only the options a field was given: NutUI merges props over its defaults, so an explicit undefined would
 * drop a default (maxLength 140 of a TextArea, type 'text' of an Input).
 */
function given<T extends object>(options: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(options) as (keyof T)[]) if (options[key] !== undefined) out[key] = options[key]
  return out
}

/** The props every text control takes, whether one line or a box. */
function controlProps({ value, onChange, placeholder, maxLength, testId, className }: TextFieldProps) {
  return { ...given({ className, maxLength }), placeholder, value, onChange, 'data-testid': testId }
}

/** One line of text in a labelled form row. */
export function TextLine({ type, ...field }: TextFieldProps & { type?: 'text' | 'digit' | 'number' }) {
  return labelled(field.label, field.hint, <Input {...controlProps(field)} {...given({ type })} />)
}

/** A text box of several lines in a labelled form row (`autoSize`: grows with what is typed). */
export function TextBox({ autoSize, ...field }: TextFieldProps & { autoSize?: boolean }) {
  return labelled(field.label, field.hint, <TextArea {...controlProps(field)} {...given({ autoSize })} />)
}

/** One text field of a form, named by the key of the form's value it edits. */
export interface TextSpec<K extends string> {
  key: K
  label: ReactNode
  placeholder: string
  maxLength?: number
  testId?: string
  /** A text box of several lines instead of one line. */
  box?: boolean
  type?: 'digit'
}

/** The text fields of a form, in order, each editing its own key of `values`. */
export function TextFields<K extends string>({
  specs,
  values,
  onChange,
}: {
  specs: readonly TextSpec<K>[]
  values: Readonly<Record<K, string>>
  onChange: (patch: Partial<Record<K, string>>) => void
}) {
  return (
    <>
      {specs.map(({ key, box, type, ...field }) => {
        const edit = (text: string) => {
          const patch: Partial<Record<K, string>> = {}
          patch[key] = text
          onChange(patch)
        }
        return box ? (
          <TextBox key={key} {...field} value={values[key]} onChange={edit} />
        ) : (
          <TextLine key={key} {...field} type={type} value={values[key]} onChange={edit} />
        )
      })}
    </>
  )
}

/** 2026-03-05 → 2026年3月5日 */
export function dayLabel(day: string): string {
  return chinaTime(day).format('YYYY年M月D日')
}

/** A calendar day ('YYYY-MM-DD') picked with the platform's date picker, shown as 2026年3月5日. */
export function DayPicker({
  value,
  onChange,
  start,
  end,
  className,
  testId,
}: {
  value: string
  onChange: (day: string) => void
  start?: string
  end?: string
  /** The feature's own look for the shown day. */
  className: string
  testId?: string
}) {
  return (
    <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={className} data-testid={testId}>
        {dayLabel(value)}
      </View>
    </Picker>
  )
}

/** The message of the first check that fails ([missing, 「请填写…」] pairs in the form's order), or null. */
export function firstMissing(checks: readonly (readonly [missing: boolean, message: string])[]): string | null {
  return checks.find(([missing]) => missing)?.[1] ?? null
}
