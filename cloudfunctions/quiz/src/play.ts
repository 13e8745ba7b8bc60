import { requireCaller, type Caller } from '../../_shared/auth'
import { command, findMany, findOne, getById, getDb, insertUnlessTaken, updateWhere } from '../../_shared/db'
import { STAGE_LABELS } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { CollegeDoc } from '../../_shared/models'
import { chinaDay } from '../../_shared/time'
import {
  answerChallenge,
  closeChallenge,
  gradeQuiz,
  heldFor,
  isExpired,
  MANAGER_HELD,
  newAttempt,
  openKeyOf,
  openView,
  resultView,
} from './attempt'
import type { AnswersHeld, AnswerResult, AttemptResult, AttemptView, OpenAttempt } from './contract'
import { dailyAttempt } from './daily'
import { attemptItem, pick, publicQuestion, token } from './draw'
import type { AttemptDoc, QuestionDoc, QuestionSnapshot, QuizDoc } from './model'
import { snapshotOf } from './questions'
import { closeAndSettle, isSecretaryOnly, settle } from './settle'
import { loadOwnAttempt, ownAttemptWithReads, rulesOf, type SettleReads } from './store'

/** Taking quizzes: start (or resume), answer (challenge), submit, result. */

/** A challenge round draws this many questions up front (shown one at a time). */
const CHALLENGE_POOL = 30

/** `size` random active questions of the college's bank, optionally with one of `tags`: one request. */
export async function drawActive(
  collegeId: string,
  size: number,
  tags: readonly string[] = [],
): Promise<QuestionSnapshot[]> {
  const _ = command()
  const match = { collegeId, status: 'active', ...(tags.length > 0 ? { tags: _.in([...tags]) } : {}) }
  // Without a $limit stage an aggregation answers at most 20 documents.
  const res = await getDb().collection('questions').aggregate().match(match).sample({ size }).limit(size).end()
  return (res as { list: QuestionDoc[] }).list.map(snapshotOf)
}

type Rules = ReturnType<typeof rulesOf>

/**
 * A member's draw from the whole bank, in two requests whatever its size: the ids of the college's
 * active questions with the college's rules (a covered aggregate over `college_status_created`, which
 * holds `_id`: no question document is read, and the college joins by `_id`), then the picked
 * questions by `_id`. `pick` is a uniform draw without repeats.
 */
async function drawForMember(
  collegeId: string,
  size: (rules: Rules) => number,
): Promise<{ rules: Rules; questions: QuestionSnapshot[] }> {
  const $ = command().aggregate
  type Bank = { ids: string[]; college: CollegeDoc[] }
  const res = await getDb()
    .collection('questions')
    .aggregate()
    .match({ collegeId, status: 'active' })
    .group({ _id: '$collegeId', ids: $.push('$_id') })
    .lookup({ from: 'colleges', localField: '_id', foreignField: '_id', as: 'college' })
    .limit(1)
    .end()
  const bank = (res as { list: Bank[] }).list[0]
  if (!bank || bank.ids.length === 0) throw new AppError('FAILED_PRECONDITION', '题库里还没有题目，请联系院党委')
  const rules = rulesOf(bank.college[0])
  const chosen = pick(bank.ids, size(rules))
  const docs = await findMany('questions', { _id: command().in(chosen), status: 'active' }, { limit: chosen.length })
  const byId = new Map(docs.map((d) => [d._id, d]))
  const questions = chosen
    .map((id) => byId.get(id))
    .filter((d): d is QuestionDoc => d !== undefined)
    .map(snapshotOf)
  // Only a question retired between the two reads goes missing; an empty draw is not a quiz.
  if (questions.length === 0) throw new AppError('CONFLICT', '题库刚刚有变动，请重试')
  return { rules, questions }
}

export async function start(
  params: { kind: 'daily' } | { kind: 'challenge' } | { kind: 'quiz'; quizId: string },
  ctx: CallContext,
): Promise<OpenAttempt> {
  const caller = await requireCaller(ctx)
  if (params.kind === 'daily') return startDaily(caller, ctx.now)
  if (params.kind === 'challenge') return startChallenge(caller, ctx.now)
  return startQuiz(caller, params.quizId, ctx.now)
}

