import { Text, View } from '@tarojs/components'
import type { Branch } from '../../services/api'
import { Card } from '../../components/Card'
import { STAGES } from '../../services/domain'

/** 计算机科学本科生党支部 → 计算机科学: side-by-side labels have little room. */
export function short(name: string): string {
  return name.replace(/本科生党支部$/, '').replace(/党支部$/, '支部') || name
}

export function pct(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`
}

export function width(rate: number | null): string {
  return `${Math.max(0, Math.min(100, Math.round((rate ?? 0) * 100)))}%`
}

export function Bar({
  label,
  rate,
  value,
  tone = 'red',
  onTap,
  testId,
}: {
  label: string
  rate: number | null
  value: string
  tone?: 'red' | 'gold' | 'green' | 'blue'
  onTap?: () => void
  testId?: string
}) {
  return (
    <View className='zbd-bar' onClick={onTap} data-testid={testId}>
      <Text className={`zbd-bar__label ${onTap ? 'zbd-bar__label--link' : ''}`}>{label}</Text>
      <View className='zbd-bar__track'>
        <View className={`zbd-bar__fill zbd-bar__fill--${tone}`} style={{ width: width(rate) }} />
      </View>
      <Text className='zbd-bar__value'>{value}</Text>
    </View>
  )
}

export function StageStack({ s }: { s: Pick<Branch.BranchStats, 'byStage' | 'memberCount'> }) {
  const total = s.memberCount || 1
  return (
    <View className='zbd-stack'>
      {STAGES.map((stage) => {
        const n = s.byStage.find((b) => b.stage === stage)?.count ?? 0
        return n ? (
          <View key={stage} className={`zbd-stack__seg zbd-seg--${stage}`} style={{ width: `${(n / total) * 100}%` }} />
        ) : null
      })}
    </View>
  )
}

export function Legend({ s }: { s: Branch.BranchStats }) {
  return (
    <View className='zbd-legend'>
      {s.byStage.map((b) => (
        <View key={b.stage} className='zbd-legend__item'>
          <View className={`zbd-legend__dot zbd-seg--${b.stage}`} />
          <Text>
            {b.label} {b.count}
          </Text>
        </View>
      ))}
    </View>
  )
}

export function Big({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <View className='zbd-big'>
      <Text className='zbd-big__n' data-testid={testId}>
        {value}
      </Text>
      <Text className='zbd-big__l'>{label}</Text>
    </View>
  )
}

/**
 * A point's label with its year kept (a trend of quarters spans two years): 2026年第四季度 as 2026年 over 第四季度,
 * so it fits the column; a month label (11月) is one line.
 */
function TrendLabel({ label }: { label: string }) {
  const split = /^(\d{4}年)(.+)$/.exec(label)
  if (!split) return <Text className='zbd-trend__label'>{label}</Text>
  return (
    <View className='zbd-trend__label'>
      <Text className='zbd-trend__year'>{split[1]}</Text>
      <Text className='zbd-trend__period'>{split[2]}</Text>
    </View>
  )
}

/**
 * A trend as columns of plain views (no chart library: it draws the same on H5 and in the Mini Program
 * and costs nothing in package size). Heights are the rates; a point without data shows a dash.
 */
function TrendColumns({
  points,
  title,
  tone,
  testId,
}: {
  points: Branch.TrendPoint[]
  title: string
  tone: 'red' | 'blue'
  testId: string
}) {
  return (
    <View className='zbd-trend' data-testid={testId}>
      <Text className='zbd-trend__title'>{title}</Text>
      <View className='zbd-trend__plot'>
        {points.map((p) => (
          <View key={p.key} className='zbd-trend__col' data-testid={`${testId}-point`}>
            <Text className='zbd-trend__value'>{pct(p.rate)}</Text>
            <View className='zbd-trend__track'>
              <View
                className={`zbd-trend__fill zbd-trend__fill--${tone}`}
                style={{ height: p.rate === null ? '0%' : width(p.rate) }}
              />
            </View>
            <TrendLabel label={p.label} />
          </View>
        ))}
      </View>
    </View>
  )
}

export function Trend({ s }: { s: Branch.BranchStats }) {
  // A snapshot stored before trends existed has none: show nothing rather than break.
  if (!('trend' in s) || !s.trend) return null
  return (
    <Card title='趋势'>
      <TrendColumns points={s.trend.attendance} title='组织生活出勤率（按月）' tone='red' testId='trend-attendance' />
      <TrendColumns points={s.trend.reports} title='思想汇报按时提交率（按期）' tone='blue' testId='trend-reports' />
      <Text className='zbd-sub'>出勤率 = 实到 ÷ 应到（当月已结束的会议）；按时 = 在汇报期最后一天前首次提交。</Text>
    </Card>
  )
}
