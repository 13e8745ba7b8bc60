import { hasRole, requireCaller, requireRole, type Caller } from '../../_shared/auth'
import { command, findMany, findOne } from '../../_shared/db'
import type { CallContext } from '../../_shared/handler'
import { chinaDay } from '../../_shared/time'
import { encodeCursor, pageOf } from '../../_shared/cursor'
import { isExpired } from './attempt'
import type { DailyHome, ManageHome, QuizCard, QuizState } from './contract'
import type { AttemptDoc, QuizDoc } from './model'
import { afterCursor, whereAll } from './store'

/** The 答题 tab and the quiz lists. */

const PAGE_SIZE = 20
/** Quizzes are read without their question pool (which holds answer keys and is large). */
const CARD_FIELDS = { pool: false } as const

export function collegeKey(collegeId: string): string {
  return `college:${collegeId}`
}

export function quizState(quiz: Pick<QuizDoc, 'opensAt' | 'closesAt'>, now: Date): QuizState {
  if (now < new Date(quiz.opensAt)) return 'upcoming'
  return now < new Date(quiz.closesAt) ? 'open' : 'closed'
}

export function scopeLabel(
  quiz: Pick<QuizDoc, 'branchId'>,
  caller: Caller,
  branchNames: ReadonlyMap<string, string> = new Map(),
): string {
  if (quiz.branchId === null) return '全院'
  if (quiz.branchId === caller.branchId) return '本支部'
  return branchNames.get(quiz.branchId) ?? '支部'
}

export function quizCard(
  quiz: QuizDoc,
  caller: Caller,
  now: Date,
  mine: QuizCard['mine'] = null,
  branchNames?: ReadonlyMap<string, string>,
): QuizCard {
  return {
    id: quiz._id,
    title: quiz.title,
    description: quiz.description,
    scopeLabel: scopeLabel(quiz, caller, branchNames),
    mode: quiz.mode,
    count: quiz.count,
    timeLimitMinutes: quiz.timeLimitMinutes,
    opensAt: new Date(quiz.opensAt).toISOString(),
    closesAt: new Date(quiz.closesAt).toISOString(),
    attemptsAllowed: quiz.attemptsAllowed,
    audience: quiz.audience,
    state: quizState(quiz, now),
    createdByName: quiz.createdByName,
    mine,
  }
}

/** Quizzes not yet closed that the caller may take (their branch's and their college's, their stage, not set by them). */
async function quizzesOpenTo(caller: Caller, now: Date): Promise<QuizDoc[]> {
  const keys = [collegeKey(caller.member.collegeId), ...(caller.branchId ? [caller.branchId] : [])]
  const _ = command()
  const quizzes = await findMany(
    'quizzes',
    { branchKey: _.in(keys), closesAt: _.gt(now) },
    { orderBy: [['closesAt', 'asc']], limit: 50, fields: CARD_FIELDS },
  )
  return quizzes.filter((q) => q.audience.includes(caller.member.stage) && q.createdBy !== caller.memberId)
}

/** The tab's one call: today's daily quiz, my figures, and the quizzes open to me. Four reads. */
export async function daily(_params: Record<string, never>, ctx: CallContext): Promise<DailyHome> {
  const caller = await requireCaller(ctx)
  const day = chinaDay(ctx.now)
  const [today, totals, quizzes] = await Promise.all([
    findOne('quizAttempts', { _id: `daily:${day}:${caller.memberId}` }, { fields: { items: false } }),
    findOne('pointsTotals', { _id: caller.memberId }, { fields: { quiz: true } }),
    quizzesOpenTo(caller, ctx.now),
  ])
  const profile = totals?.quiz
  return {
    day,
    today: {
      status: !today ? 'none' : today.status === 'open' ? 'open' : 'done',
      attemptId: today?._id ?? null,
      score: today?.status === 'submitted' ? today.score : null,
      correctCount: today?.status === 'submitted' ? today.correctCount : null,
      total: today?.total ?? 0,
      remainingMs:
        today?.status === 'open'
          ? isExpired(today, ctx.now)
            ? 0
            : Math.max(0, new Date(today.deadline).getTime() - ctx.now.getTime())
          : null,
    },
    stats: {
      answered: profile?.answered ?? 0,
      correct: profile?.correct ?? 0,
      attempts: profile?.attempts ?? 0,
      bestStreak: profile?.bestStreak ?? 0,
      mistakesOpen: Math.max(0, profile?.mistakesOpen ?? 0),
    },
    openQuizzes: quizzes
      .filter((q) => quizState(q, ctx.now) === 'open')
      .slice(0, 5)
      .map((q) => quizCard(q, caller, ctx.now)),
    canManage: hasRole(caller, 'secretary') || hasRole(caller, 'committee'),
    canEditBank: hasRole(caller, 'committee'),
  }
}

