import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { Card } from '../Card'
import { Greeting } from '../Greeting'
import { ReportCalendar } from '../ReportCalendar'
import { StatusTag } from '../StatusTag'
import { Button, QueryView } from '../../ui'
import { useShownQuery } from '../../hooks/useShownQuery'
import { ROUTES } from '../../routes'
import type { Profile, ReportSummary } from '../../services/api'
import { callFunction } from '../../services/call'
import { CALENDAR_STATE_LABELS, type CalendarEntry } from '../../services/domain'
import { isBlankDraft, readLocalDraft } from '../../services/report-drafts'
import { CALENDAR_TONE, daysLeftText, formatDateTime, formatDay, STATUS_TONE } from '../../utils/report'

function openEditor(period: string): void {
  void Taro.navigateTo({ url: `${ROUTES.reportEdit}?period=${encodeURIComponent(period)}` })
}

function openReport(id: string): void {
  void Taro.navigateTo({ url: `${ROUTES.reportDetail}?id=${encodeURIComponent(id)}` })
}

/** Where tapping a calendar period leads: its report, or the editor for a period still to write. */
function openEntry(entry: CalendarEntry): void {
  if (entry.state === 'due' || entry.state === 'overdue' || entry.state === 'returned') openEditor(entry.period.id)
  else if (entry.reportId) openReport(entry.reportId)
}

/** The student's 汇报 tab: this period's report, the calendar, and every report written. One call. */
export function StudentReports({ profile }: { profile: Profile }) {
  const load = useCallback(() => callFunction('report', 'listMine'), [])
  // Coming back from the editor or a report: show what changed (not on the first show).
  const query = useShownQuery(load, [])

  return (
    <QueryView query={query}>
      {(data) => {
        const { calendar, reports } = data
        const current = calendar.entries.find((e) => e.period.id === calendar.current.id) ?? null
        const subtitle = calendar.nextDue
          ? `下次汇报截止 ${formatDay(calendar.nextDue.day)}，${daysLeftText(calendar.nextDue.daysLeft)}`
          : undefined
        return (
          <View data-testid='student-reports' className={query.loading ? 'zb-rep--reloading' : ''}>
            <Greeting profile={profile} subtitle={subtitle} />
            <CurrentCard
              profile={profile}
              entry={current}
              periodLabel={calendar.current.label}
              periodId={calendar.current.id}
            />
            <Card title='汇报日历'>
              <ReportCalendar calendar={calendar} onSelect={openEntry} />
            </Card>
            <Card title='我的汇报' className='zb-rep-list'>
              {reports.length === 0 ? (
                <Text className='zb-rep-empty'>还没有写过思想汇报。写好的汇报、书记的批注都会在这里。</Text>
              ) : null}
              {reports.map((r) => (
                <ReportRow key={r.id} report={r} />
              ))}
            </Card>
          </View>
        )
      }}
    </QueryView>
  )
}

function CurrentCard({
  profile,
  entry,
  periodLabel,
  periodId,
}: {
  profile: Profile
  entry: CalendarEntry | null
  periodLabel: string
  periodId: string
}) {
  const local = readLocalDraft(profile.memberId, periodId)
  const hasLocal = local !== null && !isBlankDraft(local)
  if (!entry) {
    if (profile.stage === 'masses') return null
    return (
      <Card title='本期思想汇报' extra={<Text className='zb-rep-period'>{periodLabel}</Text>}>
        <Text className='zb-rep-hint'>你目前的发展阶段不需要定期提交思想汇报，也可以自愿向党组织汇报思想。</Text>
        <Button
          className='zb-rep-action'
          type='primary'
          block
          onClick={() => openEditor(periodId)}
          data-testid='write-current'
        >
          {hasLocal ? '继续编辑' : '写思想汇报'}
        </Button>
      </Card>
    )
  }
  const writing = entry.state === 'due' || entry.state === 'returned'
  const label =
    entry.state === 'returned'
      ? '修改后重新提交'
      : entry.state === 'due'
        ? entry.reportStatus === 'draft' || hasLocal
          ? '继续编辑'
          : '写本期汇报'
        : '查看汇报'
  return (
    <Card
      title='本期思想汇报'
      extra={
        <StatusTag
          tone={CALENDAR_TONE[entry.state]}
          label={CALENDAR_STATE_LABELS[entry.state]}
          testId='current-state'
        />
      }
    >
      <Text className='zb-rep-hint'>
        {entry.period.label} · 截止 {formatDay(entry.period.end)}
        {hasLocal && entry.state === 'due' ? ' · 本机有未提交的草稿' : ''}
      </Text>
      <Button
        className='zb-rep-action'
        type={writing ? 'primary' : 'default'}
        block
        onClick={() => (writing ? openEditor(entry.period.id) : entry.reportId && openReport(entry.reportId))}
        data-testid='write-current'
      >
        {label}
      </Button>
    </Card>
  )
}

function ReportRow({ report }: { report: ReportSummary }) {
  const returned = report.status === 'returned' && report.lastReview
  return (
    <View className='zb-rep-row' onClick={() => openReport(report.id)} data-testid='my-report'>
      <View className='zb-rep-row__head'>
        <Text className='zb-rep-row__period'>{report.period.label}</Text>
        <StatusTag tone={STATUS_TONE[report.status]} label={report.statusLabel} />
      </View>
      <Text className='zb-rep-row__title'>{report.title || '（未填写标题）'}</Text>
      {returned ? <Text className='zb-rep-row__comment'>书记批注：{report.lastReview?.comment}</Text> : null}
      <Text className='zb-rep-row__meta'>
        {report.submittedAt
          ? `第 ${report.version} 版 · ${formatDateTime(report.submittedAt)} 提交`
          : `草稿 · ${formatDateTime(report.updatedAt)} 保存`}
        {report.photoCount ? ` · 手写稿 ${report.photoCount} 页` : ''}
        {report.hasVideo ? ' · 视频' : ''}
      </Text>
    </View>
  )
}
