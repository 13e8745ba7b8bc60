import { Text, View } from '@tarojs/components'

export interface Figure {
  n: number
  label: string
  /** Shown in red when not zero (absences, rows with problems). */
  bad?: boolean
}

/** Figures side by side, each over its label; `block` is the page's class for one (its __n and __l). */
export function Figures({ block, figures }: { block: string; figures: Figure[] }) {
  return (
    <>
      {figures.map((f) => (
        <View className={block} key={f.label}>
          <Text className={`${block}__n ${f.bad && f.n ? `${block}__n--bad` : ''}`}>{f.n}</Text>
          <Text className={`${block}__l`}>{f.label}</Text>
        </View>
      ))}
    </>
  )
}
