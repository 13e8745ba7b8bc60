import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { Empty, Pill, QueryView } from '../../../ui'
import { ROUTES } from '../../../routes'
import type { Branch, Profile } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { Band, go } from '../shared/ui'
import './index.scss'
import { useShownQuery } from '../../../hooks/useShownQuery'

interface Tool {
  key: string
  label: string
  hint: string
  url: string
  glyph: string
}

function toolsFor(committee: boolean): Tool[] {
  const common: Tool[] = [
    { key: 'members', label: '成员名册', hint: '阶段、时间线、记录', url: ROUTES.branchMembers, glyph: '册' },
    { key: 'development', label: '发展纪实', hint: '未来 30 天、问题档案', url: ROUTES.developmentBranch, glyph: '纪' },
    { key: 'dashboard', label: '数据看板', hint: '汇报、出勤、积分', url: ROUTES.dashboard, glyph: '览' },
    { key: 'exports', label: '数据导出', hint: '名册、汇报、出勤', url: ROUTES.branchExports, glyph: '导' },
    { key: 'voices', label: '评议投票', hint: '民主评议、投票、征求意见', url: ROUTES.voicesManage, glyph: '评' },
    { key: 'care', label: '党员教育管理', hint: '外出、转接、谈心、学时', url: ROUTES.careBranch, glyph: '管' },
  ]
  if (!committee) return common
  return [
    ...common,
    { key: 'import', label: '导入名册', hint: 'Excel / CSV', url: ROUTES.branchImport, glyph: '入' },
    { key: 'branches', label: '支部管理', hint: '支部与书记', url: ROUTES.branchBranches, glyph: '部' },
    { key: 'audit', label: '审计日志', hint: '敏感操作记录', url: ROUTES.branchAudit, glyph: '审' },
  ]
}

function ReminderRow({ r, showBranch }: { r: Branch.Reminder; showBranch: boolean }) {
  return (
    <View
      className='zbb-row'
      data-testid='reminder'
      onClick={() => go(`${ROUTES.branchMember}?id=${encodeURIComponent(r.memberId)}`)}
    >
      <View className='zbb-row__main'>
        <View className='zbw-rem__head'>
          <Text className='zbb-row__title'>{r.name}</Text>
          <Text className='zbw-rem__kind'>{r.kind === 'assessment' ? '积极分子考察' : '转正申请'}</Text>
        </View>
        <Text className='zbb-row__sub'>{r.text}</Text>
        <Text className='zbb-row__sub'>
          {showBranch ? `${r.branchName} · ` : ''}
          {r.className} · {r.stageLabel}
        </Text>
      </View>
      <View className='zbb-row__side'>
        <Pill tone={r.overdue ? 'red' : r.daysLeft <= 7 ? 'amber' : 'grey'}>{r.badge}</Pill>
      </View>
    </View>
  )
}

function Workspace({ profile }: { profile: Profile }) {
  // Back from a member page, a recorded assessment may have cleared a reminder.
  const query = useShownQuery(() => callFunction('branch', 'reminders'), [])
  return (
    <QueryView query={query} refusal='lock'>
      {(data) => {
        const committee = profile.roles.includes('committee')
        const { counts } = data
        return (
          <View data-testid='branch-workspace'>
            <Band
              title={data.scopeLabel}
              subtitle={`今天是 ${data.today.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}，以下为近 ${data.windowDays} 天需要办理的发展工作`}
            />
            <View className='zbb-lift zbw-tools'>
              {toolsFor(committee).map((t) => (
                <View key={t.key} className='zbw-tool' onClick={() => go(t.url)} data-testid={`tool-${t.key}`}>
                  <Text className='zbw-tool__glyph'>{t.glyph}</Text>
                  <Text className='zbw-tool__label'>{t.label}</Text>
                  <Text className='zbw-tool__hint'>{t.hint}</Text>
                </View>
              ))}
            </View>
            <Card
              title='发展提醒'
              extra={
                <Text className='zbw-count'>
                  考察 {counts.assessment} · 转正 {counts.conversion}
                  {counts.overdue ? ` · 逾期 ${counts.overdue}` : ''}
                </Text>
              }
            >
              {data.reminders.length === 0 ? (
                <Empty bare testId='reminders-empty'>{`近 ${data.windowDays} 天没有需要办理的考察或转正事项`}</Empty>
              ) : (
                data.reminders.map((r) => <ReminderRow key={`${r.kind}-${r.memberId}`} r={r} showBranch={committee} />)
              )}
            </Card>
            <Text className='zbb-note'>
              积极分子每半年考察一次；预备期满前一个月左右应提交转正申请。考察、转正等事项请在成员页登记，登记后提醒自动消失。
            </Text>
          </View>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-branch-workspace', Workspace)