/** Today's daily quiz: one per member per China day, its id says so. */
async function startDaily(caller: Caller, now: Date): Promise<OpenAttempt> {
  const day = chinaDay(now)
  const { rules, questions } = await drawForMember(caller.member.collegeId, (r) => r.quiz.dailyCount)
  const spec = dailyAttempt(caller.memberId, day, questions.map(attemptItem), now, rules)
  const created = await tryInsert(newAttempt(caller, spec, now))
  if (created) return openView(created, now)

  const existing = await ownAttemptWithReads({ _id: spec.id })
  const open = existing?.attempt.status === 'open' ? existing : null
  if (open && !isExpired(open.attempt, now)) return openView(open.attempt, now)
  if (open) await closeAndSettle(caller, open.attempt, gradeQuiz(open.attempt, new Map(), now), now, {}, open.reads)
  throw new AppError('FAILED_PRECONDITION', '今天的每日答题已经完成了，明天再来吧')
}

/** A challenge round: questions drawn up front, shown one at a time; one open round per member. */
async function startChallenge(caller: Caller, now: Date): Promise<OpenAttempt> {
  const { rules, questions } = await drawForMember(caller.member.collegeId, () => CHALLENGE_POOL)
  const seconds = rules.quiz.challengeSeconds
  const fresh = (): AttemptDoc =>
    newAttempt(
      caller,
      {
        id: `challenge:${caller.memberId}:${now.getTime().toString(36)}${token(4)}`,
        kind: 'challenge',
        quizKey: 'challenge',
        quizId: null,
        title: '挑战答题',
        seq: 0,
        items: questions.map(attemptItem),
        deadline: new Date(now.getTime() + seconds * 1000),
        secondsPerQuestion: seconds,
        minSecondsPerQuestion: rules.quiz.minSecondsPerQuestion,
        pointRules: rules.points,
      },
      now,
    )
  const created = await tryInsert(fresh())
  if (created) return openView(created, now)

  // A round is still open: go on with it, or end it if its question timed out, then start afresh.
  const open = await ownAttemptWithReads({ openKey: openKeyOf('challenge', caller.memberId) })
  if (open && !isExpired(open.attempt, now)) return openView(open.attempt, now)
  if (open) await expireChallenge(caller, open.attempt, now, open.reads)
  const retried = await tryInsert(fresh())
  if (!retried) throw new AppError('CONFLICT', '你已在其他设备上开始了挑战，请稍后再试')
  return openView(retried, now)
}

/** A branch quiz the member may take, within its window and the attempts allowed. */
async function startQuiz(caller: Caller, quizId: string, now: Date): Promise<OpenAttempt> {
  const quiz = await getById('quizzes', quizId)
  assertCanTake(caller, quiz)
  // Whoever sets a quiz chose its questions and its closing: taking it would hand them its answers.
  if (quiz.createdBy === caller.memberId) throw new AppError('FORBIDDEN', '出题人不能参加自己设置的测验')
  if (now < new Date(quiz.opensAt)) throw new AppError('FAILED_PRECONDITION', '测验还没有开始，请在开放时间内参加')
  if (now >= new Date(quiz.closesAt)) throw new AppError('FAILED_PRECONDITION', '测验已经截止了')

  const found = await ownAttemptWithReads({ memberId: caller.memberId, quizKey: quiz._id })
  const latest = found?.attempt
  if (found && latest?.status === 'open') {
    if (!isExpired(latest, now)) return openView(latest, now)
    await closeAndSettle(caller, latest, gradeQuiz(latest, new Map(), now), now, {}, found.reads)
  }
  const used = latest?.seq ?? 0
  if (used >= quiz.attemptsAllowed)
    throw new AppError('FAILED_PRECONDITION', `这个测验只能作答 ${quiz.attemptsAllowed} 次，你已经用完了`)

  const minutes = quiz.timeLimitMinutes * 60 * 1000
  const attempt = newAttempt(
    caller,
    {
      id: `${quiz._id}:${caller.memberId}:${used + 1}`,
      kind: 'quiz',
      quizKey: quiz._id,
      quizId: quiz._id,
      title: quiz.title,
      seq: used + 1,
      items: drawAgain(quiz, latest ?? null).map(attemptItem),
      deadline: new Date(Math.min(now.getTime() + minutes, new Date(quiz.closesAt).getTime())),
      secondsPerQuestion: 0,
      minSecondsPerQuestion: quiz.minSecondsPerQuestion,
      pointRules: quiz.pointRules,
      keyHeldUntil: new Date(quiz.closesAt),
      attemptsAllowed: quiz.attemptsAllowed,
    },
    now,
  )
  const created = await tryInsert(attempt)
  if (created) return openView(created, now)
  // Started twice at once (a double tap, two devices): both get the one that won.
  const open = await findOne('quizAttempts', { openKey: openKeyOf(quiz._id, caller.memberId) })
  if (open) return openView(open, now)
  throw new AppError('CONFLICT', '答题状态已变化，请刷新后重试')
}