export async function listQuizzes(
  params: { scope: 'mine' | 'manage'; cursor?: string },
  ctx: CallContext,
): Promise<ManageHome> {
  const caller = await requireCaller(ctx)
  return params.scope === 'mine' ? myQuizzes(caller, ctx.now) : managedQuizzes(caller, params.cursor, ctx.now)
}

/** Open and upcoming quizzes with my attempts, best score and any attempt still open. Three reads. */
async function myQuizzes(caller: Caller, now: Date): Promise<ManageHome> {
  const quizzes = await quizzesOpenTo(caller, now)
  const _ = command()
  const attempts =
    quizzes.length === 0
      ? []
      : await findMany<Pick<AttemptDoc, '_id' | 'quizKey' | 'status' | 'score' | 'seq' | 'flagged'>>(
          'quizAttempts',
          { memberId: caller.memberId, quizKey: _.in(quizzes.map((q) => q._id)) },
          { fields: { _id: true, quizKey: true, status: true, score: true, seq: true, flagged: true }, limit: 500 },
        )
  const items = quizzes.map((quiz) => {
    const mine = attempts.filter((a) => a.quizKey === quiz._id)
    // A flagged attempt (blank, too fast) used a chance but is no score.
    const scores = mine.filter((a) => a.status === 'submitted' && !a.flagged).map((a) => a.score)
    return quizCard(quiz, caller, now, {
      attemptsUsed: mine.length,
      bestScore: scores.length > 0 ? Math.max(...scores) : null,
      openAttemptId: mine.find((a) => a.status === 'open')?._id ?? null,
    })
  })
  return { items, nextCursor: null, branches: [] }
}

/** Quizzes a secretary (their branch's and the college's) or the committee (all) manage, newest first. */
async function managedQuizzes(caller: Caller, cursor: string | undefined, now: Date): Promise<ManageHome> {
  requireRole(caller, 'secretary', 'committee')
  const committee = hasRole(caller, 'committee')
  const _ = command()
  const base = committee
    ? { collegeId: caller.member.collegeId }
    : { branchKey: _.in([collegeKey(caller.member.collegeId), ...(caller.branchId ? [caller.branchId] : [])]) }
  const [quizzes, branches] = await Promise.all([
    findMany('quizzes', whereAll(base, afterCursor('createdAt', cursor)), {
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'asc'],
      ],
      limit: PAGE_SIZE + 1,
      fields: CARD_FIELDS,
    }),
    committee
      ? findMany('branches', { collegeId: caller.member.collegeId }, { orderBy: [['order', 'asc']], limit: 100 })
      : Promise.resolve([]),
  ])
  const names = new Map(branches.map((b) => [b._id, b.name]))
  const { page, nextCursor } = pageOf(quizzes, PAGE_SIZE, (last) => encodeCursor(last.createdAt, [last._id]))
  return {
    items: page.map((q) => quizCard(q, caller, now, null, names)),
    nextCursor,
    branches: branches.map((b) => ({ id: b._id, name: b.name })),
  }
}
