import { ArrowRight } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import './index.scss'

export function LinkRow({
  icon,
  title,
  note,
  onClick,
}: {
  icon: JSX.Element
  title: string
  note?: string
  onClick: () => void
}) {
  return (
    <View className='zb-checkin__link' onClick={onClick}>
      <View className='zb-checkin__link-icon'>{icon}</View>
      <View className='zb-checkin__link-body'>
        <Text className='zb-checkin__link-title'>{title}</Text>
        {note ? <Text className='zb-checkin__link-note'>{note}</Text> : null}
      </View>
      <ArrowRight size={12} color='#B6BAC2' />
    </View>
  )
}
