import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { StatusTag } from '../../../components/StatusTag'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { Profile, ReportDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { readLocalDraft } from '../../../services/report-drafts'
import { STATUS_TONE } from '../../../utils/report'
import './index.scss'
import { EditForm } from './EditForm'

export default sessionPage('page-report-edit', ({ profile, params }) => (
  <Editor key={params.period ?? ''} profile={profile} period={params.period ?? ''} />
))

function Editor({ profile, period }: { profile: Profile; period: string }) {
  const [local] = useState(() => readLocalDraft(profile.memberId, period))
  const load = useCallback(() => {
    const sign = local ? [...local.photos, ...(local.video ? [local.video] : [])] : []
    return callFunction('report', 'get', { period, ...(sign.length ? { sign } : {}) })
  }, [local, period])
  const query = useQuery(load, [])

  return (
    <QueryView query={query} refusal='back'>
      {(data) => {
        const report = data.report
        if (report && !report.canEdit) return <Locked report={report} />
        return <EditForm profile={profile} data={data} local={local} />
      }}
    </QueryView>
  )
}

/** Submitted (waiting for review) or approved: nothing to edit here. */
function Locked({ report }: { report: ReportDetail }) {
  return (
    <Card
      title={report.period.label}
      extra={<StatusTag tone={STATUS_TONE[report.status]} label={report.statusLabel} />}
    >
      <Text className='zb-edit-note'>
        {report.status === 'pending'
          ? '汇报已提交，正在等待支部书记审阅，审阅完成前不能修改。'
          : '这份汇报已审阅通过，不能再修改。'}
      </Text>
      <Button
        className='zb-edit-open'
        type='primary'
        block
        onClick={() => void Taro.redirectTo({ url: `${ROUTES.reportDetail}?id=${encodeURIComponent(report.id)}` })}
      >
        查看汇报
      </Button>
    </Card>
  )
}
