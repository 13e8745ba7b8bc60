/**
 * One collection in memory: documents by _id in insertion ("natural") order, its secondary indexes,
 * and the undo history that lets open transactions read the collection as it was when they began.
 *
 * Stored documents are never mutated: an update stores a new object, and every document is deep-frozen
 * as it enters (apply, load), so a reader that tried to change one throws instead of corrupting data.
 * That makes handing a document to a reader, a snapshot writer or an undo entry free of copies.
 */
import { SortedIndex, type IndexSpec } from './sorted-index'
import { deepFreeze, idKey, type Doc } from './values'

export interface Rec {
  readonly key: string
  readonly doc: Doc
  /** Insertion ordinal: natural order, and the tie-breaker inside index entries. */
  readonly ord: number
}

/** The version a key had before a change with sequence number `seq` (undefined: it did not exist). */
export interface UndoEntry {
  readonly seq: number
  readonly before: Doc | undefined
}

/** A batch changing more entries of an index than this rebuilds it instead of splicing one by one. */
const REBUILD_THRESHOLD = 2000

export class Collection {
  readonly docs = new Map<string, Rec>()
  readonly indexes: SortedIndex[]
  readonly undo = new Map<string, UndoEntry[]>()
  private nextOrd = 0

  constructor(
    readonly name: string,
    specs: IndexSpec[],
  ) {
    this.indexes = specs.map((spec) => new SortedIndex(spec))
  }

  get size(): number {
    return this.docs.size
  }

  getByKey(key: string): Rec | undefined {
    return this.docs.get(key)
  }

  getById(id: unknown): Rec | undefined {
    return this.docs.get(idKey(id))
  }

  /** Applies puts (doc) and deletes (null) and keeps every index in step. */
  apply(changes: ReadonlyArray<{ key: string; after: Doc | null }>): void {
    const moves: Array<{ key: string; before: Rec | undefined; after: Rec | undefined }> = []
    for (const { key, after } of changes) {
      const before = this.docs.get(key)
      if (after === null) {
        if (!before) continue
        this.docs.delete(key)
        moves.push({ key, before, after: undefined })
        continue
      }
      const rec: Rec = { key, doc: deepFreeze(after), ord: before ? before.ord : this.nextOrd++ }
      this.docs.set(key, rec)
      moves.push({ key, before, after: rec })
    }
    for (const index of this.indexes) {
      const affected = moves.filter((m) => !(m.before && m.after && index.unchangedBy(m.before.doc, m.after.doc)))
      if (affected.length > REBUILD_THRESHOLD) {
        const added = affected.flatMap((m) => (m.before === undefined && m.after ? [m.after] : []))
        if (added.length === affected.length) index.addMany(added)
        else index.rebuild(this.docs.values())
        continue
      }
      for (const { key, before, after } of affected) {
        if (before) index.remove(key, before.doc, before.ord)
        if (after) index.add(key, after.doc, after.ord)
      }
    }
  }

  /** Bulk load at open: documents in natural order, indexes built once at the end. */
  load(docs: Iterable<[key: string, doc: Doc]>): void {
    for (const [key, doc] of docs) this.docs.set(key, { key, doc: deepFreeze(doc), ord: this.nextOrd++ })
    this.rebuildIndexes()
  }

  rebuildIndexes(): void {
    for (const index of this.indexes) index.rebuild(this.docs.values())
  }

  /** Replaces the declared indexes (at open, from the collections file). */
  setIndexes(specs: IndexSpec[]): void {
    this.indexes.splice(0, this.indexes.length, ...specs.map((spec) => new SortedIndex(spec)))
    this.rebuildIndexes()
  }

  recordUndo(seq: number, key: string, before: Doc | undefined): void {
    const history = this.undo.get(key)
    if (history) history.push({ seq, before })
    else this.undo.set(key, [{ seq, before }])
  }

  /** Drops undo entries no open transaction can need any more (seq <= oldest open snapshot). */
  pruneUndo(oldestSnapshot: number): void {
    for (const [key, history] of this.undo) {
      const keep = history.filter((entry) => entry.seq > oldestSnapshot)
      if (keep.length === 0) this.undo.delete(key)
      else if (keep.length !== history.length) this.undo.set(key, keep)
    }
  }

  /** The document as of snapshot `seq`: the first change after it knows what was there before. */
  docAsOf(key: string, seq: number): Doc | undefined {
    const history = this.undo.get(key)
    if (history) {
      for (const entry of history) if (entry.seq > seq) return entry.before
    }
    return this.docs.get(key)?.doc
  }

  /** True when `key` was written after snapshot `seq` (a write-write conflict for a transaction). */
  changedSince(key: string, seq: number): boolean {
    const history = this.undo.get(key)
    return history !== undefined && history.some((entry) => entry.seq > seq)
  }

  keysChangedSince(seq: number): string[] {
    const keys: string[] = []
    for (const [key, history] of this.undo) if (history.some((entry) => entry.seq > seq)) keys.push(key)
    return keys
  }
}
