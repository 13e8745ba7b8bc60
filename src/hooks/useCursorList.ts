/**
 * The one cursor-paged list of the app: the first page on mount (one call) and again whenever `deps`
 * change, more on demand (reaching the bottom or 加载更多), `reload` for 重试 and pull-to-refresh,
 * `retry` for the step that failed (the first page, or the next one). A page that arrives after the
 * deps changed is dropped, so a slow answer never lands in the wrong list.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import type { CallFailure, CallResult } from '../services/call'

export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

export interface CursorList<T> {
  items: T[]
  /** First page still loading. */
  loading: boolean
  loadingMore: boolean
  failure: CallFailure | undefined
  /** The last page is in. */
  done: boolean
  loadMore: () => void
  reload: () => void
  /** Try the failed step again: the next page when some are in, else the first. */
  retry: () => void
  /** Change loaded rows in place (after an edit on one of them), without another call. */
  update: (change: (items: T[]) => T[]) => void
}

export type LoadPage<T> = (cursor: string | undefined) => Promise<CallResult<CursorPage<T>>>

/**
 * `first`: the first page when it came with the page's own call (a summary with its first rows, e.g. the
 * committee's dashboard): shown at once and again whenever `deps` change; only the pages after it are loaded.
 */
export function useCursorList<T>(
  load: LoadPage<T>,
  deps: DependencyList,
  enabled = true,
  first?: CursorPage<T>,
): CursorList<T> {
  const [items, setItems] = useState<T[]>(first?.items ?? [])
  const [cursor, setCursor] = useState<string | null>(first?.nextCursor ?? null)
  const [loading, setLoading] = useState(enabled && !first)
  const [loadingMore, setLoadingMore] = useState(false)
  const [failure, setFailure] = useState<CallFailure>()
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  /** One page from `from` (none: the first), merged into the rows by `merge`; dropped once the deps moved on. */
  const fetchPage = useCallback(
    (from: string | undefined, setBusy: (busy: boolean) => void, merge: (rows: T[], page: T[]) => T[]) => {
      const mine = generation.current
      setBusy(true)
      setFailure(undefined)
      void loadRef.current(from).then((result) => {
        if (mine !== generation.current) return
        setBusy(false)
        if (!result.ok) return setFailure(result)
        setItems((rows) => merge(rows, result.data.items))
        setCursor(result.data.nextCursor)
      })
    },
    [],
  )

  useEffect(() => {
    if (!enabled) return
    generation.current += 1
    if (first) {
      setItems(first.items)
      setCursor(first.nextCursor)
      setFailure(undefined)
      setLoadingMore(false)
      return
    }
    fetchPage(undefined, setLoading, (_, page) => page)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's, like useEffect
  }, [enabled, attempt, ...deps])

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return
    fetchPage(cursor, setLoadingMore, (rows, page) => [...rows, ...page])
  }, [cursor, loadingMore, fetchPage])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  const retry = cursor && items.length > 0 ? loadMore : reload
  return {
    items,
    loading,
    loadingMore,
    failure,
    done: !loading && cursor === null,
    loadMore,
    reload,
    retry,
    update: setItems,
  }
}
