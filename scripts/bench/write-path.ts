/**
 * The local database's in-memory write path on a cached college dataset, without the gateway or functions:
 * opens a copy of `<dataset>/data/db`, then applies `n` review-approve-like writes (a pending report's
 * status and queue order change, as `report.review` does, and one audit record is inserted) and prints
 * the time of each synchronous commit (validate, apply to the indexes, build the WAL record), split by
 * index maintenance, with the number of index entries moved.
 *
 *   flock /work/wt/bench.lock node --single-threaded-gc --max-old-space-size=12000 --import tsx \
 *     scripts/bench/write-path.ts <dataset dir> [n] [flat]
 *
 * `flat` keeps each index in one array (as before the chunked indexes), to compare.
 *
 * A college-sized dataset takes GBs of heap: hold the bench lock.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ChunkedList } from '../../local-cloud/src/db/chunked-list'
import { readCollectionsFile } from '../../local-cloud/src/db/index'
import { Persistence } from '../../local-cloud/src/db/persistence'
import { SortedIndex } from '../../local-cloud/src/db/sorted-index'
import { Store } from '../../local-cloud/src/db/store'
import type { Doc } from '../../local-cloud/src/db/values'

const ROOT = resolve(__dirname, '..', '..')

async function main(): Promise<void> {
  const [datasetDir, nArg, mode] = process.argv.slice(2)
  if (!datasetDir) throw new Error('usage: write-path.ts <dataset dir> [n]')
  const n = Number(nArg ?? 300)
  if (mode === 'flat') ChunkedList.chunkMax = Number.POSITIVE_INFINITY
  const dir = mkdtempSync(join(tmpdir(), 'zbt-write-path-'))
  try {
    cpSync(join(datasetDir, 'data', 'db'), dir, { recursive: true })
    const loadStarted = performance.now()
    const store = await openStore(dir)
    const reports = store.collection('reports')
    const audit = store.collection('audit')
    console.log(
      `${mode === 'flat' ? 'flat' : 'chunked'} indexes, loaded in ${Math.round(performance.now() - loadStarted)} ms: reports ${reports.size}, audit ${audit.size}, heap ${heapMb()} MB`,
    )
    const pending = [...reports.docs.values()].filter((rec) => rec.doc.status === 'pending').slice(0, n)
    const indexMs = timeIndexMaintenance()
    const commits: number[] = []
    const indexShare: number[] = []
    for (const [i, rec] of pending.entries()) {
      const now = new Date()
      const after: Doc = { ...rec.doc, status: 'approved', queueOrder: -now.getTime(), updatedAt: now }
      const auditDoc: Doc = {
        _id: `bench-audit-${i}-${now.getTime()}`,
        at: now,
        action: 'report.review',
        actorId: String(rec.doc.memberId),
        targetId: rec.key,
        before: { status: 'pending' },
        after: { status: 'approved' },
      }
      indexMs.total = 0
      const started = performance.now()
      const reportWrite = store.commit([{ coll: 'reports', key: rec.key, id: rec.doc._id, after }])
      const auditWrite = store.commit([
        { coll: 'audit', key: String(auditDoc._id), id: auditDoc._id, after: auditDoc, insert: true },
      ])
      commits.push(performance.now() - started)
      indexShare.push(indexMs.total)
      await Promise.all([reportWrite, auditWrite])
    }
    console.log(
      `${pending.length} approve-like writes: commit p50 ${p50(commits).toFixed(3)} ms, mean ${mean(commits).toFixed(3)} ms;` +
        ` index add/remove p50 ${p50(indexShare).toFixed(3)} ms, mean ${mean(indexShare).toFixed(3)} ms; heap ${heapMb()} MB`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function openStore(dir: string): Promise<Store> {
  const declared = await readCollectionsFile(join(ROOT, 'cloudfunctions', 'collections.json'))
  const opened = await Persistence.open(dir, (error) => console.error(error))
  const store = new Store(opened.persistence, declared)
  for (const [name, docs] of opened.data) store.addInMemory(name).load(docs)
  return store
}

/** Wraps SortedIndex.add/remove to sum their time into `total`. */
function timeIndexMaintenance(): { total: number } {
  const sum = { total: 0 }
  for (const method of ['add', 'remove'] as const) {
    const original = SortedIndex.prototype[method]
    SortedIndex.prototype[method] = function (this: SortedIndex, key: string, doc: Doc, ord: number): void {
      const started = performance.now()
      original.call(this, key, doc, ord)
      sum.total += performance.now() - started
    }
  }
  return sum
}

function heapMb(): number {
  return Math.round(process.memoryUsage().heapUsed / 1e6)
}

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
