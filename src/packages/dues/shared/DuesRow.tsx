import { ListRow, type ListRowProps } from '../../../components/ListRow'

const DUES_ROW = { row: 'zb-dues__row', main: 'zb-dues__main', title: 'zb-dues__title', sub: 'zb-dues__sub' }

/** One row of a dues list, in the dues pages' look. */
export function DuesRow(props: ListRowProps) {
  return <ListRow classes={DUES_ROW} {...props} />
}
