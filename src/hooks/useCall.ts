/**
 * Loading and error handling for function calls, written once:
 * - `useQuery` loads on mount (and when `deps` change) and exposes `reload` for a 重试 button;
 *   the page renders its error inline, so it does not toast. Its first load may adopt the same call
 *   started at app start (services/prefetch).
 * - `useAction` runs on demand (a submit), ignores double taps while pending, and toasts failures.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import type { CallFailure, CallResult } from '../services/call'
import { toastFailure } from '../services/feedback'
import { adoptPrefetched, peekPrefetched, type Prefetchable } from '../services/prefetch'

export interface QueryState<T> {
  data: T | undefined
  failure: CallFailure | undefined
  loading: boolean
  reload: () => void
}

export interface QueryOptions<T> {
  /** Loads only while true (default true). */
  enabled?: boolean
  /** The same call as `load`, maybe started already at app start: the first load adopts its answer. */
  prefetched?: Prefetchable<T>
}

type QueryData<T> = { data?: T; failure?: CallFailure; loading: boolean }

function settledState<T>(result: CallResult<T>): QueryData<T> {
  return result.ok ? { data: result.data, loading: false } : { failure: result, loading: false }
}

export function useQuery<T>(
  load: () => Promise<CallResult<T>>,
  deps: DependencyList,
  options: QueryOptions<T> = {},
): QueryState<T> {
  const { enabled = true, prefetched } = options
  // An answer that arrived before the page mounted renders at once, without a loading state first.
  const [ready] = useState(() => (enabled && prefetched ? peekPrefetched(prefetched) : undefined))
  const [state, setState] = useState<QueryData<T>>(() => (ready ? settledState(ready) : { loading: enabled }))
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const prefetchedRef = useRef(prefetched)

  useEffect(() => {
    if (!enabled) return undefined
    // Only the first load may adopt the prefetched call; adopting also drops it.
    const call = prefetchedRef.current
    prefetchedRef.current = undefined
    const adopted = call ? adoptPrefetched(call) : null
    if (adopted && ready) return undefined
    // Only the latest request may write state: a slow stale answer must not overwrite a newer one.
    let current = true
    setState((s) => (s.loading ? s : { data: s.data, loading: true }))
    void (adopted ?? loadRef.current()).then((result) => {
      if (!current) return
      setState(settledState(result))
    })
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's, like useEffect
  }, [enabled, attempt, ...deps])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { data: state.data, failure: state.failure, loading: state.loading, reload }
}

export interface ActionState<A extends unknown[], T> {
  run: (...args: A) => Promise<CallResult<T>>
  pending: boolean
  failure: CallFailure | undefined
}

export function useAction<A extends unknown[], T>(
  action: (...args: A) => Promise<CallResult<T>>,
  options: { toast?: boolean } = {},
): ActionState<A, T> {
  const { toast = true } = options
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<CallFailure>()
  const inFlight = useRef<Promise<CallResult<T>> | null>(null)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    (...args: A): Promise<CallResult<T>> => {
      if (inFlight.current) return inFlight.current
      setPending(true)
      setFailure(undefined)
      const promise = action(...args).then((result) => {
        inFlight.current = null
        if (mounted.current) {
          setPending(false)
          if (!result.ok) setFailure(result)
        }
        if (!result.ok && toast) toastFailure(result)
        return result
      })
      inFlight.current = promise
      return promise
    },
    [action, toast],
  )

  return { run, pending, failure }
}
