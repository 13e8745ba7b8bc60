/**
 * College-scale benchmark of the engine alone (no HTTP, no SDK): 200,000 members and 200,000 audit
 * records, then the typical actions with their p50/p95, then compaction and reopen times.
 *   node --import tsx local-cloud/src/db/bench.ts [docsPerCollection]
 */
import { EJSON } from 'bson'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { compactDatabase, openDatabase, type LocalDatabase } from './index'

const N = Number(process.argv[2] ?? 200_000)
const BRANCHES = 100
const STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full']
const ACTORS = 2000
const ROUNDS = 300

const ej = (value: unknown): string => EJSON.stringify(value, { relaxed: false })

function member(i: number): Record<string, unknown> {
  return {
    _id: `m${i}`,
    studentNo: `2024${String(i).padStart(7, '0')}`,
    name: `学生${i}`,
    branchId: `b${i % BRANCHES}`,
    stage: STAGES[i % STAGES.length],
    score: i % 100,
    joinedAt: new Date(1_600_000_000_000 + i * 60_000),
  }
}

function audit(i: number): Record<string, unknown> {
  return {
    actorId: `m${i % ACTORS}`,
    targetId: `m${(i * 7) % N}`,
    action: 'review',
    at: new Date(1_700_000_000_000 + i * 1000),
  }
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await fn()
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`)
  return result
}

async function measure(
  db: LocalDatabase,
  label: string,
  body: (i: number) => { action: string; body: Record<string, unknown> },
): Promise<void> {
  const samples: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const { action, body: params } = body(i)
    const started = performance.now()
    const reply = await db.handle(action, params, 'bench')
    samples.push(performance.now() - started)
    if (reply.code) throw new Error(`${label}: ${String(reply.message)}`)
  }
  samples.sort((a, b) => a - b)
  const p = (q: number): string => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2)
  console.log(`${label.padEnd(48)} p50 ${p(0.5)} ms   p95 ${p(0.95)} ms   max ${p(1)} ms`)
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'db-bench-'))
  const collectionsFile = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '../../../cloudfunctions/collections.json',
  )
  const examined: Record<string, string> = {}
  const db = await openDatabase({
    dataDir: dir,
    collectionsFile,
    onQuery: (e) => (examined[e.action + e.collection] = `index ${e.index ?? 'none'}, examined ${e.docsExamined}`),
  })
  try {
    await time(`insertMany ${N} members`, () =>
      db.insertMany(
        'members',
        Array.from({ length: N }, (_, i) => member(i)),
      ),
    )
    await time(`insertMany ${N} audit`, () =>
      db.insertMany(
        'audit',
        Array.from({ length: N }, (_, i) => audit(i)),
      ),
    )
    await time('compaction (snapshot of all documents)', () => compactDatabase(db)) // measure steady state below

    const get = (collectionName: string, query: unknown, extra: Record<string, unknown> = {}) => ({
      action: 'database.getDocument',
      body: { collectionName, queryType: 'WHERE', query: ej(query), limit: 100, ...extra },
    })
    /**
     * An aggregation request; each stage is written as in MongoDB (`{ $match: {...} }`) and sent as the SDK sends
     * it: an object as EJSON, a number ($limit) as JSON.
     */
    const aggregate = (collectionName: string, stages: Record<string, unknown>[]) => ({
      action: 'database.aggregateDocuments',
      body: {
        collectionName,
        stages: stages.flatMap((stage) =>
          Object.entries(stage).map(([stageKey, value]) => ({
            stageKey,
            stageValue: typeof value === 'object' ? ej(value) : JSON.stringify(value),
          })),
        ),
      },
    })
    // The update timed alone and during a compaction: one member's score, by `_id`.
    const bumpScore = (id: string) => ({
      action: 'database.modifyDocument',
      body: {
        collectionName: 'members',
        queryType: 'DOC',
        query: ej({ _id: id }),
        data: ej({ $inc: { score: 1 } }),
        multi: false,
        merge: true,
        upsert: false,
      },
    })
    await measure(db, 'members by studentNo (unique)', (i) =>
      get('members', { studentNo: `2024${String((i * 613) % N).padStart(7, '0')}` }),
    )
    await measure(db, 'members by _id (doc)', (i) => ({
      action: 'database.getDocument',
      body: { collectionName: 'members', queryType: 'DOC', query: ej({ _id: `m${(i * 31) % N}` }) },
    }))
    await measure(db, 'members of a branch+stage, limit 100', (i) =>
      get('members', { branchId: `b${i % BRANCHES}`, stage: STAGES[i % 5] }),
    )
    await measure(db, 'members of a branch by stage order, limit 20', (i) =>
      get('members', { branchId: `b${i % BRANCHES}` }, { order: ej({ stage: 1 }), limit: 20 }),
    )
    await measure(db, 'count members of a branch', (i) => ({
      action: 'database.calculateDocument',
      body: { collectionName: 'members', queryType: 'WHERE', query: ej({ branchId: `b${i % BRANCHES}` }) },
    }))
    await measure(db, 'audit of an actor, newest 20', (i) =>
      get('audit', { actorId: `m${i % ACTORS}` }, { order: ej({ at: -1 }), limit: 20 }),
    )
    await measure(db, 'audit newest 20 (whole collection)', () =>
      get('audit', {}, { order: ej({ at: -1 }), limit: 20 }),
    )
    await measure(db, 'audit in a time range, newest 50', (i) =>
      get('audit', { at: { $gte: new Date(1_700_000_000_000 + i * 100_000) } }, { order: ej({ at: -1 }), limit: 50 }),
    )
    await measure(db, 'update a member by _id ($inc)', (i) => bumpScore(`m${(i * 17) % N}`))
    await measure(db, 'insert an audit record', (i) => ({
      action: 'database.insertDocument',
      body: { collectionName: 'audit', data: [ej(audit(N + i))] },
    }))
    await measure(db, 'aggregate: branch members grouped by stage', (i) =>
      aggregate('members', [
        { $match: { branchId: `b${i % BRANCHES}` } },
        { $group: { _id: '$stage', n: { $sum: 1 } } },
      ]),
    )
    await measure(db, 'aggregate: audit of an actor + lookup member', (i) =>
      aggregate('audit', [
        { $match: { actorId: `m${i % ACTORS}` } },
        { $sort: { at: -1 } },
        { $limit: 20 },
        { $lookup: { from: 'members', localField: 'targetId', foreignField: '_id', as: 'target' } },
      ]),
    )
    await measure(db, 'full scan: members by name (no index)', (i) => get('members', { name: `学生${i}` }))
    for (const [key, value] of Object.entries(examined)) console.log(`  last ${key}: ${value}`)
    const compaction = compactDatabase(db)
    await measure(db, 'update a member by _id during a compaction', (i) => bumpScore(`m${(i * 19) % N}`))
    await time('rest of that compaction', () => compaction)
  } finally {
    await db.close()
  }
  const reopened = await time('reopen (load snapshot, build indexes)', () =>
    openDatabase({ dataDir: dir, collectionsFile }),
  )
  await reopened.close()
  rmSync(dir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
