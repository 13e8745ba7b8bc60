import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { ReportTimeline, ReportVersions } from '../../../components/ReportView'
import { StatusTag } from '../../../components/StatusTag'
import { ReportQuery, type LoadedReport } from '../../../components/ReportView/ReportQuery'
import { ROUTES } from '../../../routes'
import type { ReviewDecision } from '../../../services/api'
import { formatDay, STATUS_TONE } from '../../../utils/report'
import './index.scss'
import { DecisionSheet } from './DecisionSheet'

/** A secretary reads a report on the phone and approves it or returns it with a comment. */
export default sessionPage('page-review-detail', ({ params }) => <Review id={params.id ?? ''} />)

function Review({ id }: { id: string }) {
  return <ReportQuery id={id}>{(data, reload) => <ReviewView data={data} onReviewed={reload} />}</ReportQuery>
}

function ReviewView({ data, onReviewed }: { data: LoadedReport; onReviewed: () => void }) {
  const { report } = data
  const [decision, setDecision] = useState<ReviewDecision | null>(null)
  const latest = report.versions[report.versions.length - 1]
  const openMember = () =>
    void Taro.navigateTo({ url: `${ROUTES.reviewMember}?memberId=${encodeURIComponent(report.member.id)}` })
  return (
    <View className='zb-rv' data-testid='review-detail' data-status={report.status}>
      <View className='zb-rv-head'>
        <View className='zb-rv-head__row'>
          <Text className='zb-rv-head__name'>{report.member.name}</Text>
          <Text className='zb-rv-head__stage'>{report.member.stageLabel}</Text>
          <View className='zb-rv-head__grow' />
          <StatusTag tone={STATUS_TONE[report.status]} label={report.statusLabel} testId='review-status' />
        </View>
        <Text className='zb-rv-head__meta'>
          {report.member.className} · {report.period.label} · 第 {latest?.no ?? 1} 版
          {latest ? ` · ${formatDay(latest.submittedAt)}提交` : ''}
        </Text>
        <Text className='zb-rv-head__link' onClick={openMember}>
          查看 {report.member.name} 的汇报日历 ›
        </Text>
      </View>

      <Card title='汇报内容'>
        <ReportVersions versions={report.versions} />
      </Card>
      <Card title='办理过程' className='zb-rv-timeline'>
        <ReportTimeline events={report.timeline} />
      </Card>

      {report.canReview && latest ? (
        <>
          <ActionBar
            actions={[
              { text: '退回修改', onClick: () => setDecision('return'), testId: 'start-return' },
              { text: '审阅通过', primary: true, onClick: () => setDecision('approve'), testId: 'start-approve' },
            ]}
          />
        </>
      ) : null}
      {decision && latest ? (
        <DecisionSheet
          decision={decision}
          reportId={report.id}
          version={latest.no}
          phrases={data.phrases ?? []}
          onClose={() => setDecision(null)}
          onDone={() => {
            setDecision(null)
            onReviewed()
          }}
        />
      ) : null}
    </View>
  )
}
