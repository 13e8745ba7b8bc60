import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { TextBox } from '../../../components/FormFields'
import { DayField } from '../../../components/FormFields/DayField'
import { useAction } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { chinaTime } from '../../../utils/time'
import { day } from '../shared/ui'
import { FactFields } from './FactFields'
import { factsToRecord, initialFacts, stepDate } from './facts'
import { Summary } from './Summary'
import { dateLabel, type FileView, type Target } from './target'
import { FailureLine } from '../../../components/FailureLine'

/**
 * Records the step through the development file's recorder (`development.recordStep`): the same rules,
 * order of dates and quorum as the file. A warning comes back with the reason `stageRuleBroken`: the form
 * then asks why it should be recorded anyway, and the reason is kept with the step and audited.
 */
export function StageForm({ file, target }: { file: FileView; target: Target }) {
  const today = chinaTime().format('YYYY-MM-DD')
  const [date, setDate] = useState(target.mode === 'amend' ? (target.step.date ?? today) : today)
  const [draft, setDraft] = useState(() => initialFacts(target.step, today))
  const [warned, setWarned] = useState(false)
  const [overrideReason, setOverrideReason] = useState('')
  const record = useCallback(
    (override: string | null) =>
      callFunction('development', 'recordStep', {
        memberId: file.member.id,
        step: target.step.no,
        date: stepDate(target, date),
        people: [],
        facts: factsToRecord(target, draft, date),
        override: override ? { reason: override } : undefined,
      }),
    [file.member.id, target, date, draft],
  )
  const action = useAction(record, { toast: false })

  const submit = async () => {
    const res = await action.run(warned ? overrideReason.trim() : null)
    if (!res.ok) {
      if (res.reason === 'stageRuleBroken') setWarned(true)
      return
    }
    toastSuccess(res.data.warnings.length ? '已破例登记' : '已登记')
    setTimeout(() => void Taro.navigateBack(), 600)
  }

  const waitsFor = warned && overrideReason.trim().length < 5 ? '请写明破例办理的理由（至少 5 个字）' : null
  return (
    <View className='zbb-root' data-testid='stage-form'>
      <Summary file={file} target={target} />
      <View className='zbs-form'>
        <DayField
          label={dateLabel(target)}
          hint={target.mode === 'amend' ? `原登记日期：${day(target.step.date)}` : undefined}
          value={date}
          end={today}
          onChange={setDate}
          className='zbb-picker'
          testId='form-date'
        />
        <FactFields target={target} draft={draft} today={today} onChange={setDraft} />
        {warned ? (
          <TextBox
            label='破例办理的理由'
            hint='破例办理会连同理由一起记入发展纪实和审计日志。'
            value={overrideReason}
            onChange={setOverrideReason}
            placeholder='请写明破例的理由和批准情况（至少 5 个字）'
            maxLength={200}
            autoSize
            testId='form-override'
          />
        ) : null}
      </View>
      <FailureLine failure={action.failure} className='zbb-alert zbs-error' testId='form-error' />
      <ActionBar
        actions={[
          {
            text: warned ? '破例办理并登记' : target.mode === 'amend' ? '确认更正' : '确认登记',
            primary: true,
            loading: action.pending,
            waitsFor,
            onClick: () => void submit(),
            testId: 'form-submit',
          },
        ]}
      />
    </View>
  )
}
