import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { ReportCalendar } from '../../../components/ReportCalendar'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import './index.scss'

/** A member's report calendar, for their secretary: what is done, waiting, returned or overdue. */
export default sessionPage('page-review-member', ({ params }) => <Schedule memberId={params.memberId ?? ''} />)

function Schedule({ memberId }: { memberId: string }) {
  const load = useCallback(() => callFunction('report', 'schedule', { memberId }), [memberId])
  const query = useQuery(load, [memberId])
  return (
    <QueryView query={query} refusal='back'>
      {(data) => (
        <View data-testid='member-schedule'>
          <Card title={data.member.name} extra={<Text className='zb-member-stage'>{data.member.stageLabel}</Text>}>
            <Text className='zb-member-class'>{data.member.className} · 点击已提交的一期可查看汇报</Text>
          </Card>
          <Card title='汇报日历'>
            <ReportCalendar
              calendar={data.calendar}
              onSelect={(e) => {
                if (e.reportId)
                  void Taro.navigateTo({ url: `${ROUTES.reviewDetail}?id=${encodeURIComponent(e.reportId)}` })
              }}
            />
          </Card>
          <View style={{ height: '40px' }} />
        </View>
      )}
    </QueryView>
  )
}
