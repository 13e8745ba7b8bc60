import { getCloud } from './cloud'
import type { CollectionName, Collections } from './collections'

/**
 * Typed access to the cloud database. The SDK's own types answer `Promise<T> | void | string`
 * and untyped documents; this narrows them once, at the boundary.
 */
export type Database = ReturnType<ReturnType<typeof getCloud>['database']>
type Collection = ReturnType<Database['collection']>
type Query = ReturnType<Collection['where']>
export type Where = Parameters<Collection['where']>[0]

let database: Database | null = null

export function getDb(): Database {
  database ??= getCloud().database()
  return database
}

export function command(): Database['command'] {
  return getDb().command
}

export interface FindOptions {
  orderBy?: [field: string, order: 'asc' | 'desc'][]
  skip?: number
  limit?: number
  fields?: Record<string, boolean>
}

function applyOptions(query: Query, opts: FindOptions): Query {
  let q = query
  for (const [field, order] of opts.orderBy ?? []) q = q.orderBy(field, order)
  if (opts.skip) q = q.skip(opts.skip)
  if (opts.limit) q = q.limit(opts.limit)
  if (opts.fields) q = q.field(opts.fields)
  return q
}

/**
 * The document type a read answers: the collection's own (`Collections`), or `T` when the caller names
 * one, for a projection (`fields`) or an aggregate's shape.
 */
export type DocOf<T, K extends CollectionName> = [T] extends [never] ? Collections[K] : T

export async function findMany<T = never, K extends CollectionName = CollectionName>(
  collection: K,
  where: Where,
  opts: FindOptions = {},
): Promise<DocOf<T, K>[]> {
  const res = await applyOptions(getDb().collection(collection).where(where), opts).get()
  return (res as { data: unknown[] }).data as DocOf<T, K>[]
}

export async function findOne<T = never, K extends CollectionName = CollectionName>(
  collection: K,
  where: Where,
  opts: Omit<FindOptions, 'limit'> = {},
): Promise<DocOf<T, K> | null> {
  const [doc] = await findMany<T, K>(collection, where, { ...opts, limit: 1 })
  return doc ?? null
}

/** A missing document answers null (the SDK's `doc().get()` throws instead). */
export async function getById<T = never, K extends CollectionName = CollectionName>(
  collection: K,
  id: string,
): Promise<DocOf<T, K> | null> {
  return findOne<T, K>(collection, { _id: id })
}

export async function count(collection: CollectionName, where: Where): Promise<number> {
  const res = await getDb().collection(collection).where(where).count()
  return (res as { total: number }).total
}

export async function insert<K extends CollectionName>(
  collection: K,
  doc: Omit<Collections[K], '_id'> & { _id?: string },
): Promise<string> {
  const res = await getDb().collection(collection).add({ data: doc })
  return String((res as { _id: string | number })._id)
}

/**
 * Inserts several documents in one request: WeChat's database takes an array as `data` (its HTTP API
 * databaseadd documents it, answering id_list). Fails whole on a taken `_id` or unique key.
 */
export async function insertMany<K extends CollectionName>(
  collection: K,
  docs: (Omit<Collections[K], '_id'> & { _id?: string })[],
): Promise<void> {
  if (docs.length === 0) return
  await getDb().collection(collection).add({ data: docs })
}

export async function updateById(
  collection: CollectionName,
  id: string,
  data: Record<string, unknown>,
): Promise<number> {
  const res = await getDb().collection(collection).doc(id).update({ data })
  return (res as { stats: { updated: number } }).stats.updated
}

/** Conditional update: the write happens only where `where` still holds (optimistic concurrency). */
export async function updateWhere(
  collection: CollectionName,
  where: Where,
  data: Record<string, unknown>,
): Promise<number> {
  const res = await getDb().collection(collection).where(where).update({ data })
  return (res as { stats: { updated: number } }).stats.updated
}

/** Inserts `doc` unless its `_id` (or a unique key) is taken: false when the database refuses it as a duplicate. */
export async function insertUnlessTaken<K extends CollectionName>(
  collection: K,
  doc: Omit<Collections[K], '_id'> & { _id?: string },
): Promise<boolean> {
  try {
    await insert(collection, doc)
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

/**
 * The database refused a write because the `_id` or a unique index is taken (WeChat: errCode -502001 with
 * an `E11000 duplicate key` message). The one test for it: an insert that claims something once relies on it.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return /duplicate key|E11000/i.test(String(error))
  const e = error as { errMsg?: unknown; message?: unknown }
  return /duplicate key|E11000/i.test(`${String(e.errMsg ?? '')} ${String(e.message ?? '')}`)
}

/** The subset of the SDK's transaction object that our functions use. */
export interface TxDocRef {
  get(): Promise<{ data: unknown }>
  set(opts: { data: object }): Promise<unknown>
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}
export interface Tx {
  collection(name: CollectionName): { doc(id: string): TxDocRef; add(opts: { data: object }): Promise<{ _id: string }> }
}

/**
 * Runs `work` in a database transaction; an AppError thrown inside rolls back and propagates. On a
 * write conflict the SDK runs `work` again, up to `retries` more times.
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>, retries = 1): Promise<T> {
  return (await getDb().runTransaction(async (tx: Tx) => work(tx), retries)) as T
}

/** A document read inside a transaction, or null when it does not exist (the SDK throws for that). */
export async function readInTx<T>(ref: TxDocRef): Promise<T | null> {
  try {
    const res = (await ref.get()) as { data?: unknown; code?: unknown; message?: unknown }
    if (res.code) throw new Error(`transaction read failed: ${String(res.code)} ${String(res.message ?? '')}`)
    return (res.data ?? null) as T | null
  } catch (error) {
    if (error instanceof Error && /not exist|cannot find|not found|-502005/i.test(error.message)) return null
    throw error
  }
}

export type AggregateStage = Record<string, unknown>

type AggregateBuilder = ReturnType<Collection['aggregate']>
/** The SDK aggregate builder's stage methods. */
const STAGES = [
  'addFields',
  'bucket',
  'bucketAuto',
  'count',
  'facet',
  'geoNear',
  'graphLookup',
  'group',
  'limit',
  'lookup',
  'match',
  'project',
  'replaceRoot',
  'sample',
  'skip',
  'sort',
  'sortByCount',
  'unwind',
] as const
type StageName = (typeof STAGES)[number] & keyof AggregateBuilder

function stageName(key: string): StageName {
  const name = key.replace(/^\$/, '')
  const known = STAGES.find((stage) => stage === name)
  if (!known) throw new Error(`aggregate stage not supported: ${key}`)
  return known
}

/** Runs an aggregate pipeline given as plain stages (the SDK's builder, one request). */
export async function aggregate<T>(collection: string, stages: AggregateStage[]): Promise<T[]> {
  let builder: AggregateBuilder = getDb().collection(collection).aggregate()
  for (const stage of stages) {
    const [key, arg] = Object.entries(stage)[0]
    builder = builder[stageName(key)](arg)
  }
  const res = await builder.end()
  if (!res) throw new Error('aggregate answered nothing')
  return res.list as T[]
}

/**
 * Every matching document with the given fields, in one request. An aggregate, because a plain query
 * answers at most 1000 documents per request in WeChat cloud.
 */
export async function findAll<T>(
  collection: string,
  where: Record<string, unknown>,
  fields: Record<string, 1>,
  max = 20_000,
): Promise<T[]> {
  return aggregate<T>(collection, [{ $match: where }, { $limit: max }, { $project: fields }])
}
