import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { EntryRow } from './EntryRow'

function go(url: string): void {
  void Taro.navigateTo({ url })
}

/**
 * 党员管理 entries of 我的: time away, transfers and training hours for Party members; members away,
 * transfers, talks and training of the branch for secretaries and the committee.
 */
export function CareEntries({ profile }: { profile: Profile }) {
  const member = profile.stage === 'probationary' || profile.stage === 'full'
  const manager =
    profile.roles.includes('committee') || (profile.roles.includes('secretary') && profile.branch !== null)
  if (!member && !manager) return null
  return (
    <Card className='zb-me-more' title='党员管理'>
      {member ? (
        <EntryRow
          title='外出与组织关系'
          description='外出登记、定期报到、组织关系转接'
          onClick={() => go(ROUTES.careHome)}
          data-testid='me-care-home'
        />
      ) : null}
      {member ? (
        <EntryRow
          title='我的培训学时'
          description='党课、培训会议和学院培训'
          onClick={() => go(ROUTES.careHours)}
          data-testid='me-care-hours'
        />
      ) : null}
      {manager ? (
        <EntryRow
          title='党员教育管理'
          description='外出党员、关系转接、谈心谈话、培训学时'
          onClick={() => go(ROUTES.careBranch)}
          data-testid='me-care-branch'
        />
      ) : null}
    </Card>
  )
}
