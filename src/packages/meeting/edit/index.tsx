import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../../utils/time'
import { useCallback, useEffect, useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { Field, QueryView, Segmented } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import { callFunction } from '../../../services/call'
import { MEETING_TYPE_LABELS, MEETING_TYPES, type MeetingType } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { ActionBar } from '../../../components/ActionBar'
import { useDraft } from '../../../hooks/useDraft'
import { AUDIENCES, blankForm, DEFAULT_AUDIENCE, formOf, meetingFormProblem, requestOf, type Form } from './form'
import '../shared/meeting-pages.scss'
import './index.scss'
import { CheckInFields, MemberPicker, WhenFields } from './fields'
import { FailureLine } from '../../../components/FailureLine'

const ONLINE_OPTIONS = [
  ['onSite', '线下会议'],
  ['online', '线上会议（成员自行确认参会）'],
] as const

/** `ended`: the meeting is over, so a change of who attended or of its times is a correction with a reason. */
function MeetingForm({
  initial,
  meetingId,
  ended = false,
}: {
  initial: Form
  meetingId: string | null
  ended?: boolean
}) {
  // Typing a meeting takes a while: what was typed survives going back or closing the app (issue #16).
  const draft = useDraft<Form>('meeting-form', meetingId ?? 'new', initial)
  const { value: form, set: setForm } = draft
  const [reason, setReason] = useState('')
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const save = useCallback(
    (f: Form) =>
      meetingId
        ? callFunction('meeting', 'update', {
            ...requestOf(f),
            meetingId,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          })
        : callFunction('meeting', 'create', requestOf(f)),
    [meetingId, reason],
  )
  const { run, pending, failure } = useAction(save, { toast: false })
  const problem = meetingFormProblem(form)

  const submit = async () => {
    const result = await run(form)
    if (!result.ok) return
    draft.clear()
    toastSuccess(meetingId ? '已保存' : '会议已发布')
    if (meetingId) void Taro.navigateBack()
    else void Taro.redirectTo({ url: `${ROUTES.meetingDetail}?id=${result.data.id}` })
  }
  const pickType = (type: MeetingType) =>
    setForm((f) => ({ ...f, type, audience: meetingId ? f.audience : DEFAULT_AUDIENCE[type] }))

  return (
    <View className='zb-form' data-testid='meeting-form'>
      {draft.restored ? (
        <View className='zb-draft-note' data-testid='draft-restored'>
          <Text>已恢复上次没有提交的内容</Text>
          <Text className='zb-draft-note__discard' onClick={draft.discard}>
            清空重填
          </Text>
        </View>
      ) : null}
      <Field label='会议类型'>
        <Segmented
          options={MEETING_TYPES.map((t) => [t, MEETING_TYPE_LABELS[t]] as [MeetingType, string])}
          value={form.type}
          onChange={pickType}
          testId='meeting-type'
        />
      </Field>
      <Field label='会议主题'>
        <Input
          placeholder={`如：${chinaTime(form.date).month() + 1}月${MEETING_TYPE_LABELS[form.type]}`}
          value={form.title}
          onChange={(v) => set('title', v)}
          maxLength={40}
          data-testid='meeting-title'
        />
      </Field>
      <WhenFields form={form} set={set} />
      <Field label='会议地点'>
        <Input
          placeholder={form.online ? '如：腾讯会议 123 456 789' : '如：学院党员活动室'}
          value={form.place}
          onChange={(v) => set('place', v)}
          maxLength={40}
          data-testid='meeting-place'
        />
        <Segmented
          options={ONLINE_OPTIONS}
          value={form.online ? 'online' : 'onSite'}
          onChange={(v) => set('online', v === 'online')}
          testId='meeting-online'
        />
      </Field>
      <Field label='参会人员'>
        <Segmented
          options={AUDIENCES}
          value={form.audience}
          onChange={(v) => set('audience', v)}
          testId='meeting-audience'
        />
        {form.audience === 'chosen' ? (
          <MemberPicker selected={form.memberIds} onChange={(ids) => set('memberIds', ids)} />
        ) : null}
      </Field>
      <CheckInFields form={form} set={set} />
      <Field label='会议议程'>
        <TextArea
          placeholder='选填：议程安排、需要准备的材料'
          value={form.agenda}
          onChange={(v) => set('agenda', v)}
          maxLength={500}
        />
      </Field>
      {ended ? (
        <Field label='更正原因'>
          <Text className='zb-mnote'>
            会议已经结束：修改参会人员或时间属于更正记录，须写明原因，更正会显示在会议详情中。
          </Text>
          <TextArea
            placeholder='如：名单误列入非支委成员'
            value={reason}
            onChange={setReason}
            maxLength={200}
            data-testid='meeting-reason'
          />
        </Field>
      ) : null}
      <FailureLine failure={failure} className='zb-form-error zb-form__error' testId='meeting-form-error' />
      <ActionBar
        actions={[
          {
            text: meetingId ? '保存修改' : '发布会议并通知参会人员',
            primary: true,
            loading: pending,
            waitsFor: problem,
            onClick: () => void submit(),
            testId: 'meeting-submit',
          },
        ]}
      />
    </View>
  )
}

function EditExisting({ meetingId }: { meetingId: string }) {
  const query = useQuery(() => callFunction('meeting', 'get', { meetingId }), [meetingId])
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: '编辑会议' })
  }, [])
  return (
    <QueryView query={query}>
      {(data) => (
        <MeetingForm
          initial={formOf(data)}
          meetingId={meetingId}
          ended={new Date(data.endAt).getTime() <= Date.now()}
        />
      )}
    </QueryView>
  )
}

export default sessionPage('page-meeting-edit', ({ params }) =>
  params.id ? <EditExisting meetingId={params.id} /> : <MeetingForm initial={blankForm()} meetingId={null} />,
)
