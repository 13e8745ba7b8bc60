import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { chinaTime } from '../../../utils/time'
import { useCallback, useRef, useState } from 'react'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../components/StateViews'
import { useAction, useQuery } from '../../../hooks/useCall'
import { canScan, CodeCheckIn, scanQr } from '../../../pages/checkin/CodeCheckIn'
import { clock, dateTime, FINAL_STATUS_LABELS, isOver, LEAVE_LABELS, meetingTime, PHASE_LABELS, STATUS_LABELS } from '../../../pages/checkin/format'
import { ROUTES } from '../../../routes'
import type { AttendanceRow, MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { useDraft } from '../../../hooks/useDraft'
import { ActionBar } from '../../../components/ActionBar'
import { openSpreadsheet, previewPhotos } from '../shared/files'
import { askForMessages, askForReminder } from '../shared/subscribe'
import { useMeetingId } from '../shared/useMeetingId'
import { useSession } from '../../../stores/session'
import '../shared/meeting-pages.scss'

function Header({ meeting }: { meeting: MeetingDetail }) {
  return (
    <View className='zb-mhead' data-testid='meeting-header'>
      <View className='zb-mhead__tags'>
        <Text className='zb-mhead__type'>{meeting.typeLabel}</Text>
        <Text className='zb-mhead__phase'>{PHASE_LABELS[meeting.phase]}</Text>
      </View>
      <Text className='zb-mhead__title'>{meeting.title}</Text>
      <Text className='zb-mhead__line'>时间：{meetingTime(meeting)}</Text>
      <Text className='zb-mhead__line'>{meeting.online ? '线上会议' : '地点'}：{meeting.place}</Text>
      <Text className='zb-mhead__line'>
        参会：{meeting.audienceLabel}（{meeting.expectedCount} 人）
      </Text>
      <Text className='zb-mhead__line'>
        签到：{clock(meeting.checkInOpensAt)} 开放，{clock(meeting.checkInClosesAt)} 截止
      </Text>
      {meeting.cancelReason ? <Text className='zb-mhead__cancel'>会议已取消：{meeting.cancelReason}</Text> : null}
    </View>
  )
}

function Agenda({ meeting }: { meeting: MeetingDetail }) {
  if (!meeting.agenda) return null
  return (
    <Card title='会议议程'>
      <Text className='zb-mtext'>{meeting.agenda}</Text>
    </Card>
  )
}

function Minutes({ meeting, canEdit }: { meeting: MeetingDetail; canEdit: boolean }) {
  const minutes = meeting.minutes
  const started = meeting.phase === 'running' || meeting.phase === 'ended'
  if (!minutes && !(canEdit && started)) return null
  const edit = () => void Taro.navigateTo({ url: `${ROUTES.meetingMinutes}?id=${meeting.id}` })
  return (
    <Card title='会议纪要' extra={canEdit && started ? <Text className='zb-mlink' onClick={edit}>{minutes ? '修改' : '记录纪要'}</Text> : undefined}>
      {minutes ? (
        <View data-testid='minutes'>
          <Text className='zb-mtext'>{minutes.text}</Text>
          {minutes.photos.length > 0 ? (
            <View className='zb-photos'>
              {minutes.photos.map((p) => (
                <Image
                  key={p.fileID}
                  className='zb-photos__item'
                  src={p.url}
                  mode='aspectFill'
                  onClick={() => previewPhotos(minutes.photos.map((x) => x.url), p.url)}
                />
              ))}
            </View>
          ) : null}
          <Text className='zb-mnote'>
            {minutes.recordedBy} 记录于 {dateTime(minutes.recordedAt)}
          </Text>
        </View>
      ) : (
        <Text className='zb-mnote'>会议已开始，请在会后及时记录会议纪要，可附现场照片。</Text>
      )}
    </Card>
  )
}

/** A student's own standing: check in, or ask for leave before the meeting. */
function MyPart({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const mine = meeting.mine
  if (!mine || !mine.expected) return null
  // Leave is asked before the meeting starts (also while check-in is already open).
  const beforeStart = meeting.phase !== 'cancelled' && chinaTime().isBefore(meeting.startAt)
  const canAskLeave = beforeStart && mine.status !== 'present' && (!mine.leave || mine.leave.status === 'refused')
  return (
    <Card title='我的参会'>
      <View className='zb-mine' data-testid='my-status'>
        <Text className={`zb-pill zb-pill--${mine.status}`}>
          {beforeStart && mine.status === 'absent' ? '待参加' : (isOver(meeting) ? FINAL_STATUS_LABELS : STATUS_LABELS)[mine.status]}
        </Text>
        {mine.checkedInAt ? <Text className='zb-mnote'>签到时间 {clock(mine.checkedInAt)}</Text> : null}
      </View>
      {mine.leave ? (
        <View className='zb-leave-state' data-testid='my-leave'>
          <Text className={`zb-pill zb-pill--${mine.leave.status}`}>{LEAVE_LABELS[mine.leave.status]}</Text>
          <Text className='zb-mnote'>事由：{mine.leave.reason}</Text>
          {mine.leave.note ? <Text className='zb-mnote'>书记意见：{mine.leave.note}</Text> : null}
        </View>
      ) : null}
      {meeting.phase === 'checkingIn' && mine.status !== 'present' ? (
        meeting.online ? <OnlineConfirm meetingId={meeting.id} onDone={reload} /> : <CodeCheckIn meetingId={meeting.id} onDone={reload} />
      ) : null}
      {canAskLeave ? <LeaveForm meetingId={meeting.id} onDone={reload} /> : null}
      {beforeStart && mine.status === 'absent' && mine.leave?.status !== 'approved' ? <RemindMe meetingId={meeting.id} /> : null}
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
  const send = useCallback((r: string) => callFunction('meeting', 'requestLeave', { meetingId, reason: r }), [meetingId])
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
      {failure ? <Text className='zb-form-error'>{failure.message}</Text> : null}
      <ActionBar
        inline
        actions={[{ text: '提交请假申请', primary: true, loading: pending, waitsFor: reason.trim().length < 2 ? '请写明请假事由（至少 2 个字）' : null, onClick: () => void submit(), testId: 'leave-submit' }]}
      />
    </View>
  )
}

function Counts({ meeting }: { meeting: MeetingDetail }) {
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

function LeaveRequests({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const requests = (meeting.sheet?.rows ?? []).filter((r) => r.leave !== null)
  const decide = useCallback(
    (memberId: string, approve: boolean) => callFunction('meeting', 'decideLeave', { meetingId: meeting.id, memberId, approve }),
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
            <Text className={`zb-pill zb-pill--${row.leave?.status}`}>{row.leave ? LEAVE_LABELS[row.leave.status] : ''}</Text>
          </View>
          <Text className='zb-mnote'>事由：{row.leave?.reason}</Text>
          {row.leave?.status === 'pending' && row.memberId === me ? <Text className='zb-mnote'>自己的请假由本支部其他书记或院党委审批</Text> : null}
          {row.leave?.status === 'pending' && row.memberId !== me ? (
            <View className='zb-leave-row__actions'>
              <Button size='small' fill='outline' disabled={pending} onClick={() => void act(row, false)}>
                不批准
              </Button>
              <Button size='small' type='primary' disabled={pending} onClick={() => void act(row, true)} data-testid='leave-approve'>
                批准
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </Card>
  )
}

function Sheet({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const rows = meeting.sheet?.rows ?? []
  const sign = useCallback((params: { memberId: string } | { qr: string }) => callFunction('meeting', 'signInMember', { meetingId: meeting.id, ...params }), [meeting.id])
  const { run, pending } = useAction(sign)
  const me = useSession((s) => s.profile?.memberId)
  const canSign = meeting.phase !== 'upcoming' && meeting.phase !== 'cancelled'
  const over = isOver(meeting)

  const byHand = async (row: AttendanceRow) => {
    const answer = await Taro.showModal({ title: '补签', content: `确认 ${row.name} 已到会？补签会记入操作记录。`, confirmText: '确认补签' })
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
    <Card title='签到表' extra={canSign && canScan ? <Text className='zb-mlink' onClick={() => void byScan()}>扫成员签到码</Text> : undefined}>
      <View data-testid='attendance-sheet'>
        {rows.map((row) => (
          <View className='zb-sheet-row' key={row.memberId} data-testid='attendance-row'>
            <View className='zb-sheet-row__who'>
              <Text className='zb-sheet-row__name'>{row.name}</Text>
              <Text className='zb-mnote'>{row.className}</Text>
            </View>
            {row.checkedInAt ? <Text className='zb-mnote'>{clock(row.checkedInAt)}{row.method === 'hand' ? ' 补签' : ''}</Text> : null}
            <Text className={`zb-pill zb-pill--${row.status}`}>{(over ? FINAL_STATUS_LABELS : STATUS_LABELS)[row.status]}</Text>
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

function ManagerActions({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const cancel = useCallback((r: string) => callFunction('meeting', 'cancel', { meetingId: meeting.id, reason: r }), [meeting.id])
  const cancelAction = useAction(cancel)
  const exporter = useCallback(() => callFunction('meeting', 'exportAttendance', { meetingId: meeting.id }), [meeting.id])
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
        <Button type='primary' block onClick={() => void Taro.navigateTo({ url: `${ROUTES.meetingCode}?id=${meeting.id}` })} data-testid='show-code'>
          展示签到码
        </Button>
      ) : null}
      <View className='zb-mactions__row'>
        {meeting.phase !== 'cancelled' ? (
          <Button fill='outline' size='small' onClick={() => void Taro.navigateTo({ url: `${ROUTES.meetingEdit}?id=${meeting.id}` })}>
            编辑
          </Button>
        ) : null}
        <Button fill='outline' size='small' loading={exportAction.pending} onClick={() => void doExport()} data-testid='export-sheet'>
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
          <Button type='danger' size='small' disabled={reason.trim().length === 0} loading={cancelAction.pending} onClick={() => void confirmCancel()}>
            确认取消
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** Changes made after the meeting ended (who attended, times): who, when and why, for everyone who sees it. */
function Corrections({ meeting }: { meeting: MeetingDetail }) {
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

function DetailBody({ meetingId }: { meetingId: string }) {
  const { data, failure, loading, reload } = useQuery(() => callFunction('meeting', 'get', { meetingId }), [meetingId])
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })
  if (failure && !data) return <ErrorView failure={failure} onRetry={reload} />
  if (loading && !data) return <LoadingView />
  if (!data) return null
  return (
    <>
      <Header meeting={data} />
      {data.canManage ? <ManagerActions meeting={data} reload={reload} /> : null}
      {data.canManage ? <Counts meeting={data} /> : null}
      {data.canManage ? null : <MyPart meeting={data} reload={reload} />}
      <Agenda meeting={data} />
      {data.canManage ? <LeaveRequests meeting={data} reload={reload} /> : null}
      <Minutes meeting={data} canEdit={data.canManage} />
      <Corrections meeting={data} />
      {data.canManage ? <Sheet meeting={data} reload={reload} /> : null}
      <Text className='zb-mfoot'>由 {data.createdByName} 发起 · {data.branchName}</Text>
    </>
  )
}

export default function MeetingDetailPage() {
  const meetingId = useMeetingId()
  return (
    <Page testId='page-meeting-detail'>
      <SessionGate>{() => <DetailBody meetingId={meetingId} />}</SessionGate>
    </Page>
  )
}
