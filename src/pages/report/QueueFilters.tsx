import { Picker, Text, View } from '@tarojs/components'
import type { Dispatch, SetStateAction } from 'react'
import type { QueueResult } from '../../services/api'
import { STAGE_LABELS, type Period, type Stage } from '../../services/domain'
import type { Filters } from './ReviewQueue'

/** One picker of the queue: `all` first, then `options`; picking `all` clears the filter (undefined). */
function FilterPicker<T extends string>({
  all,
  options,
  label,
  onPick,
  testId,
}: {
  all: string
  options: { value: T; label: string }[]
  label: string
  onPick: (value: T | undefined) => void
  testId?: string
}) {
  return (
    <Picker
      mode='selector'
      range={[all, ...options.map((o) => o.label)]}
      onChange={(e) => onPick(Number(e.detail.value) === 0 ? undefined : options[Number(e.detail.value) - 1]?.value)}
    >
      <Text className='zb-queue-filter' data-testid={testId}>
        {label} ▾
      </Text>
    </Picker>
  )
}

/** The queue's pickers: branch (committee only), period and stage. */
export function QueueFilters({
  filters,
  onChange: setFilters,
  branches,
  branchLabel,
  periods,
  stages,
}: {
  filters: Filters
  onChange: Dispatch<SetStateAction<Filters>>
  branches: QueueResult['branches']
  branchLabel: string
  periods: Period[]
  stages: Stage[]
}) {
  return (
    <View className='zb-queue-filters'>
      {branches ? (
        <FilterPicker
          all='全院各支部'
          options={branches.map((b) => ({ value: b.id, label: b.name }))}
          label={branchLabel}
          onPick={(branchId) => setFilters((f) => ({ ...f, branchId }))}
        />
      ) : null}
      <FilterPicker
        all='全部周期'
        options={periods.map((p) => ({ value: p.id, label: p.label }))}
        label={(filters.period ? periods.find((p) => p.id === filters.period)?.label : undefined) ?? '全部周期'}
        onPick={(period) => setFilters((f) => ({ ...f, period }))}
        testId='filter-period'
      />
      <FilterPicker
        all='全部阶段'
        options={stages.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
        label={filters.stage ? STAGE_LABELS[filters.stage] : '全部阶段'}
        onPick={(stage) => setFilters((f) => ({ ...f, stage }))}
        testId='filter-stage'
      />
    </View>
  )
}
