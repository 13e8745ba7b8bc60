import type * as WxCloud from 'wx-server-sdk'
import { isDuplicateKeyError } from '../../../cloudfunctions/_shared/db'
import { emptyTotals, type PointsTotalsDoc, type QuizFigures } from '../../../cloudfunctions/_shared/points'
import type { QuizProfileDoc } from '../../../cloudfunctions/quiz/src/model'
import { COUNTED_KEPT } from '../../../cloudfunctions/quiz/src/store'
import { changedAny, docsAfter, docsById, pagesById, type MigrationOptions } from './common'

/**
 * The quiz figures move into the points totals (issue 21): each member's `quizProfiles` document of
 * earlier versions is folded into `pointsTotals.quiz` and removed, through the real SDK: the same code
 * runs against the local cloud (on start, for a data dir from before) and against WeChat cloud
 * (scripts/migrate-quiz-figures.ts).
 *
 * Idempotent: the fold marks the figures `folded` in the same write and only matches while they are not,
 * so a run cut short between the fold and the removal folds nothing twice. Figures the new version
 * already wrote for the member (an attempt settled before the migration ran) are added to, not replaced.
 */

type Cloud = typeof WxCloud
type Db = ReturnType<Cloud['database']>

export interface QuizFiguresMigration {
  /** Figures documents read. */
  profiles: number
  /** Folded into the member's totals in this run (the others had been folded before). */
  folded: number
  /** Of those, members who had no totals yet. */
  created: number
}

const PAGE = 100

function totalsOf(db: Db, ids: string[]): Promise<Map<string, PointsTotalsDoc>> {
  return docsById<PointsTotalsDoc>(db, 'pointsTotals', ids)
}

/** The old document's figures as the totals keep them (the member's ids are the totals' own). */
function figuresOf(p: QuizProfileDoc): QuizFigures {
  const { _id, memberId: _member, branchId: _branch, collegeId: _college, countedAttempts, ...figures } = p
  return { ...figures, countedAttempts: (countedAttempts ?? []).slice(-COUNTED_KEPT), folded: true }
}

/**
 * Folds one member's figures into their totals: false when the totals changed under the write (read them
 * again). The old figures' attempt ids go before the ones the new version counted, so the newest are kept.
 */
async function fold(db: Db, p: QuizProfileDoc, totals: PointsTotalsDoc | undefined, now: Date): Promise<boolean> {
  const _ = db.command
  const figures = figuresOf(p)
  const totalsRef = db.collection('pointsTotals')
  if (!totals) {
    const member = { _id: p._id, branchId: p.branchId, collegeId: p.collegeId }
    try {
      await totalsRef.add({ data: { ...emptyTotals(member, now), quiz: figures } })
      return true
    } catch (error) {
      if (isDuplicateKeyError(error)) return false
      throw error
    }
  }
  const update = totals.quiz
    ? totalsRef.where({ _id: p._id, 'quiz.folded': _.neq(true) }).update({
        data: {
          quiz: {
            answered: _.inc(figures.answered),
            correct: _.inc(figures.correct),
            attempts: _.inc(figures.attempts),
            mistakesOpen: _.inc(figures.mistakesOpen),
            bestStreak: _.max(figures.bestStreak),
            countedAttempts: _.push({ each: figures.countedAttempts, position: 0, slice: -COUNTED_KEPT }),
            // `updatedAt` stays: figures the new version wrote were written after these.
            folded: true,
          },
        },
      })
    : totalsRef.where({ _id: p._id, quiz: _.exists(false) }).update({ data: { quiz: _.set(figures) } })
  return changedAny(update)
}

export async function migrateQuizFigures(cloud: Cloud, opts: MigrationOptions = {}): Promise<QuizFiguresMigration> {
  const db = cloud.database()
  const now = opts.now ?? new Date()
  const result: QuizFiguresMigration = { profiles: 0, folded: 0, created: 0 }
  for await (const page of pagesById((after) => docsAfter<QuizProfileDoc>(db, 'quizProfiles', after, PAGE), PAGE)) {
    const totals = await totalsOf(
      db,
      page.map((p) => p._id),
    )
    for (const p of page) {
      result.profiles++
      let known = totals.get(p._id)
      for (let round = 0; !known?.quiz?.folded; round++) {
        if (round === 5) throw new Error(`the points totals of ${p._id} kept changing`)
        if (await fold(db, p, known, now)) {
          result.folded++
          if (!known) result.created++
          break
        }
        known = (await totalsOf(db, [p._id])).get(p._id)
      }
      await db.collection('quizProfiles').doc(p._id).remove()
    }
  }
  opts.log?.(
    `答题统计迁移：${result.profiles} 份，并入积分汇总 ${result.folded} 份 / quiz figures: ${result.profiles} read, ${result.folded} folded into points totals (${result.created} new)`,
  )
  return result
}
