import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

/** A white rounded section with an optional title. */
export function Card({
  title,
  extra,
  children,
  className = '',
}: {
  title?: string
  extra?: ReactNode
  children: ReactNode
  className?: string
}) {
  return (
    <View className={`zb-card ${className}`}>
      {title ? (
        <View className='zb-card__head'>
          <Text className='zb-card__title'>{title}</Text>
          {extra}
        </View>
      ) : null}
      {children}
    </View>
  )
}
