/**
 * One handler per `database.*` action of wx-server-sdk 4.0.2 (@cloudbase/database 1.4.3). Each takes
 * the parsed request body and returns the reply's fields (the engine adds requestId), or throws a
 * DbError that the engine answers in the SDK's error shape.
 *
 * Atomicity: every handler does all its reading, validation and the store commit synchronously and
 * only then awaits durability, so requests never interleave inside a write.
 */
import { Query as MingoQuery } from 'mingo'
import { isTopLevelProjection, runAggregate, type AggregateStats, type Stage } from './aggregate'
import { duplicateKey, invalidParam } from './errors'
import { newDocId } from './ids'
import {
  compileQuery,
  countQuery,
  runQuery,
  type CompiledQuery,
  type FindOptions,
  type Item,
  type SortSpec,
} from './query'
import type { Change, Store } from './store'
import type { Transaction, Transactions } from './transactions'
import { applyUpdate, parseUpdateSpec, upsertDocument, type UpdateSpec } from './update'
import { deepClone, idKey, isPlainObject, isValidId, type Doc } from './values'
import { decodeWire, decodeWireObject, encodeWire } from './wire'

export interface ActionStats extends AggregateStats {
  collection: string
  returned: number
  /** Of the request's time, how long its writes waited for their WAL record's fsync. */
  durableMs?: number
}

/** Waits for a write to be durable, adding the wait to the request's `durableMs`. */
async function durable(stats: ActionStats, written: Promise<void>): Promise<void> {
  const started = performance.now()
  try {
    await written
  } finally {
    stats.durableMs = (stats.durableMs ?? 0) + performance.now() - started
  }
}

export interface ActionContext {
  readonly store: Store
  readonly txns: Transactions
  /** The request's clock, for serverDate. */
  readonly now: number
  readonly stats: ActionStats
}

type Body = Record<string, unknown>
type Reply = Record<string, unknown>
export type Handler = (ctx: ActionContext, body: Body) => Promise<Reply>

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

// ---------------------------------------------------------------------------------------------
// Sessions: the live database, or a transaction's snapshot + overlay.

interface Session {
  find(coll: string, query: CompiledQuery, opts: FindOptions): Item[]
  count(coll: string, query: CompiledQuery): number
  /** Applies the changes atomically; the live session resolves when they are durable. */
  write(changes: Change[]): Promise<void>
}

function sessionFor(ctx: ActionContext, body: Body): Session {
  const id = body.transactionId
  if (id === undefined || id === null || id === '') return liveSession(ctx)
  return transactionSession(ctx, ctx.txns.get(id))
}

function liveSession(ctx: ActionContext): Session {
  return {
    find: (coll, query, opts) => runQuery(ctx.store.collection(coll), query, opts, ctx.stats),
    count: (coll, query) => countQuery(ctx.store.collection(coll), query, ctx.stats),
    write: (changes) => durable(ctx.stats, ctx.store.commit(changes)),
  }
}

