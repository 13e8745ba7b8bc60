import { Button, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import { chinaTime } from '../../../utils/time'
import { useCallback, useState } from 'react'
import { Card } from '../../../components/Card'
import { Pill } from '../../../ui'
import { useAction } from '../../../hooks/useCall'
import { CodeCheckIn } from '../../../components/CodeCheckIn'
import {
  clock,
  FINAL_STATUS_LABELS,
  isOver,
  LEAVE_LABELS,
  LEAVE_TONES,
  STATUS_LABELS,
  STATUS_TONES,
} from '../../../utils/meeting'
import type { MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { useDraft } from '../../../hooks/useDraft'
import { InlineSubmit } from '../../../components/ActionBar/InlineSubmit'
import { askForMessages, askForReminder } from '../shared/subscribe'

/** A student's own standing: check in, or ask for leave before the meeting. */
export function MyPart({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const mine = meeting.mine
  if (!mine || !mine.expected) return null
  // Leave is asked before the meeting starts (also while check-in is already open).
  const beforeStart = meeting.phase !== 'cancelled' && chinaTime().isBefore(meeting.startAt)
  const canAskLeave = beforeStart && mine.status !== 'present' && (!mine.leave || mine.leave.status === 'refused')
  return (
    <Card title='我的参会'>
      <View className='zb-mine' data-testid='my-status'>
        <Pill tone={STATUS_TONES[mine.status]}>
          {beforeStart && mine.status === 'absent'
            ? '待参加'
            : (isOver(meeting) ? FINAL_STATUS_LABELS : STATUS_LABELS)[mine.status]}
        </Pill>
        {mine.checkedInAt ? <Text className='zb-mnote'>签到时间 {clock(mine.checkedInAt)}</Text> : null}
      </View>
      {mine.leave ? (
        <View className='zb-leave-state' data-testid='my-leave'>
          <Pill tone={LEAVE_TONES[mine.leave.status]}>{LEAVE_LABELS[mine.leave.status]}</Pill>
          <Text className='zb-mnote'>事由：{mine.leave.reason}</Text>
          {mine.leave.note ? <Text className='zb-mnote'>书记意见：{mine.leave.note}</Text> : null}
        </View>
      ) : null}
      {meeting.phase === 'checkingIn' && mine.status !== 'present' ? (
        meeting.online ? (
          <OnlineConfirm meetingId={meeting.id} onDone={reload} />
        ) : (
          <CodeCheckIn meetingId={meeting.id} onDone={reload} />
        )
      ) : null}
      {canAskLeave ? <LeaveForm meetingId={meeting.id} onDone={reload} /> : null}
      {beforeStart && mine.status === 'absent' && mine.leave?.status !== 'approved' ? (
        <RemindMe meetingId={meeting.id} />
      ) : null}
    </Card>
  )
}

/** 线上会议: the member confirms their own attendance while check-in is open. */
function OnlineConfirm({ meetingId, onDone }: { meetingId: string; onDone: () => void }) {
  const confirm = useAction(useCallback(() => callFunction('meeting', 'confirmOnline', { meetingId }), [meetingId]))
  return (
    <View className='zb-mine' data-testid='online-confirm'>
      <Text className='zb-mnote'>这是线上会议，参会后请在签到时间内确认参会。</Text>
      <Button
        type='primary'
        loading={confirm.pending}
        onClick={() =>
          void confirm.run().then((r) => {
            if (!r.ok) return
            toastSuccess(r.data.outcome === 'already' ? '已确认过' : '已确认参会')
            onDone()
          })
        }
      >
        确认参会
      </Button>
    </View>
  )
}

/** 提醒我: one reminder (subscribe message) shortly before the meeting starts. */
function RemindMe({ meetingId }: { meetingId: string }) {
  const [done, setDone] = useState(false)
  const send = useCallback(() => callFunction('meeting', 'subscribe', { meetingId }), [meetingId])
  const { run, pending } = useAction(send)
  const ask = async () => {
    if (!(await askForReminder())) return
    const result = await run()
    if (!result.ok) return
    setDone(true)
    toastSuccess(result.data.subscribed ? '将在会前提醒你' : '已提醒过你')
  }
  return (
    <View className='zb-remind' data-testid='remind-me'>
      {done ? (
        <Text className='zb-mnote'>已设置会前提醒</Text>
      ) : (
        <Button size='small' fill='outline' loading={pending} onClick={() => void ask()}>
          提醒我
        </Button>
      )}
    </View>
  )
}

function LeaveForm({ meetingId, onDone }: { meetingId: string; onDone: () => void }) {
  const { value: reason, set: setReason, clear: clearDraft } = useDraft('leave', meetingId, '')
  const send = useCallback(
    (r: string) => callFunction('meeting', 'requestLeave', { meetingId, reason: r }),
    [meetingId],
  )
  const { run, pending, failure } = useAction(send, { toast: false })
  const submit = async () => {
    await askForMessages('leaveResult', 'meetingNotice')
    const result = await run(reason.trim())
    if (!result.ok) return
    clearDraft()
    toastSuccess('已提交请假')
    onDone()
  }
  return (
    <View className='zb-leave-form' data-testid='leave-form'>
      <Text className='zb-leave-form__label'>不能参加？请在会议开始前请假</Text>
      <TextArea
        className='zb-leave-form__input'
        placeholder='请写明请假事由，如课程冲突、外出实习等'
        value={reason}
        onChange={setReason}
        maxLength={200}
        showCount
        data-testid='leave-reason'
      />
      <InlineSubmit
        text='提交请假申请'
        pending={pending}
        failure={failure}
        waitsFor={reason.trim().length < 2 ? '请写明请假事由（至少 2 个字）' : null}
        onClick={() => void submit()}
        testId='leave-submit'
        alertClass='zb-form-error'
      />
    </View>
  )
}
