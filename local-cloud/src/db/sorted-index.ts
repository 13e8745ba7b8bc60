/**
 * A secondary index: every document's key tuple in one list (in chunks) kept sorted in index order (field
 * directions, then insertion order). Binary search gives equality prefixes, $in combinations and a
 * range on the next field; walking the array in order serves sort + limit without sorting anything.
 *
 * Only "indexable scalars" (null/missing, numbers, strings, booleans, dates) are entries. A document
 * whose indexed path holds anything else (an embedded object, a path through an array) is kept in
 * `irregular`: it is a candidate for every lookup and the query decides, so the index never hides a
 * match; an index with irregular documents is not used for ordering.
 *
 * Multikey (as MongoDB; declared `"multikey": true` in collections.json, so no other index changes): a
 * non-unique index whose one field holds a non-empty array of scalars gets one entry per distinct element, so `{ tags: 'x' }` is served like an equality. The index then remembers
 * which field was an array (`multikey`): a document can be under several entries, so the query walks
 * it once (dedupe), never counts it from the entries alone (not covered), and orders by that field never.
 */
import { ChunkedList } from './chunked-list'
import { compareTuples, compareValues, isIndexableScalar, resolveForIndex, typeRank, type Doc } from './values'

export interface IndexSpec {
  name: string
  fields: string[]
  dirs: (1 | -1)[]
  unique: boolean
  /** Index the elements of an array field (one per document), as MongoDB does. */
  multikey?: boolean
}

export interface Entry {
  readonly vals: readonly unknown[]
  readonly key: string
  readonly ord: number
}

export interface RangeBound {
  value: unknown
  inclusive: boolean
}

/** Bounds on one field; both bounds are within one BSON type, like the query language's comparisons. */
export interface FieldRange {
  lower?: RangeBound
  upper?: RangeBound
}

export type Span = readonly [start: number, end: number]

export class SortedIndex {
  readonly spec: IndexSpec
  private readonly paths: string[][]
  /** Chunked: one insert or removal moves at most a chunk, not half the collection (see chunked-list.ts). */
  private entries = new ChunkedList<Entry>()
  readonly irregular = new Set<string>()
  /** Positions of the fields that held an array in some document (multikey). */
  readonly multikey = new Set<number>()

  constructor(spec: IndexSpec) {
    this.spec = spec
    this.paths = spec.fields.map((field) => field.split('.'))
  }

  get size(): number {
    return this.entries.length
  }

  entryAt(position: number): Entry {
    return this.entries.at(position) as Entry
  }

  /** The document's key tuple (missing becomes null), or null when the document is irregular for this index. */
  valuesOf(doc: Doc): unknown[] | null {
    const vals: unknown[] = []
    for (const path of this.paths) {
      const resolved = resolveForIndex(doc, path)
      if (resolved.irregular || !isIndexableScalar(resolved.value)) return null
      vals.push(resolved.value ?? null)
    }
    return vals
  }

  /**
   * Every key tuple of the document: one, or one per distinct element of its one array field (multikey,
   * non-unique indexes only); null when the document is irregular for this index.
   */
  tuplesOf(doc: Doc): unknown[][] | null {
    const vals: unknown[] = []
    let arrayAt = -1
    let elements: unknown[] = []
    for (let i = 0; i < this.paths.length; i++) {
      const resolved = resolveForIndex(doc, this.paths[i])
      if (!resolved.irregular) {
        if (!isIndexableScalar(resolved.value)) return null
        vals.push(resolved.value ?? null)
        continue
      }
      const array =
        !this.spec.multikey || this.spec.unique || arrayAt >= 0 ? undefined : arrayAtPath(doc, this.paths[i])
      if (!array || array.length === 0 || !array.every((v) => v !== null && isIndexableScalar(v))) return null
      arrayAt = i
      elements = array
      vals.push(null)
    }
    if (arrayAt < 0) return [vals]
    this.multikey.add(arrayAt)
    const distinct = new Map(elements.map((v) => [tupleKeyOf(v), v]))
    return [...distinct.values()].map((v) => vals.map((x, i) => (i === arrayAt ? v : x)))
  }

  /** The document's entries; none when it is irregular for this index, which then remembers it as such. */
  private entriesOf(key: string, doc: Doc, ord: number): Entry[] {
    const tuples = this.tuplesOf(doc)
    if (tuples === null) {
      this.irregular.add(key)
      return []
    }
    return tuples.map((vals) => ({ vals, key, ord }))
  }

  add(key: string, doc: Doc, ord: number): void {
    for (const entry of this.entriesOf(key, doc, ord)) this.entries.insert(this.lowerBound(entry), entry)
  }

  remove(key: string, doc: Doc, ord: number): void {
    const tuples = this.tuplesOf(doc)
    if (tuples === null) {
      this.irregular.delete(key)
      return
    }
    for (const vals of tuples) {
      const position = this.lowerBound({ vals, key, ord })
      if (this.entries.at(position)?.key === key) this.entries.removeAt(position)
    }
  }

