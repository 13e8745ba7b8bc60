/**
 * Transactions with snapshot isolation.
 *
 * A transaction remembers the store's sequence number when it began; while any transaction is open,
 * every committed change records the version it replaced (Collection.undo), so reads inside the
 * transaction see the collection as of its start. Its own writes stay in an overlay and are visible
 * only to itself. Commit applies the overlay as one store batch (one WAL record) after checking that
 * no key it writes was changed by anyone else since it began (first committer wins), so a concurrent
 * update is never silently overwritten: the commit answers DATABASE_TRANSACTION_CONFLICT, on which the
 * SDK's runTransaction retries. Abort, or any failed commit, simply drops the overlay.
 */
import { randomBytes } from 'node:crypto'
import { DbError, transactionConflict } from './errors'
import type { CollectionView } from './query'
import type { Change, Store } from './store'
import { deepFreeze } from './values'

/** An idle transaction is dropped after this long (the real cloud also expires transactions). */
const IDLE_TIMEOUT_MS = 60_000
/** Documents inserted by a transaction sort after every stored document in natural order. */
const OVERLAY_ORD_BASE = 2 ** 50

export class Transaction {
  /** collection -> key -> pending change */
  readonly writes = new Map<string, Map<string, Change>>()
  lastUsed = Date.now()
  private inserted = 0
  private readonly insertOrd = new Map<string, number>()

  constructor(
    readonly id: string,
    readonly startSeq: number,
  ) {}

  stage(change: Change): void {
    let coll = this.writes.get(change.coll)
    if (!coll) {
      coll = new Map()
      this.writes.set(change.coll, coll)
    }
    const previous = coll.get(change.key)
    // The transaction's own writes are read back by reference, like stored documents: frozen as well.
    if (change.after) deepFreeze(change.after)
    // Whether the key is new is decided by the first write: delete-then-add of an existing key is a
    // replacement, add-then-update of a new key is still an insert.
    coll.set(change.key, { ...change, insert: previous ? previous.insert : change.insert })
    if (change.insert && !previous && !this.insertOrd.has(change.key))
      this.insertOrd.set(change.key, OVERLAY_ORD_BASE + this.inserted++)
  }

  view(store: Store, collName: string): CollectionView {
    const coll = store.collection(collName)
    const own = this.writes.get(collName)
    const extra = new Set(coll.keysChangedSince(this.startSeq))
    if (own) for (const key of own.keys()) extra.add(key)
    return {
      extraKeys: [...extra],
      doc: (key) => {
        const change = own?.get(key)
        if (change) return change.after ?? undefined
        return coll.docAsOf(key, this.startSeq)
      },
      ord: (key) => coll.getByKey(key)?.ord ?? this.insertOrd.get(key) ?? OVERLAY_ORD_BASE * 2,
    }
  }

  /** The net changes; a key added and then removed inside the transaction is no change at all. */
  changes(): Change[] {
    return [...this.writes.values()]
      .flatMap((coll) => [...coll.values()])
      .filter((c) => !(c.insert && c.after === null))
  }
}

export class Transactions {
  private readonly open = new Map<string, Transaction>()

  constructor(private readonly store: Store) {
    store.oldestSnapshot = () => this.oldestSnapshot()
  }

  get openCount(): number {
    return this.open.size
  }

  begin(): Transaction {
    this.expireIdle()
    const txn = new Transaction(randomBytes(16).toString('hex'), this.store.seq)
    this.open.set(txn.id, txn)
    return txn
  }

  get(id: unknown): Transaction {
    this.expireIdle()
    const txn = typeof id === 'string' ? this.open.get(id) : undefined
    if (!txn) {
      throw new DbError(
        'DATABASE_REQUEST_FAILED',
        `[ResourceNotFound.Transaction] transaction ${String(id)} does not exist or has expired`,
      )
    }
    txn.lastUsed = Date.now()
    return txn
  }

  /** Commits atomically or throws (conflict, duplicate key…); the transaction is over either way. */
  commit(txn: Transaction): Promise<void> {
    const changes = txn.changes()
    try {
      for (const change of changes) {
        if (this.store.collection(change.coll).changedSince(change.key, txn.startSeq)) throw transactionConflict()
      }
    } finally {
      // Ended only after the check: ending prunes the undo history the check reads.
      this.end(txn)
    }
    return this.store.commit(changes)
  }

  abort(txn: Transaction): void {
    this.end(txn)
  }

  /** Drops transactions nobody touched for a while, so their undo history does not grow forever. */
  expireIdle(now = Date.now()): void {
    let expired = false
    for (const txn of this.open.values()) {
      if (now - txn.lastUsed > IDLE_TIMEOUT_MS) {
        this.open.delete(txn.id)
        expired = true
      }
    }
    if (expired) this.store.pruneUndo()
  }

  private end(txn: Transaction): void {
    this.open.delete(txn.id)
    this.store.pruneUndo()
  }

  private oldestSnapshot(): number | undefined {
    let oldest: number | undefined
    for (const txn of this.open.values()) if (oldest === undefined || txn.startSeq < oldest) oldest = txn.startSeq
    return oldest
  }
}
