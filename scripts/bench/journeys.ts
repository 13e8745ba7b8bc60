import type { LocalCloud } from '../../test/helpers/cloud'
import { isWrite, recentCalls, type CallRecord, type Persona } from './cloud'
import { percentile, row, type Row } from './table'

const BUDGET = { firstScreenCalls: 1, dbRequests: 4, examinedPerReturned: 2, p95Ms: 50 }

export interface Case {
  label: string
  fn: string
  /** A tab's first screen: budget of one function call. */
  firstScreen: boolean
  /** Who calls, by sample index: spread over many people and branches so no cache flatters. */
  who: (i: number) => Persona
  /** The event of sample `i`; may first make calls of other actions (not measured). */
  event: (i: number) => Record<string, unknown> | Promise<Record<string, unknown>>
  /** Sees each answer (a later case may continue from it). */
  after?: (i: number, result: unknown) => void
}

export interface JourneyFigure {
  label: string
  samples: number
  failures: string[]
  functionCalls: number
  dbRequestsMax: number
  /** Database requests per call, on average (what a day of such calls costs). */
  dbRequestsMean: number
  /** Documents examined per call (its queries and its callees'), on average: what grows with the data. */
  examinedMean: number
  /** The database requests of the heaviest call, in order (collection action [index]). */
  heaviestCall: string[]
  worstQuery: {
    collection: string
    action: string
    index: string | null
    keys: number
    examined: number
    returned: number
  } | null
  unindexed: string[]
  p50: number
  p95: number
  /** p50 of the time a call's database requests took inside the local cloud (their own work, no transport). */
  dbP50: number
  /** Of `dbP50`'s calls, p50 of the time their writes waited for the WAL's fsync (the disk, not the data). */
  durableP50: number
  /** The share of the calls' server time the local cloud's main thread (the database's) was paused collecting garbage. */
  gcShare: number
}

const queryMs = (sum: number, call: CallRecord): number => sum + call.queries.reduce((n, q) => n + q.ms, 0)
const durableMs = (sum: number, call: CallRecord): number =>
  sum + call.queries.reduce((n, q) => n + (q.durableMs ?? 0), 0)

/** A root call and the function calls it made. */
const callTree = (calls: CallRecord[], root: CallRecord): CallRecord[] =>
  calls.filter((c) => (c.parentCallId ?? c.callId) === root.callId)

export function measure(label: string, samples: number, calls: CallRecord[]): JourneyFigure {
  const roots = calls.filter((c) => c.parentCallId === null)
  const byRoot = new Map<string, number>()
  let examined = 0
  const listOf = new Map<string, string[]>()
  // A call's queries, plus those of the function calls it made (one level is all the code uses).
  for (const c of calls) {
    const root = c.parentCallId ?? c.callId
    byRoot.set(root, (byRoot.get(root) ?? 0) + c.queries.length + c.queriesDropped)
    examined += c.queries.reduce((n, q) => n + q.docsExamined, 0)
    listOf.set(root, [
      ...(listOf.get(root) ?? []),
      ...c.queries.map((q) => `${q.collection} ${q.action.replace('database.', '')}${q.index ? ` [${q.index}]` : ''}`),
    ])
  }
  let worst: JourneyFigure['worstQuery'] = null
  let worstRatio = -1
  const unindexed = new Set<string>()
  for (const c of calls) {
    for (const q of c.queries) {
      if (isWrite(q)) continue
      if (q.index === null) unindexed.add(`${q.collection} ${q.action.replace('database.', '')}`)
      const ratio = q.docsExamined / Math.max(1, q.docsReturned)
      if (ratio > worstRatio) {
        worstRatio = ratio
        worst = {
          collection: q.collection,
          action: q.action.replace('database.', ''),
          index: q.index,
          keys: q.keysExamined,
          examined: q.docsExamined,
          returned: q.docsReturned,
        }
      }
    }
  }
  const ms = roots.map((c) => c.ms ?? 0)
  const gcMs = roots.map((c) => Math.min(c.ms ?? 0, c.gcMs ?? 0))
  const totalMs = ms.reduce((a, b) => a + b, 0)
  const dbRequestsMax = Math.max(0, ...byRoot.values())
  const heaviest = [...byRoot.entries()].find(([, count]) => count === dbRequestsMax)
  return {
    label,
    samples,
    failures: [...new Set(roots.filter((c) => !c.ok || c.code !== null).map((c) => c.code ?? 'threw'))],
    functionCalls: roots.length === 0 ? 0 : calls.length / roots.length,
    dbRequestsMax,
    dbRequestsMean: byRoot.size === 0 ? 0 : [...byRoot.values()].reduce((a, b) => a + b, 0) / byRoot.size,
    examinedMean: roots.length === 0 ? 0 : examined / roots.length,
    heaviestCall: heaviest ? (listOf.get(heaviest[0]) ?? []) : [],
    worstQuery: worst,
    unindexed: [...unindexed],
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    dbP50: percentile(
      roots.map((r) => callTree(calls, r).reduce(queryMs, 0)),
      50,
    ),
    durableP50: percentile(
      roots.map((r) => callTree(calls, r).reduce(durableMs, 0)),
      50,
    ),
    gcShare: totalMs === 0 ? 0 : gcMs.reduce((a, b) => a + b, 0) / totalMs,
  }
}

