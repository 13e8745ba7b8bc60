import type { ReactNode } from 'react'
import type { CursorList } from '../../hooks/useCursorList'
import { Empty, ErrorView, LoadingView, MoreButton } from '../../ui'

/**
 * The one gate for a list paged by taps (useCursorList): its first failure (with 重试), its first load, the
 * empty list's words, or `children(items)` followed by 加载更多.
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
  const { items, failure, loading } = list
  if (failure && items.length === 0) return <ErrorView failure={failure} onRetry={list.reload} />
  if (loading && items.length === 0) return <LoadingView />
  if (items.length === 0) return <Empty testId={emptyTestId}>{empty}</Empty>
  return (
    <>
      {children(items)}
      <MoreButton list={list} />
    </>
  )
}
