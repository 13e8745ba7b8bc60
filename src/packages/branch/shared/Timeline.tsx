import { Text, View } from '@tarojs/components'
import { StepRail } from '../../../components/StageTimeline'
import type { Branch } from '../../../services/api'
import { day } from './ui'
import './timeline.scss'

/** The five stage steps with their dates and facts; `onCorrect` adds 更正 (recording the step again) for a manager. */
export function StepList({
  steps,
  onCorrect,
}: {
  steps: Branch.TimelineStep[]
  onCorrect?: (step: Branch.TimelineStep, mode: 'amend') => void
}) {
  return (
    <StepRail
      steps={steps.map((s) => ({ ...s, title: s.label, line: s.state === 'upcoming' ? null : day(s.date) }))}
      onCorrect={onCorrect ? (s) => onCorrect(s, 'amend') : undefined}
      testId='stage-steps'
    />
  )
}

const KIND_TONE: Record<Branch.TimelineEvent['kind'], string> = {
  advance: 'red',
  record: 'grey',
  assess: 'amber',
  extend: 'amber',
  revoke: 'grey',
}

/** Every record, newest first; superseded ones stay visible, struck through. */
export function EventList({
  events,
  onCorrect,
}: {
  events: Branch.TimelineEvent[]
  onCorrect?: (e: Branch.TimelineEvent, mode: 'amend') => void
}) {
  if (events.length === 0)
    return <Text className='zbt-empty'>暂无发展纪实的登记记录，名册导入的日期见上方时间线。</Text>
  return (
    <View data-testid='stage-events'>
      {events.map((e) => (
        <View key={e.id} className={`zbt-ev ${e.active ? '' : 'zbt-ev--old'}`} data-testid='stage-event'>
          <View className='zbt-ev__head'>
            <Text className={`zbt-ev__kind zbt-ev__kind--${KIND_TONE[e.kind]}`}>{e.title}</Text>
            <Text className='zbt-ev__date'>{day(e.date)}</Text>
          </View>
          {e.previousDate && e.kind !== 'revoke' ? (
            <Text className='zbt-ev__line'>原登记日期：{day(e.previousDate)}</Text>
          ) : null}
          <Text className='zbt-ev__line'>{e.basis}</Text>
          {e.reason && e.kind !== 'revoke' ? <Text className='zbt-ev__line'>更正原因：{e.reason}</Text> : null}
          {e.override ? (
            <Text className='zbt-ev__override' data-testid='event-override'>
              破例办理：{e.override.reason}（{e.override.rules.join('；')}）
            </Text>
          ) : null}
          <View className='zbt-ev__foot'>
            <Text>
              {e.actorName} 登记于 {day(e.at.slice(0, 10))}
            </Text>
            {!e.active ? (
              <Text className='zbt-ev__gone'>
                {events.find((x) => x.id === e.correctedBy)?.kind === 'revoke' ? '已撤销' : '已更正'}
              </Text>
            ) : null}
            {onCorrect && e.active && (e.kind === 'assess' || e.kind === 'extend') ? (
              <Text className='zbt__op' onClick={() => onCorrect(e, 'amend')}>
                更正
              </Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}
