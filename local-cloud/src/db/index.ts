/**
 * The local cloud's database engine: answers the `database.*` actions wx-server-sdk sends, keeps the
 * data in memory with real indexes, and makes every acknowledged write durable in `dataDir`.
 * See README.md in this folder for the design.
 */
import { readFile } from 'node:fs/promises'
import { HANDLERS, type ActionContext, type ActionStats } from './actions'
import { DbError, toDbError } from './errors'
import { newDocId, newRequestId } from './ids'
import { Persistence } from './persistence'
import { compileQuery, runQuery, type SortSpec } from './query'
import type { IndexSpec } from './sorted-index'
import { Store, type Change } from './store'
import { Transactions } from './transactions'
import { deepClone, idKey, isPlainObject, isValidId, tupleKey } from './values'

export interface QueryLogEntry {
  tag: string
  action: string
  collection: string
  index: string | null
  /** Index entries (or `_id` lookups) visited; a covered count or group visits keys and fetches no document. */
  keysExamined: number
  docsExamined: number
  docsReturned: number
  ms: number
  /** Of `ms`, the time its writes waited for the WAL's fsync (0 for a read). */
  durableMs: number
  at: number
}

export interface DatabaseOptions {
  dataDir: string
  collectionsFile: string
  onQuery?: (e: QueryLogEntry) => void
  /** Compact the WAL into a new snapshot once it exceeds this many bytes (default 32 MiB). */
  compactAfterBytes?: number
  /**
   * Dataset generators only: `insertMany` writes no WAL record; `close()` writes everything in one snapshot.
   * Nothing inserted is durable before that (a crash loses it all, so a generator builds into a fresh dir).
   */
  bulkLoad?: boolean
}

export interface LocalDatabase {
  /** Answer one `database.*` action of the SDK. `body` is the parsed JSON body the SDK POSTed; returns the complete JSON reply body the SDK expects (success or error shape, requestId included). Never throws for bad requests: answers the SDK's error shape. `tag` identifies the caller for the query log (the server passes the function-call id, or 'admin'). */
  handle(action: string, body: Record<string, unknown>, tag: string): Promise<Record<string, unknown>>
  /** Internal API for seeding and dev routes (plain JS values, Dates as Date). */
  find(
    collection: string,
    query: Record<string, unknown>,
    opts?: { sort?: Record<string, 1 | -1>; limit?: number },
  ): Promise<Record<string, unknown>[]>
  insertMany(collection: string, docs: readonly object[]): Promise<void>
  isEmpty(): boolean // no documents in any collection
  close(): Promise<void>
}

const DEFAULT_COMPACT_AFTER_BYTES = 32 * 1024 * 1024

export async function openDatabase(opts: DatabaseOptions): Promise<LocalDatabase> {
  const declared = await readCollectionsFile(opts.collectionsFile)
  // The failure callback is wired before the store exists; it reaches the store through this holder.
  const holder: { store?: Store } = {}
  const onFailure = (error: Error): void => {
    console.error(`[local-cloud db] storage failure, refusing further writes: ${error.message}`)
    if (holder.store) holder.store.failure = error
  }
  const opened = await Persistence.open(opts.dataDir, onFailure)
  const store = new Store(opened.persistence, declared)
  holder.store = store
  for (const [name, docs] of opened.data) store.addInMemory(name).load(docs)
  for (const name of declared.keys()) if (!store.hasCollection(name)) store.addInMemory(name)
  warnAboutUniqueViolations(store)
  const db = new Database(store, opened.persistence, opts)
  if (opened.replayedBytes > 0) db.compactInBackground() // fold the replayed WAL into a fresh snapshot
  return db
}

/** Compacts now (tests and tools); resolves when the new snapshot is in place. */
export function compactDatabase(db: LocalDatabase): Promise<void> {
  if (!(db instanceof Database)) throw new Error('not a local database')
  return db.compact()
}

class Database implements LocalDatabase {
  private readonly txns: Transactions
  private readonly compactAfter: number
  /** Drops abandoned transactions (a function that died mid-transaction) so undo history stays small. */
  private readonly expiryTimer: NodeJS.Timeout
  /** Inserts of a bulk load not yet in a snapshot. */
  private unsnapshotted = false

  constructor(
    private readonly store: Store,
    private readonly persistence: Persistence,
    private readonly opts: DatabaseOptions,
  ) {
    this.txns = new Transactions(store)
    this.compactAfter = opts.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES
    this.expiryTimer = setInterval(() => this.txns.expireIdle(), 10_000)
    this.expiryTimer.unref()
  }

  async handle(action: string, body: Record<string, unknown>, tag: string): Promise<Record<string, unknown>> {
    const requestId = newRequestId()
    const started = performance.now()
    const stats: ActionStats = { collection: '', index: null, examined: 0, keys: 0, joined: 0, returned: 0 }
    let reply: Record<string, unknown>
    try {
      const handler = HANDLERS[action]
      if (!handler) throw new DbError('INVALID_PARAM', `[InvalidParameter] unsupported database action ${action}`)
      const ctx: ActionContext = { store: this.store, txns: this.txns, now: Date.now(), stats }
      reply = { requestId, ...(await handler(ctx, isPlainObject(body) ? body : {})) }
    } catch (error) {
      const dbError = toDbError(error)
      reply = { requestId, code: dbError.code, message: dbError.message }
    }
    this.log(tag, action, stats, started)
    this.maybeCompact()
    return reply
  }

