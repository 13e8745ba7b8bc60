import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { useCallback } from 'react'
import { Card } from '../../../components/Card'
import { Pill } from '../../../ui'
import { useAction } from '../../../hooks/useCall'
import { LEAVE_LABELS, LEAVE_TONES } from '../../../utils/meeting'
import type { AttendanceRow, MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { useSession } from '../../../stores/session'

export function LeaveRequests({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const requests = (meeting.sheet?.rows ?? []).filter((r) => r.leave !== null)
  const decide = useCallback(
    (memberId: string, approve: boolean) =>
      callFunction('meeting', 'decideLeave', { meetingId: meeting.id, memberId, approve }),
    [meeting.id],
  )
  const { run, pending } = useAction(decide)
  const me = useSession((s) => s.profile?.memberId)
  if (requests.length === 0) return null
  const act = async (row: AttendanceRow, approve: boolean) => {
    const result = await run(row.memberId, approve)
    if (!result.ok) return
    toastSuccess(approve ? '已批准' : '已回复不批准')
    reload()
  }
  requests.sort((a, b) => Number(b.leave?.status === 'pending') - Number(a.leave?.status === 'pending'))
  return (
    <Card title='请假申请'>
      {requests.map((row) => (
        <View className='zb-leave-row' key={row.memberId} data-testid='leave-request'>
          <View className='zb-leave-row__head'>
            <Text className='zb-leave-row__name'>{row.name}</Text>
            <Pill tone={row.leave ? LEAVE_TONES[row.leave.status] : 'grey'}>
              {row.leave ? LEAVE_LABELS[row.leave.status] : ''}
            </Pill>
          </View>
          <Text className='zb-mnote'>事由：{row.leave?.reason}</Text>
          {row.leave?.status === 'pending' && row.memberId === me ? (
            <Text className='zb-mnote'>自己的请假由本支部其他书记或院党委审批</Text>
          ) : null}
          {row.leave?.status === 'pending' && row.memberId !== me ? (
            <View className='zb-leave-row__actions'>
              <Button size='small' fill='outline' disabled={pending} onClick={() => void act(row, false)}>
                不批准
              </Button>
              <Button
                size='small'
                type='primary'
                disabled={pending}
                onClick={() => void act(row, true)}
                data-testid='leave-approve'
              >
                批准
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </Card>
  )
}
