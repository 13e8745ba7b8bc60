import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Branch } from '../../services/api'
import { ROUTES } from '../../routes'
import './index.scss'
import { Bar, pct, StageStack } from './charts'

/** The figures a branch row and the college's summary share. */
type Figures = Pick<Branch.CollegeBranchRow, 'reports' | 'attendance' | 'quiz'>
type Measure = (s: Figures) => { rate: number | null; value: string }

// What each comparison measures: the bar's length and the figure beside it.
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

function openBranch(s: Branch.CollegeBranchRow): void {
  void Taro.navigateTo({ url: `${ROUTES.dashboard}?branchId=${encodeURIComponent(s.branchId)}` })
}

/** The four measures of a branch, or of the college, as bars (points against the highest branch's average). */
export function Measures({
  s,
  pointsScale,
}: {
  s: Figures & Pick<Branch.CollegeBranchRow, 'points'>
  pointsScale: number
}) {
  return (
    <>
      <Bar label='汇报提交率' {...reports(s)} />
      <Bar label='会议出勤率' tone='green' {...attendance(s)} />
      <Bar
        label='本月人均积分'
        tone='gold'
        rate={s.points.monthAverage / pointsScale}
        value={`${s.points.monthAverage} 分`}
      />
      <Bar label='本月答题参与' tone='blue' {...quiz(s)} />
    </>
  )
}

/** One branch of the college view: its stages, the four measures, and what needs the committee's attention. */
export function BranchRow({ s, pointsScale }: { s: Branch.CollegeBranchRow; pointsScale: number }) {
  const missed = s.compliance.missed
  const overdue = s.reports.overdueCount
  return (
    <View className='zbd-branch' data-testid='college-branch'>
      <View className='zbd-stackrow__head' onClick={() => openBranch(s)}>
        <Text className='zbd-bar__label--link zbd-branch__name'>{s.branchName}</Text>
        <Text className='zbd-stackrow__n'>{s.memberCount} 人</Text>
      </View>
      {missed || overdue ? (
        <View className='zbd-branch__flags'>
          {missed ? <Text className='zbd-flag zbd-flag--red'>组织生活未达标 {missed} 期</Text> : null}
          {overdue ? <Text className='zbd-flag'>上期逾期未交 {overdue} 人</Text> : null}
        </View>
      ) : null}
      <StageStack s={s} />
      <Measures s={s} pointsScale={pointsScale} />
    </View>
  )
}
