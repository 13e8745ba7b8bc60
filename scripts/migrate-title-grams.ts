/**
 * One-off: the title search's index (issue #21). Every article gets `titleGrams` and each college's
 * `studyTitleStats` is recounted, through the real SDK: local-cloud/src/migrations/title-grams.ts.
 * Idempotent: articles already indexed are not written again; safe to re-run.
 *
 *   npx tsx scripts/migrate-title-grams.ts --url http://127.0.0.1:10086
 *       a running local cloud (it also runs this by itself when it starts on a data dir from before)
 *   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npx tsx scripts/migrate-title-grams.ts --env <环境 ID>
 *       WeChat cloud, with an API key of the account that owns the environment; deploy the new functions,
 *       create the studyTitleStats collection and the articles' title_gram_* indexes (collections.json) first
 */
import * as cloud from 'wx-server-sdk'
import { connect } from './connect-sdk'
import { migrateTitleGrams } from '../local-cloud/src/migrations/title-grams'

async function main(): Promise<void> {
  connect()
  const started = Date.now()
  const result = await migrateTitleGrams(cloud, { log: (line) => console.log(line) })
  console.log(JSON.stringify({ ...result, ms: Date.now() - started }))
}

main().catch((error: unknown) => {
  console.error('标题检索索引迁移失败（可以再次运行）/ title-gram migration failed (safe to re-run):', error)
  process.exit(1)
})
