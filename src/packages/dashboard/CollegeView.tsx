import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../utils/time'
import type { Branch } from '../../services/api'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import './index.scss'
import { Bar, Legend, pct, short, StageStack, Trend } from './charts'

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
  const open = (s: Branch.BranchStats) =>
    void Taro.navigateTo({ url: `${ROUTES.dashboard}?branchId=${encodeURIComponent(s.branchId)}` })
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
            <View key={s.branchId} className='zbd-stackrow' onClick={() => open(s)} data-testid='college-branch'>
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
        {rows.map((s) => (
          <Bar
            key={s.branchId}
            label={short(s.branchName)}
            rate={s.reports.rate}
            value={`${pct(s.reports.rate)} (${s.reports.submitted}/${s.reports.owing})`}
            onTap={() => open(s)}
          />
        ))}
        {total ? (
          <Bar
            label='全院'
            rate={total.reports.rate}
            value={`${pct(total.reports.rate)} (${total.reports.submitted}/${total.reports.owing})`}
            tone='blue'
          />
        ) : null}
        <Text className='zbd-sub'>
          {d.previousPeriod.label}逾期未交：
          {rows.map((s) => `${short(s.branchName)} ${s.reports.overdueCount} 人`).join('，')}
        </Text>
      </Card>
      <Card title={`会议出勤率 · ${d.attendanceWindow}`}>
        {rows.map((s) => (
          <Bar
            key={s.branchId}
            label={short(s.branchName)}
            rate={s.attendance.rate}
            value={`${pct(s.attendance.rate)} · ${s.attendance.meetings} 次`}
            tone='green'
            onTap={() => open(s)}
          />
        ))}
        <Text className='zbd-sub'>
          近一年组织生活未达标：{rows.map((s) => `${short(s.branchName)} ${s.compliance.missed} 期`).join('，')}
        </Text>
      </Card>
      <Card title={`本月人均学习积分 · ${Number(d.month.slice(5))}月`}>
        {rows.map((s) => (
          <Bar
            key={s.branchId}
            label={short(s.branchName)}
            rate={s.points.monthAverage / maxPoints}
            value={`${s.points.monthAverage} 分`}
            tone='gold'
            onTap={() => open(s)}
          />
        ))}
      </Card>
      <Card title='本月答题参与率'>
        {rows.map((s) => (
          <Bar
            key={s.branchId}
            label={short(s.branchName)}
            rate={s.quiz.rate}
            value={`${pct(s.quiz.rate)} (${s.quiz.participants}/${s.quiz.members})`}
            tone='blue'
            onTap={() => open(s)}
          />
        ))}
      </Card>
    </View>
  )
}
