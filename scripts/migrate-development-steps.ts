/**
 * One-off: the development file (issue #17). Each member's five stage dates become the dates of the steps
 * that set them (申请 1, 积极分子 3, 发展对象 7, 预备党员 15, 正式党员 23) in `devSteps`, through the real SDK:
 * local-cloud/src/migrations/development-steps.ts. Idempotent: a step that has a date keeps it; safe to re-run.
 *
 *   npx tsx scripts/migrate-development-steps.ts --url http://127.0.0.1:10086
 *       a running local cloud (it also runs this by itself when it starts on a data dir from before)
 *   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npx tsx scripts/migrate-development-steps.ts --env <环境 ID>
 *       WeChat cloud, with an API key of the account that owns the environment; deploy the new functions and
 *       create the devSteps collection (collections.json) first
 */
import { runMigration } from './connect-sdk'
import { migrateDevelopmentSteps } from '../local-cloud/src/migrations/development-steps'

runMigration(
  '发展纪实迁移失败（可以再次运行，已完成的部分不会重复）/ development-step migration failed (safe to re-run):',
  (sdk) => migrateDevelopmentSteps(sdk, { log: (line) => console.log(line) }),
)
