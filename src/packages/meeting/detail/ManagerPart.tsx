import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { Pill } from '../../../ui'
import { useAction } from '../../../hooks/useCall'
import { canScan, scanQr } from '../../../components/CodeCheckIn'
import { clock, dateTime, FINAL_STATUS_LABELS, isOver, STATUS_LABELS, STATUS_TONES } from '../../../utils/meeting'
import { ROUTES } from '../../../routes'
import type { AttendanceRow, MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { openSpreadsheet } from '../shared/files'
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

export function ManagerActions({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const cancel = useCallback(
    (r: string) => callFunction('meeting', 'cancel', { meetingId: meeting.id, reason: r }),
    [meeting.id],
  )
  const cancelAction = useAction(cancel)
  const exporter = useCallback(
    () => callFunction('meeting', 'exportAttendance', { meetingId: meeting.id }),
    [meeting.id],
  )
  const exportAction = useAction(exporter)

  const doExport = async () => {
    const result = await exportAction.run()
    if (!result.ok) return
    const opened = await openSpreadsheet(result.data.url, result.data.fileName)
    if (opened) toastSuccess('签到表已生成')
  }
  const confirmCancel = async () => {
    const result = await cancelAction.run(reason.trim())
    if (!result.ok) return
    toastSuccess('会议已取消')
    setCancelling(false)
    reload()
  }
  const live = meeting.phase === 'checkingIn' || meeting.phase === 'running' || meeting.phase === 'upcoming'
  return (
    <View className='zb-mactions'>
      {live ? (
        <Button
          type='primary'
          block
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.meetingCode}?id=${meeting.id}` })}
          data-testid='show-code'
        >
          展示签到码
        </Button>
      ) : null}
      <View className='zb-mactions__row zb-touch-buttons'>
        {meeting.phase !== 'cancelled' ? (
          <Button
            fill='outline'
            size='small'
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.meetingEdit}?id=${meeting.id}` })}
          >
            编辑
          </Button>
        ) : null}
        <Button
          fill='outline'
          size='small'
          loading={exportAction.pending}
          onClick={() => void doExport()}
          data-testid='export-sheet'
        >
          导出签到表
        </Button>
        {meeting.phase !== 'cancelled' && meeting.phase !== 'ended' ? (
          <Button fill='outline' size='small' onClick={() => setCancelling(!cancelling)}>
            取消会议
          </Button>
        ) : null}
      </View>
      {cancelling ? (
        <View className='zb-cancel'>
          <Input placeholder='取消原因（会告知参会人员）' value={reason} onChange={setReason} maxLength={100} />
          <ActionBar
            inline
            testId='cancel-bar'
            actions={[
              {
                text: '确认取消',
                danger: true,
                // Says what is missing instead of a dead button.
                waitsFor: reason.trim().length === 0 ? '请先填写取消原因，会告知参会人员' : null,
                loading: cancelAction.pending,
                onClick: () => void confirmCancel(),
                testId: 'confirm-cancel',
              },
            ]}
          />
        </View>
      ) : null}
    </View>
  )
}

/** Changes made after the meeting ended (who attended, times): who, when and why, for everyone who sees it. */
export function Corrections({ meeting }: { meeting: MeetingDetail }) {
  if (meeting.corrections.length === 0) return null
  return (
    <Card title='会后更正记录'>
      <View data-testid='meeting-corrections'>
        {meeting.corrections.map((c, i) => (
          <View className='zb-leave-row' key={`${c.at}-${i}`}>
            {c.changes.map((line) => (
              <Text className='zb-mtext' key={line}>
                {line}
              </Text>
            ))}
            <Text className='zb-mnote'>原因：{c.reason}</Text>
            <Text className='zb-mnote'>
              {c.byName} 更正于 {dateTime(c.at)}
            </Text>
          </View>
        ))}
      </View>
    </Card>
  )
}
