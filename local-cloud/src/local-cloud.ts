import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { LocalCloudConfig } from './config'
import { openDatabase } from './db/index'
import { CallLog } from './functions/call-log'
import { FunctionRunner, workerBaseEnv } from './functions/function-runner'
import { readTimerTriggers, TimerScheduler, type TimerTrigger } from './functions/timers'
import { WorkerPool } from './functions/worker-pool'
import { Blocklist } from './openapi/blocklist'
import { OpenApiService } from './openapi/openapi-service'
import { Outbox } from './openapi/outbox'
import { PayService } from './pay/pay-service'
import { startCpuProfile } from './cpu-profile'
import { runMigrations } from './migrations/index'
import { seedIfEmpty } from './seed/index'
import { damageWarning, findDamagedReports } from './damage-check'
import { createHttpServer } from './server'
import { FileStore } from './storage/file-store'
import { StorageService } from './storage/storage-service'
import { loadStorageRules } from './storage/storage-rules'

export interface RunningLocalCloud {
  url: string
  port: number
  seeded: boolean
  /** The timer triggers being fired; empty when LOCAL_TIMERS=0. */
  timers: TimerTrigger[]
  close(): Promise<void>
}

/** Opens the data, starts the worker pool and the HTTP server. */
export async function startLocalCloud(cfg: LocalCloudConfig): Promise<RunningLocalCloud> {
  const callLog = new CallLog(cfg.callLogSize)
  const db = await openDatabase({
    dataDir: path.join(cfg.dataDir, 'db'),
    collectionsFile: cfg.collectionsFile,
    onQuery: (e) => callLog.addQuery(e),
  })
  const files = await FileStore.open(cfg.dataDir, cfg.envId)
  const seeded = cfg.seed ? await seedIfEmpty(db, new Date(), files) : false
  const damaged = await findDamagedReports(db)
  if (damaged.length > 0) console.warn(damageWarning(damaged, cfg.dataDir))
  const outbox = await Outbox.open(path.join(cfg.dataDir, 'outbox.jsonl'))
  let baseUrl = ''
  const storage = new StorageService(
    files,
    () => baseUrl,
    {
      maxH5UploadBytes: cfg.maxH5UploadBytes,
      maxSdkUploadBytes: cfg.maxSdkUploadBytes,
    },
    loadStorageRules(cfg.storageRulesFile),
  )
  const pool = new WorkerPool({
    size: cfg.workers,
    // Room for callees (and their callees) while every regular worker holds a caller; retired after 30 s idle.
    nestedHeadroom: cfg.workers * 2,
    env: workerBaseEnv(cfg.envId),
    preload: resolveSdkFrom(cfg.functionsDir),
    queueTimeoutMs: cfg.functionTimeoutMs + 10_000,
    cpuProfileDir: process.env.LOCAL_CLOUD_WORKER_PROFILE || null,
  })
  const runner = new FunctionRunner(
    { functionsDir: cfg.functionsDir, envId: cfg.envId, timeoutMs: cfg.functionTimeoutMs, baseUrl: () => baseUrl },
    pool,
    callLog,
  )
  const openapi = new OpenApiService(new Blocklist(cfg.blocklistFile), outbox)
  const pay = await PayService.open(path.join(cfg.dataDir, 'pay-orders.jsonl'), runner, cfg.appId)
  const server = createHttpServer({
    admin: { db, storage, openapi, pay, runner, appId: cfg.appId },
    gateway: { db, runner, storage, outbox, pay, callLog, appId: cfg.appId, maxEventBytes: cfg.maxEventBytes },
    storage,
    h5Dir: cfg.h5Dir,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(cfg.port, cfg.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://${cfg.host}:${port}`
  // The first worker loads the SDK before we report "running", so the first call is not a cold one.
  await pool.prewarm(1)
  // A data dir from an older version is brought up to date before anyone calls (fresh seeds need nothing).
  if (!seeded) await runMigrations(db, baseUrl, (line) => console.log(line))
  const timers = cfg.timers
    ? await readTimerTriggers(cfg.functionsDir, (line) => console.warn(`[local-cloud] ${line}`))
    : []
  const scheduler = new TimerScheduler(timers, runner, cfg.appId, (line) => console.log(line))
  scheduler.start()

  // LOCAL_CLOUD_WORKER_PROFILE profiles this main thread too (the workers write theirs when the pool closes).
  const profileDir = process.env.LOCAL_CLOUD_WORKER_PROFILE
  const stopProfile = profileDir ? startCpuProfile(profileDir, 'main') : null
  const close = async (): Promise<void> => {
    if (stopProfile)
      await new Promise<void>((resolve) =>
        stopProfile((file) => {
          if (file) console.log(`[local-cloud] main-thread CPU profile: ${file}`)
          resolve()
        }),
      )
    scheduler.stop()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 2000).unref()
    await pool.close()
    await closed
    await outbox.flush()
    await pay.flush()
    await db.close()
    callLog.close()
  }
  return { url: baseUrl, port, seeded, timers, close }
}

/** wx-server-sdk as a function in functionsDir would resolve it, so workers preload the same copy. */
function resolveSdkFrom(functionsDir: string): string | null {
  try {
    return createRequire(path.join(functionsDir, 'noop.js')).resolve('wx-server-sdk')
  } catch {
    return null
  }
}
