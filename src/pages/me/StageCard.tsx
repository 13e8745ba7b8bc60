import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { StageTimeline } from '../../components/StageTimeline'
import type { Profile } from '../../services/api'
import { ROUTES } from '../../routes'
import { nextStepHint } from '../../utils/stage'

export function StageCard({ profile }: { profile: Profile }) {
  const hint = nextStepHint(profile.stage, profile.stageDates)
  return (
    <Card title='发展阶段' extra={<Text className='zb-me-stage__current'>{profile.stageLabel}</Text>}>
      {profile.stage === 'masses' ? null : <StageTimeline stage={profile.stage} dates={profile.stageDates} />}
      {hint ? (
        <View className='zb-me-stage__hint'>
          <Text>{hint}</Text>
        </View>
      ) : null}
      {profile.stage !== 'masses' && profile.stage !== 'full' ? (
        <View
          className='zb-me-stage__next'
          data-testid='stage-next'
          onClick={() => void Taro.navigateTo({ url: ROUTES.developmentFile })}
        >
          <Text>下一步何时可办理、还缺哪些材料：查看我的发展纪实 ›</Text>
        </View>
      ) : null}
    </Card>
  )
}
