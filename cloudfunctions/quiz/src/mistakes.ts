import { requireCaller } from '../../_shared/auth'
import { command, findMany, findOne, getById, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { encodeCursor, pageOf } from '../../_shared/cursor'
import type { MistakeItem, MistakesPage, RetryResult } from './contract'
import { shuffle, token } from './draw'
import { cleanChoice, isCorrect } from './grade'
import type { MistakeDoc } from './model'
import { afterCursor, whereAll } from './store'

/** 错题本: every question answered wrong, to retry until right. */

const PAGE_SIZE = 20

function mistakeItem(doc: MistakeDoc): MistakeItem {
  return {
    id: doc._id,
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

/** Open (or mastered) entries, most recent mistake first, page by page. Three reads. */
export async function mistakes(
  params: { mastered: boolean; cursor?: string },
  ctx: CallContext,
): Promise<MistakesPage> {
  const caller = await requireCaller(ctx)
  const [docs, totals] = await Promise.all([
    findMany(
      'quizMistakes',
      whereAll({ memberId: caller.memberId, mastered: params.mastered }, afterCursor('lastWrongAt', params.cursor)),
      {
        orderBy: [
          ['lastWrongAt', 'desc'],
          ['_id', 'asc'],
        ],
        limit: PAGE_SIZE + 1,
      },
    ),
    findOne('pointsTotals', { _id: caller.memberId }, { fields: { 'quiz.mistakesOpen': true } }),
  ])
  const { page, nextCursor } = pageOf(docs, PAGE_SIZE, (last) => encodeCursor(last.lastWrongAt, [last._id]))
  return {
    // Entries of a quiz still in progress are few and short-lived: left out here rather than in the query.
    items: page.filter((doc) => !isHidden(doc, ctx.now)).map(mistakeItem),
    nextCursor,
    openCount: Math.max(0, totals?.quiz?.mistakesOpen ?? 0),
  }
}

/** Answers an entry again: right marks it mastered (it leaves the open list); no points either way. */
export async function retryMistake(
  params: { mistakeId: string; choice: string[] },
  ctx: CallContext,
): Promise<RetryResult> {
  const caller = await requireCaller(ctx)
  const doc = await getById('quizMistakes', params.mistakeId)
  if (!doc || doc.memberId !== caller.memberId) throw new AppError('NOT_FOUND', '没有找到这道错题')
  if (isHidden(doc, ctx.now))
    throw new AppError('FAILED_PRECONDITION', '这道题所在的测验还没有结束，测验截止后可以在错题本中练习')
  const correct = isCorrect(doc.answerIds, cleanChoice(doc, params.choice))
  const _ = command()
  const reveal = { correct, answerIds: doc.answerIds, explanation: doc.explanation }
  if (!correct) {
    // Shown the answer now, the next retry gets the options in a new order with new ids.
    const next = reshuffled(doc)
    await updateWhere('quizMistakes', { _id: doc._id }, { retries: _.inc(1), ...next })
    return { ...reveal, mastered: doc.mastered, nextOptions: next.shown }
  }
  if (doc.mastered) return { ...reveal, mastered: true, nextOptions: null }
  // Only the retry that flips it counts it off (two devices retrying at once count once).
  const flipped = await updateWhere(
    'quizMistakes',
    { _id: doc._id, mastered: false },
    { mastered: true, masteredAt: ctx.now, retries: _.inc(1) },
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
function isHidden(doc: Pick<MistakeDoc, 'hiddenUntil'>, now: Date): boolean {
  return Boolean(doc.hiddenUntil) && new Date(doc.hiddenUntil as Date).getTime() > now.getTime()
}

/** The entry's options in a new order with new ids (true/false keeps 正确 first). */
function reshuffled(doc: MistakeDoc): Pick<MistakeDoc, 'shown' | 'answerIds'> {
  const order = doc.type === 'judge' ? doc.shown : shuffle(doc.shown)
  const ids = new Map(order.map((o) => [o.id, token()]))
  return {
    shown: order.map((o) => ({ id: ids.get(o.id) as string, text: o.text })),
    answerIds: doc.answerIds.map((id) => ids.get(id) as string),
  }
}
