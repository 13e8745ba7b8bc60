/**
 * database.aggregateDocuments. mingo evaluates the pipeline; this module feeds it efficiently:
 *  - leading $match / $sort / $skip / $limit stages run as an ordinary (indexed) query;
 *  - each $lookup with localField/foreignField gets only the foreign documents whose foreignField is
 *    one of the local values (an indexed $in query) instead of the whole foreign collection.
 * Like the real cloud, a pipeline without any $limit stage returns at most 20 results.
 */
import { Aggregator } from 'mingo'
import { DbError } from './errors'
import { compileQuery, coveredRows, runQuery, type FindOptions, type QueryStats, type SortSpec } from './query'
import type { Store } from './store'
import { deepClone, isIndexableScalar, isPlainObject, resolveForIndex, type Doc } from './values'

const DEFAULT_RESULT_LIMIT = 20
/** Above this many distinct local values a $lookup hashes the whole foreign collection instead. */
const MAX_LOOKUP_VALUES = 1000
const UNSUPPORTED = new Set(['$out', '$merge', '$geoNear', '$indexStats', '$collStats'])
/**
 * Stages that never write into the objects they are given, in mingo 7: they test, reorder, count, or build
 * new objects that only reference their inputs. Stored documents are frozen, so a stage outside this set
 * (or a `$project` that reaches below the top level) would throw on them: the pipeline's documents,
 * joined ones included, are then copied first. A reference kept by a pure stage (a `$lookup`'s joined
 * documents, `$push: '$$ROOT'`) is safe only because nothing after it writes: any writing stage anywhere
 * in the pipeline copies everything.
 */
const PURE_STAGES = new Set([
  '$match',
  '$group',
  '$count',
  '$sort',
  '$skip',
  '$limit',
  '$sortByCount',
  '$sample',
  '$lookup',
])

export type Stage = Record<string, unknown>

/** What an aggregate read besides its leading query: documents that `$lookup` stages joined into the results. */
export interface AggregateStats extends QueryStats {
  joined: number
}

