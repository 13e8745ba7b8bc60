import { Picker, Text, View } from '@tarojs/components'
import type { Dispatch, SetStateAction } from 'react'
import type { QueueResult } from '../../services/api'
import { STAGE_LABELS, type Period, type Stage } from '../../services/domain'
import type { Filters } from './ReviewQueue'

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
        <Picker
          mode='selector'
          range={['全院各支部', ...branches.map((b) => b.name)]}
          onChange={(e) =>
            setFilters((f) => ({
              ...f,
              branchId: Number(e.detail.value) === 0 ? undefined : branches?.[Number(e.detail.value) - 1]?.id,
            }))
          }
        >
          <Text className='zb-queue-filter'>{branchLabel} ▾</Text>
        </Picker>
      ) : null}
      <Picker
        mode='selector'
        range={['全部周期', ...periods.map((p) => p.label)]}
        onChange={(e) =>
          setFilters((f) => ({
            ...f,
            period: Number(e.detail.value) === 0 ? undefined : periods[Number(e.detail.value) - 1]?.id,
          }))
        }
      >
        <Text className='zb-queue-filter' data-testid='filter-period'>
          {filters.period ? periods.find((p) => p.id === filters.period)?.label : '全部周期'} ▾
        </Text>
      </Picker>
      <Picker
        mode='selector'
        range={['全部阶段', ...stages.map((s) => STAGE_LABELS[s])]}
        onChange={(e) =>
          setFilters((f) => ({
            ...f,
            stage: Number(e.detail.value) === 0 ? undefined : stages[Number(e.detail.value) - 1],
          }))
        }
      >
        <Text className='zb-queue-filter' data-testid='filter-stage'>
          {filters.stage ? STAGE_LABELS[filters.stage] : '全部阶段'} ▾
        </Text>
      </Picker>
    </View>
  )
}
