/**
 * Durability of the local database engine: a real child process runs the engine behind the test HTTP
 * front; the real wx-server-sdk fires concurrent writes at it; the child is killed with SIGKILL in the
 * middle of the stream and restarted on the same data dir. Every acknowledged write must be there and
 * the data must be consistent (transfers keep their total, counters never exceed what was attempted).
 * Also: a torn WAL tail, a crash in the middle of compactions, and stale files a crash can leave.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkEnv, type Database } from './helpers/db-server'
import { transfer } from './helpers/transfer'
import { CURRENT_ENV } from '../../cloudfunctions/_shared/cloud'

type Doc = Record<string, unknown>

const CHILD = fileURLToPath(new URL('./helpers/db-child.ts', import.meta.url))
const REPO = fileURLToPath(new URL('../..', import.meta.url))
const COLLECTIONS = {
  collections: {
    items: {
      indexes: [
        { name: 'seq_unique', keys: { seq: 1 }, unique: true },
        { name: 'worker_i', keys: { w: 1, i: -1 } },
      ],
    },
    counters: { indexes: [] },
    accounts: { indexes: [] },
  },
}
const WORKERS = 8
const TOTAL_MONEY = 1000
/** Compact every ~16 KiB of WAL, so that every crash below also lands around compactions. */
const COMPACT_AFTER = 16 * 1024

/** Per test: generous, because a loaded CI machine can make each child start take seconds. */
const TEST_TIMEOUT = 90_000

let root: string
let childBundle: string
let dataDir: string
let collectionsFile: string
let child: ChildProcess | undefined
let wx: Database

interface Ledger {
  acked: Set<string>
  incAcked: number[]
  incAttempted: number[]
  transfersAcked: number
  transfersAttempted: number
}

function newLedger(): Ledger {
  return {
    acked: new Set(),
    incAcked: Array(WORKERS).fill(0),
    incAttempted: Array(WORKERS).fill(0),
    transfersAcked: 0,
    transfersAttempted: 0,
  }
}

const ledger = newLedger()

async function startChild(): Promise<void> {
  const args = [childBundle, dataDir, collectionsFile, '0', String(COMPACT_AFTER)]
  const proc = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const ready = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start: ${stderr}`)), 20_000)
    proc.once('exit', (code) => reject(new Error(`child exited with ${String(code)}: ${stderr}`)))
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const match = /^READY (\d+)$/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
  })
  child = proc
  // The SDK reads TCB_CONTEXT_CNFG on every request, so each restart can take a fresh port.
  Object.assign(process.env, sdkEnv(`http://127.0.0.1:${ready}`))
}

async function killChild(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const proc = child
  child = undefined
  if (!proc || proc.exitCode !== null) return
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.kill(signal)
  await exited // reaped: its pid no longer holds the data dir's LOCK
}

/** One call through the SDK, retried once if the connection broke (a verification must not flake on a socket). */
async function call<T>(fn: () => unknown): Promise<T> {
  try {
    return (await fn()) as T
  } catch (error) {
    if (!/ECONNRESET|socket hang up|ECONNREFUSED/.test(String((error as Error).message))) throw error
    return (await fn()) as T
  }
}

async function allItems(): Promise<Doc[]> {
  const out: Doc[] = []
  for (;;) {
    const page = (
      await call<{ data: Doc[] }>(() => wx.collection('items').orderBy('_id', 'asc').skip(out.length).limit(1000).get())
    ).data
    out.push(...page)
    if (page.length < 1000) return out
  }
}

async function one(collection: string, id: string): Promise<Doc> {
  return (await call<{ data: Doc }>(() => wx.collection(collection).doc(id).get())).data
}

/** Writes until `stop()` or the first failure (the server died): inserts, increments and transfers. */
async function writer(w: number, stop: () => boolean, prefix: string): Promise<void> {
  const _ = wx.command
  for (let i = 0; !stop(); i++) {
    const id = `${prefix}w${w}-${i}`
    try {
      await wx
        .collection('items')
        .add({ data: { _id: id, seq: id, w, i, at: wx.serverDate(), payload: 'x'.repeat(200) } })
      ledger.acked.add(id)
      ledger.incAttempted[w]++
      await wx
        .collection('counters')
        .doc(`c${w}`)
        .update({ data: { n: _.inc(1) } })
      ledger.incAcked[w]++
      if (i % 8 === 0) {
        ledger.transfersAttempted++
        await wx.runTransaction((t: Database) => transfer(t, _, 'accounts', 'A', 'B', 1), 50)
        ledger.transfersAcked++
      }
    } catch {
      return
    }
  }
}

