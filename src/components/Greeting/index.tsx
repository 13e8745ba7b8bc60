import { Text, View } from '@tarojs/components'
import { chinaTime } from '../../utils/time'
import type { Profile } from '../../services/api'
import { ROLE_LABELS } from '../../services/domain'
import { greetingFor } from '../../utils/greeting'
import './index.scss'

/** The red band at the top of each tab: who you are and where you belong. */
export function Greeting({ profile, subtitle }: { profile: Profile; subtitle?: string }) {
  const where = [profile.branch?.name ?? profile.college.name, roleOrStage(profile)].filter(Boolean).join(' · ')
  return (
    <View className='zb-greeting'>
      <Text className='zb-greeting__hello'>
        {profile.name}，{greetingFor(chinaTime().hour())}
      </Text>
      <Text className='zb-greeting__where'>{where}</Text>
      {subtitle ? <Text className='zb-greeting__sub'>{subtitle}</Text> : null}
    </View>
  )
}

function roleOrStage(profile: Profile): string {
  return profile.primaryRole === 'student' ? profile.stageLabel : ROLE_LABELS[profile.primaryRole]
}
