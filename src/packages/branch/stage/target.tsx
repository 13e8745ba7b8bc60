import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { STAGE_LABELS } from '../../../services/domain'
import type { Branch } from '../../../services/api'
import { day, StageTag } from '../shared/ui'

export type Mode = 'advance' | 'assess' | 'extend' | 'amend' | 'revoke'

export interface Target {
  mode: Mode
  step: Branch.StepStage | null
  event: Branch.TimelineEvent | null
}

export const PREVIOUS: Record<Branch.StepStage, string> = {
  applicant: '群众',
  activist: '入党申请人',
  candidate: '入党积极分子',
  probationary: '发展对象',
  full: '预备党员',
}

export function titleOf(t: Target, data: Branch.TimelineResult): string {
  switch (t.mode) {
    case 'advance':
      return data.next?.to === 'applicant' ? '登记入党申请' : `转为${data.next?.toLabel ?? '下一阶段'}`
    case 'assess':
      return '登记积极分子考察'
    case 'extend':
      return '延长预备期'
    case 'amend':
      return t.event ? `更正：${t.event.title}` : `更正「${t.step ? STAGE_LABELS[t.step] : ''}」的日期`
    case 'revoke':
      return t.event ? `撤销：${t.event.title}` : `撤销「${t.step ? STAGE_LABELS[t.step] : ''}」`
  }
}

/** Who, which step, and what stands in the way (the rules the server reported) before the form. */
export function Summary({
  data,
  target,
  ruleBroken,
}: {
  data: Branch.TimelineResult
  target: Target
  ruleBroken: boolean
}) {
  const m = data.member
  const blockers = target.mode === 'advance' ? (data.next?.blockers ?? []) : []
  return (
    <Card title={titleOf(target, data)}>
      <View className='zbs-who'>
        <Text className='zbs-who__name'>{m.name}</Text>
        <StageTag stage={m.stage} label={m.stageLabel} />
        <Text className='zbs-who__sub'>
          {m.studentNo} · {m.className}
        </Text>
      </View>
      {target.mode === 'advance' && data.next ? (
        <Text className='zbs-line'>
          {m.stageLabel} → {data.next.toLabel}
          {data.next.eligibleOn ? `（按规定 ${day(data.next.eligibleOn)} 起可办理）` : ''}
        </Text>
      ) : null}
      {target.mode === 'revoke' && target.step ? (
        <Text className='zbb-alert'>
          撤销后{m.name}回到「{PREVIOUS[target.step]}
          」阶段，该步日期清除。原记录保留并标记为已撤销，撤销本身也会记入审计日志。
        </Text>
      ) : null}
      {target.mode === 'revoke' && target.event ? (
        <Text className='zbb-alert'>
          撤销这条{target.event.title}记录（{day(target.event.date)}）。原记录保留并标记为已撤销。
        </Text>
      ) : null}
      {blockers.length > 0 && !ruleBroken ? (
        <View className='zbb-alert' data-testid='form-blockers'>
          {blockers.map((b) => (
            <Text key={b} className='zbs-block'>
              今天办理将不符合：{b}
            </Text>
          ))}
        </View>
      ) : null}
    </Card>
  )
}
