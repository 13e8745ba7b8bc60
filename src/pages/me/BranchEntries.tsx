import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { EntryRow } from './EntryRow'

function go(url: string): void {
  void Taro.navigateTo({ url })
}

/**
 * 发展 entries of 我的: the self-check for anyone who has applied; the branch workspace, roster and
 * dashboard for secretaries and the committee.
 */
export function BranchEntries({ profile }: { profile: Profile }) {
  const manager =
    profile.roles.includes('committee') || (profile.roles.includes('secretary') && profile.branch !== null)
  // Counsellors and committee staff who only hold an office have no development steps to check.
  const selfCheck = profile.roles.includes('student') || !manager
  return (
    <>
      {manager ? (
        <Card className='zb-me-more' title={profile.roles.includes('committee') ? '院党委工作' : '支部工作'}>
          <EntryRow
            title='支部工作台'
            description='考察与转正提醒、名册、导出'
            onClick={() => go(ROUTES.branchWorkspace)}
            data-testid='me-branch-workspace'
          />
          <EntryRow
            title='成员名册'
            description='按阶段筛选，登记发展阶段'
            onClick={() => go(ROUTES.branchMembers)}
            data-testid='me-branch-members'
          />
          <EntryRow
            title='数据看板'
            description={profile.roles.includes('committee') ? '各支部汇报、出勤、积分对比' : '汇报、出勤、积分与答题'}
            onClick={() => go(ROUTES.dashboard)}
            data-testid='me-dashboard'
          />
        </Card>
      ) : null}
      {selfCheck ? (
        <Card className='zb-me-more'>
          <EntryRow
            title='我的发展纪实'
            description='我在哪一步、下一步何时可办理、还缺哪些材料'
            onClick={() => go(ROUTES.developmentFile)}
            data-testid='me-self-check'
          />
        </Card>
      ) : null}
    </>
  )
}