/**
 * The questions of a new attempt, in a new order (options are shuffled per attempt by `attemptItem`).
 * A random draw prefers questions the member's previous attempt did not have, so a second attempt is
 * not the first one again; a fixed set is the same questions in another order.
 */
export function drawAgain(
  quiz: Pick<QuizDoc, 'mode' | 'pool' | 'count'>,
  previous: Pick<AttemptDoc, 'items'> | null,
): QuestionSnapshot[] {
  if (quiz.mode !== 'random' || !previous) return pick(quiz.pool, quiz.count)
  const seen = new Set(previous.items.map((i) => i.questionId))
  const fresh = quiz.pool.filter((q) => !seen.has(q.questionId))
  if (fresh.length >= quiz.count) return pick(fresh, quiz.count)
  const again = pick(
    quiz.pool.filter((q) => seen.has(q.questionId)),
    quiz.count - fresh.length,
  )
  return pick([...fresh, ...again], quiz.count)
}

/**
 * Whether a closed attempt's answers may go to the caller: a secretary never gets the bank's key from
 * a branch quiz; a member gets it once the quiz has closed or they have no attempt left. The latest
 * attempt is read only when an earlier attempt is looked at again before the closing.
 */
async function answersHeld(
  caller: Caller,
  attempt: AttemptDoc,
  now: Date,
  justClosed: boolean,
): Promise<AnswersHeld | null> {
  if (attempt.kind !== 'quiz') return null
  if (isSecretaryOnly(caller)) return MANAGER_HELD
  const held = heldFor(attempt, now)
  if (!held || justClosed) return held
  const [latest] = await findMany<Pick<AttemptDoc, 'seq' | 'status'>>(
    'quizAttempts',
    { memberId: attempt.memberId, quizKey: attempt.quizKey },
    { orderBy: [['seq', 'desc']], limit: 1, fields: { seq: true, status: true } },
  )
  // An attempt still open is a chance not yet used.
  const usedSeq = latest ? latest.seq - (latest.status === 'open' ? 1 : 0) : attempt.seq
  return heldFor(attempt, now, usedSeq)
}

/** A quiz the caller may take: their branch's or their college's, and their stage in its audience. */
export function assertCanTake(caller: Caller, quiz: QuizDoc | null): asserts quiz is QuizDoc {
  const reachable =
    quiz !== null &&
    (quiz.branchId === null ? quiz.collegeId === caller.member.collegeId : quiz.branchId === caller.branchId)
  if (!reachable) throw new AppError('NOT_FOUND', '没有找到这个测验')
  if (!quiz.audience.includes(caller.member.stage)) {
    throw new AppError(
      'FORBIDDEN',
      `这个测验面向${quiz.audience.map((s) => STAGE_LABELS[s]).join('、')}，你暂不在参加范围内`,
    )
  }
}

/** Inserts a new attempt; null when the database refuses it as a second open attempt (or a used id). */
async function tryInsert(attempt: AttemptDoc): Promise<AttemptDoc | null> {
  return (await insertUnlessTaken('quizAttempts', attempt)) ? attempt : null
}

/**
 * Grades and settles a daily or branch quiz. Requests: the attempt with the caller, totals (holding the
 * figures) and 错题本 (1), the close with its points entry (1), the 错题本 (1: new and known mistakes, and
 * on a branch quiz's last attempt the entries held back, are one write of the member's one document), the
 * totals with points and figures (1); a submit of a settled attempt is the read alone.
 */
