import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { Card } from '../../../components/Card'
import { Pill } from '../../../ui'
import { useAction } from '../../../hooks/useCall'
import { canScan, scanQr } from '../../../components/CodeCheckIn'
import { clock, FINAL_STATUS_LABELS, isOver, STATUS_LABELS, STATUS_TONES } from '../../../utils/meeting'
import type { AttendanceRow, MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { useSession } from '../../../stores/session'

export function Counts({ meeting }: { meeting: MeetingDetail }) {
  const counts = meeting.sheet?.counts
  if (!counts) return null
  const over = isOver(meeting)
  const items: [string, number, string][] = [
    ['应到', counts.expected, ''],
    [over ? '出席' : '已签到', counts.present, 'present'],
    ['请假', counts.leave, 'leave'],
    [over ? '缺席' : '未签到', counts.missing, 'missing'],
  ]
  return (
    <View className='zb-counts' data-testid='meeting-counts'>
      {items.map(([label, n, kind]) => (
        <View className={`zb-counts__item zb-counts__item--${kind}`} key={label}>
          <Text className='zb-counts__n'>{n}</Text>
          <Text className='zb-counts__label'>{label}</Text>
        </View>
      ))}
    </View>
  )
}

export function Sheet({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const rows = meeting.sheet?.rows ?? []
  const sign = useCallback(
    (params: { memberId: string } | { qr: string }) =>
      callFunction('meeting', 'signInMember', { meetingId: meeting.id, ...params }),
    [meeting.id],
  )
  const { run, pending } = useAction(sign)
  const me = useSession((s) => s.profile?.memberId)
  const canSign = meeting.phase !== 'upcoming' && meeting.phase !== 'cancelled'
  const over = isOver(meeting)

  const byHand = async (row: AttendanceRow) => {
    const answer = await Taro.showModal({
      title: '补签',
      content: `确认 ${row.name} 已到会？补签会记入操作记录。`,
      confirmText: '确认补签',
    })
    if (!answer.confirm) return
    const result = await run({ memberId: row.memberId })
    if (!result.ok) return
    toastSuccess(result.data.outcome === 'already' ? '此前已签到' : '已补签')
    reload()
  }
  const byScan = async () => {
    const qr = await scanQr()
    if (!qr) return
    const result = await run({ qr })
    if (!result.ok) return
    toastSuccess(`${result.data.name} ${result.data.outcome === 'already' ? '此前已签到' : '签到成功'}`)
    reload()
  }
  return (
    <Card
      title='签到表'
      extra={
        canSign && canScan ? (
          <Text className='zb-mlink' onClick={() => void byScan()}>
            扫成员签到码
          </Text>
        ) : undefined
      }
    >
      <View data-testid='attendance-sheet'>
        {rows.map((row) => (
          <View className='zb-sheet-row' key={row.memberId} data-testid='attendance-row'>
            <View className='zb-sheet-row__who'>
              <Text className='zb-sheet-row__name'>{row.name}</Text>
              <Text className='zb-mnote'>{row.className}</Text>
            </View>
            {row.checkedInAt ? (
              <Text className='zb-mnote'>
                {clock(row.checkedInAt)}
                {row.method === 'hand' ? ' 补签' : ''}
              </Text>
            ) : null}
            <Pill tone={STATUS_TONES[row.status]}>{(over ? FINAL_STATUS_LABELS : STATUS_LABELS)[row.status]}</Pill>
            {canSign && row.status !== 'present' && row.memberId !== me ? (
              <Text className='zb-mlink zb-sheet-row__sign' onClick={() => !pending && void byHand(row)}>
                补签
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </Card>
  )
}
