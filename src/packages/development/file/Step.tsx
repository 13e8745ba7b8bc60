import { Text, View } from '@tarojs/components'
import type { FileView, StepView } from '../../../../cloudfunctions/development/src/contract'
import { day } from './format'
import { Material } from './Material'
import { StepForm } from './StepForm'

/** One of the 25 steps: its date, people, facts, materials, the form to record it and the rules it is judged by. */
export function Step({
  file,
  step,
  editing,
  onEdit,
  onFile,
}: {
  file: FileView
  step: StepView
  editing: boolean
  onEdit: (no: number | null) => void
  onFile: (f: FileView, warnings?: string[]) => void
}) {
  const open = Boolean(step.date) || step.state === 'next'
  return (
    <View className='zbd-step' data-testid={`step-${step.no}`}>
      <View className='zbd-step__head'>
        <Text className={`zbd-step__no zbd-step__no--${step.state}`}>{step.no}</Text>
        <Text className='zbd-step__label'>{step.label}</Text>
        <Text className='zbd-step__date'>{step.date ? day(step.date) : step.state === 'next' ? '下一步' : ''}</Text>
      </View>
      <View className='zbd-step__body'>
        {step.people.length ? (
          <Text className='zbd-muted'>{step.people.map((p) => `${p.roleLabel}：${p.name}`).join('；')}</Text>
        ) : null}
        {step.facts.map((f) => (
          <Text key={f} className='zbd-muted'>
            {f}
          </Text>
        ))}
        {step.override ? <Text className='zbd-muted'>破例办理：{step.override.reason}</Text> : null}
        {open ? step.materials.map((m) => <Material key={m.id} file={file} step={step} m={m} onFile={onFile} />) : null}
        {editing ? (
          <StepForm file={file} step={step} onCancel={() => onEdit(null)} onDone={(f, w) => onFile(f, w)} />
        ) : step.canRecord && open ? (
          <Text className='zbd-button' onClick={() => onEdit(step.no)} data-testid={`record-${step.no}`}>
            {step.date ? '更正' : '登记'}
          </Text>
        ) : null}
        {(editing || step.state === 'next') && step.rules.length ? (
          <View>
            {step.rules.map((r) => (
              <Text key={r.id} className='zbd-muted'>
                {r.severity === 'block' ? '规定' : '提醒'}：{r.label}（{r.article}）
              </Text>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}
