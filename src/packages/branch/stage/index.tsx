import { TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Picker, Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../../utils/time'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction, type CallFailure } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import type { Branch } from '../../../services/api'
import { day } from '../shared/ui'
import { useParams } from '../../../hooks/useParams'
import { useSession } from '../../../stores/session'
import './index.scss'
import { Summary, type Mode, type Target } from './target'

function Form({
  memberId,
  target: raw,
}: {
  memberId: string
  target: { mode: Mode; step: Branch.StepStage | null; eventId: string | null }
}) {
  const load = useCallback(() => callFunction('branch', 'timeline', { memberId }), [memberId])
  const { data, failure, reload } = useQuery(load, [memberId])
  if (!data) return failure ? <ErrorView failure={failure} onRetry={reload} refusal='lock' /> : <LoadingView />
  const event = raw.eventId ? (data.events.find((e) => e.id === raw.eventId) ?? null) : null
  return <Editor data={data} target={{ mode: raw.mode, step: raw.step, event }} />
}

function Editor({ data, target }: { data: Branch.TimelineResult; target: Target }) {
  const today = chinaTime().format('YYYY-MM-DD')
  const step = target.step ? data.steps.find((s) => s.stage === target.step) : null
  const initialDate = target.mode === 'amend' ? (target.event?.date ?? step?.date ?? today) : today
  const [date, setDate] = useState(initialDate)
  const [basis, setBasis] = useState(target.mode === 'amend' ? (target.event?.basis ?? step?.basis ?? '') : '')
  const [months, setMonths] = useState(target.event?.months ?? data.rules.extensionMinMonths)
  const [reason, setReason] = useState('')
  const [overriding, setOverriding] = useState(false)
  const [overrideReason, setOverrideReason] = useState('')
  const [error, setError] = useState<CallFailure | null>(null)
  const [ruleBroken, setRuleBroken] = useState(false)
  const [pending, setPending] = useState(false)
  const m = data.member
  const me = useSession((st) => st.profile?.memberId)
  const correcting = target.mode === 'amend' || target.mode === 'revoke'
  const needsBasis = target.mode !== 'revoke'
  const canOverride = target.mode === 'advance' || target.mode === 'extend' || target.mode === 'amend'
  const blockers = target.mode === 'advance' ? (data.next?.blockers ?? []) : []

  if (!data.canManage) {
    const message =
      m.id === me ? '自己的发展事项由本支部其他书记或院党委登记和更正' : '只有本支部书记和院党委可以登记发展事项'
    return <ErrorView failure={{ ok: false, code: 'FORBIDDEN', message }} onRetry={() => undefined} refusal='lock' />
  }
  if (target.mode === 'advance' && !data.next)
    return (
      <ErrorView
        failure={{ ok: false, code: 'FAILED_PRECONDITION', message: `${m.name}已是正式党员` }}
        onRetry={() => undefined}
        refusal='lock'
      />
    )

  const submit = async () => {
    setPending(true)
    setError(null)
    const override = overriding && overrideReason.trim() ? { reason: overrideReason.trim() } : undefined
    const id = target.event ? { eventId: target.event.id } : { step: target.step ?? undefined }
    const res =
      target.mode === 'advance'
        ? await callFunction('branch', 'moveStage', {
            kind: 'advance',
            memberId: m.id,
            to: data.next?.to ?? 'applicant',
            date,
            basis,
            override,
          })
        : target.mode === 'assess'
          ? await callFunction('branch', 'moveStage', { kind: 'assess', memberId: m.id, date, basis })
          : target.mode === 'extend'
            ? await callFunction('branch', 'moveStage', {
                kind: 'extend',
                memberId: m.id,
                date,
                months,
                basis,
                override,
              })
            : target.mode === 'amend'
              ? await callFunction('branch', 'correctStage', {
                  mode: 'amend',
                  memberId: m.id,
                  ...id,
                  date,
                  basis,
                  months: target.event?.kind === 'extend' ? months : undefined,
                  reason,
                  override,
                })
              : await callFunction('branch', 'correctStage', { mode: 'revoke', memberId: m.id, ...id, reason })
    setPending(false)
    if (!res.ok) {
      setError(res)
      if (res.reason === 'stageRuleBroken') {
        setRuleBroken(true)
        setOverriding(true)
      }
      return
    }
    toastSuccess(target.mode === 'revoke' ? '已撤销' : '已登记')
    setTimeout(() => void Taro.navigateBack(), 600)
  }

  const waitsFor =
    needsBasis && basis.trim().length < 2
      ? '请填写办理依据（至少 2 个字）'
      : correcting && reason.trim().length < 2
        ? '请填写更正原因（至少 2 个字）'
        : overriding && overrideReason.trim().length < 5
          ? '请写明破例办理的理由（至少 5 个字）'
          : null

  return (
    <View className='zbb-root' data-testid='stage-form'>
      <Summary data={data} target={target} ruleBroken={ruleBroken} />

      <View className='zbs-form'>
        {target.mode !== 'revoke' ? (
          <View className='zbb-field'>
            <Text className='zbb-field__label'>
              {target.mode === 'assess' ? '考察日期' : target.mode === 'extend' ? '决定日期' : '日期'}
            </Text>
            <Picker mode='date' value={date} end={today} onChange={(e) => setDate(String(e.detail.value))}>
              <View className='zbb-picker' data-testid='form-date'>
                {day(date)}
              </View>
            </Picker>
            {target.mode === 'amend' && (target.event?.date ?? step?.date) ? (
              <Text className='zbb-field__hint'>原登记日期：{day(target.event?.date ?? step?.date)}</Text>
            ) : null}
          </View>
        ) : null}
        {target.mode === 'extend' || (target.mode === 'amend' && target.event?.kind === 'extend') ? (
          <View className='zbb-field'>
            <Text className='zbb-field__label'>延长时间</Text>
            <View className='zbb-chips'>
              {Array.from(
                { length: data.rules.extensionMaxMonths - data.rules.extensionMinMonths + 1 },
                (_, i) => data.rules.extensionMinMonths + i,
              ).map((n) => (
                <Text key={n} className={`zbb-chip ${months === n ? 'zbb-chip--on' : ''}`} onClick={() => setMonths(n)}>
                  {n} 个月
                </Text>
              ))}
            </View>
          </View>
        ) : null}
        {needsBasis ? (
          <View className='zbb-field'>
            <Text className='zbb-field__label'>依据（会议或决定）</Text>
            <TextArea
              value={basis}
              onChange={setBasis}
              placeholder='如：2026年11月12日支部党员大会表决通过'
              maxLength={100}
              autoSize
              data-testid='form-basis'
            />
            {data.basisSuggestions.length ? (
              <View className='zbb-chips'>
                {data.basisSuggestions.map((s) => (
                  <Text key={s} className='zbb-chip zbs-suggest' onClick={() => setBasis(s)}>
                    {s}
                  </Text>
                ))}
              </View>
            ) : null}
            <Text className='zbb-field__hint'>点选近期的支部党员大会或支委会可快速填写。</Text>
          </View>
        ) : null}
        {correcting ? (
          <View className='zbb-field'>
            <Text className='zbb-field__label'>{target.mode === 'revoke' ? '撤销原因' : '更正原因'}</Text>
            <TextArea
              value={reason}
              onChange={setReason}
              placeholder='如：会议日期登记有误'
              maxLength={200}
              autoSize
              data-testid='form-reason'
            />
          </View>
        ) : null}
        {canOverride && (ruleBroken || blockers.length > 0) ? (
          <View className='zbb-field'>
            <View className='zbs-switch'>
              <Text className='zbb-field__label'>破例办理</Text>
              <Switch
                checked={overriding}
                color='#C8161D'
                onChange={(e) => setOverriding(e.detail.value)}
                data-testid='form-override-switch'
              />
            </View>
            {overriding ? (
              <>
                <TextArea
                  value={overrideReason}
                  onChange={setOverrideReason}
                  placeholder='请写明破例的理由和批准情况（至少 5 个字）'
                  maxLength={200}
                  autoSize
                  data-testid='form-override'
                />
                <Text className='zbb-field__hint'>破例办理会连同理由一起记入发展记录和审计日志。</Text>
              </>
            ) : null}
          </View>
        ) : null}
      </View>

      {error ? (
        <Text className='zbb-alert zbs-error' data-testid='form-error'>
          {error.message}
        </Text>
      ) : null}
      <ActionBar
        actions={[
          {
            text: target.mode === 'revoke' ? '确认撤销' : overriding ? '破例办理并登记' : '确认登记',
            primary: true,
            loading: pending,
            waitsFor,
            onClick: () => void submit(),
            testId: 'form-submit',
          },
        ]}
      />
    </View>
  )
}

export default function BranchStagePage() {
  const params = useParams()
  const mode = (
    ['advance', 'assess', 'extend', 'amend', 'revoke'].includes(params.mode ?? '') ? params.mode : 'advance'
  ) as Mode
  const target = { mode, step: (params.step as Branch.StepStage | undefined) ?? null, eventId: params.eventId ?? null }
  return (
    <Page testId='page-branch-stage'>
      <SessionGate>{() => <Form memberId={params.id ?? ''} target={target} />}</SessionGate>
    </Page>
  )
}
