import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A feature's classes for the parts of its list rows (each feature keeps its own look). */
export interface RowClasses {
  row: string
  main: string
  title: string
  sub: string
}

export interface ListRowProps {
  title: string
  sub?: string
  onClick?: () => void
  testId?: string
  /** What stands on the right of the row: an amount, a pill, buttons. */
  children?: ReactNode
}

/** One row of a list: a title over an optional grey line, and what stands on its right, in `classes`' look. */
export function ListRow({ classes, title, sub, onClick, testId, children }: ListRowProps & { classes: RowClasses }) {
  return (
    <View className={classes.row} onClick={onClick} data-testid={testId}>
      <View className={classes.main}>
        <Text className={classes.title}>{title}</Text>
        {sub ? <Text className={classes.sub}>{sub}</Text> : null}
      </View>
      {children}
    </View>
  )
}