export async function submit(
  params: { attemptId: string; answers: { key: string; choice: string[] }[] },
  ctx: CallContext,
): Promise<AttemptResult> {
  const { caller, attempt, reads } = await loadOwnAttempt(ctx, params.attemptId)
  if (attempt.kind === 'challenge') throw new AppError('FAILED_PRECONDITION', '挑战答题需要逐题作答')
  // Submitting again (a retry after a lost answer) shows the stored result; it never grades twice.
  if (attempt.status === 'submitted')
    return resultOf(caller, await settle(caller, attempt, ctx.now, reads), ctx.now, false)
  const answers = new Map(params.answers.map((a) => [a.key, a.choice]))
  const closed = await closeAndSettle(caller, attempt, gradeQuiz(attempt, answers, ctx.now), ctx.now, {}, reads)
  return resultOf(caller, closed, ctx.now, true)
}

async function resultOf(caller: Caller, attempt: AttemptDoc, now: Date, justClosed: boolean): Promise<AttemptResult> {
  return resultView(attempt, await answersHeld(caller, attempt, now, justClosed))
}

export async function result(params: { attemptId: string }, ctx: CallContext): Promise<AttemptView> {
  const { caller, attempt, reads } = await loadOwnAttempt(ctx, params.attemptId)
  if (attempt.status === 'submitted')
    return resultOf(caller, await settle(caller, attempt, ctx.now, reads), ctx.now, false)
  if (!isExpired(attempt, ctx.now)) return openView(attempt, ctx.now)
  // Time ran out without a submission: closed with nothing answered.
  const closed =
    attempt.kind === 'challenge'
      ? await expireChallenge(caller, attempt, ctx.now, reads)
      : await closeAndSettle(caller, attempt, gradeQuiz(attempt, new Map(), ctx.now), ctx.now, {}, reads)
  return resultOf(caller, closed, ctx.now, true)
}

/** Ends a challenge round whose question timed out. */
async function expireChallenge(
  caller: Caller,
  attempt: AttemptDoc,
  now: Date,
  reads: SettleReads,
): Promise<AttemptDoc> {
  const { items } = answerChallenge(attempt, null, now)
  return closeAndSettle(
    caller,
    attempt,
    closeChallenge(attempt, items, 'timeout', true, now),
    now,
    { served: attempt.served },
    reads,
  )
}

/** Challenge: the answer to the question on screen. Right: the next question; wrong or late: the round ends. */
export async function answer(
  params: { attemptId: string; key: string; choice: string[] },
  ctx: CallContext,
): Promise<AnswerResult> {
  const now = ctx.now
  const { caller, attempt, reads } = await loadOwnAttempt(ctx, params.attemptId)
  if (attempt.kind !== 'challenge') throw new AppError('FAILED_PRECONDITION', '只有挑战答题需要逐题作答')
  if (attempt.status !== 'open') throw new AppError('FAILED_PRECONDITION', '这一轮挑战已经结束了')
  if (attempt.items[attempt.served - 1]?.key !== params.key)
    throw new AppError('CONFLICT', '这道题已经作答过了，请刷新后继续')

  const { items, item, late } = answerChallenge(attempt, params.choice, now)
  const streak = attempt.streak + (item.correct ? 1 : 0)
  const reveal = {
    correct: item.correct === true,
    answerIds: item.answerIds,
    explanation: item.explanation,
    streak,
    late,
  }

  if (item.correct && attempt.served < items.length) {
    const next = { ...items[attempt.served], servedAt: now }
    items[attempt.served] = next
    const deadline = new Date(now.getTime() + attempt.secondsPerQuestion * 1000)
    const moved = await updateWhere(
      'quizAttempts',
      { _id: attempt._id, status: 'open', served: attempt.served },
      {
        items,
        served: attempt.served + 1,
        deadline,
        streak,
        correctCount: streak,
        answeredCount: attempt.answeredCount + 1,
      },
    )
    if (moved === 0) throw new AppError('CONFLICT', '这道题已经作答过了，请刷新后继续')
    return {
      ...reveal,
      ended: false,
      endReason: null,
      next: publicQuestion(next),
      remainingMs: deadline.getTime() - now.getTime(),
      points: 0,
      flagged: false,
    }
  }

  const endReason = late ? 'timeout' : item.correct ? 'finished' : 'wrong'
  const closed = await closeAndSettle(
    caller,
    attempt,
    closeChallenge(attempt, items, endReason, late, now),
    now,
    { served: attempt.served },
    reads,
  )
  return {
    ...reveal,
    streak: closed.streak,
    ended: true,
    endReason,
    next: null,
    remainingMs: 0,
    points: closed.points,
    flagged: closed.flagged,
  }
}
