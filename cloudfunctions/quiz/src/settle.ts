import { audit } from '../../_shared/audit'
import { hasRole, type Caller } from '../../_shared/auth'
import { command, findMany, getById, insert, isDuplicateKeyError, updateById, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import { awardPoints, type PointKind } from '../../_shared/points'
import type { AttemptDoc, AttemptItem, MistakeDoc } from './model'
import { heldFor, mistakeId, newMistake, type Closing, type MistakeHold } from './attempt'
import { bumpProfile, insertMany, type SettleReads } from './store'

/**
 * What follows a closed attempt: the 错题本, the member's figures, and study points. Points are
 * idempotent per attempt (the ledger's refId); the attempt is marked settled last, so a settlement
 * cut short is finished by the next submit/result call.
 */

const POINT_KIND: Record<AttemptDoc['kind'], PointKind> = { daily: 'dailyQuiz', quiz: 'quiz', challenge: 'challenge' }

/** Points before the daily caps: 1 per right answer (daily), 1 per 10 marks (quiz), 1 per question of the streak (challenge). */
export function pointsFor(attempt: Pick<AttemptDoc, 'kind' | 'correctCount' | 'score' | 'streak'>): number {
  if (attempt.kind === 'daily') return attempt.correctCount
  if (attempt.kind === 'quiz') return Math.round(attempt.score / 10)
  return attempt.streak
}

function pointsReason(attempt: AttemptDoc): string {
  if (attempt.kind === 'daily') return `每日答题答对 ${attempt.correctCount} 题`
  if (attempt.kind === 'quiz') return `支部测验《${attempt.title}》得 ${attempt.score} 分`
  return `挑战答题连续答对 ${attempt.streak} 题`
}

/**
 * Closes an open attempt (only if it is still open: a second submit loses) and settles it.
 * Answers the closed attempt as stored, whoever closed it.
 */
export async function closeAndSettle(
  caller: Caller,
  attempt: AttemptDoc,
  closing: Closing,
  now: Date,
  guard: Record<string, unknown> = {},
  reads: SettleReads = {},
): Promise<AttemptDoc> {
  const updated = await updateWhere('quizAttempts', { _id: attempt._id, status: 'open', ...guard }, { ...closing })
  if (updated === 0) {
    const current = await getById('quizAttempts', attempt._id)
    if (!current) throw new Error(`attempt ${attempt._id} vanished`)
    if (current.status !== 'submitted') throw new AppError('CONFLICT', '答题状态已变化，请刷新后继续')
    return settle(caller, current, now, reads)
  }
  return settle(caller, { ...attempt, ...closing }, now, reads)
}

/**
 * Records mistakes, figures and points of a closed attempt once; marks it settled. `reads` are the
 * totals and 错题本 entries read with the attempt (`loadOwnAttempt`), read here when absent.
 */
export async function settle(
  caller: Caller,
  attempt: AttemptDoc,
  now: Date,
  reads: SettleReads = {},
): Promise<AttemptDoc> {
  if (attempt.settled) return attempt
  const served = attempt.kind === 'challenge' ? attempt.items.slice(0, attempt.served) : attempt.items
  // A flagged attempt was not really answered: it adds nothing to the 错题本 or the member's figures.
  const wrong = attempt.flagged ? [] : served.filter((item) => item.correct !== true)
  const counted = attempt.flagged
    ? { answered: 0, correct: 0, streak: 0 }
    : {
        answered: attempt.answeredCount,
        correct: attempt.correctCount,
        streak: attempt.kind === 'challenge' ? attempt.streak : 0,
      }
  const hold = mistakesHold(caller, attempt, now)

  const [award] = await Promise.all([
    awardFor(caller, attempt, now, reads.totals),
    hold === null ? releaseMistakes(caller.memberId, attempt) : null,
    (hold === 'never' ? Promise.resolve(0) : recordMistakes(caller.memberId, wrong, now, reads.mistakes, hold)).then(
      (opened) => bumpProfile(caller, attempt._id, { ...counted, attempts: 1, mistakesOpen: opened }, now),
    ),
    attempt.flagged
      ? audit(
          caller,
          'quiz.flagged',
          attempt._id,
          {
            title: attempt.title,
            kind: attempt.kind,
            reason: attempt.flagReason ?? 'tooFast',
            answered: attempt.answeredCount,
            durationMs: attempt.durationMs,
          },
          now,
        )
      : null,
  ])
  const settled = { settled: true, points: award.awarded, pointsCapped: award.capped }
  await updateById('quizAttempts', attempt._id, settled)
  return { ...attempt, ...settled }
}

/**
 * How a branch quiz's wrong answers enter the 错题本 (a retry there shows the answer): hidden until the
 * quiz closes while the member has attempts left; never for a secretary (the key is the committee's).
 */
function mistakesHold(caller: Caller, attempt: AttemptDoc, now: Date): MistakeHold | null | 'never' {
  if (attempt.kind !== 'quiz') return null
  if (isSecretaryOnly(caller)) return 'never'
  const held = heldFor(attempt, now)
  return held?.reason === 'attemptsLeft' && attempt.quizId
    ? { until: new Date(held.releaseAt), quizId: attempt.quizId }
    : null
}

/** The member's last attempt at a quiz: the wrong answers its earlier attempts kept hidden are shown now. */
async function releaseMistakes(memberId: string, attempt: AttemptDoc): Promise<void> {
  if (attempt.kind !== 'quiz' || !attempt.quizId || attempt.seq < 2) return
  await updateWhere('quizMistakes', { memberId, hiddenFor: attempt.quizId }, { hiddenUntil: null, hiddenFor: null })
}

/** A branch secretary without the committee's role: they set quizzes but never hold the bank's answer key. */
export function isSecretaryOnly(caller: Caller): boolean {
  return hasRole(caller, 'secretary') && !hasRole(caller, 'committee')
}

async function awardFor(
  caller: Caller,
  attempt: AttemptDoc,
  now: Date,
  seen: SettleReads['totals'],
): Promise<{ awarded: number; capped: boolean }> {
  const points = pointsFor(attempt)
  if (attempt.flagged || points <= 0) return { awarded: 0, capped: false }
  const result = await awardPoints({
    member: caller.member,
    kind: POINT_KIND[attempt.kind],
    refId: attempt._id,
    points,
    reason: pointsReason(attempt),
    now,
    rules: attempt.pointRules,
    seen,
  })
  return { awarded: result.awarded, capped: result.capped }
}

/**
 * Adds wrong answers to the 错题本: new questions in one batch insert, known ones counted again (and
 * reopened if they had been mastered). Answers how many entries became open.
 */
export async function recordMistakes(
  memberId: string,
  wrong: AttemptItem[],
  now: Date,
  entries?: SettleReads['mistakes'],
  hidden: MistakeHold | null = null,
): Promise<number> {
  if (wrong.length === 0) return 0
  const _ = command()
  const ids = wrong.map((item) => mistakeId(memberId, item.questionId))
  const wanted = new Set(ids)
  const known = entries
    ? entries.filter((m) => wanted.has(m._id))
    : await findMany<Pick<MistakeDoc, '_id' | 'mastered'>>(
        'quizMistakes',
        { _id: _.in(ids) },
        { fields: { _id: true, mastered: true }, limit: ids.length },
      )
  const knownIds = new Set(known.map((m) => m._id))
  const fresh = wrong
    .filter((item) => !knownIds.has(mistakeId(memberId, item.questionId)))
    .map((item) => newMistake(memberId, item, now, hidden))
  // A known entry was shown with its answer before (or is hidden by this quiz already): it stays as it was;
  // once the answers are out, it is shown again.
  const again = {
    wrongCount: _.inc(1),
    lastWrongAt: now,
    mastered: false,
    masteredAt: null,
    ...(hidden ? {} : { hiddenUntil: null, hiddenFor: null }),
  }
  await Promise.all([
    insertFresh(fresh, again),
    known.length > 0 ? updateWhere('quizMistakes', { _id: _.in([...knownIds]) }, again) : null,
  ])
  return fresh.length + known.filter((m) => m.mastered).length
}

/** One batch insert; if another submission added one of them meanwhile, each is added or counted alone. */
async function insertFresh(fresh: MistakeDoc[], again: Record<string, unknown>): Promise<void> {
  try {
    await insertMany('quizMistakes', fresh)
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    for (const doc of fresh) {
      await insert('quizMistakes', doc).catch(async (e: unknown) => {
        if (!isDuplicateKeyError(e)) throw e
        await updateById('quizMistakes', doc._id, again)
      })
    }
  }
}
