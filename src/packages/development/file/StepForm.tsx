import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { FileView, StepView } from '../../../../cloudfunctions/development/src/contract'
import { ActionBar } from '../../../components/ActionBar'
import { DayField } from '../../../components/FormFields/DayField'
import { callFunction, type CallFailure } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { Field } from '../../../ui'
import { TextInput } from '../TextInput'
import { chinaTime } from '../../../utils/time'
import { factsDraft, factsOf, StepFacts } from './StepFacts'
import { FailureLine } from '../../../components/FailureLine'

/** One step's form: its date, its people and the facts it asks for; the server judges every rule. */
export function StepForm({
  file,
  step,
  onDone,
  onCancel,
}: {
  file: FileView
  step: StepView
  onDone: (f: FileView, warnings: string[]) => void
  onCancel: () => void
}) {
  const today = chinaTime().format('YYYY-MM-DD')
  const [date, setDate] = useState(step.date ?? today)
  const ask = step.asks.people
  const [names, setNames] = useState<string[]>(() => {
    const have = step.people.map((p) => p.name)
    return Array.from({ length: ask ? Math.max(ask.min, have.length) : 0 }, (_, i) => have[i] ?? '')
  })
  const [draft, setDraft] = useState(() => factsDraft(step, today))
  const [reason, setReason] = useState('')
  const [needsReason, setNeedsReason] = useState(false)
  const [error, setError] = useState<CallFailure | null>(null)
  const [pending, setPending] = useState(false)
  const asks = new Set(step.asks.facts)

  const submit = async () => {
    setPending(true)
    setError(null)
    const people = ask ? names.filter((n) => n.trim()).map((name) => ({ role: ask.role, name: name.trim() })) : []
    const res = await callFunction('development', 'recordStep', {
      memberId: file.member.id,
      step: step.no,
      date,
      people,
      facts: factsOf(asks, draft, date),
      override: needsReason && reason.trim() ? { reason: reason.trim() } : undefined,
    })
    setPending(false)
    if (!res.ok) {
      setError(res)
      if (res.reason === 'stageRuleBroken') setNeedsReason(true)
      return
    }
    toastSuccess('已登记')
    onDone(res.data.file, res.data.warnings)
  }

  return (
    <View data-testid='step-form'>
      <DayField
        label='日期（会议召开或决定作出的日期）'
        value={date}
        end={today}
        onChange={setDate}
        className='zbd-input'
        testId='step-date'
      />
      {ask
        ? names.map((n, i) => (
            <Field key={i} label={`${ask.roleLabel}${names.length > 1 ? ` ${i + 1}` : ''}`}>
              <TextInput
                value={n}
                placeholder={`请填写${ask.roleLabel}姓名`}
                onChange={(text) => setNames((all) => all.map((x, j) => (j === i ? text : x)))}
              />
            </Field>
          ))
        : null}
      {ask && names.length < ask.max ? (
        <Text className='zbd-link' onClick={() => setNames((all) => [...all, ''])}>
          再加一名{ask.roleLabel}
        </Text>
      ) : null}
      <StepFacts asks={asks} draft={draft} today={today} onChange={setDraft} />
      {needsReason ? (
        <Field label='破例理由（记入纪实和审计日志）'>
          <TextInput
            placeholder='请写明破例的理由和批准情况'
            value={reason}
            onChange={setReason}
            testId='step-reason'
          />
        </Field>
      ) : null}
      <FailureLine failure={error} className='zbd-alert' testId='step-error' />
      <ActionBar
        inline
        actions={[
          { text: '取消', onClick: onCancel },
          {
            text: needsReason ? '破例办理并登记' : '确认登记',
            primary: true,
            loading: pending,
            waitsFor: needsReason && reason.trim().length < 5 ? '请写明破例理由（至少 5 个字）' : null,
            onClick: () => void submit(),
            testId: 'step-submit',
          },
        ]}
      />
    </View>
  )
}
