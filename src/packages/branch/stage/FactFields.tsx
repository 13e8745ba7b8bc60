import { Input } from '@tarojs/components'
import { DayField } from '../../../components/FormFields/DayField'
import { Field, Stepper } from '../../../ui'
import { asksFor, type FactDraft, type Vote } from './facts'
import type { Target } from './target'

const VOTE_FIELDS: readonly (readonly [keyof Vote, string])[] = [
  ['expected', '应到有表决权的正式党员'],
  ['present', '实到有表决权的正式党员'],
  ['for', '赞成'],
  ['against', '反对'],
  ['abstain', '弃权'],
]

interface CountSpec {
  label: string
  hint?: string
  min: number
  max: number
  unit: string
  testId: string
}

/** The counts a step records with − n + (the 公示's objections, the probation's extension). */
const COUNTS: Record<'objections' | 'extensionMonths', CountSpec> = {
  objections: { label: '公示期间反映的问题', min: 0, max: 99, unit: '件', testId: 'form-objections' },
  extensionMonths: {
    label: '延长时间',
    hint: '延长时间不能少于半年，最长不超过一年，且只能延长一次',
    min: 1,
    max: 24,
    unit: '个月',
    testId: 'form-extension-months',
  },
}

/** A typed head count (empty or not a number counts as 0; the server judges the rest). */
function count(text: string): number {
  const n = Number.parseInt(text, 10)
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 10000) : 0
}

/** The facts a stage step records besides its date: the 公示, the branch meeting's vote, the extension. */
export function FactFields({
  target,
  draft,
  today,
  onChange,
}: {
  target: Target
  draft: FactDraft
  today: string
  onChange: (d: FactDraft) => void
}) {
  const asks = asksFor(target)
  const set = (patch: Partial<FactDraft>) => onChange({ ...draft, ...patch })
  const counted = (key: keyof typeof COUNTS) => {
    const { label, hint, ...range } = COUNTS[key]
    return (
      <Field label={label} hint={hint}>
        <Stepper {...range} value={draft[key]} onChange={(n) => set({ [key]: n })} />
      </Field>
    )
  }
  return (
    <>
      {asks.publicity ? (
        <>
          <DayField
            label='公示开始日期'
            hint='结束日期按工作日历（节假日、调休）自动计算'
            value={draft.publicityStart}
            end={today}
            onChange={(publicityStart) => set({ publicityStart })}
            className='zbb-picker'
            testId='form-publicity-start'
          />
          {counted('objections')}
          <Field label='核实情况（如有反映）'>
            <Input
              className='zbb-picker zbs-input'
              value={draft.handling}
              maxlength={200}
              placeholder='如：经核实，反映情况不属实'
              onInput={(e) => set({ handling: e.detail.value })}
            />
          </Field>
        </>
      ) : null}
      {asks.vote
        ? VOTE_FIELDS.map(([key, label]) => (
            <Field key={key} label={`${label}（人）`}>
              <Input
                className='zbb-picker zbs-input'
                type='number'
                value={String(draft.vote[key])}
                placeholder={`${label}人数`}
                onInput={(e) => set({ vote: { ...draft.vote, [key]: count(e.detail.value) } })}
                data-testid={`form-vote-${key}`}
              />
            </Field>
          ))
        : null}
      {asks.extension ? counted('extensionMonths') : null}
    </>
  )
}
