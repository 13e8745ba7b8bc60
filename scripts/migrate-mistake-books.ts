/**
 * One-off: the 错题本 moves into one document per member (issue 21). Each `quizMistakes` entry is folded
 * into the member's `quizMistakeBooks` document and removed, through the real SDK:
 * local-cloud/src/migrations/mistake-books.ts. Idempotent: an entry folded before is not added again;
 * safe to re-run.
 *
 *   npx tsx scripts/migrate-mistake-books.ts --url http://127.0.0.1:10086
 *       a running local cloud (it also runs this by itself when it starts on a data dir from before)
 *   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npx tsx scripts/migrate-mistake-books.ts --env <环境 ID>
 *       WeChat cloud, with an API key of the account that owns the environment; create the collection
 *       quizMistakeBooks and deploy the new functions first, then run this at once (until it has run,
 *       the 错题本 shows only the mistakes made since)
 */
import { runMigration } from './connect-sdk'
import { migrateMistakeBooks } from '../local-cloud/src/migrations/mistake-books'

runMigration(
  '错题本迁移失败（可以再次运行，已并入的不会重复计入）/ mistake books migration failed (safe to re-run):',
  (sdk) => migrateMistakeBooks(sdk, { log: (line) => console.log(line) }),
)
