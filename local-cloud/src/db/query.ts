/**
 * Query planning and execution. mingo decides whether a document matches; this module decides which
 * documents to show it: an _id lookup, spans of a secondary index (equality / $in on leading fields,
 * then a range on the next one), or a scan in natural order. When the chosen index already yields the
 * requested order, execution stops as soon as skip + limit matches are found; otherwise a bounded heap
 * keeps only the best skip + limit matches instead of sorting every match.
 */
import { Query } from 'mingo'
import type { Collection } from './collection'
import type { Entry, FieldRange, SortedIndex, Span } from './sorted-index'
import {
  compareTuples,
  idKey,
  isIndexableScalar,
  isPlainObject,
  resolveForSort,
  tupleKey,
  typeRank,
  type Doc,
} from './values'

export type SortSpec = ReadonlyArray<readonly [field: string, dir: 1 | -1]>

export interface FindOptions {
  sort?: SortSpec
  skip?: number
  limit?: number
}

/** What the query log reports about one execution. */
export interface QueryStats {
  index: string | null
  /** Documents fetched and tested. */
  examined: number
  /** Index entries (or `_id` lookups) visited, whether or not their document was fetched. */
  keys: number
}

export interface Item {
  readonly key: string
  readonly doc: Doc
  readonly ord: number
}

/** A transaction's view of a collection: its snapshot plus its own writes. */
export interface CollectionView {
  doc(key: string): Doc | undefined
  /** Keys whose view differs from the live collection (changed since the snapshot, or written by the transaction). */
  extraKeys: readonly string[]
  ord(key: string): number
}

interface FieldConstraint {
  eq?: unknown[]
  range?: FieldRange
}

export interface CompiledQuery {
  readonly source: Doc
  readonly matchAll: boolean
  test(doc: Doc): boolean
  readonly constraints: ReadonlyMap<string, FieldConstraint>
}

const MINGO_OPTIONS = { scriptEnabled: false } as const
const MAX_COMBINATIONS = 1024
/**
 * Up to this many non-empty spans are merged in index order (MongoDB's "explode for sort": an $in on a
 * leading field followed by a sort on the next fields becomes one ordered scan per value and a
 * SORT_MERGE, up to 200 scans). Beyond it a heap keeps the best matches.
 */
const MAX_MERGED_SPANS = 200

export function compileQuery(source: Doc): CompiledQuery {
  const matchAll = Object.keys(source).length === 0
  const mingo = matchAll ? null : new Query(source, MINGO_OPTIONS)
  return {
    source,
    matchAll,
    test: (doc) => (mingo ? mingo.test(doc) : true),
    constraints: extractConstraints(source),
  }
}

// ---------------------------------------------------------------------------------------------
// Constraint extraction: only conjunctive, exactly-indexable predicates; anything else is left to mingo.

function extractConstraints(query: Doc): Map<string, FieldConstraint> {
  const out = new Map<string, FieldConstraint>()
  collectConstraints(query, out)
  return out
}

function collectConstraints(query: Doc, out: Map<string, FieldConstraint>): void {
  for (const [field, condition] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectConstraints(part, out)
      continue
    }
    if (field.startsWith('$')) continue
    const constraint = fieldConstraint(condition)
    if (!constraint) continue
    const existing = out.get(field) ?? {}
    // Any subset of ANDed predicates selects a superset of the matches, so keeping the first is safe.
    out.set(field, { eq: existing.eq ?? constraint.eq, range: existing.range ?? constraint.range })
  }
}

function fieldConstraint(condition: unknown): FieldConstraint | undefined {
  if (isEqualityValue(condition)) return { eq: [condition] }
  if (!isPlainObject(condition)) return undefined
  const ops = Object.keys(condition)
  if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) return undefined
  const result: FieldConstraint = {}
  if (isEqualityValue(condition.$eq)) result.eq = [condition.$eq]
  else if (Array.isArray(condition.$in) && condition.$in.every(isEqualityValue)) result.eq = [...condition.$in]
  result.range = rangeOf(condition)
  return result.eq || result.range ? result : undefined
}

function isEqualityValue(value: unknown): boolean {
  return value !== undefined && isIndexableScalar(value)
}

