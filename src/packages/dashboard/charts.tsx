import { Image, Text, View } from '@tarojs/components'
import type { CSSProperties } from 'react'
import type { Branch } from '../../services/api'
import { Card } from '../../components/Card'
import { STAGES } from '../../services/domain'
import { columnsSvg, stackSvg } from './svg'

/** The colour of each stage in the stage bar and its legend. */
const STAGE_COLORS: Record<(typeof STAGES)[number], string> = {
  masses: '#c9ccd3',
  applicant: '#7ea7e0',
  activist: '#e9b04d',
  candidate: '#a77be0',
  probationary: '#e0353b',
  full: '#9e1016',
}

export function pct(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`
}

type Figures = Pick<Branch.CollegeBranchRow, 'reports' | 'attendance' | 'quiz' | 'points'>

/** The four measures of a branch, or of the college, as label and value. */
export function figures(s: Figures): { label: string; value: string }[] {
  return [
    { label: '汇报提交率', value: `${pct(s.reports.rate)}（${s.reports.submitted}/${s.reports.owing}）` },
    { label: '会议出勤率', value: `${pct(s.attendance.rate)}（${s.attendance.meetings} 次）` },
    { label: '本月人均积分', value: `${s.points.monthAverage} 分` },
    { label: '本月答题参与', value: `${pct(s.quiz.rate)}（${s.quiz.participants}/${s.quiz.members}）` },
  ]
}

type Stages = Pick<Branch.BranchStats, 'byStage'>

/** The stage bar's image: members by stage, in the order of the stages. */
export function stageBarSrc(s: Stages): string {
  return stackSvg(
    STAGES.map((stage) => ({
      count: s.byStage.find((b) => b.stage === stage)?.count ?? 0,
      color: STAGE_COLORS[stage],
    })),
  )
}

export function StageStack({ s }: { s: Stages }) {
  return <Image className='zbd-stack' mode='scaleToFill' src={stageBarSrc(s)} />
}

/** The stage bar's key, with each stage's count as text. */
export function Legend({ s }: { s: Stages }) {
  return (
    <View className='zbd-legend'>
      {s.byStage.map((b) => (
        <Text
          key={b.stage}
          className='zbd-legend__item'
          style={{ '--dot': STAGE_COLORS[b.stage] } as CSSProperties}
          data-testid={`stage-bar-${b.stage}`}
        >
          {`${b.label} ${b.count} 人`}
        </Text>
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

/** A point's label under its column: the rate, then the period (2026年第四季度 over two lines, so it fits). */
function columnLabel(p: Branch.TrendPoint): string {
  return `${pct(p.rate)}\n${p.label.replace(/^(\d{4}年)/, '$1\n')}`
}

/**
 * A trend as one image of columns (heights are the rates) over a row of labels carrying the same figures as
 * text; a point without data shows an empty column and a dash.
 */
function TrendColumns({
  points,
  title,
  color,
  testId,
}: {
  points: Branch.TrendPoint[]
  title: string
  color: string
  testId: string
}) {
  return (
    <View className='zbd-trend' data-testid={testId}>
      <Text className='zbd-trend__title'>{title}</Text>
      <Image
        className='zbd-trend__plot'
        mode='scaleToFill'
        src={columnsSvg(
          points.map((p) => p.rate),
          color,
        )}
      />
      <View className='zbd-trend__labels'>
        {points.map((p) => (
          <Text key={p.key} className='zbd-trend__label' data-testid={`${testId}-point`}>
            {columnLabel(p)}
          </Text>
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
      <TrendColumns
        points={s.trend.attendance}
        title='组织生活出勤率（按月）'
        color='#c8161d'
        testId='trend-attendance'
      />
      <TrendColumns
        points={s.trend.reports}
        title='思想汇报按时提交率（按期）'
        color='#4a7fd1'
        testId='trend-reports'
      />
      <Text className='zbd-sub'>出勤率 = 实到 ÷ 应到（当月已结束的会议）；按时 = 在汇报期最后一天前首次提交。</Text>
    </Card>
  )
}
