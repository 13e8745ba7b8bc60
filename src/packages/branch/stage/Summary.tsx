import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { Pill } from '../../../ui'
import { day, StageTag } from '../shared/ui'
import { titleOf, type FileView, type Target } from './target'

/** Who, which step, where the member stands and the rules of the step with their source. */
export function Summary({ file, target }: { file: FileView; target: Target }) {
  const m = file.member
  const { step } = target
  const next = file.position.next
  return (
    <Card title={titleOf(target)}>
      <View className='zbs-who'>
        <Text className='zbs-who__name'>{m.name}</Text>
        <StageTag stage={m.stage} label={m.stageLabel} />
        <Text className='zbs-who__sub'>
          {m.className} · {m.branchName}
        </Text>
      </View>
      <Text className='zbs-line'>{file.position.where}</Text>
      {next && next.step === step.no ? (
        <Text className='zbs-line' data-testid='stage-from'>
          {next.fromText}
        </Text>
      ) : null}
      {next && next.step < step.no && target.mode === 'advance' ? (
        <Text className='zbb-alert zbs-line' data-testid='stage-gap'>
          发展纪实中第 {next.step} 步「{next.label}」尚未登记，请先在发展纪实中补登。
        </Text>
      ) : null}
      {step.date ? <Text className='zbs-line'>已登记日期：{day(step.date)}</Text> : null}
      {target.mode === 'extend' && file.probationEnds ? (
        <Text className='zbs-line'>预备期现至 {day(file.probationEnds)} 期满</Text>
      ) : null}
      {step.facts.map((f) => (
        <Text key={f} className='zbs-line'>
          {f}
        </Text>
      ))}
      {step.rules.length ? (
        <View className='zbs-rules' data-testid='stage-rules'>
          {step.rules.map((r) => (
            <View key={r.id} className='zbs-rule'>
              <Pill tone={r.severity === 'block' ? 'red' : 'amber'}>{r.severityLabel}</Pill>
              <Text className='zbs-rule__label'>{r.label}</Text>
              <Text className='zbs-rule__source'>
                {r.article}：{r.text}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </Card>
  )
}
