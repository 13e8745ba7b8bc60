/**
 * Worker thread that runs cloud functions, one call at a time, so each call's process.env
 * (which getWXContext() reads) belongs to that call alone. Imports node built-ins only:
 * after start-up the TypeScript loader is switched off so function code loads as plain CJS.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { startCpuProfile } from '../cpu-profile'
import type { CallMessage, EnvPatch, ResultMessage, StopProfileMessage, ThrownError, WorkerBootData } from './protocol'

type MainFn = (event: unknown, context: unknown) => unknown

const loaded = new Map<string, { version: string; main: MainFn }>()

function applyEnv(patch: EnvPatch): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete process.env[key]
    else process.env[key] = value
  }
}

/** Drops the function's own files from the require cache (not its node_modules, not the SDK). */
function forgetModule(modulePath: string): void {
  const req = createRequire(modulePath)
  const dir = path.dirname(modulePath) + path.sep
  for (const key of Object.keys(req.cache)) {
    if (key.startsWith(dir) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete req.cache[key]
  }
}

function loadMain(modulePath: string, version: string): MainFn {
  const cached = loaded.get(modulePath)
  if (cached && cached.version === version) return cached.main
  if (cached) forgetModule(modulePath)
  const mod = createRequire(modulePath)(modulePath) as { main?: unknown }
  if (typeof mod.main !== 'function') throw new Error(`${modulePath} does not export main(event, context)`)
  const main = mod.main as MainFn
  loaded.set(modulePath, { version, main })
  return main
}

function toThrownError(e: unknown): ThrownError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` }
  let text: string
  try {
    text = typeof e === 'string' ? e : JSON.stringify(e)
  } catch {
    text = String(e)
  }
  return { name: 'NonErrorThrown', message: text, stack: `thrown value: ${text}` }
}

async function runCall(msg: CallMessage): Promise<ResultMessage> {
  try {
    applyEnv(msg.env)
    const main = loadMain(msg.modulePath, msg.moduleVersion)
    const value = await main(msg.event, msg.context)
    // Results cross the wire as JSON in production, so they do here too (undefined → null).
    return { type: 'result', callId: msg.callId, ok: true, resultJson: JSON.stringify(value ?? null) ?? 'null' }
  } catch (e) {
    return { type: 'result', callId: msg.callId, ok: false, error: toThrownError(e) }
  }
}

export function start(): void {
  const port = parentPort
  if (!port) throw new Error('worker.ts must run in a worker thread')
  const boot = workerData as WorkerBootData
  const stopProfile = boot.cpuProfileDir ? startCpuProfile(boot.cpuProfileDir, 'worker') : null
  if (boot.preload) {
    try {
      createRequire(boot.preload)(boot.preload)
    } catch {
      /* the call that needs it will report the failure */
    }
  }
  // A stray rejected promise in function code must not take the worker (and the calls after it) down.
  process.on('unhandledRejection', (reason) => {
    console.error('[local-cloud] unhandled rejection in a cloud function:', reason)
  })
  port.on('message', (msg: CallMessage | StopProfileMessage) => {
    if (msg.type === 'stop-profile') {
      if (stopProfile) stopProfile((file) => port.postMessage({ type: 'profile-written', file }))
      else port.postMessage({ type: 'profile-written', file: null })
      return
    }
    void runCall(msg).then((reply) => port.postMessage(reply))
  })
  port.postMessage({ type: 'ready' })
}
