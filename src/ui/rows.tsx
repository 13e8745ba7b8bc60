import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './ui.scss'

interface RowText {
  title: string
  description?: string
  extra?: string
}

/**
 * The row itself, a static WXML template of its own on weapp (compileMode): 我的 has some 30 of these, and as NutUI
 * cells under Taro's generic templates they alone took the tab past WeChat's 1,000 nodes. CompileMode keeps each
 * condition itself as the node's `compileIf` attribute: it must be data (a boolean), never a function, or the node
 * never shows.
 */
function RowBody({
  title,
  description,
  extra,
  opens,
  onClick,
  className,
  testId,
}: RowText & { opens: boolean; onClick?: () => void; className: string; testId?: string }) {
  return (
    <View compileMode className={`zu-row ${className}`} onClick={onClick} data-testid={testId}>
      <View className='zu-row__text'>
        <Text className='zu-row__title'>{title}</Text>
        {description ? <Text className='zu-row__desc'>{description}</Text> : null}
      </View>
      {extra ? <Text className='zu-row__extra'>{extra}</Text> : null}
      {opens ? <Text className='zu-row__arrow'>›</Text> : null}
    </View>
  )
}

/**
 * One row of a card of links (我的, 签到, the review queue): an optional icon, a title, an optional line of
 * description, an optional value on the right, and › when it opens something.
 */
export function LinkRow({
  icon,
  onClick,
  className = '',
  testId,
  ...text
}: RowText & { icon?: ReactNode; onClick?: () => void; className?: string; testId?: string }) {
  const opens = onClick !== undefined
  if (icon === undefined)
    return <RowBody {...text} opens={opens} onClick={onClick} className={className} testId={testId} />
  // CompileMode writes an element child as text, so a row with an icon is a plain row around the icon and the body.
  return (
    <View className={`zu-row ${className}`} onClick={onClick} data-testid={testId}>
      <IconTile className='zu-row__icon'>{icon}</IconTile>
      <RowBody {...text} opens={opens} className='zu-row__body' />
    </View>
  )
}

/** An icon on a tinted square, as the tiles and rows that open something show it. */
export function IconTile({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <View className={`zu-icon-tile ${className}`}>{children}</View>
}
