/**
 * Durability of the local database under `dataDir`:
 *
 *   LOCK                 pid of the process that has the directory open (one writer at a time)
 *   snapshot.db          the state up to WAL generation `walGen` (header), replaced atomically
 *   wal-00000007.log     write-ahead log generations >= walGen, replayed in order after the snapshot
 *
 * Every acknowledged write is a fsynced WAL record. Compaction rotates to a new WAL generation, writes
 * the state as of the rotation to snapshot.db.tmp, fsyncs it, renames it over snapshot.db, fsyncs the
 * directory and only then deletes the older WAL files. A crash at any step leaves either the old
 * snapshot plus all WAL files, or the new snapshot plus the WAL files it does not cover.
 */
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, readFile, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { decodeStored, encodeStored } from './codec'
import { fsyncDir, renameDurably, writeAll } from './fsutil'
import { idKey, isPlainObject, type Doc } from './values'
import { parseRecordLine, WalWriter } from './wal'

/** Recovered state: collection -> (_id key -> document), both maps in natural order. */
export type RecoveredData = Map<string, Map<string, Doc>>

/** One WAL record: the changes of one acknowledged write or one committed transaction. */
export interface WalOp {
  /** collection */
  c: string
  /** put: the whole document after the change */
  p?: Doc
  /** delete: the _id */
  d?: unknown
  /** create the (empty) collection */
  n?: 1
}

export interface SnapshotCollection {
  name: string
  docs: Doc[]
}

const SNAPSHOT = 'snapshot.db'
const SNAPSHOT_TMP = 'snapshot.db.tmp'
const LOCK = 'LOCK'
const WAL_PATTERN = /^wal-(\d{8})\.log$/
/** Documents serialized per write: small enough that requests keep flowing during a compaction. */
const SNAPSHOT_CHUNK = 500

export interface OpenedPersistence {
  persistence: Persistence
  data: RecoveredData
  /** WAL bytes replayed at open: worth compacting soon. */
  replayedBytes: number
  /** Bytes dropped from a torn WAL tail (0 after a clean shutdown). */
  tornBytes: number
}

export class Persistence {
  private wal: WalWriter
  private compacting: Promise<void> | undefined
  private closed = false

  private constructor(
    private readonly dir: string,
    private walGen: number,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.wal = new WalWriter(walFile(dir, walGen), 0, Promise.resolve(), onFailure)
  }

  static async open(dir: string, onFailure: (error: Error) => void): Promise<OpenedPersistence> {
    await mkdir(dir, { recursive: true })
    await acquireLock(dir)
    try {
      await rm(path.join(dir, SNAPSHOT_TMP), { force: true })
      const data: RecoveredData = new Map()
      const snapshotGen = await loadSnapshot(dir, data)
      const gens = (await listWalGens(dir)).filter((gen) => gen >= snapshotGen)
      const replay = await replayWals(dir, gens, data)
      await removeEmptyWals(dir, gens) // left by restarts without writes; nothing to replay in them
      const nextGen = Math.max(snapshotGen, ...gens.map((gen) => gen + 1))
      const persistence = new Persistence(dir, nextGen, onFailure)
      return { persistence, data, replayedBytes: replay.bytes, tornBytes: replay.tornBytes }
    } catch (error) {
      await releaseLock(dir)
      throw error
    }
  }

  get walBytes(): number {
    return this.wal.bytes
  }

  get isCompacting(): boolean {
    return this.compacting !== undefined
  }

