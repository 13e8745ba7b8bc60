import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { PointsTotalsDoc, QuizFigures } from '../../cloudfunctions/_shared/points'
import type { DailyHome, Ranking } from '../../cloudfunctions/quiz/src/contract'
import type { QuizProfileDoc } from '../../cloudfunctions/quiz/src/model'
import { migrateQuizFigures } from '../../local-cloud/src/migrations/quiz-figures'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { data } from '../helpers/results'
import { adminSdk, countDocs, findDocs } from '../helpers/sdk'
import { lastLoggedCall } from '../helpers/suite'

/**
 * Quiz figures kept in `quizProfiles` by earlier versions are folded into the members' points totals
 * through the real SDK: members with points, members without totals, figures the new version already
 * wrote, and a run cut short after a fold; a second run changes nothing; the local cloud runs it by
 * itself when it starts on such a data dir.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

beforeAll(async () => {
  cloud = await startLocalCloud()
  sdk = adminSdk(cloud.url)
})

afterAll(async () => {
  await cloud?.stop()
})

const allTotals = () => findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', {})

/**
 * Stores the seeded figures as an earlier version had them: a `quizProfiles` document per member, no
 * figures in the totals, and no totals at all for a member without points. Answers the seeded totals.
 */
async function asBefore(): Promise<PointsTotalsDoc[]> {
  const db = sdk.database()
  const seeded = await allTotals()
  for (const t of seeded) {
    if (!t.quiz) continue
    const { folded: _folded, ...figures } = t.quiz
    const profile: QuizProfileDoc = {
      ...figures,
      _id: t._id,
      memberId: t._id,
      branchId: t.branchId,
      collegeId: t.collegeId,
    }
    await db.collection('quizProfiles').add({ data: profile })
    const totals = db.collection('pointsTotals').doc(t._id)
    if (t.total === 0) await totals.remove()
    else await totals.update({ data: { quiz: db.command.remove() } })
  }
  return seeded
}

async function setFigures(memberId: string, quiz: QuizFigures): Promise<void> {
  const db = sdk.database()
  await db
    .collection('pointsTotals')
    .doc(memberId)
    .update({ data: { quiz: db.command.set(quiz) } })
}

describe('quiz figures migration', () => {
  it('folds every member’s figures into their totals once, adding to figures written since', async () => {
    const seeded = await asBefore()
    const withFigures = seeded.filter((t) => t.quiz)
    const quizOnly = withFigures.filter((t) => t.total === 0)
    expect(quizOnly.length).toBeGreaterThan(0)
    expect(await countDocs(sdk, 'quizProfiles')).toBe(withFigures.length)

    // A member who finished an attempt under the new version before the migration ran.
    const [early, folded] = withFigures.filter((t) => t.total > 0)
    const since: QuizFigures = {
      name: early.quiz?.name ?? '',
      answered: 5,
      correct: 3,
      attempts: 1,
      bestStreak: 40,
      mistakesOpen: 2,
      countedAttempts: ['daily:new'],
      updatedAt: new Date(),
    }
    await setFigures(early._id, since)
    // A member folded by a run cut short before it removed their old document.
    await setFigures(folded._id, { ...(folded.quiz as QuizFigures), folded: true })

    const first = await migrateQuizFigures(sdk)
    expect(first).toEqual({ profiles: withFigures.length, folded: withFigures.length - 1, created: quizOnly.length })
    expect(await countDocs(sdk, 'quizProfiles')).toBe(0)

    const now = new Map((await allTotals()).map((t) => [t._id, t]))
    for (const t of withFigures) {
      const seededFigures = t.quiz as QuizFigures
      const figures = now.get(t._id)?.quiz
      if (t._id === early._id) {
        expect(figures).toMatchObject({
          answered: seededFigures.answered + 5,
          correct: seededFigures.correct + 3,
          attempts: seededFigures.attempts + 1,
          mistakesOpen: seededFigures.mistakesOpen + 2,
          bestStreak: 40,
          countedAttempts: [...seededFigures.countedAttempts, 'daily:new'],
          folded: true,
        })
      } else expect(figures, t._id).toEqual({ ...seededFigures, folded: true })
      // The points are untouched; a member without points has empty totals.
      expect(now.get(t._id)?.total).toBe(t.total)
    }

    const again = await migrateQuizFigures(sdk)
    expect(again).toEqual({ profiles: 0, folded: 0, created: 0 })

    // The 答题 home and the branch ranking read them, by index.
    const liu = memberIdOf('2022010112')
    const openid = demoOpenid('2022010112')
    const home = data(await cloud.call<Result<DailyHome>>('quiz', { action: 'daily' }, openid))
    const liuFigures = now.get(liu)?.quiz as QuizFigures
    expect(home.stats).toEqual({
      answered: liuFigures.answered,
      correct: liuFigures.correct,
      attempts: liuFigures.attempts,
      bestStreak: liuFigures.bestStreak,
      mistakesOpen: liuFigures.mistakesOpen,
    })
    const ranking = data(await cloud.call<Result<Ranking>>('quiz', { action: 'ranking', board: 'overall' }, openid))
    expect(ranking.me).toMatchObject({ memberId: liu, value: liuFigures.correct })
    for (const q of (await lastLoggedCall(cloud, 'quiz', 'ranking')).queries)
      expect(q.index, `ranking reads ${q.collection} without an index`).not.toBeNull()
  })

  it('runs when the local cloud starts on a data dir from before', async () => {
    const db = sdk.database()
    const member = memberIdOf('2023010102')
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: member })
    const { folded: _folded, ...figures } = totals.quiz as QuizFigures
    await db
      .collection('pointsTotals')
      .doc(member)
      .update({ data: { quiz: db.command.remove() } })
    const profile = {
      ...figures,
      _id: member,
      memberId: member,
      branchId: totals.branchId,
      collegeId: totals.collegeId,
    }
    await db.collection('quizProfiles').add({ data: profile })

    await cloud.stop({ keepData: true })
    cloud = await startLocalCloud({ dataDir: cloud.dataDir })
    sdk = adminSdk(cloud.url)
    await expect.poll(async () => countDocs(sdk, 'quizProfiles'), { timeout: 30_000, interval: 200 }).toBe(0)
    const [after] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: member })
    expect(after.quiz).toEqual({ ...figures, folded: true })
  }, 120_000)
})
