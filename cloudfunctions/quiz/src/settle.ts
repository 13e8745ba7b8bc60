import { audit } from '../../_shared/audit'
import { hasRole, type Caller } from '../../_shared/auth'
import { command, getById, updateById, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import {
  awardPoints,
  awardStoredEntry,
  currentTotals,
  ledgerEntry,
  pointsWithinCaps,
  revOf,
  type PointKind,
  type PointsLedgerDoc,
  type PointsTotalsDoc,
  type Restamp,
  type TotalsRider,
} from '../../_shared/points'
import { chinaDay } from '../../_shared/time'
import type { AttemptDoc, AttemptPointsEntry } from './model'
import { heldFor, type Closing, type MistakeHold } from './attempt'
import { recordMistakes } from './book'
import { COUNTED_KEPT, figuresRider, type SettleReads } from './store'

/**
 * What follows a closed attempt: the 错题本, then the study points and the member's figures in one write
 * of their points totals (the figures live there). The close itself carries the points the attempt earns
 * (capped against the totals read with it) and the figures' count at that moment; each step is idempotent
 * per attempt (the 错题本's counted attempts, the totals' applied entries and the figures'
 * `countedAttempts`), and the totals go last, so the attempt is settled once its figures count it.
 * A settlement cut short is finished by the next submit/result call.
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
 * Whether the attempt's settlement is done: its figures count it (the last step). An attempt pushed out
 * of the figures' kept ids by more than COUNTED_KEPT later ones was counted (or was cut short and is
 * found far too late to tell). Attempts of earlier versions carry `settled`.
 */
export function isSettled(
  attempt: Pick<AttemptDoc, '_id' | 'settled' | 'countedFrom'>,
  totals: SettleReads['totals'],
): boolean {
  const figures = totals?.quiz
  if (attempt.settled) return true
  if (figures?.countedAttempts?.includes(attempt._id)) return true
  return attempt.countedFrom !== undefined && (figures?.attempts ?? 0) - attempt.countedFrom > COUNTED_KEPT
}

/**
 * The points a closed attempt earns against the totals as read (what `awardPoints` would award from them)
 * and, when it earns any, its points entry.
 */
function expectedAward(
  caller: Caller,
  attempt: AttemptDoc,
  now: Date,
  totals: PointsTotalsDoc | null,
): Pick<AttemptDoc, 'points' | 'pointsCapped' | 'pointsEntry'> {
  const requested = pointsFor(attempt)
  if (attempt.flagged || requested <= 0) return { points: 0, pointsCapped: false }
  const kind = POINT_KIND[attempt.kind]
  const points = pointsWithinCaps(currentTotals(totals, caller.member, now), kind, requested, attempt.pointRules)
  // Nothing fits under the caps: no entry (the ledger gets none either).
  if (points === 0) return { points, pointsCapped: true }
  const pointsEntry = { kind, reason: pointsReason(attempt), requested, rev: revOf(totals) }
  return { points, pointsCapped: points < requested, pointsEntry }
}

/** The attempt's points entry as the ledger would hold it. */
function entryOf(member: Caller['member'], attempt: AttemptDoc, entry: AttemptPointsEntry): PointsLedgerDoc {
  const at = new Date(attempt.submittedAt ?? attempt.startedAt)
  return {
    ...ledgerEntry(member, entry.kind, attempt._id, attempt.points, entry.reason, chinaDay(at), at),
    requested: entry.requested,
    rev: entry.rev,
  }
}

/** Caps the attempt's entry again on the attempt itself (see `Restamp`). */
function restampAttempt(caller: Caller, attempt: AttemptDoc): Restamp {
  return async (entry, points, rev) => {
    const requested = entry.requested ?? entry.points
    const updated = await updateWhere(
      'quizAttempts',
      { _id: attempt._id, 'pointsEntry.rev': command().lt(rev) },
      { points, pointsCapped: points < requested, pointsEntry: { rev } },
    )
    if (updated > 0) return { ...entry, points, rev }
    const theirs = await getById('quizAttempts', attempt._id)
    if (!theirs?.pointsEntry) throw new Error(`attempt ${attempt._id} lost its points entry`)
    return entryOf(caller.member, theirs, theirs.pointsEntry)
  }
}

/**
 * Closes an open attempt (only if it is still open: a second submit loses) and settles it. Answers the
 * closed attempt as stored, whoever closed it; the one who closed it settles it.
 */
export async function closeAndSettle(
  caller: Caller,
  attempt: AttemptDoc,
  closing: Closing,
  now: Date,
  guard: Record<string, unknown>,
  reads: SettleReads,
): Promise<AttemptDoc> {
  const closed = { ...attempt, ...closing }
  const stamp = { ...expectedAward(caller, closed, now, reads.totals), countedFrom: reads.totals?.quiz?.attempts ?? 0 }
  const updated = await updateWhere(
    'quizAttempts',
    { _id: attempt._id, status: 'open', ...guard },
    { ...closing, ...stamp },
  )
  if (updated === 0) {
    const current = await getById('quizAttempts', attempt._id)
    if (!current) throw new Error(`attempt ${attempt._id} vanished`)
    if (current.status !== 'submitted') throw new AppError('CONFLICT', '答题状态已变化，请刷新后继续')
    return current
  }
  return settle(caller, { ...closed, ...stamp }, now, reads)
}

/**
 * Records mistakes, then points and figures of a closed attempt once (nothing when it is settled already).
 * `reads` are the totals (with the figures) and the member's 错题本, read with the attempt.
 */
export async function settle(caller: Caller, attempt: AttemptDoc, now: Date, reads: SettleReads): Promise<AttemptDoc> {
  if (isSettled(attempt, reads.totals)) return attempt
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

  const mistakes = hold === 'never' ? null : { wrong, hold, release: hold === null ? releasedBy(attempt) : null }
  const [opened] = await Promise.all([
    mistakes ? recordMistakes(caller.memberId, attempt._id, mistakes, now, reads.book) : 0,
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
  const figures = figuresRider(caller, attempt._id, { ...counted, attempts: 1, mistakesOpen: opened }, now)
  return { ...attempt, ...(await awardFor(caller, attempt, now, reads.totals, figures)) }
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

/** The member's last attempt at a branch quiz: the wrong answers its earlier attempts kept hidden are shown. */
function releasedBy(attempt: AttemptDoc): string | null {
  return attempt.kind === 'quiz' && attempt.quizId && attempt.seq >= 2 ? attempt.quizId : null
}

/** A branch secretary without the committee's role: they set quizzes but never hold the bank's answer key. */
export function isSecretaryOnly(caller: Caller): boolean {
  return hasRole(caller, 'secretary') && !hasRole(caller, 'committee')
}

/**
 * Study points of the attempt and its figures, once, in one write of the member's totals. The close
 * carries the attempt's entry (the claim); it is applied to the totals here, capped again on the attempt
 * if other awards of the member landed since it was read. Attempts closed before entries were kept go
 * through the ledger first, corrected on the attempt if need be.
 */
async function awardFor(
  caller: Caller,
  attempt: AttemptDoc,
  now: Date,
  seen: SettleReads['totals'],
  figures: TotalsRider,
): Promise<Pick<AttemptDoc, 'points' | 'pointsCapped'>> {
  const stored = { points: attempt.points, pointsCapped: attempt.pointsCapped }
  const requested = pointsFor(attempt)
  const req = {
    member: caller.member,
    kind: POINT_KIND[attempt.kind],
    refId: attempt._id,
    points: requested,
    reason: pointsReason(attempt),
    now,
    rules: attempt.pointRules,
    seen,
  }
  const entry = attempt.pointsEntry ? entryOf(caller.member, attempt, attempt.pointsEntry) : null
  const noPoints = attempt.flagged || requested <= 0
  // Closed by this version without an entry, the caps left nothing; closed before entries were kept: the ledger.
  if (entry || noPoints || attempt.countedFrom !== undefined) {
    const result = await awardStoredEntry(entry, req, restampAttempt(caller, attempt), figures)
    return !entry || result.duplicate ? stored : { points: result.awarded, pointsCapped: result.capped }
  }
  const result = await awardPoints(req)
  // The figures alone: their write does not depend on the totals' revision the ledger award moved.
  await awardStoredEntry(null, req, restampAttempt(caller, attempt), figures)
  const awarded = { points: result.awarded, pointsCapped: result.capped }
  if (result.duplicate || (awarded.points === stored.points && awarded.pointsCapped === stored.pointsCapped))
    return stored
  await updateById('quizAttempts', attempt._id, awarded)
  return awarded
}
