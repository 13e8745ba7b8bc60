import { Text, View } from '@tarojs/components'
import type { Stage, StageDates } from '../../services/domain'
import { milestones } from '../../utils/stage'
import './index.scss'

/** The five development steps, with the dates this member reached them. */
export function StageTimeline({ stage, dates }: { stage: Stage; dates: StageDates }) {
  return (
    <View className='zb-timeline' data-testid='stage-timeline'>
      {milestones(stage, dates).map((m) => (
        // Each step is a static WXML template of its own on weapp (compileMode): fewer nodes on 我的.
        <View compileMode className={`zb-timeline__item zb-timeline__item--${m.state}`} key={m.stage}>
          <View className='zb-timeline__rail'>
            <View className='zb-timeline__dot' />
            <View className='zb-timeline__line' />
          </View>
          <View className='zb-timeline__body'>
            <View className='zb-timeline__row'>
              <Text className='zb-timeline__stage'>{m.stageLabel}</Text>
              {m.state === 'current' ? <Text className='zb-timeline__now'>当前</Text> : null}
            </View>
            <Text className='zb-timeline__label'>
              {`${m.label}${m.date ? ` · ${m.date}` : m.state === 'upcoming' ? '' : ' · 日期未登记'}`}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}
