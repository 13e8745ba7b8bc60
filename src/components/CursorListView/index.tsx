import type { ReactNode } from 'react'
import type { CursorList } from '../../hooks/useCursorList'
import { Empty, ListView, MoreButton } from '../../ui'

/**
 * A list paged by taps (useCursorList) on the shared list gate (`ListView`): the first page's failure or
 * loading, the empty list's words, or `children(items)` followed by 加载更多.
 */
export function CursorListView<T>({
  list,
  empty,
  emptyTestId,
  children,
}: {
  list: CursorList<T>
  empty: ReactNode
  emptyTestId?: string
  children: (items: T[]) => ReactNode
}) {
  return (
    <ListView list={list} empty={<Empty testId={emptyTestId}>{empty}</Empty>}>
      {children(list.items)}
      <MoreButton list={list} />
    </ListView>
  )
}
