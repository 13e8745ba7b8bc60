import type * as WxCloud from 'wx-server-sdk'
import { isDuplicateKeyError } from '../../../cloudfunctions/_shared/db'
import type { MistakeBookDoc, MistakeDoc, MistakeEntry } from '../../../cloudfunctions/quiz/src/model'
import { changedAny, docsAfter, docsById, pagesById, type Db, type MigrationOptions } from './common'

/**
 * The 错题本 moves into one document per member (issue 21): each `quizMistakes` entry of earlier versions
 * (one document per member and question) is folded into the member's `quizMistakeBooks` document and
 * removed, through the real SDK: the same code runs against the local cloud (on start, for a data dir
 * from before) and against WeChat cloud (scripts/migrate-mistake-books.ts).
 *
 * Idempotent: a folded entry is marked `folded` in the same write, which is made only at the book's
 * revision as read, so a run cut short between the fold and the removal folds nothing twice. An entry the
 * new version wrote for the same question before the migration ran (it took the question for a new
 * mistake) is merged with the old one: counts added, its own state kept; the open count it added again
 * for an entry that was open already is taken back.
 */

export interface MistakeBooksMigration {
  /** Old entries read. */
  entries: number
  /** Folded into a book in this run (the others had been folded before). */
  folded: number
  /** Books created. */
  created: number
}

const PAGE = 100

/** The old document as a book's entry. */
function entryOf(doc: MistakeDoc): MistakeEntry {
  const { _id, memberId: _member, lastAttemptId: _last, ...entry } = doc
  return { ...entry, folded: true }
}

interface Fold {
  entries: Record<string, MistakeEntry>
  /** Old open entries merged into an entry the new version had counted open again. */
  countedTwice: number
}

/** The old entries not yet in the book, as the book should hold them. */
function foldOf(book: MistakeBookDoc | undefined, old: MistakeDoc[]): Fold {
  const fold: Fold = { entries: {}, countedTwice: 0 }
  for (const doc of old) {
    const held = book && Object.prototype.hasOwnProperty.call(book.entries, doc.questionId)
    const mine = held ? book.entries[doc.questionId] : null
    if (mine?.folded) continue
    if (!mine) {
      fold.entries[doc.questionId] = entryOf(doc)
      continue
    }
    const latest = Math.max(new Date(mine.lastWrongAt).getTime(), new Date(doc.lastWrongAt).getTime())
    fold.entries[doc.questionId] = {
      ...mine,
      wrongCount: mine.wrongCount + doc.wrongCount,
      retries: mine.retries + doc.retries,
      lastWrongAt: new Date(latest),
      folded: true,
    }
    // The figures counted the old entry open and, again, the new one the new version added for it.
    if (!doc.mastered) fold.countedTwice += 1
  }
  return fold
}

/** One write of the member's book: false when it changed under the write (read it again). */
async function write(
  db: Db,
  memberId: string,
  book: MistakeBookDoc | undefined,
  fold: Fold,
  now: Date,
): Promise<boolean> {
  const _ = db.command
  const books = db.collection('quizMistakeBooks')
  if (!book) {
    const created: MistakeBookDoc = {
      _id: memberId,
      memberId,
      entries: fold.entries,
      rev: 1,
      countedAttempts: [],
      updatedAt: now,
    }
    try {
      await books.add({ data: created })
      return true
    } catch (error) {
      if (isDuplicateKeyError(error)) return false
      throw error
    }
  }
  const entries = Object.fromEntries(Object.entries(fold.entries).map(([qid, entry]) => [qid, _.set(entry)]))
  return changedAny(
    books.where({ _id: memberId, rev: book.rev }).update({ data: { entries, rev: _.inc(1), updatedAt: now } }),
  )
}

async function foldMember(db: Db, memberId: string, old: MistakeDoc[], seen: MistakeBookDoc | undefined, now: Date) {
  let book = seen
  for (let round = 0; ; round++) {
    if (round === 5) throw new Error(`the mistake book of ${memberId} kept changing`)
    const fold = foldOf(book, old)
    const count = Object.keys(fold.entries).length
    if (count === 0) return { folded: 0, created: false }
    if (await write(db, memberId, book, fold, now)) {
      if (fold.countedTwice > 0)
        await db
          .collection('pointsTotals')
          .where({ _id: memberId, quiz: db.command.exists(true) })
          .update({ data: { quiz: { mistakesOpen: db.command.inc(-fold.countedTwice) } } })
      return { folded: count, created: !book }
    }
    book = (await docsById<MistakeBookDoc>(db, 'quizMistakeBooks', [memberId])).get(memberId)
  }
}

export async function migrateMistakeBooks(
  cloud: typeof WxCloud,
  opts: MigrationOptions = {},
): Promise<MistakeBooksMigration> {
  const db = cloud.database()
  const now = opts.now ?? new Date()
  const result: MistakeBooksMigration = { entries: 0, folded: 0, created: 0 }
  for await (const page of pagesById((after) => docsAfter<MistakeDoc>(db, 'quizMistakes', after, PAGE), PAGE)) {
    const byMember = new Map<string, MistakeDoc[]>()
    for (const doc of page) byMember.set(doc.memberId, [...(byMember.get(doc.memberId) ?? []), doc])
    const books = await docsById<MistakeBookDoc>(db, 'quizMistakeBooks', [...byMember.keys()])
    for (const [memberId, old] of byMember) {
      result.entries += old.length
      const done = await foldMember(db, memberId, old, books.get(memberId), now)
      result.folded += done.folded
      if (done.created) result.created++
    }
    await db
      .collection('quizMistakes')
      .where({ _id: db.command.in(page.map((d) => d._id)) })
      .remove()
  }
  opts.log?.(
    `错题本迁移：${result.entries} 条，并入 ${result.folded} 条 / mistake books: ${result.entries} entries read, ${result.folded} folded (${result.created} books created)`,
  )
  return result
}
