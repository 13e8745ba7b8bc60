import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type {
  AnswerResult,
  AttemptResult,
  AttemptView,
  MistakesPage,
  OpenAttempt,
} from '../../cloudfunctions/quiz/src/contract'
import type { AttemptDoc, MistakeBookDoc } from '../../cloudfunctions/quiz/src/model'
import { mistakeId, newBook, newMistake } from '../../cloudfunctions/quiz/src/attempt'
import { currentTotals, type PointsTotalsDoc, type QuizFigures } from '../../cloudfunctions/_shared/points'
import type { CursorPage } from '../../cloudfunctions/_shared/cursor'
import type { LedgerItem } from '../../cloudfunctions/study/src/contract'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
import { bookOf, mistakesOf, type StoredMistake } from '../helpers/mistakes'
import { data } from '../helpers/results'
import { lastLoggedCall, useLocalCloud } from '../helpers/suite'

/**
 * The database requests of every way an attempt is closed and settled (issue 21: at most 4 each, every
 * read served by an index).
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

const person = (studentNo: string) => ({ openid: demoOpenid(studentNo), memberId: memberIdOf(studentNo) })

async function call<T>(openid: string, event: Record<string, unknown>): Promise<T> {
  return data(await cloud.call<Result<T>>('quiz', event, openid))
}

async function attemptDoc(id: string): Promise<AttemptDoc> {
  const [doc] = await findDocs<AttemptDoc>(sdk, 'quizAttempts', { _id: id })
  return doc
}

async function update(collection: string, id: string, fields: Record<string, unknown>): Promise<void> {
  await sdk.database().collection(collection).doc(id).update({ data: fields })
}

/**
 * The requests each path makes (issue 21's budget is 4). A first submit that earns points and adds to the
 * 错题本 reads once (the attempt with the member, their totals and their 错题本), then writes the attempt
 * (with its points entry), the 错题本, and the member's points totals, which hold the quiz figures (points
 * and figures in one write). The 错题本 is one document per member: new entries, known ones counted again
 * and the entries a branch quiz held back until the member's last attempt are one write of it.
 */
const REQUESTS = {
  'daily first submit (new mistakes)': 4,
  'retry of a settled attempt': 1,
  'daily first submit (new and known mistakes)': 4,
  'timed-out attempt submitted': 4,
  'flagged (too fast)': 4,
  'result of an abandoned attempt': 4,
  'branch quiz, attempt 1 of 2 (held)': 4,
  'branch quiz, attempt 2 of 2 (last)': 4,
  'branch quiz, last attempt with known mistakes': 4,
  'challenge ended by a wrong answer': 4,
  'the loser of two simultaneous submits': 3,
  'settlement finished after a crash right after the close': 3,
  'settlement finished after a crash between the 错题本 and the totals': 2,
} as const

/** The requests of the last call of `action`: exactly the path's figure (at most 4), every read served by an index. */
async function measure(path: keyof typeof REQUESTS, action: string): Promise<void> {
  const { queries } = await lastLoggedCall(cloud, 'quiz', action)
  const listed = queries.map((q) => `${q.action}:${q.collection}`).join(', ')
  expect(REQUESTS[path]).toBeLessThanOrEqual(4)
  expect(queries.length, `${path}: ${listed}`).toBe(REQUESTS[path])
  for (const q of queries) {
    if (q.action === 'database.insertDocument') continue
    expect(q.index, `${path} reads ${q.collection} without an index`).not.toBeNull()
  }
}

function wrong(item: { shown: { id: string }[]; answerIds: string[] }): string[] {
  return [item.shown.find((o) => !item.answerIds.includes(o.id))?.id ?? '']
}

/** Answers: the first `right` questions right, the rest wrong. */
function answersOf(doc: AttemptDoc, right: number): { key: string; choice: string[] }[] {
  return doc.items.map((item, i) => ({ key: item.key, choice: i < right ? item.answerIds : wrong(item) }))
}

/** Empties the member's 错题本, so the wrong answers of a random draw are all new mistakes. */
async function withoutMistakes(memberId: string): Promise<void> {
  await sdk.database().collection('quizMistakeBooks').where({ _id: memberId }).remove()
}

/**
 * Puts the attempt's first two questions in the member's 错题本 as known entries, each answered wrong
 * twice before, the first open, the second mastered.
 */