  async find(
    collection: string,
    query: Record<string, unknown>,
    opts: { sort?: Record<string, 1 | -1>; limit?: number } = {},
  ): Promise<Record<string, unknown>[]> {
    const started = performance.now()
    const stats: ActionStats = { collection, index: null, examined: 0, keys: 0, joined: 0, returned: 0 }
    if (!this.store.hasCollection(collection)) return []
    const sort: SortSpec | undefined = opts.sort ? Object.entries(opts.sort) : undefined
    const items = runQuery(this.store.collection(collection), compileQuery(query), { sort, limit: opts.limit }, stats)
    stats.returned = items.length
    this.log('internal', 'internal.find', stats, started)
    return items.map((item) => deepClone(item.doc))
  }

  async insertMany(collection: string, docs: readonly object[]): Promise<void> {
    const started = performance.now()
    if (!this.store.hasCollection(collection)) this.store.addInMemory(collection)
    const changes: Change[] = docs.map((raw) => {
      const doc = deepClone(raw) as Record<string, unknown>
      const id = doc._id === undefined ? newDocId() : doc._id
      if (!isValidId(id)) throw new Error(`insertMany(${collection}): _id must be a non-empty string or a number`)
      const { _id: _ignored, ...rest } = doc
      return { coll: collection, key: idKey(id), id, after: { _id: id, ...rest }, insert: true }
    })
    if (this.opts.bulkLoad) {
      this.store.commitUnlogged(changes)
      this.unsnapshotted = true
    } else await this.store.commit(changes)
    this.log(
      'internal',
      'internal.insertMany',
      { collection, index: null, examined: 0, keys: 0, joined: 0, returned: docs.length },
      started,
    )
    this.maybeCompact()
  }

  isEmpty(): boolean {
    return this.store.isEmpty()
  }

  async close(): Promise<void> {
    clearInterval(this.expiryTimer)
    if ((this.persistence.walBytes > 0 || this.unsnapshotted) && !this.store.failure)
      await this.compact().catch(logCompactionError)
    await this.persistence.close()
  }

  compact(): Promise<void> {
    return this.persistence.compact(() => this.store.captureSnapshot())
  }

  compactInBackground(): void {
    this.compact().catch(logCompactionError)
  }

  private maybeCompact(): void {
    if (this.persistence.walBytes > this.compactAfter && !this.persistence.isCompacting && !this.store.failure) {
      this.compactInBackground()
    }
  }

  private log(tag: string, action: string, stats: ActionStats, started: number): void {
    if (!this.opts.onQuery) return
    const entry: QueryLogEntry = {
      tag,
      action,
      collection: stats.collection,
      index: stats.index,
      keysExamined: stats.keys,
      docsExamined: stats.examined,
      docsReturned: stats.returned,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
      durableMs: Math.round((stats.durableMs ?? 0) * 1000) / 1000,
      at: Date.now(),
    }
    try {
      this.opts.onQuery(entry)
    } catch (error) {
      console.error('[local-cloud db] onQuery threw', error)
    }
  }
}

function logCompactionError(error: unknown): void {
  console.error('[local-cloud db] compaction failed (the WAL still holds every write):', error)
}

// ---------------------------------------------------------------------------------------------
// Collections file: { collections: { <name>: { indexes: [{ name, keys: {field: 1|-1}, unique? }] } } }

export async function readCollectionsFile(file: string): Promise<Map<string, IndexSpec[]>> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
  if (!isPlainObject(parsed) || !isPlainObject(parsed.collections)) {
    throw new Error(`${file}: expected { "collections": { <name>: { "indexes": [...] } } }`)
  }
  const declared = new Map<string, IndexSpec[]>()
  for (const [name, spec] of Object.entries(parsed.collections)) {
    const indexes = isPlainObject(spec) && Array.isArray(spec.indexes) ? spec.indexes : []
    declared.set(
      name,
      indexes.map((index, i) => indexSpecOf(file, name, index, i)),
    )
  }
  return declared
}

function indexSpecOf(file: string, collection: string, raw: unknown, position: number): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.keys) || Object.keys(raw.keys).length === 0) {
    throw new Error(`${file}: index ${position} of ${collection} needs "keys"`)
  }
  const entries = Object.entries(raw.keys)
  for (const [field, dir] of entries) {
    if (dir !== 1 && dir !== -1) throw new Error(`${file}: ${collection}.${field} must be 1 or -1`)
  }
  return {
    name: typeof raw.name === 'string' ? raw.name : entries.map(([f, d]) => `${f}_${String(d)}`).join('_'),
    fields: entries.map(([field]) => field),
    dirs: entries.map(([, dir]) => (dir === -1 ? -1 : 1)),
    unique: raw.unique === true,
    multikey: raw.multikey === true,
  }
}

/** Data written before a unique index was declared may violate it: say so (new writes are still checked). */
function warnAboutUniqueViolations(store: Store): void {
  for (const coll of store.collections.values()) {
    for (const index of coll.indexes) {
      if (!index.spec.unique) continue
      const seen = new Set<string>()
      for (let i = 0; i < index.size; i++) {
        const vals = index.entryAt(i).vals
        if (vals.some((v) => v === null)) continue
        const key = tupleKey(vals)
        if (seen.has(key)) {
          console.warn(`[local-cloud db] ${coll.name}: existing documents violate unique index ${index.spec.name}`)
          break
        }
        seen.add(key)
      }
    }
  }
}