function rangeOf(condition: Record<string, unknown>): FieldRange | undefined {
  const lowerOp = condition.$gt !== undefined ? '$gt' : condition.$gte !== undefined ? '$gte' : undefined
  const upperOp = condition.$lt !== undefined ? '$lt' : condition.$lte !== undefined ? '$lte' : undefined
  const lower =
    lowerOp && isRangeValue(condition[lowerOp])
      ? { value: condition[lowerOp], inclusive: lowerOp === '$gte' }
      : undefined
  const upper =
    upperOp && isRangeValue(condition[upperOp])
      ? { value: condition[upperOp], inclusive: upperOp === '$lte' }
      : undefined
  if (lower && upper && typeRank(lower.value) !== typeRank(upper.value)) return { lower }
  return lower || upper ? { lower, upper } : undefined
}

function isRangeValue(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'string' || value instanceof Date
    ? isIndexableScalar(value)
    : false
}

// ---------------------------------------------------------------------------------------------
// Planning.

type Plan =
  | { kind: 'ids'; keys: string[] }
  | {
      kind: 'index'
      index: SortedIndex
      spans: Span[]
      ordered: boolean
      reverse: boolean
      cost: number
      covered: boolean
      /** Index fields from this position on order the entries within each span. */
      from: number
    }
  | { kind: 'scan' }

function choosePlan(coll: Collection, query: CompiledQuery, opts: FindOptions): Plan {
  const idConstraint = query.constraints.get('_id')
  if (idConstraint?.eq) return { kind: 'ids', keys: [...new Set(idConstraint.eq.map(idKey))] }
  const sort = effectiveSort(opts.sort ?? [], query)
  let best: Extract<Plan, { kind: 'index' }> | undefined
  for (const index of coll.indexes) {
    const candidate = planForIndex(index, query, sort)
    if (!candidate) continue
    if (!best || candidate.cost < best.cost || (candidate.cost === best.cost && candidate.ordered && !best.ordered)) {
      best = candidate
    }
  }
  if (best) return best
  const bounded = opts.limit !== undefined && Number.isFinite(opts.limit)
  if (sort.length > 0 && bounded) {
    for (const index of coll.indexes) {
      const order = orderFor(index, 0, sort)
      if (order && index.irregular.size === 0) {
        return {
          kind: 'index',
          index,
          spans: [[0, index.size]],
          ordered: true,
          reverse: order === 'reverse',
          cost: index.size,
          covered: query.matchAll,
          from: 0,
        }
      }
    }
  }
  return { kind: 'scan' }
}

/** Sort fields pinned to one value by the query do not change the order; dropping them lets more indexes serve it. */
function effectiveSort(sort: SortSpec, query: CompiledQuery): SortSpec {
  return sort.filter(([field]) => query.constraints.get(field)?.eq?.length !== 1)
}

function planForIndex(
  index: SortedIndex,
  query: CompiledQuery,
  sort: SortSpec,
): Extract<Plan, { kind: 'index' }> | undefined {
  const fields = index.spec.fields
  let combos: unknown[][] = [[]]
  let prefix = 0
  for (const field of fields) {
    const eq = query.constraints.get(field)?.eq
    if (!eq || combos.length * Math.max(eq.length, 1) > MAX_COMBINATIONS) break
    combos = combos.flatMap((combo) => eq.map((value) => [...combo, value]))
    prefix++
  }
  const range = prefix < fields.length ? query.constraints.get(fields[prefix])?.range : undefined
  if (prefix === 0 && !range) return undefined
  const unique = new Map(combos.map((combo) => [tupleKey(combo), combo]))
  const spans = [...unique.values()].map((combo) => index.span(combo, range)).filter(([start, end]) => end > start)
  const cost = spans.reduce((sum, [start, end]) => sum + (end - start), 0) + index.irregular.size
  // Every span shares the equality prefix's length, so each is in the order of the fields after it:
  // merging them by those fields yields that order over all of them.
  const mergeable = spans.length <= 1 || (sort.length > 0 && spans.length <= MAX_MERGED_SPANS)
  // A multikey field orders nothing unless an equality pins it; its documents may sit under several entries.
  const multikeyFree = [...index.multikey].every((position) => position < prefix)
  const order = mergeable && multikeyFree && index.irregular.size === 0 ? orderFor(index, prefix, sort) : undefined
  const covered =
    index.multikey.size === 0 && isCovered(query.source, fields.slice(0, prefix), range ? fields[prefix] : undefined)
  return {
    kind: 'index',
    index,
    spans,
    ordered: order !== undefined,
    reverse: order === 'reverse',
    cost,
    covered,
    from: prefix,
  }
}

