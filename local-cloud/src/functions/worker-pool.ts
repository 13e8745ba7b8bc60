import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { CallMessage, ThrownError, WorkerBootData, WorkerToMain } from './protocol'

export type RunOutcome =
  | { kind: 'returned'; resultJson: string }
  | { kind: 'threw'; error: ThrownError }
  | { kind: 'timeout' }
  | { kind: 'crashed'; error: ThrownError }
  | { kind: 'busy' }

export interface WorkerPoolOptions {
  /** Workers kept for ordinary calls (grown lazily up to this). */
  size: number
  /** Extra workers allowed for calls made by other calls, so nested calls can't deadlock a full pool. */
  nestedHeadroom: number
  /** Environment every worker starts with (its own copy of process.env). */
  env: Record<string, string>
  /** Module to preload in each new worker (the SDK), or null. */
  preload: string | null
  /** How long a call may wait for a free worker before it is answered as busy. */
  queueTimeoutMs: number
  /** Each worker profiles itself and writes a .cpuprofile here when the pool closes (or null). */
  cpuProfileDir?: string | null
}

interface Job {
  msg: CallMessage
  nested: boolean
  timeoutMs: number
  resolve: (o: RunOutcome) => void
  timer: NodeJS.Timeout | null
}

interface PooledWorker {
  worker: Worker
  state: 'starting' | 'idle' | 'busy' | 'dead'
  job: Job | null
  retireTimer: NodeJS.Timeout | null
  /** Settles when the worker has loaded the SDK (or died trying). */
  started: Promise<void>
  markStarted: () => void
}

const WORKER_FILE = require.resolve('./worker')
const SURPLUS_IDLE_MS = 30_000

/**
 * The worker is TypeScript when the server runs under tsx, and tsx's loader does not reach worker
 * threads on Node 20. So the bootstrap registers tsx's CJS hook just long enough to load worker.ts,
 * then removes it, so function code (plain JS) loads without the transform cost.
 */
function bootstrapSource(): string {
  const lines = [`const file = ${JSON.stringify(WORKER_FILE)};`]
  if (/\.[cm]?ts$/.test(WORKER_FILE)) {
    const tsxApi = createRequire(WORKER_FILE).resolve('tsx/cjs/api')
    lines.push(`const unregister = require(${JSON.stringify(tsxApi)}).register();`)
    lines.push('const mod = require(file);', 'unregister();')
  } else {
    lines.push('const mod = require(file);')
  }
  lines.push('mod.start();')
  return lines.join('\n')
}

/** A small pool of worker threads, each running one call at a time. */
export class WorkerPool {
  private readonly workers: PooledWorker[] = []
  private readonly queue: Job[] = []
  private closed = false
  private readonly boot = bootstrapSource()

  constructor(private readonly opts: WorkerPoolOptions) {}

  /** Starts `n` workers ahead of the first calls (a worker's cold start is a few hundred ms); resolves when they are ready. */
  async prewarm(n: number): Promise<void> {
    while (this.workers.length < Math.min(n, this.opts.size)) this.spawn()
    await Promise.all(this.workers.map((w) => w.started))
  }

