import { requireCaller, type Caller } from '../../_shared/auth'
import { command, getById, getDb, type Where } from '../../_shared/db'
import type { QuizSettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { CollegeDoc, MemberDoc } from '../../_shared/models'
import type { PointRules, PointsTotalsDoc, QuizFigures, TotalsRider } from '../../_shared/points'
import { badCursor, decodeCursor } from '../../_shared/cursor'
import { readSettings } from '../../_shared/settings'
import type { AttemptDoc, MistakeBookDoc } from './model'

/** Database helpers of the quiz function beyond `_shared/db`. */

/** The college's quiz settings and point rules, over the defaults. */
export async function collegeRules(collegeId: string): Promise<{ quiz: QuizSettings; points: PointRules }> {
  return rulesOf(await getById('colleges', collegeId))
}

export function rulesOf(college: Pick<CollegeDoc, 'settings'> | null | undefined): {
  quiz: QuizSettings
  points: PointRules
} {
  const settings = readSettings(college)
  return { quiz: settings.quiz, points: settings.pointRules }
}

// ---------------------------------------------------------------------------------------------
// An attempt and what settling it needs, in one request.

export const NOT_FOUND_ATTEMPT = '没有找到这次答题记录'

/**
 * What settling an attempt needs besides the attempt: the member's points totals with their quiz figures
 * (which tell whether the attempt is counted already) and their 错题本.
 */
export interface SettleReads {
  totals: PointsTotalsDoc | null
  book: MistakeBookDoc | null
}

type AttemptRow = AttemptDoc & {
  members: MemberDoc[]
  totals: PointsTotalsDoc[]
  books: MistakeBookDoc[]
}

/**
 * Attempts matching `where` (at most `limit`, in `orderBy` order), each with its member, the member's
 * points totals (with the quiz figures) and 错题本: one aggregate from the attempts, each `$lookup` by `_id`.
 */
async function attemptsWithReads(
  where: Record<string, unknown>,
  limit: number,
  orderBy: Record<string, 1 | -1> | null = null,
): Promise<{ attempt: AttemptDoc; member: MemberDoc | undefined; reads: SettleReads }[]> {
  const matched = getDb().collection('quizAttempts').aggregate().match(where)
  const res = (await (orderBy ? matched.sort(orderBy) : matched)
    .limit(limit)
    .lookup({ from: 'members', localField: 'memberId', foreignField: '_id', as: 'members' })
    .lookup({ from: 'pointsTotals', localField: 'memberId', foreignField: '_id', as: 'totals' })
    .lookup({ from: 'quizMistakeBooks', localField: 'memberId', foreignField: '_id', as: 'books' })
    .end()) as { list: AttemptRow[] }
  return res.list.map((row) => {
    const { members, totals, books, ...attempt } = row
    return {
      attempt: attempt as AttemptDoc,
      member: members[0],
      reads: { totals: totals[0] ?? null, book: books[0] ?? null },
    }
  })
}

/** The member's attempt matching `where` (the latest by `seq` when several), with what settling it needs. */
export async function ownAttemptWithReads(
  where: Record<string, unknown>,
): Promise<{ attempt: AttemptDoc; reads: SettleReads } | null> {
  const [row] = await attemptsWithReads(where, 1, { seq: -1 })
  return row ?? null
}

/**
 * The caller's own attempt with what settling it needs (`attemptsWithReads`). The caller is its member
 * when the member's openid is the caller's; otherwise (or for an unknown attempt) NOT_FOUND, after the
 * usual identity check so an unbound caller still hears that first.
 */
export async function loadOwnAttempt(
  ctx: CallContext,
  attemptId: string,
): Promise<{ caller: Caller; attempt: AttemptDoc; reads: SettleReads }> {
  const [row] = await attemptsWithReads({ _id: attemptId }, 1)
  const member = row?.member
  if (!row || !member || !ctx.openid || member.openid !== ctx.openid) {
    await requireCaller(ctx)
    throw new AppError('NOT_FOUND', NOT_FOUND_ATTEMPT)
  }
  const caller: Caller = {
    openid: ctx.openid,
    member,
    memberId: member._id,
    roles: member.roles,
    branchId: member.branchId,
  }
  return { caller, attempt: row.attempt, reads: row.reads }
}

// ---------------------------------------------------------------------------------------------
// Cursors for lists ordered by a date (newest first) with `_id` breaking ties.

/** The condition "after this cursor" for a list ordered by `field` desc, `_id` asc. */
export function afterCursor(field: string, cursor: string | undefined): Where | null {
  const bound = decodeCursor(cursor)
  if (!bound) return null
  if (bound.ids.length !== 1) throw badCursor()
  const at = new Date(bound.key)
  const _ = command()
  return _.or([{ [field]: _.lt(at) }, { [field]: at, _id: _.gt(bound.ids[0]) }])
}

/** `base` and, when given, `extra`: one where clause. */
export function whereAll(base: Record<string, unknown>, ...extra: (Where | null)[]): Where {
  const parts = extra.filter((e): e is Where => e !== null)
  if (parts.length === 0) return base as Where
  return command().and([base, ...parts])
}

// ---------------------------------------------------------------------------------------------
// The member's running quiz figures (rankings, best streak, open mistakes), kept in their points totals.

export interface FiguresChange {
  answered: number
  correct: number
  attempts: number
  mistakesOpen: number
  streak: number
}

/** How many recently counted attempt ids a member's figures keep, to count each attempt once. */
export const COUNTED_KEPT = 20

/**
 * Adds one attempt to the member's figures, once, in the write of the attempt's points (`awardStoredEntry`):
 * a settlement cut short is run again by the next submit/result call, and the same attempt must not be
 * counted twice. The figures keep the ids of their last attempts; the write only matches while
 * `attemptId` is not among them.
 */
export function figuresRider(caller: Caller, attemptId: string, change: FiguresChange, now: Date): TotalsRider {
  const _ = command()
  return {
    isIn: (totals) => totals?.quiz?.countedAttempts?.includes(attemptId) ?? false,
    notIn: { 'quiz.countedAttempts': _.neq(attemptId) },
    update: {
      branchId: caller.branchId,
      // A plain object is merged field by field: each figure is changed by its own operator.
      quiz: {
        name: caller.member.name,
        answered: _.inc(change.answered),
        correct: _.inc(change.correct),
        attempts: _.inc(change.attempts),
        mistakesOpen: _.inc(change.mistakesOpen),
        bestStreak: _.max(change.streak),
        countedAttempts: _.push({ each: [attemptId], slice: -COUNTED_KEPT }),
        updatedAt: now,
      },
    },
    fresh: (doc) => ({ ...doc, quiz: firstFigures(caller, attemptId, change, now) }),
  }
}

function firstFigures(caller: Caller, attemptId: string, change: FiguresChange, now: Date): QuizFigures {
  return {
    name: caller.member.name,
    answered: change.answered,
    correct: change.correct,
    attempts: change.attempts,
    bestStreak: Math.max(0, change.streak),
    mistakesOpen: Math.max(0, change.mistakesOpen),
    countedAttempts: [attemptId],
    updatedAt: now,
  }
}
