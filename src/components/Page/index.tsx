import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

/** The background and spacing every page shares; `testId` lets e2e tests find the page. */
export function Page({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <View className='zb-page' data-testid={testId}>
      {children}
    </View>
  )
}