/**
 * True when the index spans are exactly the matching regular documents: every predicate of the query
 * is an equality/$in on an equality-prefix field or a one-type range on the range field. Index entries
 * hold only scalars compared exactly like mingo compares them, so such entries need no second test.
 */
function isCovered(query: Doc, eqFields: string[], rangeField: string | undefined): boolean {
  for (const [field, condition] of Object.entries(query)) {
    if (eqFields.includes(field)) {
      if (!isExactEquality(condition)) return false
    } else if (field === rangeField) {
      if (!isExactRange(condition)) return false
    } else {
      return false
    }
  }
  return true
}

function isExactEquality(condition: unknown): boolean {
  if (isEqualityValue(condition)) return true
  if (!isPlainObject(condition)) return false
  const ops = Object.keys(condition)
  if (ops.length !== 1) return false
  if (ops[0] === '$eq') return isEqualityValue(condition.$eq)
  return ops[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(isEqualityValue)
}

function isExactRange(condition: unknown): boolean {
  if (!isPlainObject(condition)) return false
  const ops = Object.keys(condition)
  const lowers = ops.filter((op) => op === '$gt' || op === '$gte').length
  const uppers = ops.filter((op) => op === '$lt' || op === '$lte').length
  if (lowers + uppers !== ops.length || lowers > 1 || uppers > 1) return false
  const values = ops.map((op) => condition[op])
  return values.every(isRangeValue) && values.every((v) => typeRank(v) === typeRank(values[0]))
}

/** Whether walking the index from field `from` on yields `sort` forwards, backwards, or neither. */
function orderFor(index: SortedIndex, from: number, sort: SortSpec): 'forward' | 'reverse' | undefined {
  if (sort.length === 0) return 'forward'
  const { fields, dirs } = index.spec
  if (from + sort.length > fields.length) return undefined
  let sign = 0
  for (let i = 0; i < sort.length; i++) {
    const [field, dir] = sort[i]
    if (fields[from + i] !== field) return undefined
    const s = dir * dirs[from + i]
    if (sign !== 0 && s !== sign) return undefined
    sign = s
  }
  return sign === 1 ? 'forward' : 'reverse'
}

// ---------------------------------------------------------------------------------------------
// Execution.

/** Visits candidate keys in plan order until `visit` returns false; `exact` marks keys known to match. */
function visitPlan(
  coll: Collection,
  plan: Plan,
  stats: QueryStats,
  visit: (key: string, exact: boolean) => boolean,
): void {
  switch (plan.kind) {
    case 'ids':
      for (const key of plan.keys) {
        stats.keys++
        if (!visit(key, false)) return
      }
      return
    case 'scan':
      for (const key of coll.docs.keys()) if (!visit(key, false)) return
      return
    case 'index': {
      const exact = plan.covered
      // A multikey index can hold a document under several entries: each document is visited once.
      const once = plan.index.multikey.size > 0 ? new Set<string>() : null
      const visitOnce = (key: string, isExact: boolean): boolean => {
        if (once) {
          if (once.has(key)) return true
          once.add(key)
        }
        return visit(key, isExact)
      }
      const step = (key: string, isExact: boolean): boolean => {
        stats.keys++
        return visitOnce(key, isExact)
      }
      if (plan.ordered && plan.spans.length > 1) {
        mergeSpans(plan, stats, (key) => visitOnce(key, exact))
        return
      }
      const spans = plan.reverse ? [...plan.spans].reverse() : plan.spans
      for (const [start, end] of spans) {
        if (plan.reverse) {
          for (let i = end - 1; i >= start; i--) if (!step(plan.index.entryAt(i).key, exact)) return
        } else {
          for (let i = start; i < end; i++) if (!step(plan.index.entryAt(i).key, exact)) return
        }
      }
      for (const key of plan.index.irregular) if (!step(key, false)) return
      return
    }
  }
}

/**
 * Walks several spans as one, in index order from field `plan.from` on (reversed for a reverse plan):
 * a heap holds the next entry of each span. Each entry read counts as a key examined, so the spans'
 * first entries count even when the walk stops before reaching them.
 */
function mergeSpans(plan: Extract<Plan, { kind: 'index' }>, stats: QueryStats, visit: (key: string) => boolean): void {
  const { index, reverse, from } = plan
  const dirs = index.spec.dirs.slice(from)
  const sign = reverse ? -1 : 1
  const cursors = plan.spans.map(([start, end]) =>
    reverse ? { at: end - 1, stop: start - 1, step: -1 } : { at: start, stop: end, step: 1 },
  )
  const entryOf = (c: (typeof cursors)[number]): Entry => index.entryAt(c.at)
  const before = (a: (typeof cursors)[number], b: (typeof cursors)[number]): boolean => {
    const x = entryOf(a)
    const y = entryOf(b)
    return sign * (compareTuples(x.vals.slice(from), y.vals.slice(from), dirs) || x.ord - y.ord) < 0
  }
  const heap = new MinHeap(before)
  for (const c of cursors) {
    stats.keys++
    heap.push(c)
  }
  for (let c = heap.pop(); c; c = heap.pop()) {
    if (!visit(entryOf(c).key)) return
    c.at += c.step
    if (c.at !== c.stop) {
      stats.keys++
      heap.push(c)
    }
  }
}

/** A binary heap whose top is the item no other item comes `before`. */
class MinHeap<T> {
  private readonly items: T[] = []

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  push(item: T): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(items[i], items[parent])) return
      ;[items[i], items[parent]] = [items[parent], items[i]]
      i = parent
    }
  }

  pop(): T | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    items[0] = last
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let first = i
      if (left < items.length && this.before(items[left], items[first])) first = left
      if (right < items.length && this.before(items[right], items[first])) first = right
      if (first === i) return top
      ;[items[i], items[first]] = [items[first], items[i]]
      i = first
    }
  }
}