  /** Queues a record (JSON of `{o: WalOp[]}`, from encodeWalRecord); resolves when it is durable. */
  append(record: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('local database is closed'))
    return this.wal.append(record)
  }

  /**
   * Compacts the WAL into a new snapshot. `capture` is called synchronously at the rotation point,
   * so it sees exactly the writes that went to the older WAL generations.
   */
  compact(capture: () => SnapshotCollection[]): Promise<void> {
    this.compacting ??= this.runCompaction(capture).finally(() => {
      this.compacting = undefined
    })
    return this.compacting
  }

  async close(): Promise<void> {
    if (this.closed) return
    while (this.compacting) await this.compacting.catch(() => undefined)
    this.closed = true
    try {
      await this.wal.close()
    } finally {
      await releaseLock(this.dir)
    }
  }

  private async runCompaction(capture: () => SnapshotCollection[]): Promise<void> {
    // Synchronous part: capture the state and switch WAL files with no write in between.
    const state = capture()
    const previous = this.wal
    const newGen = this.walGen + 1
    const previousClosed = previous.close()
    this.wal = new WalWriter(walFile(this.dir, newGen), 0, previousClosed, this.onFailure)
    this.walGen = newGen
    await previousClosed
    await writeSnapshot(this.dir, newGen, state)
    for (const gen of await listWalGens(this.dir)) {
      if (gen < newGen) await unlink(walFile(this.dir, gen))
    }
    await fsyncDir(this.dir)
  }
}

export function encodeWalRecord(ops: WalOp[]): string {
  return encodeStored({ o: ops })
}

// ---------------------------------------------------------------------------------------------
// Lock file

/** Exclusive create of LOCK; a LOCK left by a dead process (kill -9) is taken over. */
async function acquireLock(dir: string): Promise<void> {
  const file = path.join(dir, LOCK)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' })
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new Error(
        `local database ${dir} is already open in process ${holder}${holder === process.pid ? ' (this one)' : ''}`,
      )
    }
    await rm(file, { force: true })
  }
  throw new Error(`local database ${dir}: could not take LOCK`)
}

