import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A labelled row of a form. */
export function Field({ label, hint, children, testId }: { label: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <View className='za-field' data-testid={testId}>
      <Text className='za-field__label'>{label}</Text>
      <View className='za-field__body'>{children}</View>
      {hint ? <Text className='za-field__hint'>{hint}</Text> : null}
    </View>
  )
}

/** Pick one of a few values. */
export function Segmented<T extends string | number>({ options, value, onChange, testId }: { options: [T, string][]; value: T; onChange: (v: T) => void; testId?: string }) {
  return (
    <View className='za-seg' data-testid={testId}>
      {options.map(([v, label]) => (
        <Text key={String(v)} className={`za-seg__item ${v === value ? 'za-seg__item--on' : ''}`} onClick={() => onChange(v)}>
          {label}
        </Text>
      ))}
    </View>
  )
}

/** Toggle any number of values. */
export function Chips<T extends string>({ options, value, onChange }: { options: [T, string][]; value: readonly T[]; onChange: (v: T[]) => void }) {
  return (
    <View className='za-chips'>
      {options.map(([v, label]) => {
        const on = value.includes(v)
        return (
          <Text key={v} className={`za-chip ${on ? 'za-chip--on' : ''}`} onClick={() => onChange(on ? value.filter((x) => x !== v) : [...value, v])}>
            {label}
          </Text>
        )
      })}
    </View>
  )
}

/** − n + within [min, max]. */
export function Stepper({ value, min, max, onChange, unit, testId }: { value: number; min: number; max: number; onChange: (n: number) => void; unit?: string; testId?: string }) {
  return (
    <View className='za-stepper' data-testid={testId}>
      <Text className={`za-stepper__btn ${value <= min ? 'za-stepper__btn--off' : ''}`} onClick={() => value > min && onChange(value - 1)}>
        －
      </Text>
      <Text className='za-stepper__value'>{value}</Text>
      <Text className={`za-stepper__btn ${value >= max ? 'za-stepper__btn--off' : ''}`} onClick={() => value < max && onChange(value + 1)}>
        ＋
      </Text>
      {unit ? <Text className='za-stepper__unit'>{unit}</Text> : null}
    </View>
  )
}