  /** True when replacing `before` by `after` leaves this index untouched (the common update case). */
  unchangedBy(before: Doc, after: Doc): boolean {
    const a = this.tuplesOf(before)
    const b = this.tuplesOf(after)
    if (a === null || b === null || a.length !== b.length) return false
    return a.every((x, t) => compareTuples(x, b[t], this.spec.dirs) === 0 && x.every((v, i) => sameType(v, b[t][i])))
  }

  /**
   * Adds many new documents: their entries sorted alone, then merged with the index's (linear), instead of
   * sorting everything again; a bulk load in batches stays linear in the collection's size.
   */
  addMany(records: Iterable<{ key: string; doc: Doc; ord: number }>): void {
    const fresh: Entry[] = []
    for (const { key, doc, ord } of records) {
      for (const entry of this.entriesOf(key, doc, ord)) fresh.push(entry)
    }
    fresh.sort((a, b) => this.compareEntries(a, b))
    const old = this.entries.toArray()
    const merged: Entry[] = new Array<Entry>(old.length + fresh.length)
    let i = 0
    let j = 0
    for (let k = 0; k < merged.length; k++) {
      merged[k] =
        j >= fresh.length || (i < old.length && this.compareEntries(old[i], fresh[j]) <= 0) ? old[i++] : fresh[j++]
    }
    this.entries.replaceAll(merged)
  }

  /** Rebuilds from scratch: cheaper than many splices after a large batch that also changes or removes. */
  rebuild(records: Iterable<{ key: string; doc: Doc; ord: number }>): void {
    const entries: Entry[] = []
    this.irregular.clear()
    let inOrdOrder = true
    let lastOrd = Number.NEGATIVE_INFINITY
    this.multikey.clear()
    for (const { key, doc, ord } of records) {
      const own = this.entriesOf(key, doc, ord)
      if (own.length === 0) continue
      for (const entry of own) entries.push(entry)
      inOrdOrder &&= ord > lastOrd
      lastOrd = ord
    }
    // Array.prototype.sort is stable: input already in ord order needs no ord tie-break.
    const dirs = this.spec.dirs
    entries.sort(inOrdOrder ? (a, b) => compareTuples(a.vals, b.vals, dirs) : (a, b) => this.compareEntries(a, b))
    this.entries.replaceAll(entries)
  }

  /** Spans of entries whose leading fields equal `prefix` and whose next field lies in `range`. */
  span(prefix: readonly unknown[], range?: FieldRange): Span {
    const p = prefix.length
    const dirs = this.spec.dirs
    const prefixCompare = (e: Entry): number => compareTuples(e.vals, prefix, dirs.slice(0, p))
    if (!range || p >= dirs.length) {
      const start = this.firstWhere((e) => prefixCompare(e) >= 0)
      const end = this.firstWhere((e) => prefixCompare(e) > 0, start)
      return [start, end]
    }
    const test = rangeTests(range)
    const dir = dirs[p]
    const beforeRange = (v: unknown): boolean => (dir === 1 ? test.below(v) : test.above(v))
    const afterRange = (v: unknown): boolean => (dir === 1 ? test.above(v) : test.below(v))
    const start = this.firstWhere((e) => {
      const c = prefixCompare(e)
      return c > 0 || (c === 0 && !beforeRange(e.vals[p]))
    })
    const end = this.firstWhere((e) => {
      const c = prefixCompare(e)
      return c > 0 || (c === 0 && afterRange(e.vals[p]))
    }, start)
    return [start, end]
  }

  private compareEntries(a: Entry, b: Entry): number {
    return compareTuples(a.vals, b.vals, this.spec.dirs) || a.ord - b.ord
  }

  private lowerBound(target: Entry): number {
    return this.firstWhere((e) => this.compareEntries(e, target) >= 0)
  }

  /** Binary search for the first position where a monotone predicate turns true. */
  private firstWhere(pred: (e: Entry) => boolean, from = 0): number {
    return this.entries.firstWhere(pred, from)
  }
}

/** The array at `path` when the path reaches it through plain objects only (else undefined). */
function arrayAtPath(doc: Doc, path: readonly string[]): unknown[] | undefined {
  let current: unknown = doc
  for (const part of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return Array.isArray(current) ? current : undefined
}

/** Distinct elements by value and type (1 and '1' differ). */
function tupleKeyOf(v: unknown): string {
  return `${typeof v}:${v instanceof Date ? v.getTime() : String(v)}`
}

function sameType(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b) && typeof a === typeof b
}

/** Ascending-order tests against a range; values of another type fall below or above it by type rank. */
function rangeTests(range: FieldRange): { below: (v: unknown) => boolean; above: (v: unknown) => boolean } {
  const rank = typeRank((range.lower ?? range.upper)?.value)
  const below = (v: unknown): boolean => {
    const r = typeRank(v)
    if (r !== rank) return r < rank
    if (!range.lower) return false
    const c = compareValues(v, range.lower.value)
    return range.lower.inclusive ? c < 0 : c <= 0
  }
  const above = (v: unknown): boolean => {
    const r = typeRank(v)
    if (r !== rank) return r > rank
    if (!range.upper) return false
    const c = compareValues(v, range.upper.value)
    return range.upper.inclusive ? c > 0 : c >= 0
  }
  return { below, above }
}
