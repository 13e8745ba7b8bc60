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
import { runMigration } from './connect-sdk'
import { collectionNames, migrateMemberIds } from '../local-cloud/src/migrations/member-ids'

const ROOT = join(__dirname, '..')

runMigration(
  '成员编号迁移失败（可以再次运行，已完成的部分不会重复）/ member-id migration failed (safe to re-run):',
  (sdk) =>
    migrateMemberIds(sdk, {
      collections: collectionNames(join(ROOT, 'cloudfunctions', 'collections.json')),
      log: (line) => console.log(line),
    }),
)
