import { Text, View } from '@tarojs/components'
import type { Profile } from '../../services/api'
import { ROLE_LABELS } from '../../services/domain'

/** Labels shown under the name: the stage for a student, the office for everyone else. */
export function identityLabels(profile: Profile): string[] {
  const offices = profile.roles.filter((r) => r !== 'student').map((r) => ROLE_LABELS[r])
  const isStudent = profile.roles.includes('student') || profile.roles.length === 0
  return isStudent ? [...offices, profile.stageLabel] : offices
}

export function ProfileHeader({ profile }: { profile: Profile }) {
  return (
    <View compileMode className='zb-me-head' data-testid='profile-header'>
      <Text className='zb-me-head__avatar'>{profile.name.slice(0, 1)}</Text>
      <View className='zb-me-head__info'>
        <Text className='zb-me-head__name' data-testid='profile-name'>
          {profile.name}
        </Text>
        <View className='zb-me-head__tags' data-testid='profile-roles'>
          {identityLabels(profile).map((label) => (
            <Text className='zb-me-head__tag' key={label}>
              {label}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}
