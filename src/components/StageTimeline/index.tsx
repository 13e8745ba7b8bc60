import { Text, View } from '@tarojs/components'
import type { Stage, StageDates } from '../../services/domain'
import { milestones, type MilestoneState } from '../../utils/stage'
import './index.scss'

/** One step on the rail. */
export interface RailStep {
  stage: string
  state: MilestoneState
  title: string
  /** Under the title: what happened and when; null when there is nothing to say yet. */
  line: string | null
  /** Recorded although a rule said otherwise (破例). */
  overridden?: boolean
  /** What the step rests on (the meeting, the decision). */
  basis?: string | null
}

/**
 * Development steps on a rail, each done, current or upcoming; `onCorrect` adds 更正日期 under each reached
 * step (a manager). Each step is a static WXML template of its own on weapp (compileMode): fewer nodes on 我的.
 */
export function StepRail<S extends RailStep>({
  steps,
  onCorrect,
  testId,
}: {
  steps: S[]
  onCorrect?: (step: S) => void
  testId: string
}) {
  return (
    <View className='zb-timeline' data-testid={testId}>
      {steps.map((s) => (
        <View
          compileMode
          className={`zb-timeline__item zb-timeline__item--${s.state}`}
          key={s.stage}
          data-testid={`step-${s.stage}`}
        >
          <View className='zb-timeline__rail'>
            <View className='zb-timeline__dot' />
            <View className='zb-timeline__line' />
          </View>
          <View className='zb-timeline__body'>
            <View className='zb-timeline__row'>
              <Text className='zb-timeline__stage'>{s.title}</Text>
              {s.state === 'current' ? <Text className='zb-timeline__now'>当前</Text> : null}
              {s.overridden ? <Text className='zb-timeline__flag'>破例</Text> : null}
            </View>
            {s.line ? <Text className='zb-timeline__label'>{s.line}</Text> : null}
            {s.basis ? <Text className='zb-timeline__basis'>{s.basis}</Text> : null}
            {onCorrect && s.state !== 'upcoming' ? (
              <Text className='zb-timeline__op' onClick={() => onCorrect(s)} data-testid={`amend-${s.stage}`}>
                更正日期
              </Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}

/** The five development steps, with the dates this member reached them. */
export function StageTimeline({ stage, dates }: { stage: Stage; dates: StageDates }) {
  const steps = milestones(stage, dates).map((m) => ({
    stage: m.stage,
    state: m.state,
    title: m.stageLabel,
    line: `${m.label}${m.date ? ` · ${m.date}` : m.state === 'upcoming' ? '' : ' · 日期未登记'}`,
  }))
  return <StepRail steps={steps} testId='stage-timeline' />
}