async function releaseLock(dir: string): Promise<void> {
  const file = path.join(dir, LOCK)
  const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
  if (holder === process.pid) await rm(file, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// ---------------------------------------------------------------------------------------------
// Snapshot

function walFile(dir: string, gen: number): string {
  return path.join(dir, `wal-${String(gen).padStart(8, '0')}.log`)
}

async function listWalGens(dir: string): Promise<number[]> {
  const gens: number[] = []
  for (const name of await readdir(dir)) {
    const match = WAL_PATTERN.exec(name)
    if (match) gens.push(Number(match[1]))
  }
  return gens.sort((a, b) => a - b)
}

/**
 * Snapshot format, one JSON value per line: a header `{"v":1,"walGen":N,"collections":[…]}`, then
 * `<collection index>\t<document>` lines, then a trailer `{"end":true,"count":M}` whose absence or
 * wrong count means the file is damaged (it is only ever renamed into place complete and fsynced).
 */
async function writeSnapshot(dir: string, walGen: number, state: SnapshotCollection[]): Promise<void> {
  const tmp = path.join(dir, SNAPSHOT_TMP)
  const handle = await open(tmp, 'w')
  let count = 0
  try {
    await writeAll(handle, `${JSON.stringify({ v: 1, walGen, collections: state.map((c) => c.name) })}\n`)
    for (let ci = 0; ci < state.length; ci++) {
      const docs = state[ci].docs
      for (let start = 0; start < docs.length; start += SNAPSHOT_CHUNK) {
        const lines = docs.slice(start, start + SNAPSHOT_CHUNK).map((doc) => `${ci}\t${encodeStored(doc)}\n`)
        count += lines.length
        await writeAll(handle, lines.join('')) // each chunk yields to the event loop
      }
    }
    await writeAll(handle, `${JSON.stringify({ end: true, count })}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await renameDurably(tmp, path.join(dir, SNAPSHOT))
}

/** Loads snapshot.db into `data`; returns the first WAL generation it does not cover (0 when absent). */
async function loadSnapshot(dir: string, data: RecoveredData): Promise<number> {
  const file = path.join(dir, SNAPSHOT)
  if (
    !(await stat(file).then(
      () => true,
      () => false,
    ))
  )
    return 0
  let header: { walGen: number; collections: Map<string, Doc>[] } | undefined
  let count = 0
  let complete = false
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      if (complete) throw damaged(file, 'data after the trailer')
      if (!header) {
        header = parseHeader(file, line, data)
        continue
      }
      const tab = line.indexOf('\t')
      if (tab < 0) {
        const trailer: unknown = JSON.parse(line)
        complete = isPlainObject(trailer) && trailer.end === true && trailer.count === count
        if (!complete) throw damaged(file, 'bad trailer')
        continue
      }
      const docs = header.collections[Number(line.slice(0, tab))]
      const doc = decodeStored(line.slice(tab + 1))
      if (!docs || !isPlainObject(doc)) throw damaged(file, `bad line ${count + 2}`)
      docs.set(idKey(doc._id), doc)
      count++
    }
  }
  if (!header || !complete) throw damaged(file, 'incomplete')
  return header.walGen
}

/** Lines of a UTF-8 file, a batch per 1 MiB chunk (much lighter than node:readline for 100k+ lines). */
async function* readLineBatches(file: string): AsyncGenerator<string[]> {
  let carry = ''
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (carry + String(chunk)).split('\n')
    carry = lines.pop() ?? ''
    yield lines
  }
  if (carry !== '') yield [carry]
}

function parseHeader(
  file: string,
  line: string,
  data: RecoveredData,
): { walGen: number; collections: Map<string, Doc>[] } {
  const parsed: unknown = JSON.parse(line)
  if (!isPlainObject(parsed) || parsed.v !== 1 || !Array.isArray(parsed.collections)) throw damaged(file, 'bad header')
  const collections = parsed.collections.map((name) => {
    const docs = new Map<string, Doc>()
    data.set(String(name), docs)
    return docs
  })
  return { walGen: Number(parsed.walGen), collections }
}

function damaged(file: string, why: string): Error {
  return new Error(
    `local database snapshot ${file} is damaged (${why}); restore it from a backup or remove the data directory`,
  )
}

// ---------------------------------------------------------------------------------------------
// WAL replay

async function removeEmptyWals(dir: string, gens: number[]): Promise<void> {
  let removed = false
  for (const gen of gens) {
    const file = walFile(dir, gen)
    if ((await stat(file)).size === 0) {
      await unlink(file)
      removed = true
    }
  }
  if (removed) await fsyncDir(dir)
}

async function replayWals(
  dir: string,
  gens: number[],
  data: RecoveredData,
): Promise<{ bytes: number; tornBytes: number }> {
  let bytes = 0
  let tornBytes = 0
  for (let i = 0; i < gens.length; i++) {
    const file = walFile(dir, gens[i])
    const buffer = await readFile(file)
    const good = replayBuffer(buffer, data)
    bytes += good
    if (good === buffer.length) continue
    // A torn tail is only possible in the newest WAL that has data: later files must be empty.
    for (const later of gens.slice(i + 1)) {
      if ((await readFile(walFile(dir, later))).length > 0) {
        throw new Error(`local database WAL ${file} is corrupt at byte ${good} but later WAL files have data`)
      }
    }
    tornBytes += buffer.length - good
    await truncate(file, good)
    const handle = await open(file, 'r+')
    await handle.sync().finally(() => handle.close())
    console.warn(
      `[local-cloud db] ignored a torn WAL tail: ${buffer.length - good} bytes of ${path.basename(file)} (never acknowledged)`,
    )
  }
  return { bytes, tornBytes }
}

/** Applies every intact record; returns the byte length of the intact prefix. */
function replayBuffer(buffer: Buffer, data: RecoveredData): number {
  let offset = 0
  while (offset < buffer.length) {
    const newline = buffer.indexOf(10, offset)
    if (newline < 0) return offset
    const json = parseRecordLine(buffer.toString('utf8', offset, newline))
    if (json === undefined) return offset
    const record = decodeStored(json)
    if (!isPlainObject(record) || !Array.isArray(record.o)) return offset
    for (const op of record.o) applyOp(op, data)
    offset = newline + 1
  }
  return offset
}

function applyOp(op: unknown, data: RecoveredData): void {
  if (!isPlainObject(op) || typeof op.c !== 'string') return
  let docs = data.get(op.c)
  if (!docs) {
    docs = new Map()
    data.set(op.c, docs)
  }
  if (isPlainObject(op.p)) docs.set(idKey(op.p._id), op.p)
  else if ('d' in op) docs.delete(idKey(op.d))
}
