import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import { dateTime } from '../../../utils/meeting'
import { ROUTES } from '../../../routes'
import type { MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { openSpreadsheet } from '../shared/files'

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
