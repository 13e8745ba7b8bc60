import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useAction } from '../../../hooks/useCall'
import type { CallResult } from '../../../services/call'
import type { BarAction } from '../../../components/ActionBar'
import { ListRow, type ListRowProps } from '../../../components/ListRow'
import { openDownload } from '../../../services/pick-file'
import { Segmented } from '../../../ui'
import './voices.scss'

/** Small pieces the voices pages share. */

export { go } from '../../../hooks/useParams'

/** 2026-12-14T… → 12月14日 18:00 (China time, as every date the app shows). */
export function when(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export function Band({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <View className='zbv-band'>
      <Text className='zbv-band__title'>{title}</Text>
      {subtitle ? <Text className='zbv-band__sub'>{subtitle}</Text> : null}
    </View>
  )
}

const VOICES_ROW = { row: 'zbv-row', main: 'zbv-row__main', title: 'zbv-row__title', sub: 'zbv-row__sub' }

export function Row({ side, ...row }: Omit<ListRowProps, 'children'> & { side?: ReactNode }) {
  return (
    <ListRow classes={VOICES_ROW} {...row}>
      {side}
    </ListRow>
  )
}

export interface BarDatum {
  label: string
  count: number
  /** 0..1 of the whole the bar is drawn against. */
  share: number
}

/** A bar chart drawn with CSS widths: light on weapp (no canvas, no chart library). */
export function Bars({ bars, grey = false, testId }: { bars: BarDatum[]; grey?: boolean; testId?: string }) {
  return (
    <View className='zbv-bars' data-testid={testId}>
      {bars.map((b) => (
        <View key={b.label} className='zbv-bar'>
          <Text className='zbv-bar__label'>{b.label}</Text>
          <View className='zbv-bar__track'>
            <View
              className={`zbv-bar__fill ${grey ? 'zbv-bar__fill--grey' : ''}`}
              style={{ width: `${Math.max(0, Math.min(1, b.share)) * 100}%` }}
            />
          </View>
          <Text className='zbv-bar__value'>
            {b.count} · {Math.round(b.share * 100)}%
          </Text>
        </View>
      ))}
    </View>
  )
}

/** One of a few values, none chosen yet (`value` null): the shared Segmented, which highlights nothing then. */
export function Chips<T extends string | number>({
  options,
  value,
  onChange,
  testId,
}: {
  options: readonly (readonly [T, string])[]
  value: T | null
  onChange: (v: T) => void
  testId?: string
}) {
  return <Segmented<T> options={options} value={value as T} onChange={onChange} testId={testId} />
}

/** A member's name with class and stage, as the appraisal lists show them. */
export function MemberHead({ name, meta, children }: { name: string; meta: string; children?: ReactNode }) {
  return (
    <View className='zbv-member__head'>
      <Text className='zbv-member__name'>{name}</Text>
      <Text className='zbv-member__meta'>{meta}</Text>
      {children}
    </View>
  )
}

/** An ActionBar action that exports a spreadsheet through `load` and opens it (a download on H5, the viewer on weapp). */
export function useExportAction(
  text: string,
  load: () => Promise<CallResult<{ url: string; fileName: string }>>,
  testId: string,
): BarAction {
  const exporting = useAction(load)
  return {
    text,
    loading: exporting.pending,
    onClick: () =>
      void exporting.run().then((r) => {
        if (r.ok) void openDownload(r.data.url, r.data.fileName)
      }),
    testId,
  }
}

export { Empty, MultiChips, Pill } from '../../../ui'
