/**
 * The live database: collections in memory plus the commit path every write goes through.
 *
 * `commit` is synchronous up to the WAL append: it validates (_id and unique-index collisions), applies
 * the changes to memory and queues one WAL record, all without yielding, so each write is atomic with
 * respect to every other request. The returned promise resolves when the record is fsynced; callers
 * answer only then.
 */
import { Collection } from './collection'
import { collectionNotExist, DbError, duplicateKey } from './errors'
import { encodeWalRecord, type Persistence, type SnapshotCollection, type WalOp } from './persistence'
import type { IndexSpec } from './sorted-index'
import { tupleKey, type Doc } from './values'

export interface Change {
  readonly coll: string
  readonly key: string
  readonly id: unknown
  /** The whole new document, or null to delete. */
  readonly after: Doc | null
  /** An insert: fails if the _id exists. */
  readonly insert?: boolean
}

export class Store {
  readonly collections = new Map<string, Collection>()
  /** Sequence number of the last applied change batch (in memory only: snapshots for transactions). */
  seq = 0
  /** Oldest snapshot an open transaction reads from; undefined when none is open. */
  oldestSnapshot: () => number | undefined = () => undefined
  /** Set when the disk failed: memory may be ahead of disk, so nothing more is accepted. */
  failure: Error | undefined

  constructor(
    private readonly persistence: Persistence,
    private readonly declared: ReadonlyMap<string, IndexSpec[]>,
  ) {}

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  collection(name: string): Collection {
    const coll = this.collections.get(name)
    if (!coll) throw collectionNotExist(name)
    return coll
  }

  /** Adds a collection in memory only (declared collections are re-created from the file at every open). */
  addInMemory(name: string): Collection {
    const coll = new Collection(name, this.declared.get(name) ?? [])
    this.collections.set(name, coll)
    return coll
  }

  /** Creates a collection durably (database.addCollection). */
  createCollection(name: string): Promise<void> {
    this.assertHealthy()
    if (this.collections.has(name)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`)
    }
    this.addInMemory(name)
    return this.persistence.append(encodeWalRecord([{ c: name, n: 1 }]))
  }

  /** Validates, applies and logs one atomic batch; resolves when it is durable. */
  commit(changes: readonly Change[]): Promise<void> {
    this.assertHealthy()
    if (changes.length === 0) return Promise.resolve()
    const byColl = groupByCollection(changes)
    for (const [name, group] of byColl) validate(this.collection(name), group)
    const record = encodeWalRecord(changes.map(toWalOp))
    this.seq++
    const recordUndo = this.oldestSnapshot() !== undefined
    for (const [name, group] of byColl) {
      const coll = this.collection(name)
      if (recordUndo) for (const change of group) coll.recordUndo(this.seq, change.key, coll.getByKey(change.key)?.doc)
      coll.apply(group)
    }
    return this.persistence.append(record)
  }

  /** Validates and applies one batch without logging it (a bulk load, written by the next snapshot). */
  commitUnlogged(changes: readonly Change[]): void {
    this.assertHealthy()
    if (this.oldestSnapshot() !== undefined) throw new Error('a bulk load cannot run beside transactions')
    const byColl = groupByCollection(changes)
    for (const [name, group] of byColl) validate(this.collection(name), group)
    this.seq++
    for (const [name, group] of byColl) this.collection(name).apply(group)
  }

  /** Drops undo history no open transaction needs. */
  pruneUndo(): void {
    const oldest = this.oldestSnapshot()
    for (const coll of this.collections.values()) {
      if (oldest === undefined) coll.undo.clear()
      else coll.pruneUndo(oldest)
    }
  }

  /** The state to write into a snapshot: document references only, no copies (documents are immutable). */
  captureSnapshot(): SnapshotCollection[] {
    return [...this.collections.values()].map((coll) => ({
      name: coll.name,
      docs: Array.from(coll.docs.values(), (rec) => rec.doc),
    }))
  }

  isEmpty(): boolean {
    for (const coll of this.collections.values()) if (coll.size > 0) return false
    return true
  }

  private assertHealthy(): void {
    if (this.failure) {
      throw new DbError(
        'SYS_ERR',
        `[InternalError] local database storage failed (${this.failure.message}); restart the local cloud`,
      )
    }
  }
}

function groupByCollection(changes: readonly Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>()
  for (const change of changes) {
    const group = groups.get(change.coll)
    if (group) group.push(change)
    else groups.set(change.coll, [change])
  }
  return groups
}

function toWalOp(change: Change): WalOp {
  return change.after ? { c: change.coll, p: change.after } : { c: change.coll, d: change.id }
}

/** Rejects the batch if an insert reuses an _id or any unique index would hold a key twice afterwards. */
function validate(coll: Collection, changes: readonly Change[]): void {
  const touched = new Set<string>()
  for (const change of changes) {
    if (change.insert && (touched.has(change.key) || coll.getByKey(change.key))) {
      throw duplicateKey(coll.name, '_id_', { _id: change.id })
    }
    touched.add(change.key)
  }
  for (const index of coll.indexes) {
    if (!index.spec.unique) continue
    const claimed = new Map<string, string>()
    for (const change of changes) {
      if (!change.after) continue
      const vals = index.valuesOf(change.after)
      // Missing or null values never collide (the index is treated as sparse).
      if (vals === null || vals.some((v) => v === null)) continue
      const dupe = () =>
        duplicateKey(coll.name, index.spec.name, Object.fromEntries(index.spec.fields.map((f, i) => [f, vals[i]])))
      const tuple = tupleKey(vals)
      const other = claimed.get(tuple)
      if (other !== undefined && other !== change.key) throw dupe()
      claimed.set(tuple, change.key)
      const [start, end] = index.span(vals)
      for (let i = start; i < end; i++) {
        const holder = index.entryAt(i).key
        // A holder that this batch also changes is judged by its new value, through `claimed`.
        if (holder !== change.key && !touched.has(holder)) throw dupe()
      }
    }
  }
}
