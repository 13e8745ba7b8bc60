import type { Caller } from '../../_shared/auth'
import type { PointRules } from '../../_shared/domain'
import type { AnswersHeld, AttemptResult, OpenAttempt } from './contract'
import { attemptItem, publicQuestion, reviewItem } from './draw'
import { cleanChoice, isCorrect, percent } from './grade'
import type { AttemptDoc, AttemptItem, AttemptKind, EndReason, FlagReason, MistakeBookDoc, MistakeEntry } from './model'

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
  /** Branch quiz: when its answers are published at the latest (its closing), and the attempts allowed. */
  keyHeldUntil?: Date
  attemptsAllowed?: number
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
    keyHeldUntil: spec.keyHeldUntil ?? null,
    attemptsAllowed: spec.attemptsAllowed ?? 1,
    total: items.length,
    answeredCount: 0,
    correctCount: 0,
    score: 0,
    streak: 0,
    late: false,
    flagged: false,
    flagReason: null,
    points: 0,
    pointsCapped: false,
    endReason: null,
    durationMs: null,
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

/**
 * Whether a closed attempt's answers are still held back, from what the attempt knows: a branch quiz
 * before its closing while the member has attempts left (`laterSeq`: the member's latest attempt, when
 * read). Null when they may be shown.
 */
export function heldFor(
  attempt: Pick<AttemptDoc, 'kind' | 'keyHeldUntil' | 'attemptsAllowed' | 'seq'>,
  now: Date,
  laterSeq = attempt.seq,
): AnswersHeld | null {
  if (attempt.kind !== 'quiz' || !attempt.keyHeldUntil) return null
  const releaseAt = new Date(attempt.keyHeldUntil)
  const attemptsLeft = (attempt.attemptsAllowed ?? 1) - Math.max(attempt.seq, laterSeq)
  if (now.getTime() >= releaseAt.getTime() || attemptsLeft <= 0) return null
  return { reason: 'attemptsLeft', attemptsLeft, releaseAt: releaseAt.toISOString() }
}

/** A secretary's result of a branch quiz: the bank's answer key is the committee's, never sent to them. */
export const MANAGER_HELD: AnswersHeld = { reason: 'manager' }

export function resultView(attempt: AttemptDoc, held: AnswersHeld | null = null): AttemptResult {
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
    flagReason: attempt.flagged ? (attempt.flagReason ?? 'tooFast') : null,
    points: attempt.points,
    pointsCapped: attempt.pointsCapped,
    durationSeconds: Math.round((attempt.durationMs ?? 0) / 1000),
    submittedAt: new Date(attempt.submittedAt ?? attempt.startedAt).toISOString(),
    answersHeld: held,
    // Held back: not even which were right (that would give the key away one question at a time).
    items: held ? [] : shown.map(reviewItem),
  }
}

/** Faster on average than a person can read the questions: a bot, or answers copied in. */
export function isTooFast(startedAt: Date, now: Date, answered: number, minSecondsPerQuestion: number): boolean {
  return answered > 0 && now.getTime() - new Date(startedAt).getTime() < answered * minSecondsPerQuestion * 1000
}

/**
 * Why a closing earns nothing: submitted with nothing answered (a look at the questions, or a try for
 * the answer key), or answered faster than a person can read. A time-out with nothing answered is not
 * flagged: the member simply did not answer.
 */
export function flagOf(
  endReason: EndReason,
  startedAt: Date,
  now: Date,
  answered: number,
  minSecondsPerQuestion: number,
): FlagReason | null {
  if (endReason === 'submitted' && answered === 0) return 'blank'
  return isTooFast(startedAt, now, answered, minSecondsPerQuestion) ? 'tooFast' : null
}

function flagFields(flagReason: FlagReason | null): Pick<AttemptDoc, 'flagged' | 'flagReason'> {
  return { flagged: flagReason !== null, flagReason }
}

