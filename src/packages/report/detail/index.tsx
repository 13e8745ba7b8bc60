import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { ReportContent, ReportTimeline, ReportVersions } from '../../../components/ReportView'
import { StatusTag } from '../../../components/StatusTag'
import { ReportQuery, type LoadedReport } from '../../../components/ReportView/ReportQuery'
import { ROUTES } from '../../../routes'
import { toastSuccess } from '../../../services/feedback'
import { formatDay, STATUS_TONE } from '../../../utils/report'
import { askToSubscribe } from '../subscribe'
import './index.scss'

/** A student's own report: every version with the secretary's comments, and what happened when. */
export default sessionPage('page-report-detail', ({ params }) => <Detail id={params.id ?? ''} />)

function Detail({ id }: { id: string }) {
  return (
    <ReportQuery id={id} reloadOnShow>
      {(data, reload) => <DetailView data={data} onChanged={reload} />}
    </ReportQuery>
  )
}

function DetailView({ data, onChanged }: { data: LoadedReport; onChanged: () => void }) {
  const { report } = data
  const [subscribing, setSubscribing] = useState(false)
  const edit = () =>
    void Taro.navigateTo({ url: `${ROUTES.reportEdit}?period=${encodeURIComponent(report.period.id)}` })
  const subscribe = async () => {
    setSubscribing(true)
    const done = await askToSubscribe(report.id, data.templates, ['result'])
    setSubscribing(false)
    if (done) {
      toastSuccess('已订阅')
      onChanged()
    }
  }
  const latest = report.versions[report.versions.length - 1]
  return (
    <View data-testid='report-detail' data-status={report.status}>
      <View className='zb-detail-head'>
        <View className='zb-detail-head__row'>
          <Text className='zb-detail-head__period'>{report.period.label}</Text>
          <StatusTag tone={STATUS_TONE[report.status]} label={report.statusLabel} testId='detail-status' />
        </View>
        <Text className='zb-detail-head__meta'>
          {latest ? `共 ${report.versions.length} 版 · ${formatDay(latest.submittedAt)}提交` : '尚未提交'} · 截止{' '}
          {formatDay(report.period.end)}
        </Text>
      </View>

      {report.status === 'returned' ? (
        <Card className='zb-detail-call'>
          <Text className='zb-detail-call__text'>
            支部书记退回了这份汇报，请按批注修改后重新提交。{report.draft ? '你已有一份修改中的草稿。' : ''}
          </Text>
          <Button type='primary' block onClick={edit} data-testid='revise'>
            {report.draft ? '继续修改' : '修改后重新提交'}
          </Button>
        </Card>
      ) : null}
      {report.status === 'draft' ? (
        <Card className='zb-detail-call'>
          <Text className='zb-detail-call__text'>这是一份草稿，还没有提交给支部书记。</Text>
          <Button type='primary' block onClick={edit}>
            继续编辑
          </Button>
        </Card>
      ) : null}
      {report.status === 'pending' ? (
        <Card className='zb-detail-call'>
          <Text className='zb-detail-call__text'>
            已提交，等待支部书记审阅。{report.resultConsents > 0 ? '审阅结果会通过微信通知你。' : ''}
          </Text>
          {report.resultConsents === 0 ? (
            <Button
              fill='outline'
              type='primary'
              block
              loading={subscribing}
              onClick={() => void subscribe()}
              data-testid='subscribe-result'
            >
              审阅后通知我
            </Button>
          ) : null}
        </Card>
      ) : null}

      {report.versions.length > 0 ? (
        <Card title='汇报内容'>
          <ReportVersions versions={report.versions} />
        </Card>
      ) : report.draft ? (
        <Card title='草稿内容'>
          <ReportContent content={report.draft} />
        </Card>
      ) : null}

      <Card title='办理过程' className='zb-detail-timeline'>
        <ReportTimeline events={report.timeline} />
      </Card>
    </View>
  )
}