function transactionSession(ctx: ActionContext, txn: Transaction): Session {
  return {
    find: (coll, query, opts) =>
      runQuery(ctx.store.collection(coll), query, opts, ctx.stats, txn.view(ctx.store, coll)),
    count: (coll, query) => countQuery(ctx.store.collection(coll), query, ctx.stats, txn.view(ctx.store, coll)),
    write: (changes) => {
      // _id collisions are visible now; unique indexes are checked against the live data at commit.
      const seen = new Set<string>()
      for (const change of changes) {
        if (change.insert && (seen.has(change.key) || txn.view(ctx.store, change.coll).doc(change.key))) {
          throw duplicateKey(change.coll, '_id_', { _id: change.id })
        }
        seen.add(change.key)
      }
      for (const change of changes) txn.stage(change)
      return Promise.resolve()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Request decoding

function collectionName(ctx: ActionContext, body: Body): string {
  const name = body.collectionName
  if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required')
  ctx.stats.collection = name
  return name
}

/** WHERE queries arrive as EJSON; DOC queries as `{"_id": …}`; an absent query matches everything. */
function queryOf(ctx: ActionContext, body: Body): Doc {
  const query = decodeWireObject(body.query, ctx.now, 'query') ?? {}
  if (body.queryType === 'DOC' && !('_id' in query)) throw invalidParam('a DOC query needs _id')
  return query
}

function orderOf(ctx: ActionContext, body: Body): SortSpec | undefined {
  const order = decodeWire(body.order, ctx.now, 'order')
  if (order === undefined) return undefined
  const pairs: [string, unknown][] = Array.isArray(order)
    ? order.filter(isPlainObject).map((o) => [String(o.field), o.direction])
    : isPlainObject(order)
      ? Object.entries(order)
      : []
  return pairs.map(([field, dir]) => [field, dir === -1 || dir === 'desc' ? -1 : 1] as const)
}

function limitOf(value: unknown): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) return DEFAULT_LIMIT
  return Math.min(Math.floor(n), MAX_LIMIT)
}

function offsetOf(value: unknown): number {
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}

function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  // Stored documents are frozen: a projection that writes below the top level gets copies.
  const input = isTopLevelProjection(projection) ? docs : deepClone(docs)
  const projected = new MingoQuery({}, { scriptEnabled: false }).find<Doc>(input, projection).all()
  // mingo appends _id last; the database keeps it first.
  return projected.map((doc) => ('_id' in doc ? { _id: doc._id, ...doc } : doc))
}

function updateSpecOf(ctx: ActionContext, body: Body, merge: boolean): UpdateSpec {
  const data = decodeWireObject(body.data, ctx.now, 'data')
  if (!data) throw invalidParam('data is required')
  return parseUpdateSpec(data, merge)
}

function withId(doc: Doc): { id: unknown; doc: Doc } {
  const id = doc._id === undefined ? newDocId() : doc._id
  if (!isValidId(id)) throw invalidParam('_id must be a non-empty string or a number')
  const { _id: _ignored, ...rest } = doc
  return { id, doc: { _id: id, ...rest } }
}

// ---------------------------------------------------------------------------------------------
// Handlers

const getDocument: Handler = async (ctx, body) => {
  const name = collectionName(ctx, body)
  const query = compileQuery(queryOf(ctx, body))
  const opts: FindOptions = { sort: orderOf(ctx, body), skip: offsetOf(body.offset), limit: limitOf(body.limit) }
  const items = sessionFor(ctx, body).find(name, query, opts)
  const docs = project(
    items.map((item) => item.doc),
    decodeWireObject(body.projection, ctx.now, 'projection'),
  )
  ctx.stats.returned = docs.length
  return { data: { list: docs.map(encodeWire) } }
}

const insertDocument: Handler = async (ctx, body) => {
  const name = collectionName(ctx, body)
  if (!Array.isArray(body.data) || body.data.length === 0) throw invalidParam('data must be a non-empty array')
  const now = ctx.now
  const docs = body.data.map((raw) => {
    const doc = decodeWireObject(raw, now, 'data')
    if (!doc) throw invalidParam('each document must be an object')
    return withId(doc)
  })
  const changes: Change[] = docs.map(({ id, doc }) => ({ coll: name, key: idKey(id), id, after: doc, insert: true }))
  const session = sessionFor(ctx, body)
  await session.write(changes)
  ctx.stats.returned = docs.length
  return { data: { insertedIds: docs.map(({ id }) => id) } }
}

interface ModifyResult {
  updated: number
  upsertedId?: unknown
  first?: { before: Doc; after: Doc | undefined }
}

