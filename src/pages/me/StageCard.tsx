import { Text } from '@tarojs/components'
import { Card } from '../../components/Card'
import { StageTimeline } from '../../components/StageTimeline'
import type { Profile } from '../../services/api'
import { nextStepHint } from '../../utils/stage'

export function StageCard({ profile }: { profile: Profile }) {
  const hint = nextStepHint(profile.stage, profile.stageDates)
  return (
    <Card title='发展阶段' extra={<Text className='zb-me-stage__current'>{profile.stageLabel}</Text>}>
      {profile.stage === 'masses' ? null : <StageTimeline stage={profile.stage} dates={profile.stageDates} />}
      {hint ? <Text className='zb-me-stage__hint'>{hint}</Text> : null}
    </Card>
  )
}
