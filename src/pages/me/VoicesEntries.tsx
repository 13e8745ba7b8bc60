import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { EntryRow } from './EntryRow'

function go(url: string): void {
  void Taro.navigateTo({ url })
}

/** 评议与投票 entries of 我的: everyone's votes and surveys (Party members' 民主评议), the 榜样 window, and the managers' page. */
export function VoicesEntries({ profile }: { profile: Profile }) {
  const manager =
    profile.roles.includes('committee') || (profile.roles.includes('secretary') && profile.branch !== null)
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
