import { View } from '@tarojs/components'
import { Stats, type Stat } from '../../../components/Stats'

const DUES_STAT = { stat: 'zb-dues__stat', num: 'zb-dues__num', label: 'zb-dues__label', alert: 'zb-dues__num--red' }

/** The figures at the top of a dues page, side by side. */
export function DuesStats({ stats }: { stats: readonly Stat[] }) {
  return (
    <View className='zb-dues__summary'>
      <Stats classes={DUES_STAT} stats={stats} />
    </View>
  )
}