  run(msg: CallMessage, opts: { nested: boolean; timeoutMs: number }): Promise<RunOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'busy' })
    return new Promise((resolve) => {
      const job: Job = { msg, nested: opts.nested, timeoutMs: opts.timeoutMs, resolve, timer: null }
      job.timer = setTimeout(() => this.expireQueued(job), this.opts.queueTimeoutMs)
      // Calls made by running calls go first: their callers hold workers while they wait.
      if (opts.nested) this.queue.unshift(job)
      else this.queue.push(job)
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) this.settle(job, { kind: 'busy' })
    if (this.opts.cpuProfileDir) await Promise.all(this.workers.map((w) => this.collectProfile(w)))
    await Promise.all(this.workers.map((w) => this.kill(w, { kind: 'busy' })))
  }

  /** A profiling worker writes its profile before it is terminated (a terminated thread writes nothing). */
  private collectProfile(w: PooledWorker): Promise<void> {
    if (w.state === 'dead' || w.state === 'starting') return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 10_000)
      const onMessage = (m: WorkerToMain): void => {
        if (m.type !== 'profile-written') return
        clearTimeout(timer)
        w.worker.off('message', onMessage)
        if (m.file) console.log(`[local-cloud] worker CPU profile: ${m.file}`)
        resolve()
      }
      w.worker.on('message', onMessage)
      w.worker.postMessage({ type: 'stop-profile' })
    })
  }

  private pump(): void {
    for (;;) {
      const job = this.queue[0]
      const idle = this.workers.find((w) => w.state === 'idle')
      if (!job || !idle) break
      this.queue.shift()
      this.dispatch(idle, job)
    }
    this.growForWaitingJobs()
  }

  private growForWaitingJobs(): void {
    const starting = this.workers.filter((w) => w.state === 'starting').length
    const limit = this.opts.size + (this.queue.some((j) => j.nested) ? this.opts.nestedHeadroom : 0)
    let uncovered = this.queue.length - starting
    while (uncovered > 0 && this.workers.length < limit && !this.closed) {
      this.spawn()
      uncovered -= 1
    }
  }

  private spawn(): void {
    const boot: WorkerBootData = { preload: this.opts.preload, cpuProfileDir: this.opts.cpuProfileDir ?? null }
    const worker = new Worker(this.boot, { eval: true, env: { ...this.opts.env }, execArgv: [], workerData: boot })
    let markStarted = (): void => undefined
    const started = new Promise<void>((resolve) => (markStarted = resolve))
    const pooled: PooledWorker = { worker, state: 'starting', job: null, retireTimer: null, started, markStarted }
    this.workers.push(pooled)
    worker.on('message', (m: WorkerToMain) => this.onMessage(pooled, m))
    worker.on('error', (e: Error) =>
      this.onCrash(pooled, { name: e.name, message: e.message, stack: e.stack ?? e.message }),
    )
    worker.on('exit', (code) =>
      this.onCrash(pooled, { name: 'WorkerExit', message: `worker exited with code ${code}`, stack: '' }),
    )
  }

  private dispatch(w: PooledWorker, job: Job): void {
    if (job.timer) clearTimeout(job.timer)
    w.state = 'busy'
    w.job = job
    job.timer = setTimeout(() => void this.kill(w, { kind: 'timeout' }), job.timeoutMs)
    w.worker.postMessage(job.msg)
  }

  private onMessage(w: PooledWorker, m: WorkerToMain): void {
    if (m.type === 'ready') {
      if (w.state === 'starting') w.state = 'idle'
      w.markStarted()
    } else if (m.type === 'result' && w.job && m.callId === w.job.msg.callId) {
      this.settle(w.job, m.ok ? { kind: 'returned', resultJson: m.resultJson } : { kind: 'threw', error: m.error })
      w.job = null
      w.state = 'idle'
    }
    this.pump()
    if (w.state === 'idle') this.retireIfSurplus(w)
  }

  /**
   * Extra workers grown for nested calls go away after a quiet spell (not at once: the next burst
   * of nested calls would pay a cold start again).
   */
  private retireIfSurplus(w: PooledWorker): void {
    if (this.workers.length <= this.opts.size) return
    if (w.retireTimer) clearTimeout(w.retireTimer)
    w.retireTimer = setTimeout(() => {
      w.retireTimer = null
      if (w.state === 'idle' && this.workers.length > this.opts.size) void this.kill(w, { kind: 'busy' })
    }, SURPLUS_IDLE_MS)
    w.retireTimer.unref()
  }

  private onCrash(w: PooledWorker, error: ThrownError): void {
    if (w.state === 'dead') return
    const diedStarting = w.state === 'starting'
    this.remove(w)
    if (w.job) this.settle(w.job, { kind: 'crashed', error })
    w.job = null
    if (diedStarting) {
      // A worker that can't even start (broken install) would be respawned forever: fail the waiting calls instead.
      console.error(
        '[local-cloud] 云函数工作线程启动失败 / a function worker failed to start:',
        error.stack || error.message,
      )
      for (const job of this.queue.splice(0)) this.settle(job, { kind: 'crashed', error })
      return
    }
    this.pump()
  }

  /** Ends a worker (a call that timed out can't be cancelled any other way) and answers its call. */
  private async kill(w: PooledWorker, outcomeForJob: RunOutcome): Promise<void> {
    if (w.state === 'dead') return
    this.remove(w)
    if (w.job) this.settle(w.job, outcomeForJob)
    w.job = null
    await w.worker.terminate()
    this.pump()
  }

  private remove(w: PooledWorker): void {
    w.state = 'dead'
    if (w.retireTimer) clearTimeout(w.retireTimer)
    w.markStarted()
    const i = this.workers.indexOf(w)
    if (i >= 0) this.workers.splice(i, 1)
  }

  private expireQueued(job: Job): void {
    const i = this.queue.indexOf(job)
    if (i < 0) return
    this.queue.splice(i, 1)
    this.settle(job, { kind: 'busy' })
  }

  private settle(job: Job, outcome: RunOutcome): void {
    if (job.timer) clearTimeout(job.timer)
    job.timer = null
    job.resolve(outcome)
  }
}
