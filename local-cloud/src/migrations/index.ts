import { spawn } from 'node:child_process'
import path from 'node:path'
import { REPO_ROOT } from '../config'
import type { LocalDatabase } from '../db/index'

/**
 * Migrations of a data dir written by an older version, run when the local cloud starts on it. Each
 * runs through the real SDK against this local cloud (a child process, as the production one-off
 * runs), so the same code migrates both.
 */
export async function runMigrations(db: LocalDatabase, baseUrl: string, log: (line: string) => void): Promise<void> {
  const legacy = await db.find('members', { _id: { $regex: '^m-' } }, { limit: 1 })
  if (legacy.length > 0) {
    log('[local-cloud] 正在把旧的成员编号（含学号）迁移为不透明编号… / migrating member ids…')
    await runScript(path.join(REPO_ROOT, 'scripts', 'migrate-member-ids.ts'), ['--url', baseUrl], log)
  }
  // A data dir from before the development file (issue #17): stage dates but no steps yet, or stage
  // records (assessments, extensions) not yet carried into the steps.
  const [steps, staged, records] = await Promise.all([
    db.find('devSteps', {}, { limit: 1 }),
    db.find('members', { stage: { $ne: 'masses' } }, { limit: 1 }),
    db.find('stageEvents', { migratedToSteps: { $ne: true } }, { limit: 1 }),
  ])
  if ((steps.length === 0 && staged.length > 0) || records.length > 0) {
    log('[local-cloud] 正在把发展阶段日期迁移为发展纪实的步骤… / migrating stage dates to development steps…')
    await runScript(path.join(REPO_ROOT, 'scripts', 'migrate-development-steps.ts'), ['--url', baseUrl], log)
  }
  // Articles stored before the title search's index (issue #21).
  const unindexed = await db.find('articles', { titleGrams: { $exists: false } }, { limit: 1 })
  if (unindexed.length > 0) {
    log('[local-cloud] 正在为文章标题建立检索索引… / indexing article titles…')
    await runScript(path.join(REPO_ROOT, 'scripts', 'migrate-title-grams.ts'), ['--url', baseUrl], log)
  }
  // Quiz figures kept in a document of their own before they moved into the points totals (issue #21).
  const profiles = await db.find('quizProfiles', {}, { limit: 1 })
  if (profiles.length > 0) {
    log('[local-cloud] 正在把答题统计并入积分汇总… / folding quiz figures into the points totals…')
    await runScript(path.join(REPO_ROOT, 'scripts', 'migrate-quiz-figures.ts'), ['--url', baseUrl], log)
  }
  // 错题本 entries kept one document each before the members' books (issue #21).
  const mistakes = await db.find('quizMistakes', {}, { limit: 1 })
  if (mistakes.length > 0) {
    log('[local-cloud] 正在把错题本并入每名成员的一份文档… / folding 错题本 entries into mistake books…')
    await runScript(path.join(REPO_ROOT, 'scripts', 'migrate-mistake-books.ts'), ['--url', baseUrl], log)
  }
}

function runScript(script: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const collect = (d: Buffer): void => {
      output += d.toString()
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('error', reject)
    child.once('exit', (code) => {
      for (const line of output.trim().split('\n')) if (line) log(`[local-cloud] ${line}`)
      if (code === 0) resolve()
      else reject(new Error(`${path.basename(script)} exited with ${code}`))
    })
  })
}
