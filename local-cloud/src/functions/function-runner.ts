import fs from 'node:fs'
import path from 'node:path'
import { newCallId } from '../ids'
import { isJsonObject, type JsonObject } from '../http/io'
import type { CallLog, CallOutcome } from './call-log'
import type { CallMessage, EnvPatch, FunctionContext } from './protocol'
import type { RunOutcome, WorkerPool } from './worker-pool'

/** Who a call runs as: what getWXContext() returns inside the function. */
export interface CallerIdentity {
  openid: string | null
  unionid: string | null
  appid: string
  /** TCB_SOURCE, e.g. wx_client for calls from the app. */
  source: string
}

export type InvokeResult =
  | { status: 'returned'; callId: string; result: unknown }
  | { status: 'not_found'; callId: null }
  | { status: 'failed'; callId: string; reason: 'threw' | 'timeout' | 'busy' | 'crashed' | 'too_deep'; message: string }

export interface RunnerOptions {
  functionsDir: string
  envId: string
  timeoutMs: number
  /** The server's own base URL (known once it listens); calls point the SDK at `<base>/admin/<callId>`. */
  baseUrl: () => string
}

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/
const MAX_CALL_DEPTH = 8

/** Runs `cloudfunctions/<name>/index.js` in the worker pool, one identity per call, and logs each call. */
export class FunctionRunner {
  private readonly active = new Map<string, { identity: CallerIdentity; depth: number }>()

  constructor(
    private readonly opts: RunnerOptions,
    private readonly pool: WorkerPool,
    private readonly log: CallLog,
  ) {}

  /** The identity of a running (or recently finished) call, for requests its SDK makes to /admin/<callId>. */
  identityOf(callId: string): { identity: CallerIdentity; depth: number } | null {
    return this.active.get(callId) ?? null
  }

  async invoke(
    fn: string,
    event: JsonObject,
    identity: CallerIdentity,
    parentCallId: string | null,
  ): Promise<InvokeResult> {
    const modulePath = this.locate(fn)
    if (!modulePath) return { status: 'not_found', callId: null }
    const depth = parentCallId ? (this.active.get(parentCallId)?.depth ?? 0) + 1 : 0
    const callId = newCallId()
    this.log.start({
      callId,
      fn,
      action: typeof event.action === 'string' ? event.action : null,
      openid: identity.openid,
      parentCallId,
    })
    if (depth > MAX_CALL_DEPTH) {
      this.log.finish(callId, 'crashed', null)
      return {
        status: 'failed',
        callId,
        reason: 'too_deep',
        message: `cloud.callFunction nested deeper than ${MAX_CALL_DEPTH}`,
      }
    }
    this.active.set(callId, { identity, depth })
    try {
      const outcome = await this.pool.run(
        this.callMessage(callId, fn, modulePath.file, modulePath.version, event, identity),
        {
          nested: parentCallId !== null,
          timeoutMs: this.opts.timeoutMs,
        },
      )
      return this.conclude(callId, fn, identity, outcome)
    } finally {
      // Kept briefly so a request the function fired without awaiting is still attributed.
      setTimeout(() => this.active.delete(callId), 5000).unref()
    }
  }

  private conclude(callId: string, fn: string, identity: CallerIdentity, outcome: RunOutcome): InvokeResult {
    if (outcome.kind === 'returned') {
      const result: unknown = JSON.parse(outcome.resultJson)
      this.log.finish(callId, 'returned', envelopeCode(result))
      return { status: 'returned', callId, result }
    }
    const message = failureMessage(outcome)
    this.log.finish(callId, outcome.kind as Exclude<CallOutcome, 'running' | 'returned'>, null)
    const stack = outcome.kind === 'threw' || outcome.kind === 'crashed' ? outcome.error.stack : message
    console.error(
      `[local-cloud] 云函数 ${fn} 调用失败 / function failed (call ${callId}, openid ${identity.openid ?? '-'}): ${stack}`,
    )
    return { status: 'failed', callId, reason: outcome.kind, message }
  }

  /**
   * The function's bundle and its version (mtime and size: a rebuilt bundle is loaded afresh). A synchronous
   * stat: a few microseconds, where the promise API's round trip through the thread pool cost the main thread
   * about 1.7 ms a call under load (profile of the rush: 1.9 s of 1,100 calls).
   */
  private locate(fn: string): { file: string; version: string } | null {
    if (!FUNCTION_NAME.test(fn)) return null
    const file = path.join(this.opts.functionsDir, fn, 'index.js')
    const st = fs.statSync(file, { throwIfNoEntry: false })
    return st?.isFile() ? { file, version: `${st.mtimeMs}:${st.size}` } : null
  }

  private callMessage(
    callId: string,
    fn: string,
    file: string,
    version: string,
    event: JsonObject,
    identity: CallerIdentity,
  ): CallMessage {
    const env = callEnv(identity, `${this.opts.baseUrl()}/admin/${callId}`)
    const context: FunctionContext = {
      request_id: callId,
      function_name: fn,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: this.opts.timeoutMs,
      environment: JSON.stringify(
        Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('WX_') && v !== null)),
      ),
    }
    return { type: 'call', callId, modulePath: file, moduleVersion: version, event, context, env }
  }
}

/** The per-call part of the environment (the rest is fixed per worker, see workerBaseEnv). */
function callEnv(identity: CallerIdentity, adminUrl: string): EnvPatch {
  return {
    WX_OPENID: identity.openid,
    WX_UNIONID: identity.unionid,
    WX_APPID: identity.appid,
    TCB_SOURCE: identity.source,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
  }
}

/** The environment each worker starts with: what a WeChat cloud function sees, pointed at this server. */
export function workerBaseEnv(envId: string): Record<string, string> {
  const env: Record<string, string> = {
    // Dummy keys: without them the SDK dies of an unhandled rejection instead of calling.
    TENCENTCLOUD_SECRETID: 'local-cloud-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-cloud-secret-key',
    // Skips the SDK's probe of a cloud metadata host before every request.
    TENCENTCLOUD: 'true',
    // What cloud.DYNAMIC_CURRENT_ENV resolves to.
    SCF_NAMESPACE: envId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
  }
  for (const key of ['PATH', 'HOME', 'TZ', 'LANG', 'NODE_ENV']) {
    const v = process.env[key]
    if (v !== undefined) env[key] = v
  }
  return env
}

function envelopeCode(result: unknown): string | null {
  return isJsonObject(result) && result.ok === false && typeof result.code === 'string' ? result.code : null
}

function failureMessage(outcome: Exclude<RunOutcome, { kind: 'returned' }>): string {
  switch (outcome.kind) {
    case 'threw':
    case 'crashed':
      return `${outcome.error.name}: ${outcome.error.message}`
    case 'timeout':
      return 'function timed out'
    case 'busy':
      return 'no worker became free in time'
  }
}
