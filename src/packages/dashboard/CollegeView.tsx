import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../utils/time'
import type { Branch } from '../../services/api'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import './index.scss'
import { Bar, Legend, pct, short, StageStack, Trend } from './charts'

function openBranch(s: Branch.BranchStats): void {
  void Taro.navigateTo({ url: `${ROUTES.dashboard}?branchId=${encodeURIComponent(s.branchId)}` })
}

type Measure = (s: Branch.BranchStats) => { rate: number | null; value: string }

// What each comparison measures of a branch: the bar's length and the figure beside it.
const reports: Measure = (s) => ({
  rate: s.reports.rate,
  value: `${pct(s.reports.rate)} (${s.reports.submitted}/${s.reports.owing})`,
})
const attendance: Measure = (s) => ({
  rate: s.attendance.rate,
  value: `${pct(s.attendance.rate)} · ${s.attendance.meetings} 次`,
})
const quiz: Measure = (s) => ({
  rate: s.quiz.rate,
  value: `${pct(s.quiz.rate)} (${s.quiz.participants}/${s.quiz.members})`,
})

/** One bar a branch for one measure: the branch's short name, tapping through to its own dashboard. */
function BranchBars({
  rows,
  tone,
  measure,
}: {
  rows: Branch.BranchStats[]
  tone?: Parameters<typeof Bar>[0]['tone']
  measure: Measure
}) {
  return (
    <>
      {rows.map((s) => (
        <Bar key={s.branchId} label={short(s.branchName)} tone={tone} onTap={() => openBranch(s)} {...measure(s)} />
      ))}
    </>
  )
}

/** Every branch side by side (the committee). */
export function CollegeView({
  d,
  refreshing,
  onRefresh,
}: {
  d: Branch.DashboardResult
  refreshing: boolean
  onRefresh: () => void
}) {
  const rows = d.branches
  const maxPoints = Math.max(1, ...rows.map((s) => s.points.monthAverage))
  const total = d.total
  return (
    <View data-testid='dashboard-college'>
      <View className='zbd-band'>
        <Text className='zbd-band__title'>全院支部对比</Text>
        <Text className='zbd-band__sub'>
          {rows.length} 个支部 · {total?.memberCount ?? 0} 人 · 点击支部名称查看详情
        </Text>
        <View className='zbd-band__asof'>
          <Text data-testid='dashboard-asof'>
            数据截至 {chinaTime(d.generatedAt).format('M月D日 HH:mm')}（每 10 分钟更新）
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
        <Card title='发展阶段分布'>
          {rows.map((s) => (
            <View key={s.branchId} className='zbd-stackrow' onClick={() => openBranch(s)} data-testid='college-branch'>
              <View className='zbd-stackrow__head'>
                <Text className='zbd-bar__label--link'>{s.branchName}</Text>
                <Text className='zbd-stackrow__n'>{s.memberCount} 人</Text>
              </View>
              <StageStack s={s} />
            </View>
          ))}
          {total ? <Legend s={total} /> : null}
        </Card>
      </View>
      {total ? <Trend s={total} /> : null}
      <Card title={`思想汇报提交率 · ${d.period.label}`}>
        <BranchBars rows={rows} measure={reports} />
        {total ? <Bar label='全院' {...reports(total)} tone='blue' /> : null}
        <Text className='zbd-sub'>
          {d.previousPeriod.label}逾期未交：
          {rows.map((s) => `${short(s.branchName)} ${s.reports.overdueCount} 人`).join('，')}
        </Text>
      </Card>
      <Card title={`会议出勤率 · ${d.attendanceWindow}`}>
        <BranchBars rows={rows} tone='green' measure={attendance} />
        <Text className='zbd-sub'>
          近一年组织生活未达标：{rows.map((s) => `${short(s.branchName)} ${s.compliance.missed} 期`).join('，')}
        </Text>
      </Card>
      <Card title={`本月人均学习积分 · ${Number(d.month.slice(5))}月`}>
        <BranchBars
          rows={rows}
          tone='gold'
          measure={(s) => ({ rate: s.points.monthAverage / maxPoints, value: `${s.points.monthAverage} 分` })}
        />
      </Card>
      <Card title='本月答题参与率'>
        <BranchBars rows={rows} tone='blue' measure={quiz} />
      </Card>
    </View>
  )
}
