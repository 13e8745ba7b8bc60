import { randomBytes, randomInt } from 'node:crypto'
import type { PublicQuestion, ReviewItem } from './contract'
import type { AttemptItem, QuestionSnapshot } from './model'

/**
 * How questions reach the member without their answer key (pure code, server only): options are
 * shuffled per attempt and named by random ids; the mapping stays on the attempt document.
 */

/** A random lowercase token: what option ids and question keys are made of (no information in them). */
export function token(length = 8): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  const bytes = randomBytes(length)
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}

/** Fisher–Yates with a cryptographic source. */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * A random order of `n` positions that is never the original one (for n ≥ 2), so the order shown
 * never repeats the order the question was written in.
 */
export function scrambledOrder(n: number): number[] {
  const identity = Array.from({ length: n }, (_, i) => i)
  if (n < 2) return identity
  for (;;) {
    const order = shuffle(identity)
    if (order.some((v, i) => v !== i)) return order
  }
}

/** `count` items picked at random from `pool`. */
export function pick<T>(pool: readonly T[], count: number): T[] {
  return shuffle(pool).slice(0, count)
}

/** Options in display order with fresh ids. True/false keeps 正确 before 错误: that order says nothing. */
export function presentOptions(question: QuestionSnapshot): {
  shown: { id: string; text: string; index: number }[]
  answerIds: string[]
} {
  const order = question.type === 'judge' ? question.options.map((_, i) => i) : scrambledOrder(question.options.length)
  const ids = uniqueTokens(order.length)
  const shown = order.map((index, i) => ({ id: ids[i], text: question.options[index], index }))
  const answerIds = shown.filter((o) => question.answer.includes(o.index)).map((o) => o.id)
  return { shown, answerIds }
}

export function attemptItem(question: QuestionSnapshot): AttemptItem {
  const { shown, answerIds } = presentOptions(question)
  return { ...question, key: token(), shown, answerIds, chosen: null, correct: null, servedAt: null, answeredAt: null }
}

/** The question as the client may see it before the attempt is over. */
export function publicQuestion(item: AttemptItem): PublicQuestion {
  return {
    key: item.key,
    type: item.type,
    stem: item.stem,
    options: item.shown.map((o) => ({ id: o.id, text: o.text })),
    tags: item.tags,
  }
}

/** Once submitted: what was chosen, what was right, and why. */
export function reviewItem(item: AttemptItem): ReviewItem {
  return {
    ...publicQuestion(item),
    chosen: item.chosen ?? [],
    answerIds: item.answerIds,
    correct: item.correct === true,
    explanation: item.explanation,
  }
}

function uniqueTokens(n: number): string[] {
  const out = new Set<string>()
  while (out.size < n) out.add(token())
  return [...out]
}
