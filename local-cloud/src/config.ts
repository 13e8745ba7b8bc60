import os from 'node:os'
import path from 'node:path'

export interface LocalCloudConfig {
  host: string
  /** 0 picks a free port (tests). */
  port: number
  repoRoot: string
  dataDir: string
  functionsDir: string
  collectionsFile: string
  h5Dir: string
  blocklistFile: string
  /** The cloud storage security rules (`{ read, write }`), the same JSON as production's 自定义安全规则. */
  storageRulesFile: string
  /** Environment id: what DYNAMIC_CURRENT_ENV resolves to and the env part of fileIDs. */
  envId: string
  appId: string
  seed: boolean
  /** Fire the functions' timer triggers (config.json); LOCAL_TIMERS=0 turns them off (tests). */
  timers: boolean
  functionTimeoutMs: number
  workers: number
  callLogSize: number
  maxEventBytes: number
  maxH5UploadBytes: number
  maxSdkUploadBytes: number
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..')

type Env = Record<string, string | undefined>

/** Reads the configuration from the environment and argv; relative paths are taken from the current directory. */
export function readConfig(env: Env, argv: string[]): LocalCloudConfig {
  const fromRoot = (v: string | undefined, fallback: string): string =>
    v ? path.resolve(v) : path.join(REPO_ROOT, fallback)
  const functionsDir = fromRoot(env.FUNCTIONS_DIR, 'cloudfunctions')
  return {
    host: '127.0.0.1',
    port: intFrom(env.PORT, 10086, 0, 65535),
    repoRoot: REPO_ROOT,
    dataDir: fromRoot(env.DATA_DIR, '.local-cloud'),
    functionsDir,
    collectionsFile: fromRoot(env.COLLECTIONS_FILE, 'cloudfunctions/collections.json'),
    h5Dir: fromRoot(env.H5_DIR, 'dist/h5'),
    blocklistFile: fromRoot(env.BLOCKLIST_FILE, 'local-cloud/blocklist.txt'),
    storageRulesFile: fromRoot(env.STORAGE_RULES_FILE, 'cloudfunctions/storage-rules.json'),
    envId: env.CLOUD_ENV_ID || 'zhibutong-local',
    appId: env.WX_APPID_LOCAL || 'wx0000000000000000',
    seed: !argv.includes('--no-seed') && env.SEED !== '0',
    timers: env.LOCAL_TIMERS !== '0',
    functionTimeoutMs: intFrom(env.FUNCTION_TIMEOUT_MS, 20_000, 100, 15 * 60_000),
    workers: intFrom(env.FUNCTION_WORKERS, Math.min(8, Math.max(4, os.availableParallelism())), 1, 64),
    callLogSize: intFrom(env.CALL_LOG_SIZE, 1000, 1, 100_000),
    maxEventBytes: intFrom(env.MAX_EVENT_BYTES, 1024 * 1024, 1024, 100 * 1024 * 1024),
    maxH5UploadBytes: intFrom(env.MAX_UPLOAD_BYTES, 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxSdkUploadBytes: intFrom(env.MAX_SDK_UPLOAD_BYTES, 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  }
}

function intFrom(v: string | undefined, fallback: number, min: number, max: number): number {
  if (v === undefined || v.trim() === '') return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`配置值 ${v} 不是 ${min}–${max} 之间的整数`)
  return n
}
