import { requireCaller } from '../../_shared/auth'
import { command, findOne, getById, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { badCursor, decodeCursor, encodeCursor, pageOf } from '../../_shared/cursor'
import { mistakeId, parseMistakeId } from './attempt'
import { holds } from './book'
import type { MistakeItem, MistakesPage, RetryResult } from './contract'
import { shuffle, token } from './draw'
import { cleanChoice, isCorrect } from './grade'
import type { MistakeEntry } from './model'

/** 错题本: every question answered wrong, to retry until right. */

const PAGE_SIZE = 20

/** An entry with the id the app names it by. */
type Named = MistakeEntry & { id: string }

function mistakeItem(doc: Named): MistakeItem {
  return {
    id: doc.id,
    type: doc.type,
    stem: doc.stem,
    options: doc.shown,
    tags: doc.tags,
    wrongCount: doc.wrongCount,
    lastWrongAt: new Date(doc.lastWrongAt).toISOString(),
    mastered: doc.mastered,
    // The answer is shown once the member has found it; open entries are answered afresh.
    answerIds: doc.mastered ? doc.answerIds : null,
    explanation: doc.mastered ? doc.explanation : null,
  }
}

/**
 * Open (or mastered) entries, most recent mistake first, page by page. Three reads: the member's book is
 * one document (read by `_id`), paged here.
 */
export async function mistakes(
  params: { mastered: boolean; cursor?: string },
  ctx: CallContext,
): Promise<MistakesPage> {
  const caller = await requireCaller(ctx)
  const after = afterBound(params.cursor)
  const [book, totals] = await Promise.all([
    getById('quizMistakeBooks', caller.memberId),
    findOne('pointsTotals', { _id: caller.memberId }, { fields: { 'quiz.mistakesOpen': true } }),
  ])
  const listed = Object.values(book?.entries ?? {})
    .map((entry) => ({ ...entry, id: mistakeId(caller.memberId, entry.questionId) }))
    // Entries of a quiz still in progress are not listed before it closes.
    .filter((entry) => entry.mastered === params.mastered && !isHidden(entry, ctx.now) && after(entry))
    .sort(newestFirst)
  const { page, nextCursor } = pageOf(listed, PAGE_SIZE, (last) => encodeCursor(last.lastWrongAt, [last.id]))
  return {
    items: page.map(mistakeItem),
    nextCursor,
    openCount: Math.max(0, totals?.quiz?.mistakesOpen ?? 0),
  }
}

/** The list's order: most recent mistake first, the id breaking ties. */
function newestFirst(a: Named, b: Named): number {
  const byTime = new Date(b.lastWrongAt).getTime() - new Date(a.lastWrongAt).getTime()
  return byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Whether an entry comes after the cursor (all do without one). */
function afterBound(cursor: string | undefined): (entry: Named) => boolean {
  const bound = decodeCursor(cursor)
  if (!bound) return () => true
  if (bound.ids.length !== 1) throw badCursor()
  const [id] = bound.ids
  return (entry) => {
    const at = new Date(entry.lastWrongAt).getTime()
    return at < bound.key || (at === bound.key && entry.id > id)
  }
}

/** Answers an entry again: right marks it mastered (it leaves the open list); no points either way. */
export async function retryMistake(
  params: { mistakeId: string; choice: string[] },
  ctx: CallContext,
): Promise<RetryResult> {
  const caller = await requireCaller(ctx)
  const named = parseMistakeId(params.mistakeId)
  const book = named?.memberId === caller.memberId ? await getById('quizMistakeBooks', caller.memberId) : null
  if (!named || !book || !holds(book.entries, named.questionId)) throw new AppError('NOT_FOUND', '没有找到这道错题')
  const qid = named.questionId
  const doc = book.entries[qid]
  if (isHidden(doc, ctx.now))
    throw new AppError('FAILED_PRECONDITION', '这道题所在的测验还没有结束，测验截止后可以在错题本中练习')
  const correct = isCorrect(doc.answerIds, cleanChoice(doc, params.choice))
  const _ = command()
  const reveal = { correct, answerIds: doc.answerIds, explanation: doc.explanation }
  // Every write of the book moves its revision: a settlement that read it before writes again.
  if (!correct) {
    // Shown the answer now, the next retry gets the options in a new order with new ids.
    const next = reshuffled(doc)
    await updateWhere(
      'quizMistakeBooks',
      { _id: book._id },
      { entries: { [qid]: { retries: _.inc(1), ...next } }, rev: _.inc(1) },
    )
    return { ...reveal, mastered: doc.mastered, nextOptions: next.shown }
  }
  if (doc.mastered) return { ...reveal, mastered: true, nextOptions: null }
  // Only the retry that flips it counts it off (two devices retrying at once count once).
  const flipped = await updateWhere(
    'quizMistakeBooks',
    { _id: book._id, [`entries.${qid}.mastered`]: false },
    { entries: { [qid]: { mastered: true, masteredAt: ctx.now, retries: _.inc(1) } }, rev: _.inc(1) },
  )
  // The figures live in the member's points totals (their other fields are not touched).
  if (flipped > 0)
    await updateWhere(
      'pointsTotals',
      { _id: caller.memberId, quiz: _.exists(true) },
      { quiz: { mistakesOpen: _.inc(-1) } },
    )
  return { ...reveal, mastered: true, nextOptions: null }
}

/** From a branch quiz the member may still take: neither listed nor retryable before it closes. */
function isHidden(doc: Pick<MistakeEntry, 'hiddenUntil'>, now: Date): boolean {
  return Boolean(doc.hiddenUntil) && new Date(doc.hiddenUntil as Date).getTime() > now.getTime()
}

/** The entry's options in a new order with new ids (true/false keeps 正确 first). */
function reshuffled(doc: MistakeEntry): Pick<MistakeEntry, 'shown' | 'answerIds'> {
  const order = doc.type === 'judge' ? doc.shown : shuffle(doc.shown)
  const ids = new Map(order.map((o) => [o.id, token()]))
  return {
    shown: order.map((o) => ({ id: ids.get(o.id) as string, text: o.text })),
    answerIds: doc.answerIds.map((id) => ids.get(id) as string),
  }
}