export function runAggregate(store: Store, collName: string, pipeline: Stage[], stats: AggregateStats): Doc[] {
  const coll = store.collection(collName)
  for (const stage of pipeline) {
    const name = stageName(stage)
    if (UNSUPPORTED.has(name))
      throw new DbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] aggregate stage ${name} is not supported`)
  }
  const { find, rest } = splitLeadingQuery(pipeline)
  const query = compileQuery(find.match)
  const groupFields = isUnbounded(find.opts) && rest.length > 0 ? fieldsReadBy(rest[0]) : undefined
  const covered = groupFields ? coveredRows(coll, query, groupFields, stats) : undefined
  let docs = covered ?? runQuery(coll, query, find.opts, stats).map((item) => item.doc)
  const writes = rest.some(writesIntoInput)
  if (writes && !covered) docs = deepClone(docs)
  docs = runStages(store, docs, rest, stats, writes)
  const hasLimit = pipeline.some((stage) => stageName(stage) === '$limit')
  return hasLimit ? docs : docs.slice(0, DEFAULT_RESULT_LIMIT)
}

function isUnbounded(opts: FindOptions): boolean {
  return opts.sort === undefined && opts.skip === undefined && opts.limit === undefined
}

// $push / $addToSet list values in index order: a $group's order is unspecified anyway.
const COVERABLE_ACCUMULATORS = new Set(['$sum', '$min', '$max', '$avg', '$push', '$addToSet'])

/**
 * The fields a `$group` (or `$count`) reads, when it reads nothing else: `_id` a field path, an object
 * of field paths or a constant; each accumulator `$sum` / `$min` / `$max` / `$avg` of a constant or a
 * field path (or `$push` / `$addToSet` of one). Undefined for any other stage or expression, so the
 * input is read from the documents.
 */
export function fieldsReadBy(stage: Stage): string[] | undefined {
  if (typeof stage.$count === 'string') return []
  const group = stage.$group
  if (!isPlainObject(group) || !('_id' in group)) return undefined
  const fields = new Set<string>()
  const read = (expr: unknown): boolean => {
    if (typeof expr === 'string' && expr.startsWith('$')) {
      if (expr.startsWith('$$')) return false
      fields.add(expr.slice(1))
      return true
    }
    return (
      expr === null ||
      typeof expr === 'number' ||
      typeof expr === 'boolean' ||
      (typeof expr === 'string' && expr !== '')
    )
  }
  const id = group._id
  const idOk = isPlainObject(id)
    ? Object.entries(id).every(([key, expr]) => !key.startsWith('$') && read(expr))
    : read(id)
  if (!idOk) return undefined
  for (const [name, acc] of Object.entries(group)) {
    if (name === '_id') continue
    if (!isPlainObject(acc)) return undefined
    const ops = Object.entries(acc)
    if (ops.length !== 1 || !COVERABLE_ACCUMULATORS.has(ops[0][0]) || !read(ops[0][1])) return undefined
  }
  return [...fields]
}

function stageName(stage: Stage): string {
  return Object.keys(stage)[0] ?? ''
}

/** True when mingo may write into the documents the stage receives (see PURE_STAGES). */
function writesIntoInput(stage: Stage): boolean {
  const name = stageName(stage)
  if (name === '$project') return !isTopLevelProjection(stage.$project)
  if (name === '$addFields' || name === '$set') return !setsTopLevelFields(stage[name])
  if (name === '$lookup') {
    const spec = stage.$lookup
    // A dotted `as` is set into a nested object of the input; a pipeline runs stages over the joined documents.
    return !isPlainObject(spec) || (typeof spec.as === 'string' && spec.as.includes('.')) || spec.pipeline !== undefined
  }
  return !PURE_STAGES.has(name)
}

/**
 * A projection that only keeps or drops top-level fields. mingo answers it with a new object per document
 * (a shallow copy, or the picked fields); a dotted path or a computed field writes into nested objects
 * that the copy still shares with the stored document.
 */
export function isTopLevelProjection(projection: unknown): boolean {
  if (!isPlainObject(projection)) return false
  return Object.entries(projection).every(
    ([key, value]) =>
      !key.includes('.') && !key.startsWith('$') && (value === 0 || value === 1 || typeof value === 'boolean'),
  )
}

/**
 * `$addFields` / `$set` of top-level fields only: mingo 7 answers each document with a shallow copy that
 * gets the new values, and its expressions ($filter, $map, $mergeObjects, …) build new arrays and objects
 * that only reference their inputs. A dotted field would write into a nested object shared with the stored one.
 */
function setsTopLevelFields(spec: unknown): boolean {
  return isPlainObject(spec) && Object.keys(spec).every((key) => !key.includes('.') && !key.startsWith('$'))
}

/** A `$sort` stage's fields as a sort spec, or null when it is not one (a direction other than 1 / -1). */
function sortSpecOf(sort: unknown): SortSpec | null {
  if (!isPlainObject(sort)) return null
  const spec: [field: string, dir: 1 | -1][] = []
  for (const [field, dir] of Object.entries(sort)) {
    if (dir !== 1 && dir !== -1) return null
    spec.push([field, dir])
  }
  return spec
}

/** Splits off `$match? $sort? $skip? $limit?` at the head of the pipeline, in that order. */
function splitLeadingQuery(pipeline: Stage[]): { find: { match: Doc; opts: FindOptions }; rest: Stage[] } {
  let i = 0
  let match: Doc = {}
  const opts: FindOptions = {}
  if (isPlainObject(pipeline[i]?.$match)) match = pipeline[i++].$match as Doc
  const sort = sortSpecOf(pipeline[i]?.$sort)
  if (sort) {
    opts.sort = sort
    i++
  }
  if (typeof pipeline[i]?.$skip === 'number') opts.skip = pipeline[i++].$skip as number
  if (typeof pipeline[i]?.$limit === 'number') opts.limit = pipeline[i++].$limit as number
  return { find: { match, opts }, rest: pipeline.slice(i) }
}

/** Runs the remaining stages in mingo, resolving each $lookup's foreign documents ourselves. */
function runStages(store: Store, input: Doc[], stages: Stage[], stats: AggregateStats, cloneForeign: boolean): Doc[] {
  let docs = input
  let segment: Stage[] = []
  const options = {
    scriptEnabled: false,
    collectionResolver: (name: string) => (store.hasCollection(name) ? allDocs(store, name, cloneForeign) : []),
  }
  const flush = () => {
    if (segment.length > 0) docs = new Aggregator(segment, options).run(docs) as Doc[]
    segment = []
  }
  for (const stage of stages) {
    const sample = stage.$sample
    if (isPlainObject(sample) && typeof sample.size === 'number') {
      // mingo samples with replacement (repeats); the cloud's $sample picks distinct documents.
      flush()
      docs = sampleDistinct(docs, sample.size)
      continue
    }
    const lookup = stage.$lookup
    if (
      isPlainObject(lookup) &&
      typeof lookup.from === 'string' &&
      typeof lookup.localField === 'string' &&
      typeof lookup.foreignField === 'string'
    ) {
      flush()
      const foreign = foreignDocs(store, lookup.from, lookup.foreignField, localValues(docs, lookup.localField), stats)
      segment.push({ $lookup: { ...lookup, from: cloneForeign ? deepClone(foreign) : foreign } })
      flush()
      if (typeof lookup.as === 'string' && !lookup.as.includes('.'))
        docs = docs.map((doc) => withoutMissingMatches(doc, lookup.as as string))
      continue
    }
    segment.push(stage)
  }
  flush()
  return docs
}

/**
 * mingo 7 joins an array `localField` value by value and keeps a hole (undefined, answered as null)
 * for each value without a foreign document; the cloud's `$lookup` answers only the documents found.
 * The document is mingo's new output object, never a stored one.
 */
function withoutMissingMatches(doc: Doc, as: string): Doc {
  const joined = doc[as]
  if (!Array.isArray(joined) || !joined.includes(undefined)) return doc
  return { ...doc, [as]: joined.filter((item) => item !== undefined) }
}

/** `size` distinct documents in random order (all of them, shuffled, when there are fewer). */
function sampleDistinct(docs: Doc[], size: number): Doc[] {
  const pool = [...docs]
  const count = Math.max(0, Math.min(Math.floor(size), pool.length))
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i))
    ;[pool[i], pool[j]] = [pool[j], pool[i]]
  }
  return pool.slice(0, count)
}

function allDocs(store: Store, name: string, clone: boolean): Doc[] {
  const docs = Array.from(store.collection(name).docs.values(), (rec) => rec.doc)
  return clone ? deepClone(docs) : docs
}

/** The distinct local values, or undefined when some value is not an exactly indexable scalar. */
function localValues(docs: Doc[], localField: string): unknown[] | undefined {
  const path = localField.split('.')
  const values = new Set<unknown>()
  for (const doc of docs) {
    const resolved = resolveForIndex(doc, path)
    if (resolved.irregular) {
      // An array of scalars matches element-wise; anything else falls back to the whole collection.
      const raw = path.reduce<unknown>((v, p) => (isPlainObject(v) ? v[p] : undefined), doc)
      if (!Array.isArray(raw) || !raw.every(isIndexableScalar)) return undefined
      for (const value of raw) values.add(value ?? null)
      continue
    }
    if (!isIndexableScalar(resolved.value)) return undefined
    values.add(resolved.value ?? null)
  }
  return [...values]
}

/**
 * The foreign documents a `$lookup` can join. Each one fetched by the indexed `$in` matches a local
 * value, so it is joined into a result: it counts as examined and as joined. The whole-collection
 * fallback counts every document as examined and none as joined.
 */
function foreignDocs(
  store: Store,
  from: string,
  foreignField: string,
  values: unknown[] | undefined,
  stats: AggregateStats,
): Doc[] {
  if (!store.hasCollection(from)) return []
  if (!values || values.length > MAX_LOOKUP_VALUES) {
    const all = allDocs(store, from, false)
    stats.examined += all.length
    return all
  }
  const lookupStats: QueryStats = { index: null, examined: 0, keys: 0 }
  const items = runQuery(store.collection(from), compileQuery({ [foreignField]: { $in: values } }), {}, lookupStats)
  stats.examined += lookupStats.examined
  stats.keys += lookupStats.keys
  stats.joined += items.length
  return items.map((item) => item.doc)
}