function planIndexName(plan: Plan): string | null {
  if (plan.kind === 'ids') return '_id_'
  if (plan.kind === 'index') return plan.index.spec.name
  return null
}

/**
 * Runs a query against the live collection, or against a transaction's view of it, and returns the
 * matching items in order, after skip and limit.
 */
export function runQuery(
  coll: Collection,
  query: CompiledQuery,
  opts: FindOptions,
  stats: QueryStats,
  view?: CollectionView,
): Item[] {
  const plan = choosePlan(coll, query, opts)
  stats.index = planIndexName(plan)
  const skip = Math.max(0, opts.skip ?? 0)
  const limit = opts.limit ?? Number.POSITIVE_INFINITY
  const sort = opts.sort ?? []
  const streaming = !view && (sort.length === 0 || (plan.kind === 'index' && plan.ordered))
  const sink = streaming ? new StreamSink(skip, limit) : new TopKSink(skip + limit, sort)
  const seen = view ? new Set<string>(view.extraKeys) : undefined
  const consider = (key: string, doc: Doc | undefined, ord: number, exact: boolean): boolean => {
    if (!doc) return true
    stats.examined++
    if (!exact && !query.test(doc)) return true
    return sink.add({ key, doc, ord })
  }
  if (view) {
    for (const key of view.extraKeys) if (!consider(key, view.doc(key), view.ord(key), false)) break
    visitPlan(coll, plan, stats, (key) => seen?.has(key) || consider(key, view.doc(key), view.ord(key), false))
  } else {
    visitPlan(coll, plan, stats, (key, exact) => {
      const rec = coll.getByKey(key)
      return consider(key, rec?.doc, rec?.ord ?? 0, exact)
    })
  }
  const items = sink.result()
  return streaming ? items : items.slice(skip, skip + limit)
}

/** Counts matches; a covered index plan counts its spans without touching the documents. */
export function countQuery(coll: Collection, query: CompiledQuery, stats: QueryStats, view?: CollectionView): number {
  if (!view) {
    if (query.matchAll) return coll.size
    const plan = choosePlan(coll, query, {})
    if (plan.kind === 'index' && plan.covered) {
      stats.index = plan.index.spec.name
      let total = plan.spans.reduce((sum, [start, end]) => sum + (end - start), 0)
      stats.keys += total + plan.index.irregular.size
      for (const key of plan.index.irregular) {
        const doc = coll.getByKey(key)?.doc
        stats.examined++
        if (doc && query.test(doc)) total++
      }
      return total
    }
  }
  return runQuery(coll, query, {}, stats, view).length
}

