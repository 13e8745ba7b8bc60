import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { DashboardResult } from '../../cloudfunctions/branch/src/contract'
import type { OpenAttempt } from '../../cloudfunctions/quiz/src/contract'
import type { QueueResult } from '../../cloudfunctions/report/src/contract'
import type { FeedResult } from '../../cloudfunctions/study/src/contract'
import { generateCollege, type GeneratedCollege } from '../../scripts/bench/college/generate'
import { benchOpenid } from '../../scripts/bench/college/people'
import type { CollegeScale } from '../../scripts/bench/college/scale'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'

/**
 * The bench's college generator at a tiny scale, then the real functions on what it wrote: if the
 * generated documents drift from the shapes the functions read, these calls fail.
 */
const TINY: CollegeScale = { branches: 2, students: 50, checkIns: 2000, articles: 40, questions: 60, quizDays: 5 }

let cloud: LocalCloud
let generated: GeneratedCollege
const dataDir = mkdtempSync(join(tmpdir(), 'zbt-bench-college-'))
// Branch 1's secretary is member 0 of the branch; students start at 0001 (studentNo: year, branch, index).
const SECRETARY = benchOpenid('2021010000')

function data<T>(res: Result<T>): T {
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`)
  return res.data
}

beforeAll(async () => {
  generated = await generateCollege({ dataDir, scale: TINY })
  cloud = await startLocalCloud({ dataDir, env: { SEED: '0' } })
}, 120_000)

afterAll(async () => {
  await cloud?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('bench college generator (tiny scale)', () => {
  it('writes every kind of document', () => {
    for (const c of [
      'members',
      'bindings',
      'reports',
      'meetings',
      'attendance',
      'articles',
      'checkIns',
      'questions',
      'quizAttempts',
      'pointsLedger',
      'pointsTotals',
    ]) {
      expect(generated.counts[c], c).toBeGreaterThan(0)
    }
    expect(generated.draftWriters.length).toBeGreaterThan(0)
  })

  it('serves the study feed, the review queue, the daily quiz and the dashboards from it', async () => {
    const student = generated.draftWriters[0]
    const feed = data(await cloud.call<Result<FeedResult>>('study', { action: 'feed' }, student))
    expect(feed.latest.length + feed.pinned.length).toBeGreaterThan(0)

    const queue = data(
      await cloud.call<Result<QueueResult>>('report', { action: 'listForReview', status: 'all', limit: 5 }, SECRETARY),
    )
    expect(queue.items.length).toBeGreaterThan(0)
    expect(queue.counts.all).toBeGreaterThan(0)

    const quiz = data(await cloud.call<Result<OpenAttempt>>('quiz', { action: 'start', kind: 'daily' }, student))
    expect(quiz.questions.length).toBe(5)

    const dashboard = data(await cloud.call<Result<DashboardResult>>('branch', { action: 'dashboard' }, SECRETARY))
    expect(dashboard).toBeTruthy()
    const committee = data(
      await cloud.call<Result<DashboardResult>>('branch', { action: 'dashboard' }, benchOpenid('T2009001')),
    )
    expect(committee).toBeTruthy()

    const checkIn = data(
      await cloud.call<Result<{ streak: number; already: boolean }>>('study', { action: 'clockIn' }, student),
    )
    expect(checkIn.already).toBe(false)
  })
})
