import { Tips } from '../../components/Icon'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../utils/time'
import { useCallback, useRef } from 'react'
import type { Branch } from '../../services/api'
import { Card } from '../../components/Card'
import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import { NoticeView, QueryView } from '../../ui'
import { useQuery } from '../../hooks/useCall'
import { ROUTES } from '../../routes'
import { callFunction } from '../../services/call'
import { useParams } from '../../hooks/useParams'
import './index.scss'
import { Bar, Big, Legend, pct, short, StageStack, Trend } from './charts'

/**
 * The dashboard: one call (branch.dashboard). Bars are plain views sized in percent — no chart
 * library, so this subpackage stays a few kilobytes.
 */

/** One branch in detail (a secretary's view, or the committee's drill-down). */
function BranchView({ d, s }: { d: Branch.DashboardResult; s: Branch.BranchStats }) {
  const max = Math.max(1, ...s.byStage.map((b) => b.count))
  return (
    <View data-testid='dashboard-branch'>
      <View className='zbd-band'>
        <Text className='zbd-band__title'>{s.branchName}</Text>
        <Text className='zbd-band__sub'>
          成员 {s.memberCount} 人 · 数据截至 {chinaTime(d.generatedAt).format('M月D日 HH:mm')}
        </Text>
      </View>
      <View className='zbd-lift'>
        <Card title='成员构成'>
          {s.byStage.map((b) => (
            <Bar
              key={b.stage}
              label={b.label}
              rate={b.count / max}
              value={`${b.count} 人`}
              tone='gold'
              testId={`stage-bar-${b.stage}`}
            />
          ))}
        </Card>
      </View>
      <Trend s={s} />
      <Card title={`思想汇报 · ${d.period.label}`}>
        <View className='zbd-bigs'>
          <Big value={pct(s.reports.rate)} label='本期提交率' testId='report-rate' />
          <Big value={`${s.reports.submitted}/${s.reports.owing}`} label='已交/应交' testId='report-count' />
          <Big value={String(s.reports.approved)} label='已审阅通过' />
        </View>
        <Bar label='本期' rate={s.reports.rate} value={pct(s.reports.rate)} />
        <Bar label='上期' rate={s.reports.previous.rate} value={pct(s.reports.previous.rate)} tone='blue' />
        <Text className='zbd-sub'>
          {d.previousPeriod.label}逾期未交 {s.reports.overdueCount} 人
        </Text>
        {s.reports.overdue.length ? (
          <View className='zbd-names' data-testid='overdue-names'>
            {s.reports.overdue.map((o) => (
              <Text
                key={o.memberId}
                className='zbd-name'
                onClick={() =>
                  void Taro.navigateTo({ url: `${ROUTES.branchMember}?id=${encodeURIComponent(o.memberId)}` })
                }
              >
                {o.name}
                <Text className='zbd-name__s'> {o.stageLabel}</Text>
              </Text>
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
          <View key={r.typeLabel} className='zbd-rule'>
            <Text className='zbd-rule__name'>{r.typeLabel}</Text>
            <Text className='zbd-rule__rule'>{r.rule}</Text>
            <Text className={`zbd-rule__state zbd-rule__state--${r.state}`}>
              {r.held}/{r.required}
              {r.state === 'met' ? ' 已达标' : r.state === 'due' ? ' 待开展' : ' 未达标'}
            </Text>
          </View>
        ))}
        {s.compliance.missed ? <Text className='zbd-warn'>近一年有 {s.compliance.missed} 期未达标</Text> : null}
      </Card>
      <Card title={`学习与答题 · ${Number(d.month.slice(5))}月`}>
        <View className='zbd-bigs'>
          <Big value={String(s.points.monthAverage)} label='本月人均积分' testId='points-month' />
          <Big value={String(s.points.average)} label='累计人均积分' />
          <Big value={pct(s.quiz.rate)} label='本月答题参与' testId='quiz-rate' />
        </View>
        <Bar label='答题参与' rate={s.quiz.rate} value={`${s.quiz.participants}/${s.quiz.members} 人`} tone='green' />
      </Card>
    </View>
  )
}

/** Every branch side by side (the committee). */
function CollegeView({
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
        if (data.scope === 'college') return <CollegeView d={data} refreshing={query.loading} onRefresh={refresh} />
        const [s] = data.branches
        return s ? <BranchView d={data} s={s} /> : <Text className='zbd-empty'>这个支部还没有成员。</Text>
      }}
    </QueryView>
  )
}

export default function DashboardPage() {
  const branchId = useParams().branchId
  return (
    <Page testId='page-dashboard'>
      <View className='zbd-root'>
        <SessionGate>{() => <Dashboard branchId={branchId || undefined} />}</SessionGate>
      </View>
    </Page>
  )
}