/** Runs the writers until `ackedTarget` inserts are acknowledged, then SIGKILLs the child mid-stream. */
async function writeAndCrash(prefix: string, ackedTarget: number): Promise<void> {
  let stopped = false
  const start = ledger.acked.size
  const writers = Array.from({ length: WORKERS }, (_, w) => writer(w, () => stopped, prefix))
  const deadline = Date.now() + 15_000
  while (ledger.acked.size - start < ackedTarget && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
  await killChild('SIGKILL')
  stopped = true
  await Promise.all(writers)
  expect(ledger.acked.size - start).toBeGreaterThanOrEqual(ackedTarget)
}

async function expectConsistent(): Promise<void> {
  const items = await allItems()
  const present = new Set(items.map((d) => d._id as string))
  const missing = [...ledger.acked].filter((id) => !present.has(id))
  expect(missing).toEqual([])
  for (const item of items) {
    expect(item.seq).toBe(item._id)
    expect(item.at).toBeInstanceOf(Date)
    expect(item.payload).toHaveLength(200)
  }
  for (let w = 0; w < WORKERS; w++) {
    const n = (await one('counters', `c${w}`)).n as number
    expect(n).toBeGreaterThanOrEqual(ledger.incAcked[w])
    expect(n).toBeLessThanOrEqual(ledger.incAttempted[w])
  }
  const a = (await one('accounts', 'A')).balance as number
  const b = (await one('accounts', 'B')).balance as number
  expect(a + b).toBe(TOTAL_MONEY)
  expect(b).toBeGreaterThanOrEqual(ledger.transfersAcked)
  expect(b).toBeLessThanOrEqual(ledger.transfersAttempted)
}

function walFiles(): string[] {
  return readdirSync(dataDir)
    .filter((name) => /^wal-\d{8}\.log$/.test(name))
    .sort()
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'db-durability-'))
  dataDir = path.join(root, 'data')
  collectionsFile = path.join(root, 'collections.json')
  writeFileSync(collectionsFile, JSON.stringify(COLLECTIONS))
  // One bundled file starts in a fraction of the time `--import tsx` needs, and the test restarts often.
  childBundle = path.join(root, 'db-child.cjs')
  await build({
    entryPoints: [CHILD],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: childBundle,
    logLevel: 'silent',
  })
  await startChild()
  const cloud = (await import('wx-server-sdk')).default
  cloud.init({ env: CURRENT_ENV })
  wx = cloud.database()
  await wx.collection('accounts').add({
    data: [
      { _id: 'A', balance: TOTAL_MONEY },
      { _id: 'B', balance: 0 },
    ],
  })
  await wx.collection('counters').add({ data: Array.from({ length: WORKERS }, (_, w) => ({ _id: `c${w}`, n: 0 })) })
}, TEST_TIMEOUT)

afterAll(async () => {
  await killChild('SIGKILL')
  rmSync(root, { recursive: true, force: true })
})

describe('durability across kill -9', () => {
  it(
    'keeps every acknowledged write of concurrent writers through a SIGKILL and restart',
    async () => {
      await writeAndCrash('a-', 200)
      await startChild()
      await expectConsistent()
    },
    TEST_TIMEOUT,
  )

  it(
    'ignores a torn WAL tail and keeps working after it',
    async () => {
      await writeAndCrash('b-', 60)
      const newest = walFiles()
        .filter((name) => statSync(path.join(dataDir, name)).size > 0)
        .at(-1)
      expect(newest).toBeDefined()
      const file = path.join(dataDir, newest!)
      const intact = statSync(file).size
      appendFileSync(file, '0badc0de {"o":[{"c":"items","p":{"_id":"torn","seq":"torn"') // a record cut off mid-write
      await startChild()
      await expectConsistent()
      expect((await allItems()).some((d) => d._id === 'torn')).toBe(false)
      // The torn bytes were cut off (unless a compaction already folded the file in and deleted it).
      if (existsSync(file)) expect(statSync(file).size).toBe(intact)
      await wx
        .collection('items')
        .add({ data: { _id: 'after-torn', seq: 'after-torn', at: new Date(), payload: 'y'.repeat(200) } })
      ledger.acked.add('after-torn')
      await killChild('SIGTERM') // clean shutdown compacts
      await startChild()
      await expectConsistent()
    },
    TEST_TIMEOUT,
  )

  it(
    'survives crashes while the WAL is being compacted repeatedly',
    async () => {
      await writeAndCrash('c-', 150)
      expect(existsSync(path.join(dataDir, 'snapshot.db'))).toBe(true)
      // What a crash in the middle of a compaction leaves behind: a half-written snapshot.
      writeFileSync(
        path.join(dataDir, 'snapshot.db.tmp'),
        '{"v":1,"walGen":999,"collections":["items"]}\n0\t{"_id":"half',
      )
      await startChild()
      await expectConsistent()
      expect(existsSync(path.join(dataDir, 'snapshot.db.tmp'))).toBe(false)
      expect(walFiles().length).toBeLessThanOrEqual(3) // compaction deletes the WAL generations it folded in
    },
    TEST_TIMEOUT,
  )

  it(
    'ignores WAL generations older than the snapshot (crash between snapshot rename and WAL deletion)',
    async () => {
      await killChild('SIGTERM')
      const stale = path.join(dataDir, 'wal-00000000.log')
      // A correctly checksummed record that the snapshot already covers must not be replayed on top of it.
      const { formatRecord } = await import('../../local-cloud/src/db/wal')
      writeFileSync(stale, formatRecord(JSON.stringify({ o: [{ c: 'accounts', p: { _id: 'A', balance: -5 } }] })))
      await startChild()
      await expectConsistent() // replaying it would have broken A + B = 1000
    },
    TEST_TIMEOUT,
  )
})
