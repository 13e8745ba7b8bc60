import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { PointsTotalsDoc } from '../../cloudfunctions/_shared/points'
import { newMistake } from '../../cloudfunctions/quiz/src/attempt'
import type { MistakesPage } from '../../cloudfunctions/quiz/src/contract'
import type { AttemptDoc, MistakeBookDoc, MistakeDoc } from '../../cloudfunctions/quiz/src/model'
import { migrateMistakeBooks } from '../../local-cloud/src/migrations/mistake-books'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { bookOf } from '../helpers/mistakes'
import { data } from '../helpers/results'
import { adminSdk, countDocs, findDocs } from '../helpers/sdk'
import { lastLoggedCall, useLocalCloud } from '../helpers/suite'

/**
 * 错题本 entries kept one document each (`quizMistakes`) by earlier versions are folded into the members'
 * books through the real SDK: members without a book, a book the new version wrote for a question the old
 * entries hold too, and a run cut short after a fold; a second run changes nothing; the 错题本 shows what
 * it showed before; the local cloud runs it by itself when it starts on such a data dir.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

const allBooks = () => findDocs<MistakeBookDoc>(sdk, 'quizMistakeBooks', {})

/** Stores the seeded books as an earlier version had them: one document per entry, no books. */
async function asBefore(books: MistakeBookDoc[]): Promise<MistakeDoc[]> {
  const db = sdk.database()
  const old = books.flatMap((b) =>
    Object.values(b.entries).map((entry) => ({
      ...entry,
      _id: `${b._id}:${entry.questionId}`,
      memberId: b._id,
      lastAttemptId: entry.openedBy,
    })),
  )
  for (const doc of old) await db.collection('quizMistakes').add({ data: doc })
  for (const b of books) await db.collection('quizMistakeBooks').doc(b._id).remove()
  return old
}

async function mistakesOpen(memberId: string): Promise<number> {
  const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: memberId })
  return totals?.quiz?.mistakesOpen ?? 0
}

const page = async (studentNo: string) =>
  data(await cloud.call<Result<MistakesPage>>('quiz', { action: 'mistakes' }, demoOpenid(studentNo)))

describe('mistake books migration', () => {
  it('folds every old entry into its member’s book once, merging entries written since', async () => {
    const seeded = await allBooks()
    const liu = memberIdOf('2022010112')
    const before = await page('2022010112')
    expect(before.items.length).toBeGreaterThan(0)
    const old = await asBefore(seeded)
    expect(old.length).toBeGreaterThan(seeded.length)
    expect(await countDocs(sdk, 'quizMistakeBooks')).toBe(0)

    // Liu answered one of their old mistakes wrong again under the new version before the migration ran:
    // it took the question for a new one (a book with that entry, counted open again in the figures).
    const [again] = old.filter((m) => m.memberId === liu)
    const [attempt] = await findDocs<AttemptDoc>(sdk, 'quizAttempts', { memberId: liu })
    const item = attempt.items.find((i) => i.questionId === again.questionId)
    if (!item) throw new Error('the seeded attempt holds the seeded mistake')
    const since = new Date()
    const written = { ...newMistake(item, since), openedBy: 'daily:new' }
    const db = sdk.database()
    await db.collection('quizMistakeBooks').add({
      data: {
        _id: liu,
        memberId: liu,
        entries: { [item.questionId]: written },
        rev: 1,
        countedAttempts: ['daily:new'],
        updatedAt: since,
      } satisfies MistakeBookDoc,
    })
    const openBefore = await mistakesOpen(liu)
    await db
      .collection('pointsTotals')
      .doc(liu)
      .update({ data: { quiz: { mistakesOpen: db.command.inc(1) } } })

    const first = await migrateMistakeBooks(sdk)
    expect(first).toEqual({ entries: old.length, folded: old.length, created: seeded.length - 1 })
    expect(await countDocs(sdk, 'quizMistakes')).toBe(0)

    const now = new Map((await allBooks()).map((b) => [b._id, b]))
    for (const b of seeded) {
      const entries = now.get(b._id)?.entries ?? {}
      expect(Object.keys(entries).sort(), b._id).toEqual(Object.keys(b.entries).sort())
      for (const [qid, entry] of Object.entries(b.entries)) {
        if (b._id === liu && qid === again.questionId) continue
        expect(entries[qid]).toEqual({ ...entry, folded: true })
      }
    }
    // Merged: both counts, the newer mistake, the state the new version left; open once in the figures.
    expect(now.get(liu)?.entries[again.questionId]).toMatchObject({
      wrongCount: again.wrongCount + 1,
      lastWrongAt: since,
      shown: written.shown,
      openedBy: 'daily:new',
      folded: true,
    })
    expect(await mistakesOpen(liu)).toBe(openBefore)

    // A run cut short after folding an entry, before removing it, folds nothing twice.
    await db.collection('quizMistakes').add({ data: again })
    const rerun = await migrateMistakeBooks(sdk)
    expect(rerun).toEqual({ entries: 1, folded: 0, created: 0 })
    expect(now.get(liu)).toEqual(await bookOf(sdk, liu))
    expect(await mistakesOpen(liu)).toBe(openBefore)
    expect(await migrateMistakeBooks(sdk)).toEqual({ entries: 0, folded: 0, created: 0 })

    // The 错题本 shows what it showed before (the merged entry now most recent), reading one book by _id.
    const after = await page('2022010112')
    expect(after.items.map((m) => m.id).sort()).toEqual(before.items.map((m) => m.id).sort())
    expect(after.items[0].id).toBe(`${liu}:${again.questionId}`)
    for (const q of (await lastLoggedCall(cloud, 'quiz', 'mistakes')).queries)
      expect(q.index, `mistakes reads ${q.collection} without an index`).not.toBeNull()
  })

  it('runs when the local cloud starts on a data dir from before', async () => {
    const member = memberIdOf('2022020211')
    const book = await bookOf(sdk, member)
    if (!book) throw new Error('the seed gives this member a 错题本')
    await asBefore([book])

    await cloud.stop({ keepData: true })
    const restarted = await startLocalCloud({ dataDir: cloud.dataDir })
    try {
      const admin = adminSdk(restarted.url)
      await expect.poll(async () => countDocs(admin, 'quizMistakes'), { timeout: 30_000, interval: 200 }).toBe(0)
      const after = await bookOf(admin, member)
      expect(Object.keys(after?.entries ?? {}).sort()).toEqual(Object.keys(book.entries).sort())
    } finally {
      await restarted.stop({ keepData: true })
    }
  }, 120_000)
})
