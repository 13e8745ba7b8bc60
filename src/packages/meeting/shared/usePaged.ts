/** A list loaded page by page with an opaque cursor: first page on mount, more on demand. */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallFailure, CallResult } from '../../../services/call'

export interface Paged<T> {
  items: T[]
  failure: CallFailure | null
  loading: boolean
  done: boolean
  loadMore: () => void
  retry: () => void
}

export function usePaged<T>(load: (cursor: string | undefined) => Promise<CallResult<{ items: T[]; nextCursor: string | null }>>): Paged<T> {
  const [items, setItems] = useState<T[]>([])
  const [failure, setFailure] = useState<CallFailure | null>(null)
  const [loading, setLoading] = useState(true)
  const [cursor, setCursor] = useState<string | null | undefined>(undefined)
  const busy = useRef(false)
  const loadRef = useRef(load)
  loadRef.current = load

  const fetchPage = useCallback(async (from: string | undefined) => {
    if (busy.current) return
    busy.current = true
    setLoading(true)
    const result = await loadRef.current(from)
    busy.current = false
    setLoading(false)
    if (!result.ok) {
      setFailure(result)
      return
    }
    setFailure(null)
    setItems((list) => (from ? [...list, ...result.data.items] : result.data.items))
    setCursor(result.data.nextCursor)
  }, [])

  useEffect(() => {
    void fetchPage(undefined)
  }, [fetchPage])

  return {
    items,
    failure,
    loading,
    done: cursor === null,
    loadMore: () => {
      if (cursor) void fetchPage(cursor)
    },
    retry: () => void fetchPage(cursor ?? undefined),
  }
}