async function withKnownMistakes(memberId: string, doc: AttemptDoc): Promise<void> {
  const now = new Date(Date.now() - 86_400_000)
  const known = doc.items.slice(0, 2).map((item, i) => ({
    ...newMistake(item, now),
    wrongCount: 2,
    mastered: i === 1,
    masteredAt: i === 1 ? now : null,
  }))
  const book = await bookOf(sdk, memberId)
  const _ = sdk.database().command
  if (!book)
    await sdk
      .database()
      .collection('quizMistakeBooks')
      .add({ data: newBook(memberId, known, [], now) })
  else
    await update('quizMistakeBooks', memberId, {
      entries: Object.fromEntries(known.map((e) => [e.questionId, _.set(e)])),
    })
}

async function startDaily(openid: string): Promise<AttemptDoc> {
  const opened = await call<OpenAttempt>(openid, { action: 'start', kind: 'daily' })
  await update('quizAttempts', opened.attemptId, { startedAt: new Date(Date.now() - 120_000) })
  return attemptDoc(opened.attemptId)
}

/** Starts the branch's 党章 quiz, as if begun 10 minutes ago, and submits `right` answers right, the rest wrong. */
async function takeConstitutionQuiz(openid: string, right: number): Promise<void> {
  const opened = await call<OpenAttempt>(openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' })
  await update('quizAttempts', opened.attemptId, { startedAt: new Date(Date.now() - 600_000) })
  const doc = await attemptDoc(opened.attemptId)
  await call<AttemptResult>(openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, right) })
}

describe('quiz.submit and the other closings', () => {
  it('daily: first submit with new mistakes, with known ones, a retry, a time-out, flagged', async () => {
    const yang = person('2022010203')
    await withoutMistakes(yang.memberId)
    const doc = await startDaily(yang.openid)
    await call<AttemptResult>(yang.openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, 3) })
    await measure('daily first submit (new mistakes)', 'submit')
    await call<AttemptResult>(yang.openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, 5) })
    await measure('retry of a settled attempt', 'submit')

    // A member whose 错题本 already holds two of the questions (one of them mastered): one write adds the
    // new entries, counts the known ones again and reopens the mastered one.
    const liu = person('2022010112')
    const mixed = await startDaily(liu.openid)
    await withKnownMistakes(liu.memberId, mixed)
    const before = await figuresOf(liu.memberId)
    const book = await bookOf(sdk, liu.memberId)
    await call<AttemptResult>(liu.openid, { action: 'submit', attemptId: mixed._id, answers: answersOf(mixed, 0) })
    await measure('daily first submit (new and known mistakes)', 'submit')
    const entries = (await bookOf(sdk, liu.memberId))?.entries ?? {}
    const [open, mastered] = mixed.items.map((item) => entries[item.questionId])
    expect(open).toMatchObject({ wrongCount: 3, mastered: false })
    // Mastered, wrong again: open again, and counted open again.
    expect(mastered).toMatchObject({ wrongCount: 3, mastered: false, masteredAt: null, openedBy: mixed._id })
    const fresh = mixed.items
      .slice(2)
      .filter((item) => !book?.entries[item.questionId])
      .map((item) => entries[item.questionId])
    for (const e of fresh) expect(e).toMatchObject({ wrongCount: 1, mastered: false, openedBy: mixed._id })
    expect((await figuresOf(liu.memberId)).mistakesOpen).toBe(before.mistakesOpen + fresh.length + 1)
    const listed = await call<MistakesPage>(liu.openid, { action: 'mistakes' })
    expect(listed.items.map((m) => m.id)).toContain(mistakeId(liu.memberId, mixed.items[1].questionId))

    const zhou = person('2021010122')
    await withoutMistakes(zhou.memberId)
    const late = await startDaily(zhou.openid)
    await update('quizAttempts', late._id, { deadline: new Date(Date.now() - 60_000) })
    await call<AttemptResult>(zhou.openid, { action: 'submit', attemptId: late._id, answers: answersOf(late, 5) })
    await measure('timed-out attempt submitted', 'submit')

    const huang = person('2021010105')
    await withoutMistakes(huang.memberId)
    const opened = await call<OpenAttempt>(huang.openid, { action: 'start', kind: 'daily' })
    const fast = await attemptDoc(opened.attemptId)
    await call<AttemptResult>(huang.openid, { action: 'submit', attemptId: fast._id, answers: answersOf(fast, 5) })
    await measure('flagged (too fast)', 'submit')
  })

  it('abandoned: result closes an attempt whose time is up', async () => {
    const zhao = person('2022010219')
    await withoutMistakes(zhao.memberId)
    const doc = await startDaily(zhao.openid)
    await update('quizAttempts', doc._id, { deadline: new Date(Date.now() - 60_000) })
    await call<AttemptView>(zhao.openid, { action: 'result', attemptId: doc._id })
    await measure('result of an abandoned attempt', 'result')
  })

  it('branch quiz: a held attempt, then the last one', async () => {
    const liu = person('2022010112') // one attempt of quiz-cs-constitution used in the seed
    const zhang = person('2022010107')
    await withoutMistakes(zhang.memberId)
    const listed = async () =>
      (await call<MistakesPage>(zhang.openid, { action: 'mistakes' })).items.map((m) => m.stem).sort()
    await takeConstitutionQuiz(zhang.openid, 6)
    await measure('branch quiz, attempt 1 of 2 (held)', 'submit')
    // Held back while the member may take the quiz again: in the book, hidden, not listed.
    const held = await mistakesOf(sdk, zhang.memberId)
    expect(held).toHaveLength(4)
    expect(held.every((m) => m.hiddenFor === 'quiz-cs-constitution')).toBe(true)
    expect(await listed()).toEqual([])
    await takeConstitutionQuiz(zhang.openid, 3)
    await measure('branch quiz, attempt 2 of 2 (last)', 'submit')
    // The last attempt shows them, with its own, in the same write.
    const shown = await mistakesOf(sdk, zhang.memberId)
    expect(shown.length).toBeGreaterThanOrEqual(7)
    expect(shown.every((m) => !m.hiddenUntil && !m.hiddenFor)).toBe(true)
    expect(await listed()).toEqual(shown.map((m) => m.stem).sort())
    await takeConstitutionQuiz(liu.openid, 4)
    await measure('branch quiz, last attempt with known mistakes', 'submit')
  })

  it('challenge: the answer that ends the round', async () => {
    const he = person('2022020109')
    await withoutMistakes(he.memberId)
    const opened = await call<OpenAttempt>(he.openid, { action: 'start', kind: 'challenge' })
    await update('quizAttempts', opened.attemptId, { startedAt: new Date(Date.now() - 60_000) })
    let doc = await attemptDoc(opened.attemptId)
    await call<AnswerResult>(he.openid, {
      action: 'answer',
      attemptId: doc._id,
      key: doc.items[0].key,
      choice: doc.items[0].answerIds,
    })
    doc = await attemptDoc(opened.attemptId)
    await call<AnswerResult>(he.openid, {
      action: 'answer',
      attemptId: doc._id,
      key: doc.items[1].key,
      choice: wrong(doc.items[1]),
    })
    await measure('challenge ended by a wrong answer', 'answer')
  })
})

