import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime, fromChinaTime } from '../../../utils/time'
import { useCallback, useEffect, useState } from 'react'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../components/StateViews'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { MeetingDetail, Req } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { MEETING_TYPE_LABELS, MEETING_TYPES, type MeetingType } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { useMeetingId } from '../shared/useMeetingId'
import '../shared/meeting-pages.scss'
import './index.scss'

type Audience = Req<'meeting', 'create'>['audience']

const AUDIENCES: [Audience, string][] = [
  ['branch', '全支部成员'],
  ['party', '全体党员'],
  ['committee', '支委成员'],
  ['chosen', '指定人员'],
]
/** Sensible default audience per kind of meeting. */
const DEFAULT_AUDIENCE: Record<MeetingType, Audience> = {
  general: 'party',
  committee: 'committee',
  group: 'party',
  lecture: 'branch',
  themeDay: 'branch',
  lifeMeeting: 'party',
  other: 'branch',
}
const OPENS_BEFORE = [15, 30, 60, 120]
/** Minutes after the start when check-in closes; 0 means "when the meeting ends". */
const CLOSES_AFTER = [30, 60, 0]

interface Form {
  type: MeetingType
  title: string
  date: string
  start: string
  end: string
  place: string
  agenda: string
  audience: Audience
  memberIds: string[]
  opensBefore: number
  closesAfter: number
}

/** Today (or tomorrow), starting on the next half hour at least 30 minutes away, two hours long. */
function blankForm(): Form {
  const start = chinaTime().add(30, 'minute')
  const rounded = start.minute() === 0 || start.minute() === 30 ? start : start.minute() < 30 ? start.minute(30) : start.add(1, 'hour').minute(0)
  return {
    type: 'themeDay',
    title: '',
    date: rounded.format('YYYY-MM-DD'),
    start: rounded.format('HH:mm'),
    end: rounded.add(2, 'hour').format('HH:mm'),
    place: '',
    agenda: '',
    audience: 'branch',
    memberIds: [],
    opensBefore: 30,
    closesAfter: 0,
  }
}

function formOf(m: MeetingDetail): Form {
  const start = chinaTime(m.startAt)
  const end = chinaTime(m.endAt)
  const closes = chinaTime(m.checkInClosesAt)
  return {
    type: m.type,
    title: m.title,
    date: start.format('YYYY-MM-DD'),
    start: start.format('HH:mm'),
    end: end.format('HH:mm'),
    place: m.place,
    agenda: m.agenda,
    audience: m.audience,
    memberIds: m.memberIds ?? [],
    opensBefore: start.diff(chinaTime(m.checkInOpensAt), 'minute'),
    closesAfter: closes.isSame(end) ? 0 : closes.diff(start, 'minute'),
  }
}

/** The request the function expects, from what the form shows. */
function requestOf(f: Form): Req<'meeting', 'create'> {
  const start = chinaTime(fromChinaTime(f.date, f.start))
  let end = chinaTime(fromChinaTime(f.date, f.end))
  if (!end.isAfter(start)) end = end.add(1, 'day') // an evening meeting past midnight
  return {
    type: f.type,
    title: f.title.trim(),
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    place: f.place.trim(),
    agenda: f.agenda.trim(),
    audience: f.audience,
    memberIds: f.audience === 'chosen' ? f.memberIds : [],
    checkInOpensAt: start.subtract(f.opensBefore, 'minute').toISOString(),
    checkInClosesAt: f.closesAfter === 0 ? end.toISOString() : start.add(f.closesAfter, 'minute').toISOString(),
  }
}

function Chips<T extends string | number>({ options, value, onChange, testId }: { options: [T, string][]; value: T; onChange: (v: T) => void; testId?: string }) {
  return (
    <View className='zb-chips' data-testid={testId}>
      {options.map(([v, label]) => (
        <Text key={String(v)} className={`zb-chip ${v === value ? 'zb-chip--on' : ''}`} onClick={() => onChange(v)}>
          {label}
        </Text>
      ))}
    </View>
  )
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className='zb-field'>
      <Text className='zb-field__label'>{label}</Text>
      <View className='zb-field__body'>{children}</View>
    </View>
  )
}

function MemberPicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const { data, failure, loading, reload } = useQuery(() => callFunction('meeting', 'roster', {}), [])
  if (failure) return <ErrorView failure={failure} onRetry={reload} />
  if (loading || !data) return <Text className='zb-mnote'>正在加载支部名单…</Text>
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id])
  return (
    <View className='zb-members' data-testid='member-picker'>
      {data.map((m) => (
        <Text key={m.id} className={`zb-chip ${selected.includes(m.id) ? 'zb-chip--on' : ''}`} onClick={() => toggle(m.id)}>
          {m.name}
          <Text className='zb-chip__note'> {m.post ?? m.stageLabel}</Text>
        </Text>
      ))}
    </View>
  )
}

