import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { EntryRow } from './EntryRow'

function go(url: string): void {
  void Taro.navigateTo({ url })
}

/** 党费 entries of 我的: paying (Party members), the branch's dues (managers), the public statement (all). */
export function DuesEntries({ profile }: { profile: Profile }) {
  const member = profile.stage === 'probationary' || profile.stage === 'full'
  const manager =
    profile.roles.includes('committee') || (profile.roles.includes('secretary') && profile.branch !== null)
  return (
    <Card className='zb-me-more' title='党费'>
      {member ? (
        <EntryRow
          title='我的党费'
          description='查看交纳记录，微信支付交纳'
          onClick={() => go(ROUTES.duesPay)}
          data-testid='me-dues-pay'
        />
      ) : null}
      {manager ? (
        <EntryRow
          title='支部党费'
          description='欠交预警、现金登记、按月收缴、导出'
          onClick={() => go(ROUTES.duesBranch)}
          data-testid='me-dues-branch'
        />
      ) : null}
      <EntryRow
        title='党费公开'
        description='党费收缴和使用情况'
        onClick={() => go(ROUTES.duesStatement)}
        data-testid='me-dues-statement'
      />
    </Card>
  )
}
