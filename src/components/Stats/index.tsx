import { Text, View } from '@tarojs/components'

/** A feature's classes for one figure, its number, its label, and the number's alarm colour. */
export interface StatClasses {
  stat: string
  num: string
  label: string
  alert?: string
}

export interface Stat {
  value: string | number
  label: string
  /** Shown in the alarm colour (3 months behind, members warned). */
  alert?: boolean
  testId?: string
}

/** Figures side by side, each number over its label, in `classes`' look (the row around them is the page's). */
export function Stats({ classes, stats }: { classes: StatClasses; stats: readonly Stat[] }) {
  return (
    <>
      {stats.map((s) => (
        <View key={s.label} className={classes.stat}>
          <Text className={s.alert ? `${classes.num} ${classes.alert ?? ''}` : classes.num} data-testid={s.testId}>
            {s.value}
          </Text>
          <Text className={classes.label}>{s.label}</Text>
        </View>
      ))}
    </>
  )
}
