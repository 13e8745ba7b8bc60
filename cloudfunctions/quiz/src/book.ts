import { command, getById, insertUnlessTaken, updateWhere } from '../../_shared/db'
import { newBook, newMistake, type MistakeHold } from './attempt'
import type { AttemptItem, MistakeBookDoc, MistakeEntry } from './model'
import { COUNTED_KEPT } from './store'

/**
 * The member's 错题本 (`quizMistakeBooks`, one document per member): what a settled attempt writes into
 * it. New entries, known ones counted again (reopened if mastered) and the entries held back until the
 * member's last attempt at a branch quiz all go in one write of that one document.
 */

/** What an attempt brings to the 错题本. */
export interface AttemptMistakes {
  wrong: AttemptItem[]
  /** A branch quiz the member may take again: its new entries stay hidden until then. */
  hold: MistakeHold | null
  /** The member's last attempt at this quiz: the entries its earlier attempts held back are shown now. */
  release: string | null
}

/** Rounds before giving up (each lost round means another write of the member's book landed first). */
const WRITE_ROUNDS = 24

/**
 * Adds the attempt's mistakes to the member's book once: the book keeps the ids of the last attempts it
 * counted, and is written only at the revision read (`seen`, read with the attempt), so an entry is
 * counted once however many calls finish the settlement, and the count of entries opened stays exact.
 * Answers how many entries the attempt opened (added, or reopened once mastered).
 */
export async function recordMistakes(
  memberId: string,
  attemptId: string,
  mistakes: AttemptMistakes,
  now: Date,
  seen: MistakeBookDoc | null,
): Promise<number> {
  let book = seen
  for (let round = 1; ; round++) {
    if (book?.countedAttempts?.includes(attemptId)) return openedBy(book, attemptId)
    const change = changeOf(attemptId, mistakes, now, book)
    if (!change) return 0
    if (await write(memberId, attemptId, book, change, now)) return change.opened
    if (round >= WRITE_ROUNDS) throw new Error(`mistake book of ${memberId} kept changing`)
    book = await getById('quizMistakeBooks', memberId)
  }
}

/** Whether the book holds an entry of the question (an own key: a question id never reaches the prototype). */
export function holds(entries: MistakeBookDoc['entries'], questionId: string): boolean {
  return Object.prototype.hasOwnProperty.call(entries, questionId)
}

/** Entries the attempt opened, as the book holds them (its settlement is being finished). */
function openedBy(book: MistakeBookDoc, attemptId: string): number {
  return Object.values(book.entries).filter((entry) => entry.openedBy === attemptId).length
}

interface BookChange {
  /** Entries the book does not hold yet. */
  fresh: Record<string, MistakeEntry>
  /** Field changes of entries it holds, by question id. */
  known: Record<string, Record<string, unknown>>
  opened: number
}

/** The attempt's change of the book as read; null when it changes nothing. */
function changeOf(
  attemptId: string,
  mistakes: AttemptMistakes,
  now: Date,
  book: MistakeBookDoc | null,
): BookChange | null {
  const _ = command()
  const entries = book?.entries ?? {}
  const change: BookChange = { fresh: {}, known: {}, opened: 0 }
  const shown = { hiddenUntil: null, hiddenFor: null }
  if (mistakes.release)
    for (const [qid, entry] of Object.entries(entries))
      if (entry.hiddenFor === mistakes.release) change.known[qid] = shown
  for (const item of mistakes.wrong) {
    const qid = item.questionId
    if (!holds(entries, qid)) {
      change.fresh[qid] = { ...newMistake(item, now, mistakes.hold), openedBy: attemptId }
      continue
    }
    const reopened = entries[qid].mastered
    // A known entry was shown with its answer before (or is hidden by this quiz already): it stays as it
    // was; once the answers are out, it is shown again.
    change.known[qid] = {
      wrongCount: _.inc(1),
      lastWrongAt: now,
      mastered: false,
      masteredAt: null,
      ...(reopened ? { openedBy: attemptId } : {}),
      ...(mistakes.hold ? {} : shown),
    }
    if (reopened) change.opened += 1
  }
  change.opened += Object.keys(change.fresh).length
  if (Object.keys(change.fresh).length === 0 && Object.keys(change.known).length === 0) return null
  return change
}

/** One write of the book: created with the member's first mistakes, then updated at the revision read. */
async function write(
  memberId: string,
  attemptId: string,
  book: MistakeBookDoc | null,
  change: BookChange,
  now: Date,
): Promise<boolean> {
  if (!book) {
    // Two first settlements at once: the unique _id keeps one; the other reads the book and tries again.
    return insertUnlessTaken('quizMistakeBooks', newBook(memberId, Object.values(change.fresh), [attemptId], now))
  }
  const _ = command()
  const entries: Record<string, unknown> = { ...change.known }
  // A new entry is set whole; a known one changes field by field (a plain object is merged).
  for (const [qid, entry] of Object.entries(change.fresh)) entries[qid] = _.set(entry)
  const updated = await updateWhere(
    'quizMistakeBooks',
    { _id: memberId, rev: book.rev },
    {
      entries,
      rev: _.inc(1),
      countedAttempts: _.push({ each: [attemptId], slice: -COUNTED_KEPT }),
      updatedAt: now,
    },
  )
  return updated > 0
}