/** The calls of `action` made since `before`, with the function calls they made. */
export async function callsSince(cloud: LocalCloud, before: Set<string>, action: string): Promise<CallRecord[]> {
  const fresh = (await recentCalls(cloud, 1000)).filter((r) => !before.has(r.callId))
  const roots = new Set(fresh.filter((r) => r.parentCallId === null && r.action === action).map((r) => r.callId))
  return fresh.filter((r) => roots.has(r.parentCallId ?? r.callId))
}

/**
 * A call, sent again once when its keep-alive socket was closed by the server before the request reached
 * it (nothing read: the server never answered it, so the call did not run).
 */
async function callOnce<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send()
  } catch (error) {
    const cause = (error as { cause?: { code?: string; socket?: { bytesRead?: number } } }).cause
    if (cause?.code !== 'UND_ERR_SOCKET' || cause.socket?.bytesRead !== 0) throw error
    return send()
  }
}

export async function runCase(cloud: LocalCloud, c: Case, samples: number): Promise<JourneyFigure> {
  const before = new Set((await recentCalls(cloud, 1000)).map((r) => r.callId))
  let action = ''
  for (let i = 0; i < samples; i++) {
    const event = await c.event(i)
    action = String(event.action)
    const result = await callOnce(() => cloud.call(c.fn, event, c.who(i).openid))
    c.after?.(i, result)
  }
  return measure(c.label, samples, await callsSince(cloud, before, action))
}

export function rowsOf(f: JourneyFigure, firstScreen: boolean): Row[] {
  const s = 'college'
  const name = f.label
  const rows: Row[] = []
  if (f.failures.length > 0) rows.push(row(s, `${name}: refused`, f.failures.join(','), 'none', false))
  rows.push(
    row(
      s,
      `${name}: function calls`,
      String(f.functionCalls),
      firstScreen ? '<= 1 (first screen)' : '-',
      firstScreen ? f.functionCalls <= BUDGET.firstScreenCalls : null,
    ),
  )
  rows.push(row(s, `${name}: db requests (max)`, String(f.dbRequestsMax), '<= 4', f.dbRequestsMax <= BUDGET.dbRequests))
  const w = f.worstQuery
  rows.push(
    row(
      s,
      `${name}: worst examined/returned`,
      w ? `${w.examined}/${w.returned} (${w.keys} keys) ${w.collection} ${w.action}` : '-',
      '<= 2x',
      w ? w.examined <= BUDGET.examinedPerReturned * Math.max(1, w.returned) : true,
    ),
  )
  rows.push(
    row(
      s,
      `${name}: reads without index`,
      f.unindexed.length ? f.unindexed.join('; ') : '0',
      '0',
      f.unindexed.length === 0,
    ),
  )
  const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1))
  rows.push(
    row(
      s,
      `${name}: server ms p50/p95`,
      `${ms(f.p50)}/${ms(f.p95)} (database p50 ${ms(f.dbP50)}, local cloud GC ${Math.round(f.gcShare * 100)}%)`,
      'p95 <= 50',
      f.p95 <= BUDGET.p95Ms,
    ),
  )
  return rows
}
