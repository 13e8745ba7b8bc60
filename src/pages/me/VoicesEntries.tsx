import { Card } from '../../components/Card'
import { go } from '../../hooks/useParams'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { EntryRow } from './EntryRow'

/** 评议与投票 entries of 我的: everyone's votes and surveys (Party members' 民主评议), the 榜样 window, and the managers' page. */
export function VoicesEntries({ profile }: { profile: Profile }) {
  // A 支委 (branch committee member with a post) runs the branch's votes and surveys with the secretary.
  const manager =
    profile.roles.includes('committee') ||
    (profile.branch !== null && (profile.roles.includes('secretary') || Boolean(profile.branchPost)))
  return (
    <Card className='zb-me-more' title='评议与投票'>
      <EntryRow
        title='民主评议与投票'
        description='民主评议党员、投票、征求意见'
        onClick={() => go(ROUTES.voices)}
        data-testid='me-voices'
      />
      <EntryRow
        title='榜样'
        description='优秀共产党员、优秀党务工作者、先锋岗'
        onClick={() => go(ROUTES.voicesHonours)}
        data-testid='me-honours'
      />
      {manager ? (
        <EntryRow
          title='评议投票管理'
          description='开展民主评议、发起投票和征求意见'
          onClick={() => go(ROUTES.voicesManage)}
          data-testid='me-voices-manage'
        />
      ) : null}
    </Card>
  )
}
