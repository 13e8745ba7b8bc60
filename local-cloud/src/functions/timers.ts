import fs from 'node:fs/promises'
import path from 'node:path'
import { isJsonObject } from '../http/io'
import { nextFireTime, parseCron, type CronSchedule } from './cron'
import type { CallerIdentity, FunctionRunner, InvokeResult } from './function-runner'

/** One `{ name, type: 'timer', config }` entry of a function's config.json. */
export interface TimerTrigger {
  fn: string
  name: string
  config: string
  schedule: CronSchedule
}

const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
/** setTimeout's longest delay; a later firing waits in several steps. */
const MAX_DELAY_MS = 2 ** 31 - 1

/**
 * The timer triggers declared in `<functionsDir>/<fn>/config.json`. A trigger WeChat would refuse
 * (bad name, bad cron) is reported and left out rather than stopping the server.
 */
export async function readTimerTriggers(functionsDir: string, warn: (line: string) => void): Promise<TimerTrigger[]> {
  const entries = await fs.readdir(functionsDir, { withFileTypes: true })
  const out: TimerTrigger[] = []
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const declared = await readTriggers(path.join(functionsDir, entry.name, 'config.json'), entry.name, warn)
    const timers = declared.filter((t) => t.type === 'timer')
    // WeChat's docs: one timer trigger per function for now. Locally all of them fire; say so.
    if (timers.length > 1)
      warn(`云函数 ${entry.name} 声明了 ${timers.length} 个定时触发器；微信云开发文档写明每个云函数目前只支持一个`)
    for (const t of timers) {
      try {
        if (!TRIGGER_NAME.test(t.name))
          throw new Error(`触发器名称 ${t.name} 无效（字母开头，60 个字符以内，可用字母、数字、- 和 _）`)
        if (out.some((o) => o.fn === entry.name && o.name === t.name)) throw new Error(`触发器名称 ${t.name} 重复`)
        out.push({ fn: entry.name, name: t.name, config: t.config, schedule: parseCron(t.config) })
      } catch (e) {
        warn(`云函数 ${entry.name} 的定时触发器 ${t.name} 已忽略：${(e as Error).message}`)
      }
    }
  }
  return out
}

async function readTriggers(
  file: string,
  fn: string,
  warn: (line: string) => void,
): Promise<{ name: string; type: string; config: string }[]> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch {
    return [] // no config.json: no triggers
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    warn(`云函数 ${fn} 的 config.json 不是合法 JSON，触发器已忽略：${(e as Error).message}`)
    return []
  }
  const triggers = isJsonObject(parsed) ? parsed.triggers : undefined
  if (!Array.isArray(triggers)) return []
  return triggers.flatMap((t) =>
    isJsonObject(t) && typeof t.name === 'string' && typeof t.type === 'string' && typeof t.config === 'string'
      ? [{ name: t.name, type: t.type, config: t.config }]
      : [],
  )
}

/**
 * Fires each trigger at its cron times through the function runner, as WeChat does: event
 * `{ Type: 'Timer', TriggerName, Time }`, no user (OPENID absent), SOURCE `wx_trigger`. A firing
 * whose previous run of the same trigger is still going is skipped; times missed while the
 * process was down or stalled are not replayed (the next time is always computed from now).
 */
export class TimerScheduler {
  private readonly timeouts = new Map<TimerTrigger, NodeJS.Timeout>()
  private readonly running = new Set<TimerTrigger>()
  private stopped = false

  constructor(
    private readonly triggers: readonly TimerTrigger[],
    private readonly runner: Pick<FunctionRunner, 'invoke'>,
    private readonly appId: string,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    for (const t of this.triggers) this.arm(t, new Date())
  }

  stop(): void {
    this.stopped = true
    for (const timeout of this.timeouts.values()) clearTimeout(timeout)
    this.timeouts.clear()
  }

  private arm(t: TimerTrigger, after: Date): void {
    const at = nextFireTime(t.schedule, after)
    if (at) this.waitUntil(t, at)
    else this.log(`[local-cloud] 定时触发器 ${t.fn}.${t.name}（${t.config}）不会再触发`)
  }

  /** Waits in steps no longer than setTimeout allows, and re-waits if woken early. */
  private waitUntil(t: TimerTrigger, at: Date): void {
    if (this.stopped) return
    const delay = at.getTime() - Date.now()
    const timeout = setTimeout(
      () => (Date.now() < at.getTime() ? this.waitUntil(t, at) : void this.fire(t, at)),
      Math.min(Math.max(delay, 0), MAX_DELAY_MS),
    )
    timeout.unref()
    this.timeouts.set(t, timeout)
  }

  private async fire(t: TimerTrigger, at: Date): Promise<void> {
    // The next time is armed first so a long run neither delays it nor lets it pile up.
    this.arm(t, new Date(Math.max(Date.now(), at.getTime())))
    if (this.running.has(t)) {
      this.log(`[local-cloud] 定时触发 / timer ${t.fn}.${t.name} @${timerTime(at)}: skipped (previous run still going)`)
      return
    }
    this.running.add(t)
    const t0 = Date.now()
    const time = timerTime(at)
    try {
      const identity: CallerIdentity = { openid: null, unionid: null, appid: this.appId, source: 'wx_trigger' }
      const r = await this.runner.invoke(t.fn, { Type: 'Timer', TriggerName: t.name, Time: time }, identity, null)
      this.log(
        `[local-cloud] 定时触发 / timer ${t.fn}.${t.name} @${time}: ${outcomeOf(r)} ${Date.now() - t0} ms${r.callId ? ` (call ${r.callId})` : ''}`,
      )
    } catch (e) {
      // Nothing awaits a firing: an escaped error would end the whole server as an unhandled rejection.
      this.log(
        `[local-cloud] 定时触发 / timer ${t.fn}.${t.name} @${time}: error ${Date.now() - t0} ms: ${(e as Error).stack ?? String(e)}`,
      )
    } finally {
      this.running.delete(t)
    }
  }
}

/** The event's `Time` as the platform writes it: UTC, whole seconds, e.g. `2024-05-01T01:00:00Z`. */
function timerTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** `ok`, the code of a returned `{ ok: false, code }` envelope, or why the call failed. */
function outcomeOf(r: InvokeResult): string {
  if (r.status === 'not_found') return 'not_found'
  if (r.status === 'failed') return r.reason
  const result = r.result
  return isJsonObject(result) && result.ok === false ? String(result.code ?? 'failed') : 'ok'
}
