import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { adminSdk } from './sdk'

export const ROOT = resolve(__dirname, '..', '..')

export interface LocalCloud {
  url: string
  port: number
  dataDir: string
  /** POST /api/functions/<fn> as the given openid; answers the function's result (the envelope). */
  call<T = unknown>(fn: string, event: Record<string, unknown>, openid?: string | null): Promise<T>
  /**
   * Calls a function server-side with the real SDK through /admin, as an administrator's script would (no
   * user, not a client): how tests run timer jobs now, since the gateway refuses timer events.
   */
  runJob<T = unknown>(fn: string, event: Record<string, unknown>): Promise<T>
  /** Stops the server (SIGTERM) and removes its data dir unless `keepData`. */
  stop(opts?: { keepData?: boolean }): Promise<void>
  /** kill -9: for durability tests. */
  kill(): Promise<void>
  process: ChildProcess
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`local cloud exited with ${child.exitCode}:\n${output()}`)
    try {
      const res = await fetch(`${url}/api/dev/personas`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`local cloud did not start in time:\n${output()}`)
}

/** Starts the real local cloud (a child process) on a free port with a fresh, seeded data dir. */
export async function startLocalCloud(
  /** `startTimeoutMs`: how long it may take to load its data (default 60 s; a generated college takes longer). */
  /** `logFile`: the server's stdout and stderr, and how it exited, are appended there as they come (heavy runs). */
  /** `nodeFlags`: flags for its Node process that NODE_OPTIONS does not take (V8's, e.g. `--single-threaded-gc`). */
  opts: {
    dataDir?: string
    env?: Record<string, string>
    startTimeoutMs?: number
    logFile?: string
    nodeFlags?: string[]
  } = {},
): Promise<LocalCloud> {
  const port = await freePort()
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'zbt-cloud-'))
  const entry = join(ROOT, 'local-cloud', 'src', 'main.ts')
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), '--import', 'tsx', entry], {
    cwd: ROOT,
    // Timer triggers off unless a test asks: a firing in the middle would make counts nondeterministic.
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOCAL_TIMERS: '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  const { logFile } = opts
  if (logFile) {
    child.stdout?.on('data', (d: Buffer) => appendFileSync(logFile, d))
    child.stderr?.on('data', (d: Buffer) => appendFileSync(logFile, d))
    child.once('exit', (code, signal) =>
      appendFileSync(logFile, `[${new Date().toISOString()}] local cloud exited: code ${code}, signal ${signal}\n`),
    )
  }
  const url = `http://127.0.0.1:${port}`
  await waitUntilUp(url, child, () => log, opts.startTimeoutMs)

  const exited = (): Promise<void> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once('exit', () => r()))

  return {
    url,
    port,
    dataDir,
    process: child,
    async call<T>(fn: string, event: Record<string, unknown>, openid?: string | null): Promise<T> {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (openid) headers['x-wx-openid'] = openid
      const res = await fetch(`${url}/api/functions/${fn}`, { method: 'POST', headers, body: JSON.stringify(event) })
      const body = (await res.json()) as { result: T }
      return body.result
    },
    async runJob<T>(fn: string, event: Record<string, unknown>): Promise<T> {
      const res = (await adminSdk(url).callFunction({ name: fn, data: event })) as { result: unknown }
      return res.result as T
    },
    async stop({ keepData = false } = {}) {
      child.kill('SIGTERM')
      await exited()
      if (!keepData) rmSync(dataDir, { recursive: true, force: true })
    },
    async kill() {
      child.kill('SIGKILL')
      await exited()
    },
  }
}