/** The fields that close an attempt. */
export type Closing = Pick<
  AttemptDoc,
  | 'status'
  | 'openKey'
  | 'items'
  | 'submittedAt'
  | 'answeredCount'
  | 'correctCount'
  | 'score'
  | 'streak'
  | 'late'
  | 'flagged'
  | 'flagReason'
  | 'endReason'
  | 'durationMs'
  | 'served'
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
  const closed = closedFields(attempt, items, items, now)
  const endReason: EndReason = late ? 'timeout' : 'submitted'
  const flagReason = flagOf(endReason, attempt.startedAt, now, closed.answeredCount, attempt.minSecondsPerQuestion)
  return {
    ...closed,
    served: items.length,
    score: percent(closed.correctCount, items.length),
    streak: 0,
    late,
    ...flagFields(flagReason),
    endReason,
  }
}

/** What every closed attempt records: the answers, counted over the questions `served`, and the time taken. */
function closedFields(
  attempt: AttemptDoc,
  items: AttemptItem[],
  served: readonly AttemptItem[],
  now: Date,
): Pick<Closing, 'status' | 'openKey' | 'items' | 'submittedAt' | 'answeredCount' | 'correctCount' | 'durationMs'> {
  return {
    status: 'submitted',
    openKey: attempt._id,
    items,
    submittedAt: now,
    answeredCount: served.filter((i) => i.chosen !== null).length,
    correctCount: served.filter((i) => i.correct).length,
    durationMs: now.getTime() - new Date(attempt.startedAt).getTime(),
  }
}

/** The question on screen in a challenge, answered now (or timed out when `choice` is null and it is late). */
export function answerChallenge(
  attempt: AttemptDoc,
  choice: readonly string[] | null,
  now: Date,
): { items: AttemptItem[]; item: AttemptItem; late: boolean } {
  const late = isExpired(attempt, now)
  const index = attempt.served - 1
  const current = attempt.items[index]
  const chosen = !late && choice ? cleanChoice(current, choice) : null
  const item: AttemptItem = {
    ...current,
    chosen,
    correct: isCorrect(current.answerIds, chosen),
    answeredAt: chosen ? now : null,
  }
  const items = attempt.items.map((it, i) => (i === index ? item : it))
  return { items, item, late }
}

/** Ends a challenge round after the answer just given. */
export function closeChallenge(
  attempt: AttemptDoc,
  items: AttemptItem[],
  endReason: EndReason,
  late: boolean,
  now: Date,
): Closing {
  const closed = closedFields(attempt, items, items.slice(0, attempt.served), now)
  const tooFast = isTooFast(attempt.startedAt, now, closed.answeredCount, attempt.minSecondsPerQuestion)
  return {
    ...closed,
    served: attempt.served,
    score: closed.correctCount,
    streak: closed.correctCount,
    late,
    ...flagFields(tooFast ? 'tooFast' : null),
    endReason,
  }
}

/** Wrong answers of a branch quiz still open to the member: kept out of the 错题本 until then. */
export interface MistakeHold {
  until: Date
  quizId: string
}

/** How the app names a 错题本 entry (the retry sends it back): the member and the question. */
export function mistakeId(memberId: string, questionId: string): string {
  return `${memberId}:${questionId}`
}

/** The member and question a 错题本 entry's id names (member ids hold no `:`); null when it names none. */
export function parseMistakeId(id: string): { memberId: string; questionId: string } | null {
  const at = id.indexOf(':')
  if (at <= 0 || at === id.length - 1) return null
  return { memberId: id.slice(0, at), questionId: id.slice(at + 1) }
}

/** A question answered wrong, with options in an order and ids of its own (the retry must be answered afresh). */
export function newMistake(item: AttemptItem, now: Date, hidden: MistakeHold | null = null): MistakeEntry {
  const fresh = attemptItem(item)
  return {
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
    hiddenUntil: hidden?.until ?? null,
    hiddenFor: hidden?.quizId ?? null,
  }
}

/** A member's 错题本 holding `entries` (each keyed by its question), as written by `countedAttempts`. */
export function newBook(
  memberId: string,
  entries: MistakeEntry[],
  countedAttempts: string[],
  now: Date,
): MistakeBookDoc {
  return {
    _id: memberId,
    memberId,
    entries: Object.fromEntries(entries.map((entry) => [entry.questionId, entry])),
    rev: 1,
    countedAttempts,
    updatedAt: now,
  }
}
