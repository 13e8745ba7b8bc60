/**
 * A list loaded page by page with a cursor: the first page on mount (one call), more on demand
 * (reaching the bottom), `reload` for 重试 and pull-to-refresh.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import type { CallFailure, CallResult } from '../../../services/call'
import type { Page } from './types'

export interface PagedState<T> {
  items: T[]
  /** First page still loading. */
  loading: boolean
  loadingMore: boolean
  failure: CallFailure | undefined
  done: boolean
  loadMore: () => void
  reload: () => void
}

export function usePaged<T>(load: (cursor: string | undefined) => Promise<CallResult<Page<T>>>, deps: DependencyList, enabled = true): PagedState<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [failure, setFailure] = useState<CallFailure>()
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  useEffect(() => {
    if (!enabled) return
    const mine = ++generation.current
    setLoading(true)
    setFailure(undefined)
    void loadRef.current(undefined).then((result) => {
      if (mine !== generation.current) return
      setLoading(false)
      if (!result.ok) return setFailure(result)
      setItems(result.data.items)
      setCursor(result.data.nextCursor)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's, like useEffect
  }, [enabled, attempt, ...deps])

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    void loadRef.current(cursor).then((result) => {
      if (mine !== generation.current) return
      setLoadingMore(false)
      if (!result.ok) return setFailure(result)
      setItems((list) => [...list, ...result.data.items])
      setCursor(result.data.nextCursor)
    })
  }, [cursor, loadingMore])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { items, loading, loadingMore, failure, done: !loading && cursor === null, loadMore, reload }
}
