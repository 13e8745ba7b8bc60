import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { TabRow, type TabRowProps } from '../components/TabRow'
import './form.scss'

// The fields of a form: only subpackages have forms, so these and their styles stay out of the main package.

/** A labelled row of a form. */
export function Field({
  label,
  hint,
  children,
  testId,
}: {
  label: ReactNode
  hint?: ReactNode
  children: ReactNode
  testId?: string
}) {
  return (
    <View className='zu-field' data-testid={testId}>
      <Text className='zu-field__label'>{label}</Text>
      <View className='zu-field__body'>{children}</View>
      {hint ? <Text className='zu-field__hint'>{hint}</Text> : null}
    </View>
  )
}

/** Pick exactly one of a few values: a row of tabs in the form's look. */
export function Segmented<T extends string | number>({
  options,
  value,
  onChange,
  testId,
}: Pick<TabRowProps<T>, 'value' | 'onChange' | 'testId'> & { options: readonly (readonly [T, string])[] }) {
  return (
    <TabRow
      tabs={options}
      value={value}
      onChange={onChange}
      className='zu-seg'
      tabClass='zu-seg__item'
      testId={testId}
    />
  )
}

/** Toggle any number of values (Segmented picks one). */
export function MultiChips<T extends string>({
  options,
  value,
  onChange,
  testId,
}: {
  options: readonly (readonly [T, ReactNode])[]
  value: readonly T[]
  onChange: (v: T[]) => void
  testId?: string
}) {
  return (
    <View className='zu-chips' data-testid={testId}>
      {options.map(([v, label]) => {
        const on = value.includes(v)
        return (
          <Text
            key={v}
            className={`zu-chip ${on ? 'zu-chip--on' : ''}`}
            onClick={() => onChange(on ? value.filter((x) => x !== v) : [...value, v])}
          >
            {label}
          </Text>
        )
      })}
    </View>
  )
}

/** − n + within [min, max]. */
export function Stepper({
  value,
  min,
  max,
  onChange,
  unit,
  testId,
}: {
  value: number
  min: number
  max: number
  onChange: (n: number) => void
  unit?: string
  testId?: string
}) {
  return (
    <View className='zu-stepper' data-testid={testId}>
      <Text
        className={`zu-stepper__btn ${value <= min ? 'zu-stepper__btn--off' : ''}`}
        onClick={() => value > min && onChange(value - 1)}
      >
        －
      </Text>
      <Text className='zu-stepper__value'>{value}</Text>
      <Text
        className={`zu-stepper__btn ${value >= max ? 'zu-stepper__btn--off' : ''}`}
        onClick={() => value < max && onChange(value + 1)}
      >
        ＋
      </Text>
      {unit ? <Text className='zu-stepper__unit'>{unit}</Text> : null}
    </View>
  )
}