/** Shared by modifyDocument and modifyAndReturnDoc: update the matches (or the first), maybe upsert. */
async function modify(
  ctx: ActionContext,
  body: Body,
  spec: UpdateSpec,
  opts: { multi: boolean; upsert: boolean },
): Promise<ModifyResult> {
  const name = collectionName(ctx, body)
  const query = queryOf(ctx, body)
  const session = sessionFor(ctx, body)
  const items = session.find(name, compileQuery(query), { limit: opts.multi ? undefined : 1 })
  const changes: Change[] = []
  const result: ModifyResult = { updated: 0 }
  for (const item of items) {
    const after = applyUpdate(item.doc, spec)
    result.first ??= { before: item.doc, after }
    if (!after) continue
    changes.push({ coll: name, key: item.key, id: item.doc._id, after })
    result.updated++
  }
  if (items.length === 0 && opts.upsert) {
    const doc = upsertDocument(query, spec, newDocId)
    changes.push({ coll: name, key: idKey(doc._id), id: doc._id, after: doc, insert: true })
    result.upsertedId = doc._id
  }
  await session.write(changes)
  ctx.stats.returned = items.length
  return result
}

const modifyDocument: Handler = async (ctx, body) => {
  const merge = body.merge !== false
  const spec = updateSpecOf(ctx, body, merge)
  const result = await modify(ctx, body, spec, { multi: body.multi === true, upsert: body.upsert === true })
  return { data: { updated: result.updated, upsert_id: result.upsertedId } }
}

/** updateAndReturn: updates the first match and answers the document after the update. */
const modifyAndReturnDoc: Handler = async (ctx, body) => {
  const spec = updateSpecOf(ctx, body, true)
  const result = await modify(ctx, body, spec, { multi: false, upsert: false })
  const doc = result.first ? (result.first.after ?? result.first.before) : undefined
  return { data: { updated: result.updated, doc: doc ? encodeWire(doc) : null } }
}

const removeDocument: Handler = async (ctx, body) => {
  const name = collectionName(ctx, body)
  const query = compileQuery(queryOf(ctx, body))
  const session = sessionFor(ctx, body)
  const multi = body.multi === true && body.queryType !== 'DOC'
  const items = session.find(name, query, { limit: multi ? undefined : 1 })
  await session.write(items.map((item) => ({ coll: name, key: item.key, id: item.doc._id, after: null })))
  ctx.stats.returned = items.length
  return { data: { deleted: items.length } }
}

const calculateDocument: Handler = async (ctx, body) => {
  const name = collectionName(ctx, body)
  const query = compileQuery(queryOf(ctx, body))
  const total = sessionFor(ctx, body).count(name, query)
  ctx.stats.returned = total
  return { data: { total } }
}

const aggregateDocuments: Handler = async (ctx, body) => {
  const name = collectionName(ctx, body)
  if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
  const pipeline: Stage[] = body.stages.map((raw) => {
    if (!isPlainObject(raw) || typeof raw.stageKey !== 'string')
      throw invalidParam('each stage needs stageKey and stageValue')
    const key = raw.stageKey.startsWith('$') ? raw.stageKey : `$${raw.stageKey}`
    return { [key]: decodeWire(raw.stageValue, ctx.now, `stage ${key}`) }
  })
  const docs = runAggregate(ctx.store, name, pipeline, ctx.stats)
  // The foreign documents a $lookup joined are answered too, inside the results.
  ctx.stats.returned = docs.length + ctx.stats.joined
  return { data: { list: docs.map(encodeWire) } }
}

const startTransaction: Handler = async (ctx) => {
  return { transactionId: ctx.txns.begin().id }
}

const commitTransaction: Handler = async (ctx, body) => {
  const txn = ctx.txns.get(body.transactionId)
  ctx.stats.collection = [...txn.writes.keys()].join(',')
  await durable(ctx.stats, ctx.txns.commit(txn))
  return {}
}

const abortTransaction: Handler = async (ctx, body) => {
  ctx.txns.abort(ctx.txns.get(body.transactionId))
  return {}
}

const addCollection: Handler = async (ctx, body) => {
  await ctx.store.createCollection(collectionName(ctx, body))
  return {}
}

export const HANDLERS: Readonly<Record<string, Handler>> = {
  'database.getDocument': getDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.calculateDocument': calculateDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'database.addCollection': addCollection,
}
