import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Stage } from '../../../services/domain'
import { formatDate } from '../../../utils/stage'
import './branch.scss'

/** Small pieces the workspace pages share. */

export { go } from '../../../hooks/useParams'

/** 2026-03-05 → 2026年3月5日; null → 未登记 */
export function day(value: string | null | undefined): string {
  return value ? formatDate(value) : '未登记'
}

/** 0.625 → 63%; null → — */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`
}

export function StageTag({ stage, label }: { stage: Stage; label: string }) {
  return <Text className={`zbb-stage zbb-stage--${stage}`}>{label}</Text>
}

/** A red band with the page's subject, like the tab pages' greeting. */
export function Band({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  return (
    <View className='zbb-band'>
      <Text className='zbb-band__title'>{title}</Text>
      {subtitle ? <Text className='zbb-band__sub'>{subtitle}</Text> : null}
      {children}
    </View>
  )
}

export function Note({ children }: { children: ReactNode }) {
  return <Text className='zbb-note'>{children}</Text>
}
