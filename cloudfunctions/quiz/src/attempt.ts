import type { Caller } from '../../_shared/auth'
import type { PointRules } from '../../_shared/domain'
import type { AttemptResult, OpenAttempt } from './contract'
import { attemptItem, cleanChoice, isCorrect, percent, publicQuestion, reviewItem } from './draw'
import type { AttemptDoc, AttemptItem, AttemptKind, EndReason, MistakeDoc } from './model'

/** Building, viewing and grading attempts (pure code). */

/** Answers are accepted this long after a deadline: the time a request may spend on the network. */
export const GRACE_MS = 5_000

export interface NewAttempt {
  id: string
  kind: AttemptKind
  quizKey: string
  quizId: string | null
  title: string
  seq: number
  items: AttemptItem[]
  deadline: Date
  secondsPerQuestion: number
  minSecondsPerQuestion: number
  pointRules: PointRules
}

export function openKeyOf(quizKey: string, memberId: string): string {
  return `${quizKey}:${memberId}`
}

export function newAttempt(caller: Caller, spec: NewAttempt, now: Date): AttemptDoc {
  const challenge = spec.kind === 'challenge'
  const items = challenge ? spec.items.map((item, i) => (i === 0 ? { ...item, servedAt: now } : item)) : spec.items
  return {
    _id: spec.id,
    kind: spec.kind,
    quizKey: spec.quizKey,
    quizId: spec.quizId,
    title: spec.title,
    memberId: caller.memberId,
    memberName: caller.member.name,
    branchId: caller.branchId,
    collegeId: caller.member.collegeId,
    seq: spec.seq,
    openKey: openKeyOf(spec.quizKey, caller.memberId),
    status: 'open',
    startedAt: now,
    deadline: spec.deadline,
    submittedAt: null,
    items,
    served: challenge ? 1 : items.length,
    secondsPerQuestion: spec.secondsPerQuestion,
    minSecondsPerQuestion: spec.minSecondsPerQuestion,
    pointRules: spec.pointRules,
    total: items.length,
    answeredCount: 0,
    correctCount: 0,
    score: 0,
    streak: 0,
    late: false,
    flagged: false,
    points: 0,
    pointsCapped: false,
    endReason: null,
    durationMs: null,
    settled: false,
  }
}

/** Past the deadline (and the grace): the server no longer takes answers for it. */
export function isExpired(attempt: Pick<AttemptDoc, 'deadline'>, now: Date): boolean {
  return now.getTime() > new Date(attempt.deadline).getTime() + GRACE_MS
}

export function openView(attempt: AttemptDoc, now: Date): OpenAttempt {
  const challenge = attempt.kind === 'challenge'
  const shown = challenge ? [attempt.items[attempt.served - 1]] : attempt.items
  return {
    status: 'open',
    attemptId: attempt._id,
    kind: attempt.kind,
    title: attempt.title,
    questions: shown.map(publicQuestion),
    total: attempt.items.length,
    remainingMs: Math.max(0, new Date(attempt.deadline).getTime() - now.getTime()),
    streak: attempt.streak,
    index: attempt.served,
  }
}

export function resultView(attempt: AttemptDoc): AttemptResult {
  const shown = attempt.kind === 'challenge' ? attempt.items.slice(0, attempt.served) : attempt.items
  return {
    status: 'submitted',
    attemptId: attempt._id,
    kind: attempt.kind,
    quizId: attempt.quizId,
    title: attempt.title,
    score: attempt.score,
    total: shown.length,
    answeredCount: attempt.answeredCount,
    correctCount: attempt.correctCount,
    streak: attempt.streak,
    endReason: attempt.endReason ?? 'submitted',
    late: attempt.late,
    flagged: attempt.flagged,
    points: attempt.points,
    pointsCapped: attempt.pointsCapped,
    durationSeconds: Math.round((attempt.durationMs ?? 0) / 1000),
    submittedAt: new Date(attempt.submittedAt ?? attempt.startedAt).toISOString(),
    items: shown.map(reviewItem),
  }
}

