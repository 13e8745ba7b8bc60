import { TabRow, type TabRowProps } from '../../../components/TabRow'

/**
 * Tabs in the dues pages' look (round chips, the one chosen in red), in a row of their own; `bare`: the tabs
 * alone, for a `zb-dues__tabs` row the page already has (the statement's years and quarters share one row).
 */
export function DuesTabs<T extends string | number | null | undefined>({
  bare = false,
  ...tabs
}: Omit<TabRowProps<T>, 'className' | 'tabClass'> & { bare?: boolean }) {
  return <TabRow {...tabs} className={bare ? undefined : 'zb-dues__tabs'} tabClass='zb-dues__tab' />
}
