import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Tone } from './tone'
import './ui.scss'

/** A short status label on a card. */
export function Pill({ tone = 'grey', children, testId }: { tone?: Tone; children: ReactNode; testId?: string }) {
  return (
    <Text className={`zu-pill zu-pill--${tone}`} data-testid={testId}>
      {children}
    </Text>
  )
}

/** A list with nothing in it yet: one card saying so (and what to do about it); `bare` inside a card. */
export function Empty({ children, testId, bare = false }: { children: ReactNode; testId?: string; bare?: boolean }) {
  return (
    <View className={`zu-empty ${bare ? 'zu-empty--bare' : ''}`} data-testid={testId}>
      {children}
    </View>
  )
}
