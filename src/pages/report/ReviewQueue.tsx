import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { Card } from '../../components/Card'
import { Greeting } from '../../components/Greeting'
import { ErrorView, LinkRow, LoadingView, MoreButton } from '../../ui'
import { useCursorList } from '../../hooks/useCursorList'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { ROUTES } from '../../routes'
import { reviewBranches } from '../../services/review-branches'
import type { Profile, QueueResult, QueueStatus } from '../../services/api'
import { callFunction } from '../../services/call'
import { periodOf, shiftPeriod, type Stage } from '../../services/domain'
import { EmptyQueue, QueueRow } from './QueueParts'
import { QueueFilters } from './QueueFilters'

const STATUS_TABS: { key: QueueStatus; label: string }[] = [
  { key: 'pending', label: '待审阅' },
  { key: 'returned', label: '已退回' },
  { key: 'approved', label: '已通过' },
  { key: 'all', label: '全部' },
]

const PAGE = 20

export interface Filters {
  status: QueueStatus
  stage: Stage | undefined
  period: string | undefined
  branchId: string | undefined
}

/** The secretary's (or committee's) 汇报 tab: the review queue of the branch, on the phone. */
export function ReviewQueue({ profile }: { profile: Profile }) {
  const [filters, setFilters] = useState<Filters>({
    status: 'pending',
    stage: undefined,
    period: undefined,
    branchId: undefined,
  })
  // The first page also brings the counts per status and the branches the committee picks from.
  const [head, setHead] = useState<QueueResult>()
  const list = useCursorList(
    async (cursor) => {
      const res = await callFunction('report', 'listForReview', {
        ...filters,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      })
      if (res.ok && !cursor) {
        setHead(res.data)
        if (res.data.branches) reviewBranches.list = res.data.branches
      }
      return res
    },
    [filters],
  )
  const { items, failure, loading, reload } = list
  const data = head
  useReloadOnShow(reload)

  const periods = useMemo(() => {
    const current = periodOf(new Date(), profile.college.settings.reportPeriod)
    return Array.from({ length: 8 }, (_, i) => shiftPeriod(current, -i))
  }, [profile.college.settings.reportPeriod])
  const stages = profile.college.settings.reportStages

  if (!data) {
    if (failure) return <ErrorView failure={failure} onRetry={reload} />
    return <LoadingView />
  }
  const branchLabel = data.branches
    ? (data.branches.find((b) => b.id === filters.branchId)?.name ?? '全院各支部')
    : (profile.branch?.name ?? '')
  const subtitle = data.counts.pending > 0 ? `有 ${data.counts.pending} 份思想汇报等待审阅` : '没有待审阅的思想汇报'

  return (
    <View data-testid='review-queue' className={loading ? 'zb-rep--reloading' : ''}>
      <Greeting profile={profile} subtitle={subtitle} />
      <Card className='zb-queue-head'>
        <View className='zb-queue-tabs'>
          {STATUS_TABS.map((t) => (
            <View
              compileMode
              key={t.key}
              className={`zb-queue-tab ${filters.status === t.key ? 'zb-queue-tab--on' : ''}`}
              onClick={() => setFilters((f) => ({ ...f, status: t.key }))}
              data-testid={`queue-tab-${t.key}`}
            >
              <Text className='zb-queue-tab__count'>{data.counts[t.key]}</Text>
              <Text className='zb-queue-tab__label'>{t.label}</Text>
            </View>
          ))}
        </View>
        <QueueFilters
          filters={filters}
          onChange={setFilters}
          branches={data.branches}
          branchLabel={branchLabel}
          periods={periods}
          stages={stages}
        />
      </Card>

      <View className='zb-queue-list' data-testid='queue-list'>
        {items.length === 0 ? <EmptyQueue status={filters.status} /> : null}
        {items.map((item) => (
          <QueueRow key={item.id} item={item} showBranch={data.branches !== null} />
        ))}
        {!list.done ? (
          <MoreButton list={list} />
        ) : items.length > 0 ? (
          <Text className='zb-queue-end'>已显示全部 {items.length} 份</Text>
        ) : null}
      </View>

      <Card className='zb-queue-links'>
        <LinkRow
          title='逾期未交名单'
          description='本支部应交而未交思想汇报的成员'
          onClick={() =>
            void Taro.navigateTo({
              url: `${ROUTES.reviewOverdue}${overdueBranch(data, filters.branchId) ? `?branchId=${overdueBranch(data, filters.branchId)}` : ''}`,
            })
          }
          testId='open-overdue'
        />
        {profile.roles.includes('student') ? (
          <LinkRow
            title='我的思想汇报'
            description='以党员身份撰写和查看本人的汇报'
            onClick={() => void Taro.navigateTo({ url: ROUTES.reportMine })}
          />
        ) : null}
      </Card>
    </View>
  )
}

function overdueBranch(data: QueueResult, picked: string | undefined): string | undefined {
  return data.branches ? (picked ?? data.branches[0]?.id) : undefined
}