/** Every logged call of the quiz function's `action`, newest first, with its database requests. */
async function callsOf(action: string): Promise<{ queries: unknown[] }[]> {
  const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=50`)).json()) as {
    fn: string
    action: string
    queries: unknown[]
  }[]
  return calls.filter((c) => c.fn === 'quiz' && c.action === action)
}

/** The member's quiz figures (kept in their points totals). */
async function figuresOf(memberId: string): Promise<QuizFigures> {
  const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: memberId })
  if (!totals?.quiz) throw new Error(`no quiz figures for ${memberId}`)
  return totals.quiz
}

/** The member's 积分明细 lines for an attempt (its points entry, wherever it is kept). */
async function ledgerOf(openid: string, attemptId: string): Promise<LedgerItem[]> {
  const history = data(await cloud.call<Result<CursorPage<LedgerItem>>>('study', { action: 'pointsHistory' }, openid))
  return history.items.filter((item) => item.id.endsWith(`:${attemptId}`))
}

/** Puts a member's document of `collection` back as it was (or removes it when it did not exist). */
async function restore(collection: string, id: string, doc: object | undefined): Promise<void> {
  const ref = sdk.database().collection(collection).doc(id)
  if (!doc) {
    await ref.remove()
    return
  }
  const { _id: _omit, ...fields } = doc as { _id?: string }
  await ref.set({ data: fields })
}

describe('exactly once', () => {
  it('two simultaneous submits: one grading; points, figures and 错题本 counted once', async () => {
    const gao = person('2022020125')
    const doc = await startDaily(gao.openid)
    const before = await figuresOf(gao.memberId)
    const results = await Promise.all(
      [answersOf(doc, 3), answersOf(doc, 1)].map((answers) =>
        call<AttemptResult>(gao.openid, { action: 'submit', attemptId: doc._id, answers }),
      ),
    )
    // Both are answered with the one grading that closed the attempt.
    expect(results[1]).toMatchObject({ score: results[0].score, points: results[0].points })
    const [entry] = await ledgerOf(gao.openid, doc._id)
    expect(entry.points).toBe(results[0].points)
    expect(await ledgerOf(gao.openid, doc._id)).toHaveLength(1)
    const after = await figuresOf(gao.memberId)
    expect(after.attempts).toBe(before.attempts + 1)
    expect(after.answered).toBe(before.answered + 5)
    const book = await bookOf(sdk, gao.memberId)
    expect(book?.countedAttempts.filter((id) => id === doc._id)).toHaveLength(1)
    const counted = Object.values(book?.entries ?? {}).filter((m) => new Date(m.lastWrongAt) >= new Date(doc.startedAt))
    expect(counted).toHaveLength(5 - results[0].correctCount)
    const [winner, loser] = (await callsOf('submit')).slice(0, 2).sort((a, b) => b.queries.length - a.queries.length)
    expect(winner.queries.length).toBeGreaterThan(loser.queries.length)
    // 1 when it reads the attempt settled already, 3 when it loses the close (the read, the close, the re-read).
    expect(loser.queries.length).toBeLessThanOrEqual(REQUESTS['the loser of two simultaneous submits'])
  })

  it('finishes a settlement cut short right after the close, once, on the next call', async () => {
    const lin = person('2022020211')
    await withoutMistakes(lin.memberId)
    const doc = await startDaily(lin.openid)
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: lin.memberId })
    const figures = await figuresOf(lin.memberId)
    const book = await bookOf(sdk, lin.memberId)
    const result = await call<AttemptResult>(lin.openid, {
      action: 'submit',
      attemptId: doc._id,
      answers: answersOf(doc, 3),
    })
    const settled = {
      totals: (await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: lin.memberId }))[0],
      figures: await figuresOf(lin.memberId),
      mistakes: await mistakesOf(sdk, lin.memberId),
    }
    expect(result.points).toBe(3)

    // As if the function had died right after the close: nothing else was written (the totals hold the figures).
    expect(totals.quiz).toEqual(figures)
    await restore('pointsTotals', lin.memberId, totals)
    await restore('quizMistakeBooks', lin.memberId, book ?? undefined)

    const view = await call<AttemptView>(lin.openid, { action: 'result', attemptId: doc._id })
    await measure('settlement finished after a crash right after the close', 'result')
    expect(view).toMatchObject({ status: 'submitted', points: 3 })
    const again = await call<AttemptView>(lin.openid, { action: 'result', attemptId: doc._id })
    expect(again).toMatchObject({ status: 'submitted', points: 3 })
    expect((await lastLoggedCall(cloud, 'quiz', 'result')).queries).toHaveLength(1)

    const [ledger] = await ledgerOf(lin.openid, doc._id)
    expect(ledger).toMatchObject({ points: 3, kind: 'dailyQuiz', reason: '每日答题答对 3 题' })
    // 积分明细 reads the attempts' entries by index too.
    for (const q of (await lastLoggedCall(cloud, 'study', 'pointsHistory')).queries)
      expect(q.index, `pointsHistory reads ${q.collection} without an index`).not.toBeNull()
    const [totalsNow] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: lin.memberId })
    expect(totalsNow.total).toBe(settled.totals.total)
    const pick = ({ answered, correct, attempts, mistakesOpen }: QuizFigures) => ({
      answered,
      correct,
      attempts,
      mistakesOpen,
    })
    expect(pick(await figuresOf(lin.memberId))).toEqual(pick(settled.figures))
    const counts = (list: StoredMistake[]) => Object.fromEntries(list.map((m) => [m._id, m.wrongCount]))
    expect(counts(await mistakesOf(sdk, lin.memberId))).toEqual(counts(settled.mistakes))
  })

  it('a settlement cut short after its 错题本 write counts each mistake once when finished', async () => {
    const sun = person('2020010111')
    const doc = await startDaily(sun.openid)
    await withKnownMistakes(sun.memberId, doc)
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: sun.memberId })
    await call<AttemptResult>(sun.openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, 0) })
    const settled = { book: await bookOf(sdk, sun.memberId), figures: await figuresOf(sun.memberId) }
    expect(settled.figures.mistakesOpen).toBeGreaterThan(totals.quiz?.mistakesOpen ?? 0)

    // As if the function had died after writing the 错题本, before the points totals.
    await restore('pointsTotals', sun.memberId, totals)
    await call<AttemptView>(sun.openid, { action: 'result', attemptId: doc._id })
    await measure('settlement finished after a crash between the 错题本 and the totals', 'result')
    const book = await bookOf(sdk, sun.memberId)
    expect(book?.rev).toBe(settled.book?.rev)
    expect(book?.entries).toEqual(settled.book?.entries)
    const figures = await figuresOf(sun.memberId)
    expect(figures.mistakesOpen).toBe(settled.figures.mistakesOpen)
    expect(figures.attempts).toBe(settled.figures.attempts)
  })

  it('two calls finishing the same cut-short settlement at once count points and figures once', async () => {
    const li = person('2023010102')
    const doc = await startDaily(li.openid)
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: li.memberId })
    await call<AttemptResult>(li.openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, 4) })
    const [settled] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: li.memberId })
    await restore('pointsTotals', li.memberId, totals)

    const views = await Promise.all(
      [0, 1, 2].map(() => call<AttemptView>(li.openid, { action: 'result', attemptId: doc._id })),
    )
    for (const view of views) expect(view).toMatchObject({ status: 'submitted', points: 4 })
    const [now] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: li.memberId })
    expect(now.total).toBe(settled.total)
    expect(now.quiz).toMatchObject({
      answered: settled.quiz?.answered,
      correct: settled.quiz?.correct,
      attempts: settled.quiz?.attempts,
    })
    expect(now.quiz?.countedAttempts.filter((id) => id === doc._id)).toHaveLength(1)
  })

  it('three calls finishing a settlement cut short before its 错题本 write count each mistake once', async () => {
    const dong = person('2024110108')
    const doc = await startDaily(dong.openid)
    await withKnownMistakes(dong.memberId, doc)
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: dong.memberId })
    const book = await bookOf(sdk, dong.memberId)
    await call<AttemptResult>(dong.openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, 0) })
    const settled = { book: await bookOf(sdk, dong.memberId), figures: await figuresOf(dong.memberId) }
    await restore('pointsTotals', dong.memberId, totals)
    await restore('quizMistakeBooks', dong.memberId, book ?? undefined)

    await Promise.all([0, 1, 2].map(() => call<AttemptView>(dong.openid, { action: 'result', attemptId: doc._id })))
    const counts = (b: MistakeBookDoc | null) =>
      Object.fromEntries(Object.values(b?.entries ?? {}).map((m) => [m.questionId, [m.wrongCount, m.mastered]]))
    const now = await bookOf(sdk, dong.memberId)
    expect(counts(now)).toEqual(counts(settled.book))
    expect(now?.countedAttempts.filter((id) => id === doc._id)).toHaveLength(1)
    expect((await figuresOf(dong.memberId)).mistakesOpen).toBe(settled.figures.mistakesOpen)
  })

  it("keeps the daily cap: the close stores what the member's totals left room for", async () => {
    const wu = person('2021010208')
    const doc = await startDaily(wu.openid)
    const cap = doc.pointRules.dailyCapByKind.dailyQuiz
    const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: wu.memberId })
    const today = currentTotals(
      totals ?? null,
      { _id: wu.memberId, branchId: doc.branchId, collegeId: doc.collegeId },
      new Date(),
    )
    await restore('pointsTotals', wu.memberId, {
      ...today,
      dayTotal: today.dayTotal + cap - 1,
      dayByKind: { ...today.dayByKind, dailyQuiz: cap - 1 },
    })
    const result = await call<AttemptResult>(wu.openid, {
      action: 'submit',
      attemptId: doc._id,
      answers: answersOf(doc, 4),
    })
    expect(result).toMatchObject({ points: 1, pointsCapped: true })
    expect(await attemptDoc(doc._id)).toMatchObject({ points: 1, pointsCapped: true })
    expect((await ledgerOf(wu.openid, doc._id)).map((e) => e.points)).toEqual([1])
  })
})
