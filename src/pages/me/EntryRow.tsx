import { Text, View } from '@tarojs/components'

/**
 * One row of 我的: a title, an optional line of description, an optional value on the right, and an arrow when it
 * opens something. On weapp a static WXML template of its own (compileMode): the tab has some 30 of these, and as
 * NutUI cells under Taro's generic templates they alone took the tab past WeChat's 1,000 nodes.
 */
export function EntryRow({
  title,
  description,
  extra,
  onClick,
  className = '',
  'data-testid': testId,
}: {
  title: string
  description?: string
  extra?: string
  onClick?: () => void
  className?: string
  'data-testid'?: string
}) {
  // CompileMode keeps the condition itself as the node's `compileIf` attribute: it must be data, not a function.
  const opens = onClick !== undefined
  return (
    <View compileMode className={`zb-me-row ${className}`} onClick={onClick} data-testid={testId}>
      <View className='zb-me-row__text'>
        <Text className='zb-me-row__title'>{title}</Text>
        {description ? <Text className='zb-me-row__desc'>{description}</Text> : null}
      </View>
      {extra ? <Text className='zb-me-row__extra'>{extra}</Text> : null}
      {opens ? <Text className='zb-me-row__arrow'>›</Text> : null}
    </View>
  )
}
