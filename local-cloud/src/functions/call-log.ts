import { PerformanceObserver, performance } from 'node:perf_hooks'
import type { QueryLogEntry } from '../db/index'

export type CallOutcome = 'running' | 'returned' | 'threw' | 'timeout' | 'busy' | 'crashed'

/** One function call and the database requests it made (GET /api/dev/calls). */
export interface CallRecord {
  callId: string
  fn: string
  /** `event.action`, when the event has one. */
  action: string | null
  openid: string | null
  /** The call that made this one with cloud.callFunction, or null for a gateway call. */
  parentCallId: string | null
  /** Epoch milliseconds. */
  startedAt: number
  /** Wall time of the call (0.1 ms); null while running. */
  ms: number | null
  /**
   * Of `ms`, the time this process's main thread (the database's) spent paused in garbage collection: the
   * emulator keeps every document in one heap, so its pauses grow with the dataset, which WeChat's database
   * does not. Null while running. The function workers' own collections are not counted.
   */
  gcMs: number | null
  /** True when the function returned (even an `{ ok: false }` envelope); false when it threw or timed out. */
  ok: boolean | null
  outcome: CallOutcome
  /** `code` of a returned `{ ok: false, code }` envelope, else null. */
  code: string | null
  queries: QueryLogEntry[]
  /** Queries past the per-call cap that were counted but not kept. */
  queriesDropped: number
}

const MAX_QUERIES_PER_CALL = 500

/** A call's window on the performance clock, kept until its GC share is known. */
interface Window {
  start: number
  end: number | null
}

/** How long garbage-collection pauses are remembered: far longer than any call. */
const GC_MEMORY_MS = 10 * 60_000

/** The main thread's garbage-collection pauses of the last `GC_MEMORY_MS`, as [start, end] performance times. */
class GcPauses {
  private spans: [number, number][] = []
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.spans.push([e.startTime, e.startTime + e.duration])
    const oldest = performance.now() - GC_MEMORY_MS
    if (this.spans.length > 0 && this.spans[0][1] < oldest) this.spans = this.spans.filter(([, end]) => end >= oldest)
  })

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] })
  }

  /** Milliseconds of pause inside [from, to]. */
  within(from: number, to: number): number {
    let total = 0
    for (const [start, end] of this.spans) total += Math.max(0, Math.min(end, to) - Math.max(start, from))
    return total
  }

  close(): void {
    this.observer.disconnect()
  }
}

const tenths = (ms: number): number => Math.round(ms * 10) / 10

/** In-memory ring buffer of recent calls; queries are attached by the tag their requests carried (the callId). */
export class CallLog {
  private readonly byId = new Map<string, CallRecord>()
  private readonly finished: CallRecord[] = []
  private readonly windows = new Map<string, Window>()
  private readonly gc = new GcPauses()

  constructor(private readonly capacity: number) {}

  start(init: Pick<CallRecord, 'callId' | 'fn' | 'action' | 'openid' | 'parentCallId'>): CallRecord {
    const record: CallRecord = {
      ...init,
      startedAt: Date.now(),
      ms: null,
      gcMs: null,
      ok: null,
      outcome: 'running',
      code: null,
      queries: [],
      queriesDropped: 0,
    }
    this.byId.set(record.callId, record)
    this.windows.set(record.callId, { start: performance.now(), end: null })
    return record
  }

  finish(callId: string, outcome: Exclude<CallOutcome, 'running'>, code: string | null): void {
    const record = this.byId.get(callId)
    if (!record) return
    const window = this.windows.get(callId)
    if (window) window.end = performance.now()
    record.ms = window?.end ? tenths(window.end - window.start) : Date.now() - record.startedAt
    record.ok = outcome === 'returned'
    record.outcome = outcome
    record.code = code
    this.finished.push(record)
    if (this.finished.length > this.capacity) {
      const evicted = this.finished.shift()
      if (evicted) {
        this.byId.delete(evicted.callId)
        this.windows.delete(evicted.callId)
      }
    }
  }

  addQuery(entry: QueryLogEntry): void {
    const record = this.byId.get(entry.tag)
    if (!record) return
    if (record.queries.length < MAX_QUERIES_PER_CALL) record.queries.push(entry)
    else record.queriesDropped += 1
  }

  get(callId: string): CallRecord | undefined {
    const record = this.byId.get(callId)
    if (record) this.settleGc(record)
    return record
  }

  /** Finished calls, newest first. */
  recent(limit: number): CallRecord[] {
    const records = this.finished.slice(-limit).reverse()
    for (const record of records) this.settleGc(record)
    return records
  }

  close(): void {
    this.gc.close()
  }

  /**
   * The GC share of a finished call, worked out when the call is read: the observer hears of a pause only
   * after it, so not yet when the call finishes.
   */
  private settleGc(record: CallRecord): void {
    const window = this.windows.get(record.callId)
    if (!window || window.end === null) return
    record.gcMs = tenths(this.gc.within(window.start, window.end))
  }
}
