import { Text } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import type { Branch } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { BRANCH_POSTS } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { useSession } from '../../../stores/session'
import { Segmented } from '../../../ui'

const NONE = '无'
const OPTIONS = [[NONE, '不担任'] as const, ...BRANCH_POSTS.map((p) => [p, p] as const)]

/** Why a member cannot hold a 支委 post (the server refuses the same), or null. */
function blockedBecause(d: Branch.MemberDetail, self: boolean): string | null {
  if (self) return '不能设定自己的支委职务，请由院党委或本支部其他书记设定'
  if (d.roles.includes('secretary')) return '支部书记无需另设支委职务'
  if (d.member.stage !== 'full' && !d.branchPost) return '支部委员应由正式党员担任'
  return null
}

/**
 * The member's post on the branch committee (支委: 组织委员 …), set by the secretary or the committee.
 * A 支委 helps run the branch's 民主评议 (tallies and grades, never their own), votes and surveys.
 */
export function PostCard({ d, onChanged }: { d: Branch.MemberDetail; onChanged: () => void }) {
  const me = useSession((s) => s.profile?.memberId ?? null)
  const set = useAction((post: string | null) =>
    callFunction('branch', 'setPost', {
      memberId: d.member.id,
      post: post as (typeof BRANCH_POSTS)[number] | null,
    }),
  )
  const blocked = blockedBecause(d, me === d.member.id)
  const value = d.branchPost ?? NONE
  return (
    <Card title='支部委员' extra={<Text className='zbmd-count'>{d.branchPost ?? '未担任'}</Text>}>
      {blocked ? (
        <Text className='zbmd-line'>{blocked}</Text>
      ) : (
        <Segmented
          options={OPTIONS}
          value={value}
          onChange={(next) => {
            if (next === value || set.pending) return
            void set.run(next === NONE ? null : next).then((r) => {
              if (!r.ok) return
              toastSuccess(r.data.post ? `已设为${r.data.post}` : '已取消支委职务')
              onChanged()
            })
          }}
          testId='member-post'
        />
      )}
    </Card>
  )
}
