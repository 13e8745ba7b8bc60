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
  /** Wall time of the call; null while running. */
  ms: number | null
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

/** In-memory ring buffer of recent calls; queries are attached by the tag their requests carried (the callId). */
export class CallLog {
  private readonly byId = new Map<string, CallRecord>()
  private readonly finished: CallRecord[] = []

  constructor(private readonly capacity: number) {}

  start(init: Pick<CallRecord, 'callId' | 'fn' | 'action' | 'openid' | 'parentCallId'>): CallRecord {
    const record: CallRecord = {
      ...init,
      startedAt: Date.now(),
      ms: null,
      ok: null,
      outcome: 'running',
      code: null,
      queries: [],
      queriesDropped: 0,
    }
    this.byId.set(record.callId, record)
    return record
  }

  finish(callId: string, outcome: Exclude<CallOutcome, 'running'>, code: string | null): void {
    const record = this.byId.get(callId)
    if (!record) return
    record.ms = Date.now() - record.startedAt
    record.ok = outcome === 'returned'
    record.outcome = outcome
    record.code = code
    this.finished.push(record)
    if (this.finished.length > this.capacity) {
      const evicted = this.finished.shift()
      if (evicted) this.byId.delete(evicted.callId)
    }
  }

  addQuery(entry: QueryLogEntry): void {
    const record = this.byId.get(entry.tag)
    if (!record) return
    if (record.queries.length < MAX_QUERIES_PER_CALL) record.queries.push(entry)
    else record.queriesDropped += 1
  }

  get(callId: string): CallRecord | undefined {
    return this.byId.get(callId)
  }

  /** Finished calls, newest first. */
  recent(limit: number): CallRecord[] {
    return this.finished.slice(-limit).reverse()
  }
}
