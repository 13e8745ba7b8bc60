/**
 * How a one-off script reaches a database with the real SDK: `--url <local cloud>` (its /admin endpoint, as
 * test/helpers/sdk.ts does) or `--env <环境 ID>` with an API key in TENCENTCLOUD_SECRETID / SECRETKEY.
 */
import * as cloud from 'wx-server-sdk'
import { CURRENT_ENV } from '../cloudfunctions/_shared/cloud'

export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

export function connect(): void {
  const url = option('url')
  const env = option('env')
  if (url) {
    // How every script with the real SDK reaches the local cloud (see test/helpers/sdk.ts).
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${url.replace(/\/$/, '')}/admin` })
    process.env.TENCENTCLOUD_SECRETID ??= 'local'
    process.env.TENCENTCLOUD_SECRETKEY ??= 'local'
    process.env.SCF_NAMESPACE ??= 'local-env'
    process.env.TENCENTCLOUD = 'true'
    cloud.init({ env: CURRENT_ENV })
    return
  }
  if (env && process.env.TENCENTCLOUD_SECRETID && process.env.TENCENTCLOUD_SECRETKEY) {
    cloud.init({
      env,
      secretId: process.env.TENCENTCLOUD_SECRETID,
      secretKey: process.env.TENCENTCLOUD_SECRETKEY,
    })
    return
  }
  console.error('用法：--url <本地云地址>，或 --env <环境 ID> 并设置 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY')
  process.exit(2)
}

/**
 * Runs a one-off migration through the real SDK: connects (`--url` / `--env`), prints the migration's figures
 * and its time as JSON, or `failure` (a migration is idempotent: it says it may be run again) and exits 1.
 */
export function runMigration(failure: string, migrate: (sdk: typeof cloud) => Promise<object>): void {
  const started = Date.now()
  connect()
  migrate(cloud).then(
    (result) => console.log(JSON.stringify({ ...result, ms: Date.now() - started })),
    (error: unknown) => {
      console.error(failure, error)
      process.exit(1)
    },
  )
}
