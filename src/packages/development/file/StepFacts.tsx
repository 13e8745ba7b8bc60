import { Picker, Text, View } from '@tarojs/components'
import type { StepView } from '../../../../cloudfunctions/development/src/contract'
import { DayField } from '../../../components/FormFields/DayField'
import { Field } from '../../../ui'
import { TextInput } from '../TextInput'
import { day } from './format'

/** What the step form keeps of the facts, as typed (numbers are parsed on submit). */
export interface FactsDraft {
  publicityStart: string
  objections: string
  vote: { expected: string; present: string; for: string; against: string; abstain: string }
  hours: string
  days: string
  assessments: string
  leavesOn: string
  extension: string
}

export function factsDraft(step: StepView, today: string): FactsDraft {
  const raw = step.raw
  const n = (v: number | null | undefined, empty = ''): string => (v === null || v === undefined ? empty : String(v))
  return {
    publicityStart: raw.publicityStart ?? step.date ?? today,
    objections: '0',
    vote: {
      expected: n(raw.vote?.expected),
      present: n(raw.vote?.present),
      for: n(raw.vote?.for),
      against: n(raw.vote?.against, '0'),
      abstain: n(raw.vote?.abstain, '0'),
    },
    hours: n(raw.trainingHours),
    days: n(raw.trainingDays),
    assessments: raw.assessments.join('，'),
    leavesOn: raw.leavesOn ?? '',
    extension: n(raw.extensionMonths),
  }
}

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s))

/** The facts the server's contract takes, from what the form asks for (`asks`) and what was typed. */
export function factsOf(asks: ReadonlySet<string>, d: FactsDraft, date: string): Record<string, unknown> {
  const facts: Record<string, unknown> = {}
  if (asks.has('公示')) facts.publicity = { start: d.publicityStart, objections: num(d.objections) ?? 0 }
  if (asks.has('表决'))
    facts.vote = {
      expected: num(d.vote.expected) ?? 0,
      present: num(d.vote.present) ?? 0,
      for: num(d.vote.for) ?? 0,
      against: num(d.vote.against) ?? 0,
      abstain: num(d.vote.abstain) ?? 0,
    }
  if (asks.has('培训')) Object.assign(facts, { trainingHours: num(d.hours), trainingDays: num(d.days) })
  if (asks.has('考察')) facts.assessments = d.assessments.split(/[，,\s]+/).filter(Boolean)
  if (asks.has('离校') && d.leavesOn) facts.leavesOn = d.leavesOn
  if (asks.has('延长预备期') && d.extension)
    Object.assign(facts, { extensionMonths: num(d.extension), extensionDecidedOn: date })
  return facts
}

const VOTE_LABELS = {
  expected: ['应到（有表决权）', '应到人数'],
  present: ['实到', '实到人数'],
  for: ['赞成', '赞成票'],
  against: ['反对', '反对票'],
  abstain: ['弃权', '弃权票'],
} as const

type TextKey = 'objections' | 'hours' | 'days' | 'assessments' | 'extension'

/** The inputs of the facts a step asks for: 公示, 表决, 培训, 考察, 离校, 延长预备期. */
export function StepFacts({
  asks,
  draft,
  today,
  onChange,
}: {
  asks: ReadonlySet<string>
  draft: FactsDraft
  today: string
  onChange: (d: FactsDraft) => void
}) {
  const set = <K extends keyof FactsDraft>(key: K, value: FactsDraft[K]) => onChange({ ...draft, [key]: value })
  /** One typed fact: its label, and what the keyboard and the empty box show. */
  const typed = (key: TextKey, label: string, type: 'text' | 'number' | 'digit', placeholder = '', hint?: string) => (
    <Field key={key} label={label} hint={hint}>
      <TextInput type={type} placeholder={placeholder} value={draft[key]} onChange={(text) => set(key, text)} />
    </Field>
  )
  const voteInput = (k: keyof FactsDraft['vote']) => (
    <Field key={k} label={VOTE_LABELS[k][0]}>
      <TextInput
        type='number'
        placeholder={VOTE_LABELS[k][1]}
        value={draft.vote[k]}
        onChange={(text) => set('vote', { ...draft.vote, [k]: text })}
      />
    </Field>
  )
  return (
    <>
      {asks.has('公示') ? (
        <View className='zbd-row'>
          <DayField
            label='公示开始日期'
            value={draft.publicityStart}
            onChange={(d) => set('publicityStart', d)}
            className='zbd-input'
            testId='publicity-start'
          />
          {typed('objections', '反映问题（件）', 'number')}
        </View>
      ) : null}
      {asks.has('公示') ? (
        <Text className='zbd-muted'>公示结束日期按工作日历自动计算（节假日和调休已计入）。</Text>
      ) : null}
      {asks.has('表决') ? (
        <View>
          <View className='zbd-row'>{(['expected', 'present'] as const).map(voteInput)}</View>
          <View className='zbd-row'>{(['for', 'against', 'abstain'] as const).map(voteInput)}</View>
        </View>
      ) : null}
      {asks.has('培训') ? (
        <View className='zbd-row'>
          {typed('hours', '培训学时', 'digit', '学时')}
          {typed('days', '培训天数', 'number', '天数')}
        </View>
      ) : null}
      {asks.has('考察')
        ? typed('assessments', '历次考察日期', 'text', '考察日期', '用逗号分隔，如 2026-04-07，2026-10-07')
        : null}
      {asks.has('离校') ? (
        <Field label='预计离校日期（毕业生）'>
          <Picker mode='date' value={draft.leavesOn || today} onChange={(e) => set('leavesOn', String(e.detail.value))}>
            <View className='zbd-input'>{draft.leavesOn ? day(draft.leavesOn) : '不离校可不填'}</View>
          </Picker>
        </Field>
      ) : null}
      {asks.has('延长预备期') ? typed('extension', '延长预备期（月，不延长可不填）', 'number', '6 至 12') : null}
    </>
  )
}