/** Faster on average than a person can read the questions: a bot, or answers copied in. */
export function isTooFast(startedAt: Date, now: Date, answered: number, minSecondsPerQuestion: number): boolean {
  return answered > 0 && now.getTime() - new Date(startedAt).getTime() < answered * minSecondsPerQuestion * 1000
}

/** The fields that close an attempt. */
export type Closing = Pick<
  AttemptDoc,
  'status' | 'openKey' | 'items' | 'submittedAt' | 'answeredCount' | 'correctCount' | 'score' | 'streak' | 'late' | 'flagged' | 'endReason' | 'durationMs' | 'served'
>

/**
 * Grades a daily or branch quiz. Late answers (after the deadline and its grace) count as
 * unanswered, whatever the client sent.
 */
export function gradeQuiz(attempt: AttemptDoc, answers: ReadonlyMap<string, readonly string[]>, now: Date): Closing {
  const late = isExpired(attempt, now)
  const items = attempt.items.map((item) => {
    const choice = late ? undefined : answers.get(item.key)
    const chosen = choice ? cleanChoice(item, choice) : null
    return { ...item, chosen, correct: isCorrect(item.answerIds, chosen), answeredAt: chosen ? now : null }
  })
  const answeredCount = items.filter((i) => i.chosen !== null).length
  const correctCount = items.filter((i) => i.correct).length
  return {
    status: 'submitted',
    openKey: attempt._id,
    items,
    served: items.length,
    submittedAt: now,
    answeredCount,
    correctCount,
    score: percent(correctCount, items.length),
    streak: 0,
    late,
    flagged: isTooFast(attempt.startedAt, now, answeredCount, attempt.minSecondsPerQuestion),
    endReason: late ? 'timeout' : 'submitted',
    durationMs: now.getTime() - new Date(attempt.startedAt).getTime(),
  }
}

/** The question on screen in a challenge, answered now (or timed out when `choice` is null and it is late). */
export function answerChallenge(attempt: AttemptDoc, choice: readonly string[] | null, now: Date): { items: AttemptItem[]; item: AttemptItem; late: boolean } {
  const late = isExpired(attempt, now)
  const index = attempt.served - 1
  const current = attempt.items[index]
  const chosen = !late && choice ? cleanChoice(current, choice) : null
  const item: AttemptItem = { ...current, chosen, correct: isCorrect(current.answerIds, chosen), answeredAt: chosen ? now : null }
  const items = attempt.items.map((it, i) => (i === index ? item : it))
  return { items, item, late }
}

/** Ends a challenge round after the answer just given. */
export function closeChallenge(attempt: AttemptDoc, items: AttemptItem[], endReason: EndReason, late: boolean, now: Date): Closing {
  const served = items.slice(0, attempt.served)
  const answeredCount = served.filter((i) => i.chosen !== null).length
  const correctCount = served.filter((i) => i.correct).length
  return {
    status: 'submitted',
    openKey: attempt._id,
    items,
    served: attempt.served,
    submittedAt: now,
    answeredCount,
    correctCount,
    score: correctCount,
    streak: correctCount,
    late,
    flagged: isTooFast(attempt.startedAt, now, answeredCount, attempt.minSecondsPerQuestion),
    endReason,
    durationMs: now.getTime() - new Date(attempt.startedAt).getTime(),
  }
}

export function mistakeId(memberId: string, questionId: string): string {
  return `${memberId}:${questionId}`
}

/** A question answered wrong, with options in an order and ids of its own (the retry must be answered afresh). */
export function newMistake(memberId: string, item: AttemptItem, now: Date): MistakeDoc {
  const fresh = attemptItem(item)
  return {
    _id: mistakeId(memberId, item.questionId),
    memberId,
    questionId: item.questionId,
    type: item.type,
    stem: item.stem,
    shown: fresh.shown.map((o) => ({ id: o.id, text: o.text })),
    answerIds: fresh.answerIds,
    explanation: item.explanation,
    tags: item.tags,
    wrongCount: 1,
    lastWrongAt: now,
    mastered: false,
    masteredAt: null,
    retries: 0,
  }
}

