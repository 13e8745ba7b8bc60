import { Tips } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import { useCallback, useRef } from 'react'
import { sessionPage } from '../../components/SessionPage'
import { NoticeView, QueryView } from '../../ui'
import { useQuery } from '../../hooks/useCall'
import { callFunction } from '../../services/call'
import './index.scss'
import { CollegeView } from './CollegeView'
import { BranchView } from './BranchView'

/**
 * The dashboard: one call (branch.dashboard). Charts are SVG images built in code (svg.ts) — no chart
 * library, so this subpackage stays a few kilobytes.
 */

function Dashboard({ branchId }: { branchId?: string }) {
  // 刷新 on the college view asks the server to compute now instead of serving its snapshot.
  const freshNext = useRef(false)
  const load = useCallback(() => {
    const fresh = freshNext.current
    freshNext.current = false
    return callFunction('branch', 'dashboard', branchId ? { branchId } : fresh ? { fresh } : {})
  }, [branchId])
  const query = useQuery(load, [branchId])
  const refresh = () => {
    freshNext.current = true
    query.reload()
  }
  return (
    // Students have no dashboard: say so plainly rather than as a failed load.
    <QueryView
      query={query}
      refused={(failure) =>
        failure.code === 'FORBIDDEN' || failure.code === 'NOT_FOUND' ? (
          <NoticeView testId='denied' icon={<Tips size={36} />} title='没有查看权限' text={failure.message} />
        ) : null
      }
    >
      {(data) => {
        if (data.scope === 'college')
          return <CollegeView d={data} refreshing={query.loading} onRefresh={refresh} onReplaced={query.reload} />
        const [s] = data.branches
        return s ? <BranchView d={data} s={s} /> : <Text className='zbd-empty'>这个支部还没有成员。</Text>
      }}
    </QueryView>
  )
}

export default sessionPage('page-dashboard', ({ params }) => (
  <View className='zbd-root'>
    <Dashboard branchId={params.branchId || undefined} />
  </View>
))
