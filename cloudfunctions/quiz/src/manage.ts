import { audit } from '../../_shared/audit'
import { hasRole, requireBranchManager, requireCaller, requireRole, type Caller } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, getById, insert } from '../../_shared/db'
import type { Stage } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { ranked } from '../../_shared/ranking'
import type { QuizStats } from './contract'
import { collegeKey, quizCard } from './home'
import type { AttemptDoc, FlagReason, QuestionDoc, QuizDoc, QuizMode } from './model'
import { drawActive } from './play'
import { snapshotOf } from './questions'
import { bestPerMember } from './ranking'
import { collegeRules } from './store'

/** Secretaries and the committee set quizzes and see how their branch did. */

/** A random-draw quiz keeps at most this many candidate questions. */
const POOL_MAX = 200

export interface CreateQuizInput {
  title: string
  description: string
  branchId?: string | null
  mode: QuizMode
  questionIds: string[]
  tags: string[]
  count: number
  timeLimitMinutes: number
  opensAt: Date
  closesAt: Date
  attemptsAllowed: number
  audience: Stage[]
}

/** Whose quiz it is: a secretary's own branch; the committee's choice of branch, or the whole college (null). */
async function targetBranch(caller: Caller, requested: string | null | undefined): Promise<string | null> {
  if (!hasRole(caller, 'committee')) {
    if (!caller.branchId || (requested !== undefined && requested !== caller.branchId))
      throw new AppError('FORBIDDEN', '只能为本支部设置测验')
    return caller.branchId
  }
  if (!requested) return null
  const branch = await getById('branches', requested)
  if (!branch || branch.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '没有找到这个支部')
  return branch._id
}

export async function createQuiz(params: CreateQuizInput, ctx: CallContext): Promise<{ id: string }> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  if (params.closesAt <= ctx.now) throw new AppError('INVALID_ARGUMENT', '截止时间应晚于现在')
  const collegeId = caller.member.collegeId
  const [branchId, rules] = await Promise.all([targetBranch(caller, params.branchId), collegeRules(collegeId)])
  await assertTextSafe(`${params.title}\n${params.description}`, caller.openid)

  const pool =
    params.mode === 'fixed'
      ? await fixedSet(collegeId, params.questionIds)
      : await drawActive(collegeId, POOL_MAX, params.tags)
  const count = params.mode === 'fixed' ? pool.length : params.count
  if (params.mode === 'random' && pool.length < count) {
    throw new AppError(
      'FAILED_PRECONDITION',
      `符合所选标签的题目只有 ${pool.length} 道，少于要抽取的 ${count} 道，请减少题量或增加标签`,
    )
  }
  const quiz: Omit<QuizDoc, '_id'> = {
    collegeId,
    branchKey: branchId ?? collegeKey(collegeId),
    branchId,
    title: params.title,
    description: params.description,
    mode: params.mode,
    tags: params.mode === 'random' ? params.tags : [],
    count,
    pool,
    timeLimitMinutes: params.timeLimitMinutes,
    opensAt: params.opensAt,
    closesAt: params.closesAt,
    attemptsAllowed: params.attemptsAllowed,
    audience: [...new Set(params.audience)],
    minSecondsPerQuestion: rules.quiz.minSecondsPerQuestion,
    pointRules: rules.points,
    createdBy: caller.memberId,
    createdByName: caller.member.name,
    createdAt: ctx.now,
  }
  const id = await insert('quizzes', quiz)
  const after = {
    title: quiz.title,
    branchId,
    mode: quiz.mode,
    // A random draw's candidates are many and chosen by its tags: the fixed set alone is listed.
    questionIds: params.mode === 'fixed' ? pool.map((q) => q.questionId) : [],
    tags: quiz.tags,
    count,
    timeLimitMinutes: quiz.timeLimitMinutes,
    opensAt: quiz.opensAt,
    closesAt: quiz.closesAt,
    attemptsAllowed: quiz.attemptsAllowed,
    audience: quiz.audience,
  }
  await audit(caller, 'quiz.create', id, { title: quiz.title, before: null, after }, ctx.now)
  return { id }
}

/** The chosen questions, all active and of this college. */
async function fixedSet(collegeId: string, ids: string[]): Promise<ReturnType<typeof snapshotOf>[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) throw new AppError('INVALID_ARGUMENT', '请至少选择 1 道题目')
  const _ = command()
  const found = await findMany(
    'questions',
    { _id: _.in(unique), collegeId, status: 'active' },
    { limit: unique.length },
  )
  if (found.length < unique.length)
    throw new AppError('INVALID_ARGUMENT', `有 ${unique.length - found.length} 道题目已停用或不存在，请重新选择`)
  const byId = new Map(found.map((q) => [q._id, q]))
  return unique.map((id) => snapshotOf(byId.get(id) as QuestionDoc))
}

