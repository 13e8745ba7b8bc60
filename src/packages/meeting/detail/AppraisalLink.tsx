import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../../components/Card'
import { ActionBar } from '../../../components/ActionBar'
import { useAction } from '../../../hooks/useCall'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'

function openAppraisal(id: string): void {
  void Taro.navigateTo({ url: withQuery(ROUTES.voicesAppraisal, { id }) })
}

/**
 * A 组织生活会's 民主评议党员: the link to it, or (the branch's managers, no appraisal yet) starting
 * it from this meeting. The server checks the meeting is the branch's 组织生活会 of that year.
 */
export function AppraisalLink({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const start = useAction(() =>
    callFunction('voices', 'startAppraisal', {
      branchId: meeting.branchId,
      meetingId: meeting.id,
      // The meeting's year in China time (a 31 December evening meeting belongs to that year).
      year: new Date(new Date(meeting.startAt).getTime() + 8 * 3_600_000).getUTCFullYear(),
    }),
  )
  if (meeting.type !== 'lifeMeeting') return null
  if (meeting.appraisal) {
    const a = meeting.appraisal
    return (
      <Card title='民主评议党员'>
        <View className='zb-mlink-row' onClick={() => openAppraisal(a.id)} data-testid='meeting-appraisal'>
          <Text className='zb-mtext'>本次组织生活会开展：{a.title}</Text>
          <Text className='zb-mlink'>查看 ›</Text>
        </View>
      </Card>
    )
  }
  if (!meeting.canManage || meeting.status === 'cancelled') return null
  const run = () =>
    void start.run().then((r) => {
      if (!r.ok) return
      toastSuccess('已开展民主评议')
      reload()
      openAppraisal(r.data.id)
    })
  return (
    <Card title='民主评议党员'>
      <Text className='zb-mnote'>组织生活会通常结合民主评议党员进行，可在此为本支部开展本年度的民主评议。</Text>
      <ActionBar
        inline
        actions={[
          {
            text: '结合本次会议开展民主评议',
            primary: true,
            loading: start.pending,
            onClick: run,
            testId: 'meeting-start-appraisal',
          },
        ]}
      />
    </Card>
  )
}
