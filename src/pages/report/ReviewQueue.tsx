import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useMemo, useRef, useState } from 'react'
import { Card } from '../../components/Card'
import { Greeting } from '../../components/Greeting'
import { ErrorView, LoadingView, MoreButton } from '../../ui'
import { useCursorList } from '../../hooks/useCursorList'
import { ROUTES } from '../../routes'
import { reviewBranches } from '../../services/review-branches'
import type { Profile, QueueItem, QueueResult, QueueStatus } from '../../services/api'
import { callFunction } from '../../services/call'
import { periodOf, shiftPeriod, STAGE_LABELS, type Stage } from '../../services/domain'
import { formatDay, STATUS_TONE } from '../../utils/report'

const STATUS_TABS: { key: QueueStatus; label: string }[] = [
  { key: 'pending', label: '待审阅' },
  { key: 'returned', label: '已退回' },
  { key: 'approved', label: '已通过' },
  { key: 'all', label: '全部' },
]

const PAGE = 20

interface Filters {
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
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })

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
        <View className='zb-queue-filters'>
          {data.branches ? (
            <Picker
              mode='selector'
              range={['全院各支部', ...data.branches.map((b) => b.name)]}
              onChange={(e) =>
                setFilters((f) => ({
                  ...f,
                  branchId: Number(e.detail.value) === 0 ? undefined : data.branches?.[Number(e.detail.value) - 1]?.id,
                }))
              }
            >
              <Text className='zb-queue-filter'>{branchLabel} ▾</Text>
            </Picker>
          ) : null}
          <Picker
            mode='selector'
            range={['全部周期', ...periods.map((p) => p.label)]}
            onChange={(e) =>
              setFilters((f) => ({
                ...f,
                period: Number(e.detail.value) === 0 ? undefined : periods[Number(e.detail.value) - 1]?.id,
              }))
            }
          >
            <Text className='zb-queue-filter' data-testid='filter-period'>
              {filters.period ? periods.find((p) => p.id === filters.period)?.label : '全部周期'} ▾
            </Text>
          </Picker>
          <Picker
            mode='selector'
            range={['全部阶段', ...stages.map((s) => STAGE_LABELS[s])]}
            onChange={(e) =>
              setFilters((f) => ({
                ...f,
                stage: Number(e.detail.value) === 0 ? undefined : stages[Number(e.detail.value) - 1],
              }))
            }
          >
            <Text className='zb-queue-filter' data-testid='filter-stage'>
              {filters.stage ? STAGE_LABELS[filters.stage] : '全部阶段'} ▾
            </Text>
          </Picker>
        </View>
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
          desc='本支部应交而未交思想汇报的成员'
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
            desc='以党员身份撰写和查看本人的汇报'
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

function EmptyQueue({ status }: { status: QueueStatus }) {
  const text =
    status === 'pending'
      ? '没有待审阅的汇报，辛苦了！'
      : status === 'returned'
        ? '没有退回修改中的汇报。'
        : status === 'approved'
          ? '还没有审阅通过的汇报。'
          : '还没有成员提交思想汇报。'
  return (
    <View className='zb-queue-empty' data-testid='queue-empty'>
      <Text>{text}</Text>
    </View>
  )
}

/** One report in the queue: a static WXML template of its own on weapp (compileMode), texts merged into few nodes. */
function QueueRow({ item, showBranch }: { item: QueueItem; showBranch: boolean }) {
  const open = () => void Taro.navigateTo({ url: `${ROUTES.reviewDetail}?id=${encodeURIComponent(item.id)}` })
  const when =
    item.status === 'pending'
      ? `${formatDay(item.submittedAt ?? item.updatedAt)}提交`
      : `${formatDay(item.reviewedAt ?? item.updatedAt)}审阅`
  // The default title only repeats the period: show a title only when the student wrote one.
  const ownTitle = item.title && !item.title.startsWith(item.period.label) ? item.title : null
  const meta = [
    showBranch ? item.branchName : '',
    item.member.className,
    `第${item.version}版`,
    item.photoCount ? `手写稿${item.photoCount}页` : '',
    item.hasVideo ? '视频' : '',
    when,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <View compileMode className='zb-queue-row' onClick={open} data-testid='queue-item' data-id={item.id}>
      <Text className='zb-queue-row__avatar'>{item.member.name.slice(0, 1)}</Text>
      <View className='zb-queue-row__main'>
        <View className='zb-queue-row__head'>
          <Text className='zb-queue-row__name'>{item.member.name}</Text>
          <Text className='zb-queue-row__stage'>{item.member.stageLabel}</Text>
          <Text className={`zb-tag zb-tag--${STATUS_TONE[item.status]} zb-queue-row__status`}>{item.statusLabel}</Text>
        </View>
        <Text className='zb-queue-row__title'>
          {ownTitle ? `${item.period.label} · ${ownTitle}` : item.period.label}
        </Text>
        {item.snippet ? <Text className='zb-queue-row__snippet'>{item.snippet}</Text> : null}
        <Text className='zb-queue-row__meta'>{meta}</Text>
      </View>
    </View>
  )
}

function LinkRow({
  title,
  desc,
  onClick,
  testId,
}: {
  title: string
  desc: string
  onClick: () => void
  testId?: string
}) {
  return (
    <View compileMode className='zb-queue-link' onClick={onClick} data-testid={testId}>
      <View className='zb-queue-link__text'>
        <Text className='zb-queue-link__title'>{title}</Text>
        <Text className='zb-queue-link__desc'>{desc}</Text>
      </View>
      <Text className='zb-queue-link__arrow'>›</Text>
    </View>
  )
}
