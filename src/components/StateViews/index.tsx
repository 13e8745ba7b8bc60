import { NetworkError } from '../Icon'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { isRetryable, type CallFailure } from '../../services/call'
import './index.scss'

/** Placeholder shapes while the first call of a page is on its way. */
export function LoadingView() {
  return (
    <View className='zb-state zb-state--loading' data-testid='loading'>
      <View className='zb-state__band' />
      <View className='zb-state__sheet'>
        <Skeleton rows={3} animated />
      </View>
      <View className='zb-state__sheet'>
        <Skeleton rows={4} animated />
      </View>
    </View>
  )
}

/** A failed call: the envelope's Chinese message, and 重试 when trying again can help. */
export function ErrorView({ failure, onRetry }: { failure: CallFailure; onRetry: () => void }) {
  return (
    <NoticeView
      testId='error'
      icon={<NetworkError size={36} />}
      title={failure.code === 'NETWORK' ? '网络不太顺畅' : '没能加载出来'}
      text={failure.message}
      action={isRetryable(failure) ? { label: '重试', onClick: onRetry } : undefined}
    />
  )
}

export interface NoticeAction {
  label: string
  onClick: () => void
}

/** A centred message with one action, for states that need the user to do something. */
export function NoticeView({ icon, title, text, action, testId }: { icon: ReactNode; title: string; text: string; action?: NoticeAction; testId?: string }) {
  return (
    <View className='zb-state zb-state--notice' data-testid={testId}>
      <View className='zb-state__icon'>{icon}</View>
      <Text className='zb-state__title'>{title}</Text>
      <Text className='zb-state__text'>{text}</Text>
      {action ? (
        <Button className='zb-state__action' type='primary' onClick={action.onClick}>
          {action.label}
        </Button>
      ) : null}
    </View>
  )
}
