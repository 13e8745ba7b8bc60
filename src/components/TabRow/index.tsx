import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface TabRowProps<T> {
  tabs: readonly (readonly [T, ReactNode])[]
  value: T
  onChange: (tab: T) => void
  className?: string
  tabClass: string
  testIdOf?: (tab: T) => string | undefined
  testId?: string
}

/**
 * A row of tabs, one of them on, in a feature's own look: `tabClass` names a tab (`zq-tabs__tab`), its on state
 * is `tabClass--on`; `className` is the row's (none: the tabs alone, inside a row the page already has).
 */
export function TabRow<T extends string | number | null | undefined>({
  tabs,
  value,
  onChange,
  className,
  tabClass,
  testIdOf,
  testId,
}: TabRowProps<T>) {
  const row = tabs.map(([key, label]) => (
    <Text
      key={String(key)}
      className={`${tabClass} ${key === value ? `${tabClass}--on` : ''}`}
      onClick={() => onChange(key)}
      data-testid={testIdOf?.(key)}
    >
      {label}
    </Text>
  ))
  return className ? (
    <View className={className} data-testid={testId}>
      {row}
    </View>
  ) : (
    <>{row}</>
  )
}
