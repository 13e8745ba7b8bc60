import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface ComingSoonProps {
  icon: ReactNode
  title: string
  description: string
  /** What the feature will do, said plainly: no fake data, no dead buttons. */
  plans: string[]
}

/** An honest empty state for a feature that is not built yet. */
export function ComingSoon({ icon, title, description, plans }: ComingSoonProps) {
  return (
    <View className='zb-soon' data-testid='coming-soon'>
      <View className='zb-soon__icon'>{icon}</View>
      <View className='zb-soon__title-row'>
        <Text className='zb-soon__title'>{title}</Text>
        <Text className='zb-soon__badge'>筹备中</Text>
      </View>
      <Text className='zb-soon__desc'>{description}</Text>
      <View className='zb-soon__plans'>
        {plans.map((plan) => (
          <View className='zb-soon__plan' key={plan}>
            <View className='zb-soon__dot' />
            <Text className='zb-soon__plan-text'>{plan}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
