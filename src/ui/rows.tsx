import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './ui.scss'

/**
 * One row of a card of links (我的, 签到, the review queue): an optional icon, a title, an optional line of
 * description, an optional value on the right, and › when it opens something. On weapp a static WXML template of
 * its own (compileMode): 我的 has some 30 of these, and as NutUI cells under Taro's generic templates they alone
 * took the tab past WeChat's 1,000 nodes.
 */
export function LinkRow({
  title,
  description,
  extra,
  icon,
  onClick,
  className = '',
  testId,
}: {
  title: string
  description?: string
  extra?: string
  icon?: ReactNode
  onClick?: () => void
  className?: string
  testId?: string
}) {
  // CompileMode keeps each condition itself as the node's `compileIf` attribute: it must be data (a boolean),
  // never a function or an element, or the node never shows.
  const opens = onClick !== undefined
  const withIcon = icon !== undefined
  return (
    <View compileMode className={`zu-row ${className}`} onClick={onClick} data-testid={testId}>
      {withIcon ? <View className='zu-icon-tile zu-row__icon'>{icon}</View> : null}
      <View className='zu-row__text'>
        <Text className='zu-row__title'>{title}</Text>
        {description ? <Text className='zu-row__desc'>{description}</Text> : null}
      </View>
      {extra ? <Text className='zu-row__extra'>{extra}</Text> : null}
      {opens ? <Text className='zu-row__arrow'>›</Text> : null}
    </View>
  )
}

/** An icon on a tinted square, as the tiles and rows that open something show it. */
export function IconTile({ children }: { children: ReactNode }) {
  return <View className='zu-icon-tile'>{children}</View>
}
