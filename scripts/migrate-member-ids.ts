/**
 * One-off: opaque member ids (issue #14). Rewrites `m-<studentNo>` member ids and every reference to
 * them (all collections, upload folders) through the real SDK: local-cloud/src/migrations/member-ids.ts.
 * Idempotent; safe to re-run after an interruption. Run it while nobody uses the app.
 *
 *   npx tsx scripts/migrate-member-ids.ts --url http://127.0.0.1:10086
 *       a running local cloud (it also runs this by itself when it starts on a data dir from before)
 *   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npx tsx scripts/migrate-member-ids.ts --env <环境 ID>
 *       WeChat cloud, with an API key of the account that owns the environment; deploy the new functions first
 */
import { join } from 'node:path'
import * as cloud from 'wx-server-sdk'
import { collectionNames, migrateMemberIds } from '../local-cloud/src/migrations/member-ids'
import { CURRENT_ENV } from '../cloudfunctions/_shared/cloud'

const ROOT = join(__dirname, '..')

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

function connect(): void {
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
    cloud.init({ env, secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY } as Parameters<typeof cloud.init>[0])
    return
  }
  console.error('用法：--url <本地云地址>，或 --env <环境 ID> 并设置 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY')
  process.exit(2)
}

async function main(): Promise<void> {
  connect()
  const started = Date.now()
  const result = await migrateMemberIds(cloud, { collections: collectionNames(join(ROOT, 'cloudfunctions', 'collections.json')), log: (line) => console.log(line) })
  console.log(JSON.stringify({ ...result, ms: Date.now() - started }))
}

main().catch((error: unknown) => {
  console.error('成员编号迁移失败（可以再次运行，已完成的部分不会重复）/ member-id migration failed (safe to re-run):', error)
  process.exit(1)
})
