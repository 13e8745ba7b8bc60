import type { ComponentProps, ReactNode } from 'react'
import { Field } from '../../ui'
import { DayPicker } from '.'

/** A labelled calendar day ('YYYY-MM-DD') picked with the platform's date picker. */
export function DayField({
  label,
  hint,
  ...picker
}: ComponentProps<typeof DayPicker> & { label: ReactNode; hint?: ReactNode }) {
  return (
    <Field label={label} hint={hint}>
      <DayPicker {...picker} />
    </Field>
  )
}
