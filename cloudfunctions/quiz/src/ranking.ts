import { canManageBranch, hasRole, requireCaller, type Caller } from '../../_shared/auth'
import { findMany, findOne, getById } from '../../_shared/db'
import { ranked } from '../../_shared/ranking'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { Ranking, RankRow } from './contract'
import type { QuizFigures } from '../../_shared/points'
import type { AttemptDoc } from './model'

/** Rankings within a branch: overall (right answers), best challenge streak, and per quiz (best score). */

const TOP = 50

/** The branch whose ranking the caller may see: their own; the committee picks any. */
export function rankingBranch(caller: Caller, requested: string | undefined): string {
  if (requested && requested !== caller.branchId) {
    if (!canManageBranch(caller, requested)) throw new AppError('FORBIDDEN', '只能查看本支部的排行')
    return requested
  }
  if (caller.branchId) return caller.branchId
  throw new AppError(
    hasRole(caller, 'committee') ? 'INVALID_ARGUMENT' : 'FAILED_PRECONDITION',
    hasRole(caller, 'committee') ? '请选择要查看的支部' : '你还没有编入支部，暂无排行',
  )
}

function duration(ms: number | null): string {
  const seconds = Math.round((ms ?? 0) / 1000)
  return seconds >= 60 ? `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒` : `${seconds} 秒`
}

type Scored = Pick<AttemptDoc, 'memberId' | 'memberName' | 'score' | 'durationMs'> & { flagged?: boolean }

/** Each member's best attempt: highest score, then the quicker one. A flagged attempt (blank, too fast) is never a best. */
export function bestPerMember<T extends Scored>(attempts: T[]): T[] {
  const best = new Map<string, T>()
  for (const a of attempts) {
    if (a.flagged) continue
    const held = best.get(a.memberId)
    if (!held || a.score > held.score || (a.score === held.score && (a.durationMs ?? 0) < (held.durationMs ?? 0)))
      best.set(a.memberId, a)
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.durationMs ?? 0) - (b.durationMs ?? 0))
}

export async function ranking(
  params: { board: 'overall' | 'streak' | 'quiz'; quizId?: string; branchId?: string },
  ctx: CallContext,
): Promise<Ranking> {
  const caller = await requireCaller(ctx)
  const branchId = rankingBranch(caller, params.branchId)
  const branchP = getById('branches', branchId)
  if (params.board === 'quiz') {
    if (!params.quizId) throw new AppError('INVALID_ARGUMENT', '请选择测验')
    const [branch, quiz, rows] = await Promise.all([
      branchP,
      getById('quizzes', params.quizId),
      quizRows(caller, params.quizId, branchId),
    ])
    if (!quiz || (quiz.branchId !== null && quiz.branchId !== branchId) || quiz.collegeId !== caller.member.collegeId)
      throw new AppError('NOT_FOUND', '没有找到这个测验')
    return {
      board: 'quiz',
      title: quiz.title,
      branchName: branch?.name ?? '',
      unit: '分',
      rows,
      me: rows.find((r) => r.isMe) ?? null,
    }
  }
  const field = params.board === 'overall' ? 'correct' : 'bestStreak'
  // The figures live in the members' points totals (pointsTotals `branch_quizCorrect` / `branch_quizBestStreak`).
  type Figured = { memberId: string; quiz?: QuizFigures }
  const fields = { memberId: true, quiz: true }
  const [branch, totals, ownTotals] = await Promise.all([
    branchP,
    findMany<Figured>('pointsTotals', { branchId }, { orderBy: [[`quiz.${field}`, 'desc']], limit: TOP, fields }),
    caller.branchId === branchId
      ? findOne<Figured>('pointsTotals', { _id: caller.memberId }, { fields })
      : Promise.resolve(null),
  ])
  const profiles = totals.flatMap((t) => (t.quiz ? [{ ...t.quiz, memberId: t.memberId }] : []))
  const own = ownTotals?.quiz ? { ...ownTotals.quiz, memberId: ownTotals.memberId } : null
  const listed = profiles.filter((p) => p[field] > 0)
  const rows: RankRow[] = ranked(listed, (p) => p[field]).map((p) => ({
    rank: p.rank,
    memberId: p.memberId,
    name: p.name,
    value: p[field],
    detail:
      params.board === 'overall'
        ? `共答 ${p.answered} 题 · 正确率 ${p.answered ? Math.round((p.correct * 100) / p.answered) : 0}%`
        : `答对 ${p.correct} 题`,
    isMe: p.memberId === caller.memberId,
  }))
  const listedMe = rows.find((r) => r.isMe) ?? null
  const me =
    listedMe ??
    (own
      ? { rank: 0, memberId: own.memberId, name: own.name, value: own[field], detail: '未进入前 50 名', isMe: true }
      : null)
  return {
    board: params.board,
    title: params.board === 'overall' ? '按累计答对题数' : '按挑战答题最佳连对',
    branchName: branch?.name ?? '',
    unit: params.board === 'overall' ? '题' : '连对',
    rows,
    me,
  }
}

async function quizRows(caller: Caller, quizId: string, branchId: string): Promise<RankRow[]> {
  const attempts = await findMany<Scored>(
    'quizAttempts',
    { quizKey: quizId, branchId, status: 'submitted' },
    {
      orderBy: [['score', 'desc']],
      limit: 1000,
      fields: { memberId: true, memberName: true, score: true, durationMs: true, flagged: true },
    },
  )
  return ranked(bestPerMember(attempts), (a) => a.score).map((a) => ({
    rank: a.rank,
    memberId: a.memberId,
    name: a.memberName,
    value: a.score,
    detail: `用时 ${duration(a.durationMs)}`,
    isMe: a.memberId === caller.memberId,
  }))
}