const FLAG_LABELS: Record<FlagReason, string> = { blank: '空白提交', tooFast: '作答过快' }

const BUCKETS: { label: string; min: number }[] = [
  { label: '90–100 分', min: 90 },
  { label: '80–89 分', min: 80 },
  { label: '70–79 分', min: 70 },
  { label: '60–69 分', min: 60 },
  { label: '60 分以下', min: 0 },
]

/** Participation and score distribution of one quiz in one branch (a member's best attempt counts). */
export async function quizStats(params: { quizId: string; branchId?: string }, ctx: CallContext): Promise<QuizStats> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const committee = hasRole(caller, 'committee')
  const _ = command()
  const [quiz, branches] = await Promise.all([
    findMany('quizzes', { _id: params.quizId }, { fields: { pool: false }, limit: 1 }).then((r) => r[0] ?? null),
    committee
      ? findMany('branches', { collegeId: caller.member.collegeId }, { orderBy: [['order', 'asc']], limit: 100 })
      : Promise.resolve([]),
  ])
  if (!quiz || quiz.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '没有找到这个测验')
  const branchId = quiz.branchId ?? params.branchId ?? (committee ? (branches[0]?._id ?? null) : caller.branchId)
  if (!branchId) throw new AppError('FAILED_PRECONDITION', '你还没有编入支部')
  requireBranchManager(caller, branchId)

  const [members, attempts] = await Promise.all([
    findMany<Pick<MemberDoc, '_id' | 'name'>>(
      'members',
      { branchId, stage: _.in(quiz.audience) },
      { fields: { _id: true, name: true }, limit: 1000 },
    ),
    findMany<
      Pick<AttemptDoc, 'memberId' | 'memberName' | 'score' | 'durationMs' | 'flagged' | 'flagReason' | 'submittedAt'>
    >(
      'quizAttempts',
      { quizKey: quiz._id, branchId, status: 'submitted' },
      {
        fields: {
          memberId: true,
          memberName: true,
          score: true,
          durationMs: true,
          flagged: true,
          flagReason: true,
          submittedAt: true,
        },
        limit: 1000,
      },
    ),
  ])
  const best = bestPerMember(attempts)
  // A member whose only attempts were flagged took part (and is listed below), with no score.
  const taken = new Set(attempts.map((a) => a.memberId))
  const scores = best.map((a) => a.score)
  const names = new Map(branches.map((b) => [b._id, b.name]))
  return {
    quiz: quizCard(quiz, caller, ctx.now, null, names),
    branch: { id: branchId, name: names.get(branchId) ?? (branchId === caller.branchId ? '本支部' : '') },
    branches: quiz.branchId === null ? branches.map((b) => ({ id: b._id, name: b.name })) : [],
    audienceCount: members.length,
    participants: best.length,
    averageScore: scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    passRate: scores.length ? Math.round((scores.filter((s) => s >= 60).length * 100) / scores.length) : null,
    distribution: BUCKETS.map((bucket, i) => ({
      label: bucket.label,
      count: scores.filter((s) => s >= bucket.min && (i === 0 || s < BUCKETS[i - 1].min)).length,
    })),
    notTaken: members
      .filter((m) => !taken.has(m._id))
      .map((m) => m.name)
      .sort((a, b) => a.localeCompare(b, 'zh-CN')),
    top: ranked(best.slice(0, 10), (a) => a.score).map((a) => ({
      rank: a.rank,
      memberId: a.memberId,
      name: a.memberName,
      value: a.score,
      detail: '',
      isMe: a.memberId === caller.memberId,
    })),
    flaggedCount: new Set(attempts.filter((a) => a.flagged).map((a) => a.memberId)).size,
    flagged: attempts
      .filter((a) => a.flagged)
      .sort((a, b) => new Date(b.submittedAt ?? 0).getTime() - new Date(a.submittedAt ?? 0).getTime())
      .map((a) => {
        const reason = a.flagReason ?? 'tooFast'
        return {
          name: a.memberName,
          reason,
          reasonLabel: FLAG_LABELS[reason],
          score: a.score,
          durationSeconds: Math.round((a.durationMs ?? 0) / 1000),
          at: new Date(a.submittedAt ?? 0).toISOString(),
        }
      }),
  }
}
