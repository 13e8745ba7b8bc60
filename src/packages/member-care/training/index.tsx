import { Text } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { firstMissing, TextBox, TextLine } from '../../../components/FormFields'
import { sessionPage } from '../../../components/SessionPage'
import { useDraft } from '../../../hooks/useDraft'
import { callFunction } from '../../../services/call'
import { TRAINING_KIND_LABELS, TRAINING_KINDS, type TrainingKind } from '../../../services/domain'
import { DayField, SubmitButton, today } from '../shared/ui'
import '../shared/care.scss'
import { Field, Segmented } from '../../../ui'

const KINDS = TRAINING_KINDS.map((k) => [k, TRAINING_KIND_LABELS[k]] as const)

/** Student numbers separated by spaces, commas or new lines (pasted from a sign-in sheet). */
function studentNosOf(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter((s) => s.length > 0))]
}

function TrainingForm() {
  // A pasted sign-in sheet is work to redo: kept as a device draft until the server has the record.
  const draft = useDraft('care-training', 'new', {
    kind: 'college' as TrainingKind,
    title: '',
    day: today(),
    hours: '',
    nos: '',
  })
  const { kind, title, day, hours, nos } = draft.value
  const edit = (patch: Partial<typeof draft.value>) => draft.set((v) => ({ ...v, ...patch }))
  const studentNos = studentNosOf(nos)
  return (
    <Card>
      <Field label='培训类型'>
        <Segmented options={KINDS} value={kind} onChange={(kind) => edit({ kind })} testId='care-training-kind' />
      </Field>
      <TextLine
        label='培训名称'
        placeholder='如：全院党员冬训集中学习'
        value={title}
        onChange={(title) => edit({ title })}
        maxLength={50}
        testId='care-training-title'
      />
      <DayField label='培训日期' value={day} onChange={(day) => edit({ day })} end={today()} />
      <TextLine
        label='学时'
        type='digit'
        placeholder='如：8（以 0.5 为单位）'
        value={hours}
        onChange={(hours) => edit({ hours })}
        testId='care-training-hours'
      />
      <TextBox
        label={`参训人员学号（已填 ${studentNos.length} 人）`}
        placeholder='每行一个学号，或用空格、逗号分隔'
        value={nos}
        onChange={(nos) => edit({ nos })}
        maxLength={12000}
        testId='care-training-nos'
      />
      <Text className='zbc-sub'>学号须在学院名册中；登记后计入每位参训人员当年的培训学时。</Text>
      <SubmitButton
        label='登记培训学时'
        done={(r) => `已为 ${r.credited} 人登记`}
        waitsFor={firstMissing([
          [title.trim().length < 2, '请填写培训名称'],
          [!(Number(hours) > 0), '请填写学时'],
          [studentNos.length === 0, '请填写参训人员学号'],
        ])}
        run={() =>
          callFunction('member-care', 'recordTraining', { kind, title, day, hours: Number(hours), studentNos })
        }
        onDone={draft.clear}
        testId='care-training-save'
      />
    </Card>
  )
}

export default sessionPage('page-care-training', TrainingForm)
