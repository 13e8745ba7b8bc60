/**
 * One-off: the quiz figures move into the points totals (issue 21). Each member's `quizProfiles` document
 * is folded into `pointsTotals.quiz` and removed, through the real SDK: local-cloud/src/migrations/quiz-figures.ts.
 * Idempotent: a document folded before is not added again; safe to re-run.
 *
 *   npx tsx scripts/migrate-quiz-figures.ts --url http://127.0.0.1:10086
 *       a running local cloud (it also runs this by itself when it starts on a data dir from before)
 *   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npx tsx scripts/migrate-quiz-figures.ts --env <环境 ID>
 *       WeChat cloud, with an API key of the account that owns the environment; create the pointsTotals
 *       indexes branch_quizCorrect and branch_quizBestStreak (collections.json) and deploy the new functions
 *       first, then run this at once (until it has run, rankings and the 答题 home show only figures
 *       counted by the new version)
 */
import { runMigration } from './connect-sdk'
import { migrateQuizFigures } from '../local-cloud/src/migrations/quiz-figures'

runMigration(
  '答题统计迁移失败（可以再次运行，已并入的不会重复累加）/ quiz figures migration failed (safe to re-run):',
  (sdk) => migrateQuizFigures(sdk, { log: (line) => console.log(line) }),
)