/**
 * The input of a `$group` / `$count` that reads only `fields`, answered from one index whose plan is
 * covered and holds every one of those fields (MongoDB's covered aggregation): each entry becomes a
 * document of its index values, and no document is fetched. Irregular documents, and entries whose
 * value for a grouped field is null (null and missing look alike in an index, not in `$group`), are
 * fetched and tested. Undefined when no index covers the query and the fields.
 */
export function coveredRows(
  coll: Collection,
  query: CompiledQuery,
  fields: readonly string[],
  stats: QueryStats,
): Doc[] | undefined {
  if (query.matchAll) return undefined
  let best: Extract<Plan, { kind: 'index' }> | undefined
  for (const index of coll.indexes) {
    if (!fields.every((field) => index.spec.fields.includes(field))) continue
    const candidate = planForIndex(index, query, [])
    if (candidate?.covered && (!best || candidate.cost < best.cost)) best = candidate
  }
  if (!best) return undefined
  const plan = best
  stats.index = plan.index.spec.name
  const names = plan.index.spec.fields
  const wanted = fields.map((field) => names.indexOf(field))
  const rows: Doc[] = []
  const fetch = (key: string, exact: boolean): void => {
    const doc = coll.getByKey(key)?.doc
    if (!doc) return
    stats.examined++
    if (exact || query.test(doc)) rows.push(doc)
  }
  for (const [start, end] of plan.spans) {
    for (let i = start; i < end; i++) {
      const entry = plan.index.entryAt(i)
      stats.keys++
      if (wanted.some((position) => entry.vals[position] === null)) {
        fetch(entry.key, true)
        continue
      }
      const row: Doc = {}
      fields.forEach((field, j) => setPath(row, field, entry.vals[wanted[j]]))
      rows.push(row)
    }
  }
  for (const key of plan.index.irregular) {
    stats.keys++
    fetch(key, false)
  }
  return rows
}

function setPath(doc: Doc, field: string, value: unknown): void {
  const parts = field.split('.')
  let current: Doc = doc
  for (const part of parts.slice(0, -1)) {
    const next = current[part]
    if (isPlainObject(next)) current = next
    else {
      const created: Doc = {}
      current[part] = created
      current = created
    }
  }
  current[parts[parts.length - 1]] = value
}

interface Sink {
  /** Returns false when no further item can change the result. */
  add(item: Item): boolean
  result(): Item[]
}

class StreamSink implements Sink {
  private readonly items: Item[] = []
  private skipped = 0

  constructor(
    private readonly skip: number,
    private readonly limit: number,
  ) {}

  add(item: Item): boolean {
    if (this.skipped < this.skip) {
      this.skipped++
      return true
    }
    if (this.items.length < this.limit) this.items.push(item)
    return this.items.length < this.limit
  }

  result(): Item[] {
    return this.items
  }
}

interface Keyed {
  item: Item
  vals: unknown[]
}

/** Keeps the best `k` items under the sort (ties by natural order) in a max-heap of size k. */
class TopKSink implements Sink {
  private readonly heap: Keyed[] = []
  private readonly paths: string[][]
  private readonly dirs: (1 | -1)[]

  constructor(
    private readonly k: number,
    sort: SortSpec,
  ) {
    this.paths = sort.map(([field]) => field.split('.'))
    this.dirs = sort.map(([, dir]) => dir)
  }

  add(item: Item): boolean {
    if (this.k <= 0) return false
    const keyed: Keyed = { item, vals: this.paths.map((path) => resolveForSort(item.doc, path)) }
    if (this.heap.length < this.k) {
      this.heap.push(keyed)
      this.siftUp(this.heap.length - 1)
    } else if (this.compare(keyed, this.heap[0]) < 0) {
      this.heap[0] = keyed
      this.siftDown(0)
    }
    return true
  }

  result(): Item[] {
    return [...this.heap].sort((a, b) => this.compare(a, b)).map((keyed) => keyed.item)
  }

  private compare(a: Keyed, b: Keyed): number {
    return compareTuples(a.vals, b.vals, this.dirs) || a.item.ord - b.item.ord
  }

  private siftUp(i: number): void {
    const heap = this.heap
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.compare(heap[i], heap[parent]) <= 0) return
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let largest = i
      if (left < heap.length && this.compare(heap[left], heap[largest]) > 0) largest = left
      if (right < heap.length && this.compare(heap[right], heap[largest]) > 0) largest = right
      if (largest === i) return
      ;[heap[i], heap[largest]] = [heap[largest], heap[i]]
      i = largest
    }
  }
}
