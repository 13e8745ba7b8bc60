import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useEffect } from 'react'
import { chinaTime } from '../../utils/time'
import type { Branch } from '../../services/api'
import { callFunction } from '../../services/call'
import { useCursorList } from '../../hooks/useCursorList'
import { Card } from '../../components/Card'
import { MoreButton } from '../../ui'
import './index.scss'
import { figures, Legend, StageStack, Trend } from './charts'
import { BranchRow } from './BranchRow'

/**
 * The college (the committee): the college as one, then its branches side by side, those needing attention
 * first. The first page of branches comes with the dashboard; the rest page by page from the same snapshot.
 */
export function CollegeView({
  d,
  refreshing,
  onRefresh,
  onReplaced,
}: {
  d: Branch.CollegeDashboard
  refreshing: boolean
  onRefresh: () => void
  /** The snapshot being paged was replaced: open the dashboard again. */
  onReplaced: () => void
}) {
  const list = useCursorList<Branch.CollegeBranchRow>(
    async (cursor) =>
      cursor
        ? callFunction('branch', 'dashboardBranches', { cursor })
        : { ok: true, data: { items: d.branches, nextCursor: d.nextCursor } },
    [d],
    true,
    { items: d.branches, nextCursor: d.nextCursor },
  )
  useReachBottom(list.loadMore)
  const replaced = list.failure?.reason === 'dashboardReplaced'
  useEffect(() => {
    if (replaced) onReplaced()
  }, [replaced, onReplaced])
  const total = d.total
  return (
    <View data-testid='dashboard-college'>
      <View className='zbd-band'>
        <Text className='zbd-band__title'>全院支部对比</Text>
        <Text className='zbd-band__sub'>{`${d.branchCount} 个支部 · ${total.memberCount} 人 · 点击支部名称查看详情`}</Text>
        <View className='zbd-band__asof'>
          <Text data-testid='dashboard-asof'>
            {`数据截至 ${chinaTime(d.generatedAt).format('M月D日 HH:mm')}（每 10 分钟更新）`}
          </Text>
          <Text
            className='zbd-band__refresh'
            onClick={refreshing ? undefined : onRefresh}
            data-testid='dashboard-refresh'
          >
            {refreshing ? '正在刷新…' : '刷新'}
          </Text>
        </View>
      </View>
      <View className='zbd-lift'>
        <Card title='全院概况'>
          <View className='zbd-stackrow__head'>
            <Text>发展阶段分布</Text>
            <Text className='zbd-stackrow__n'>{`${total.memberCount} 人`}</Text>
          </View>
          <StageStack s={total} />
          <Legend s={total} />
          <View className='zbd-figures'>
            {figures(total).map((f) => (
              <Text key={f.label} className='zbd-figures__item'>{`${f.label}\n${f.value}`}</Text>
            ))}
          </View>
          <Text className='zbd-sub'>
            {`汇报：${d.period.label}；出勤：${d.attendanceWindow}；积分与答题：${Number(d.month.slice(5))}月。` +
              `${d.previousPeriod.label}逾期未交 ${total.reports.overdueCount} 人，` +
              `近一年组织生活未达标 ${total.compliance.missed} 期。`}
          </Text>
        </Card>
      </View>
      <Trend s={total} />
      <Card title='各支部 · 需关注的在前'>
        <Text className='zbd-sub'>组织生活未达标的支部在前，其次是上期逾期未交汇报人数多的支部。</Text>
        {list.items.map((s) => (
          <BranchRow key={s.branchId} s={s} />
        ))}
        <MoreButton list={list} testId='dashboard-more' />
      </Card>
    </View>
  )
}