/** `ended`: the meeting is over, so a change of who attended or of its times is a correction with a reason. */
function MeetingForm({ initial, meetingId, ended = false }: { initial: Form; meetingId: string | null; ended?: boolean }) {
  const [form, setForm] = useState<Form>(initial)
  const [reason, setReason] = useState('')
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const save = useCallback(
    (f: Form) =>
      meetingId
        ? callFunction('meeting', 'update', { ...requestOf(f), meetingId, ...(reason.trim() ? { reason: reason.trim() } : {}) })
        : callFunction('meeting', 'create', requestOf(f)),
    [meetingId, reason],
  )
  const { run, pending, failure } = useAction(save, { toast: false })
  const ready = form.title.trim().length >= 2 && form.place.trim().length > 0 && (form.audience !== 'chosen' || form.memberIds.length > 0)

  const submit = async () => {
    const result = await run(form)
    if (!result.ok) return
    toastSuccess(meetingId ? '已保存' : '会议已发布')
    if (meetingId) void Taro.navigateBack()
    else void Taro.redirectTo({ url: `${ROUTES.meetingDetail}?id=${result.data.id}` })
  }
  const pickType = (type: MeetingType) => setForm((f) => ({ ...f, type, audience: meetingId ? f.audience : DEFAULT_AUDIENCE[type] }))
  const opens = OPENS_BEFORE.includes(form.opensBefore) ? OPENS_BEFORE : [...OPENS_BEFORE, form.opensBefore].sort((a, b) => a - b)
  const closes = CLOSES_AFTER.includes(form.closesAfter) ? CLOSES_AFTER : [form.closesAfter, ...CLOSES_AFTER]

  return (
    <View className='zb-form' data-testid='meeting-form'>
      <Field label='会议类型'>
        <Chips options={MEETING_TYPES.map((t) => [t, MEETING_TYPE_LABELS[t]] as [MeetingType, string])} value={form.type} onChange={pickType} testId='meeting-type' />
      </Field>
      <Field label='会议主题'>
        <Input placeholder={`如：${chinaTime(form.date).month() + 1}月${MEETING_TYPE_LABELS[form.type]}`} value={form.title} onChange={(v) => set('title', v)} maxLength={40} data-testid='meeting-title' />
      </Field>
      <Field label='日期'>
        <Picker mode='date' value={form.date} onChange={(e) => set('date', String(e.detail.value))}>
          <Text className='zb-picker'>{chinaTime(form.date).format('YYYY年M月D日')}</Text>
        </Picker>
      </Field>
      <Field label='时间'>
        <View className='zb-times'>
          <Picker mode='time' value={form.start} onChange={(e) => set('start', String(e.detail.value))}>
            <Text className='zb-picker'>{form.start}</Text>
          </Picker>
          <Text className='zb-times__to'>至</Text>
          <Picker mode='time' value={form.end} onChange={(e) => set('end', String(e.detail.value))}>
            <Text className='zb-picker'>{form.end}</Text>
          </Picker>
        </View>
      </Field>
      <Field label='会议地点'>
        <Input placeholder='如：学院党员活动室' value={form.place} onChange={(v) => set('place', v)} maxLength={40} data-testid='meeting-place' />
      </Field>
      <Field label='参会人员'>
        <Chips options={AUDIENCES} value={form.audience} onChange={(v) => set('audience', v)} testId='meeting-audience' />
        {form.audience === 'chosen' ? <MemberPicker selected={form.memberIds} onChange={(ids) => set('memberIds', ids)} /> : null}
      </Field>
      <Field label='签到开放'>
        <Chips options={opens.map((n) => [n, n >= 60 && n % 60 === 0 ? `会前 ${n / 60} 小时` : `会前 ${n} 分钟`] as [number, string])} value={form.opensBefore} onChange={(v) => set('opensBefore', v)} testId='meeting-opens' />
      </Field>
      <Field label='签到截止'>
        <Chips options={closes.map((n) => [n, n === 0 ? '会议结束时' : `开始后 ${n} 分钟`] as [number, string])} value={form.closesAfter} onChange={(v) => set('closesAfter', v)} />
      </Field>
      <Field label='会议议程'>
        <TextArea placeholder='选填：议程安排、需要准备的材料' value={form.agenda} onChange={(v) => set('agenda', v)} maxLength={500} />
      </Field>
      {ended ? (
        <Field label='更正原因'>
          <Text className='zb-mnote'>会议已经结束：修改参会人员或时间属于更正记录，须写明原因，更正会显示在会议详情中。</Text>
          <TextArea placeholder='如：名单误列入非支委成员' value={reason} onChange={setReason} maxLength={200} data-testid='meeting-reason' />
        </Field>
      ) : null}
      {failure ? (
        <Text className='zb-form-error zb-form__error' data-testid='meeting-form-error'>
          {failure.message}
        </Text>
      ) : null}
      <View className='zb-form__submit'>
        <Button type='primary' block size='large' loading={pending} disabled={!ready} onClick={() => void submit()} data-testid='meeting-submit'>
          {meetingId ? '保存修改' : '发布会议并通知参会人员'}
        </Button>
      </View>
    </View>
  )
}

function EditExisting({ meetingId }: { meetingId: string }) {
  const { data, failure, loading, reload } = useQuery(() => callFunction('meeting', 'get', { meetingId }), [meetingId])
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: '编辑会议' })
  }, [])
  if (failure) return <ErrorView failure={failure} onRetry={reload} />
  if (loading || !data) return <LoadingView />
  return <MeetingForm initial={formOf(data)} meetingId={meetingId} ended={new Date(data.endAt).getTime() <= Date.now()} />
}

export default function MeetingEditPage() {
  const meetingId = useMeetingId()
  return (
    <Page testId='page-meeting-edit'>
      <SessionGate>{() => (meetingId ? <EditExisting meetingId={meetingId} /> : <MeetingForm initial={blankForm()} meetingId={null} />)}</SessionGate>
    </Page>
  )
}
