import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../utils/time'
import type { Branch } from '../../services/api'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import './index.scss'
import { Big, Legend, pct, StageStack, Trend } from './charts'

/** A member overdue with a report, opening their profile; a static WXML template of its own (compileMode). */
function OverdueName({ o }: { o: Branch.BranchStats['reports']['overdue'][number] }) {
  return (
    <View
      compileMode
      className='zbd-name'
      onClick={() => void Taro.navigateTo({ url: `${ROUTES.branchMember}?id=${encodeURIComponent(o.memberId)}` })}
    >
      <Text>{o.name}</Text>
      <Text className='zbd-name__s'>{` ${o.stageLabel}`}</Text>
    </View>
  )
}

const RULE_STATES = { met: '已达标', due: '待开展', overdue: '未达标' } as const

/** One kind of meeting against its rule this period; a static WXML template of its own (compileMode). */
function Rule({ r }: { r: Branch.BranchStats['compliance']['rows'][number] }) {
  return (
    <View compileMode className='zbd-rule'>
      <Text className='zbd-rule__name'>{r.typeLabel}</Text>
      <Text className='zbd-rule__rule'>{r.rule}</Text>
      <Text className={`zbd-rule__state zbd-rule__state--${r.state}`}>
        {`${r.held}/${r.required} ${RULE_STATES[r.state]}`}
      </Text>
    </View>
  )
}

/** One branch in detail (a secretary's view, or the committee's drill-down). */
export function BranchView({ d, s }: { d: Branch.BranchDashboard; s: Branch.BranchStats }) {
  return (
    <View data-testid='dashboard-branch'>
      <View className='zbd-band'>
        <Text className='zbd-band__title'>{s.branchName}</Text>
        <Text className='zbd-band__sub'>
          {`成员 ${s.memberCount} 人 · 数据截至 ${chinaTime(d.generatedAt).format('M月D日 HH:mm')}`}
        </Text>
      </View>
      <View className='zbd-lift'>
        <Card title='成员构成'>
          <StageStack s={s} />
          <Legend s={s} />
        </Card>
      </View>
      <Trend s={s} />
      <Card title={`思想汇报 · ${d.period.label}`}>
        <View className='zbd-bigs'>
          <Big value={pct(s.reports.rate)} label='本期提交率' testId='report-rate' />
          <Big value={`${s.reports.submitted}/${s.reports.owing}`} label='已交/应交' testId='report-count' />
          <Big value={String(s.reports.approved)} label='已审阅通过' />
        </View>
        <Text className='zbd-sub'>
          {`${d.previousPeriod.label}提交率 ${pct(s.reports.previous.rate)}，逾期未交 ${s.reports.overdueCount} 人`}
        </Text>
        {s.reports.overdue.length ? (
          <View className='zbd-names' data-testid='overdue-names'>
            {s.reports.overdue.map((o) => (
              <OverdueName key={o.memberId} o={o} />
            ))}
          </View>
        ) : null}
      </Card>
      <Card title={`组织生活 · ${d.attendanceWindow}`}>
        <View className='zbd-bigs'>
          <Big value={pct(s.attendance.rate)} label='出勤率' testId='attendance-rate' />
          <Big value={String(s.attendance.meetings)} label='已开会议' testId='attendance-meetings' />
          <Big value={`${s.attendance.leave}/${s.attendance.absent}`} label='请假/缺席人次' />
        </View>
        <Text className='zbd-sub'>三会一课等开展情况（本期）</Text>
        {s.compliance.rows.map((r) => (
          <Rule key={r.typeLabel} r={r} />
        ))}
        {s.compliance.missed ? <Text className='zbd-warn'>{`近一年有 ${s.compliance.missed} 期未达标`}</Text> : null}
      </Card>
      <Card title={`学习与答题 · ${Number(d.month.slice(5))}月`}>
        <View className='zbd-bigs'>
          <Big value={String(s.points.monthAverage)} label='本月人均积分' testId='points-month' />
          <Big value={String(s.points.average)} label='累计人均积分' />
          <Big value={pct(s.quiz.rate)} label='本月答题参与' testId='quiz-rate' />
        </View>
        <Text className='zbd-sub'>{`本月答题 ${s.quiz.participants}/${s.quiz.members} 人`}</Text>
      </Card>
    </View>
  )
}
