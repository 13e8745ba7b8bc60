/**
 * A page's first call, started before the page's code has loaded. Opening the app, the entry tab's chunk
 * downloads and runs before its component can ask for anything: started from app start instead, the call
 * travels beside the chunk, and the page's `useQuery` adopts its answer (hooks/useCall, `prefetched`).
 *
 * Only an unused answer of the same call for the same caller, younger than MAX_AGE_MS, is adopted, and
 * only once: any later load of the page calls again as usual.
 */
import type { ActionName, FunctionName, Res } from './api'
import { callFunction, type CallResult, type ParamsArg } from './call'
import { getIdentity } from './identity'

/** One call, described once for the page that makes it and for whoever may start it early. */
export interface Prefetchable<T> {
  readonly key: string
  load: () => Promise<CallResult<T>>
}

export function prefetchable<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  ...args: ParamsArg<F, A>
): Prefetchable<Res<F, A>> {
  return {
    key: `${name}.${action}:${JSON.stringify(args[0] ?? {})}`,
    load: () => callFunction(name, action, ...args),
  }
}

/** An answer older than this is stale enough to ask again. */
export const MAX_AGE_MS = 30_000

interface Started {
  /** Whose call: the H5 persona's openid; on weapp the caller is always the WeChat user. */
  owner: string
  startedAt: number
  promise: Promise<CallResult<unknown>>
  settled?: CallResult<unknown>
}

const started = new Map<string, Started>()

function owner(): string {
  return getIdentity()?.openid ?? 'wechat'
}

/** Starts `call` unless a usable one is already on its way. */
export function prefetch(call: Prefetchable<unknown>, now = Date.now()): void {
  if (usable(call, now)) return
  const entry: Started = { owner: owner(), startedAt: now, promise: call.load() }
  void entry.promise.then((result) => {
    entry.settled = result
  })
  started.set(call.key, entry)
}

function usable<T>(call: Prefetchable<T>, now: number): Started | undefined {
  const entry = started.get(call.key)
  if (!entry) return undefined
  if (entry.owner !== owner() || now - entry.startedAt > MAX_AGE_MS || entry.startedAt > now) {
    started.delete(call.key)
    return undefined
  }
  return entry
}

/** The prefetched answer if it has already arrived (the page can render it at once); leaves it in place. */
export function peekPrefetched<T>(call: Prefetchable<T>, now = Date.now()): CallResult<T> | undefined {
  // The entry was started by `call.load`, whose answer is a CallResult<T>.
  return usable(call, now)?.settled as CallResult<T> | undefined
}

/** Takes the prefetched call (arrived or not) for this caller: null when there is none to adopt. */
export function adoptPrefetched<T>(call: Prefetchable<T>, now = Date.now()): Promise<CallResult<T>> | null {
  const entry = usable(call, now)
  if (!entry) return null
  started.delete(call.key)
  return entry.promise as Promise<CallResult<T>>
}
