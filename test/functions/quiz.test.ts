import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type {
  AnswerResult,
  AttemptResult,
  AttemptView,
  BankQuestion,
  DailyHome,
  ImportResult,
  ManageHome,
  MistakesPage,
  OpenAttempt,
  CursorPage,
  Ranking,
  RetryResult,
  QuizStats,
} from '../../cloudfunctions/quiz/src/contract'
import type { AttemptDoc, QuestionDoc, QuizDoc } from '../../cloudfunctions/quiz/src/model'
import { mistakesOf } from '../helpers/mistakes'
import { chinaDay } from '../../cloudfunctions/_shared/time'
import type { PointsTotalsDoc, QuizFigures } from '../../cloudfunctions/_shared/points'
import type { LedgerItem } from '../../cloudfunctions/study/src/contract'
import { demoOpenid, PEOPLE } from '../../local-cloud/src/seed/people'
import { SEED_QUESTIONS } from '../../local-cloud/src/seed/questions'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
import { data, expectError } from '../helpers/results'
import { readWorkbook } from '../helpers/workbook'
import { useLocalCloud } from '../helpers/suite'
import { judgementRow, PURPOSE_QUESTION_ROW, QUESTION_SHEET_HEADER } from '../fixtures/question-sheet'

/**
 * The quiz function through the gateway and the real SDK, against a freshly seeded local cloud:
 * no answer key before submitting, server-side time limits and scoring, one open attempt, attempts
 * allowed, anti-bot speed, challenge mode, 错题本, rankings, statistics, the bank and its import.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const who = (studentNo: string) => ({
  openid: demoOpenid(studentNo),
  memberId: memberIdOf(studentNo),
  name: PEOPLE.find((p) => p.studentNo === studentNo)?.name ?? '',
})
const zhang = who('2022010107') // activist, computer-science branch
const liu = who('2022010112') // activist, same branch
const yang = who('2022010203')
const zhao = who('2022010219')
const huang = who('2021010105')
const zhou = who('2021010122')
const ma = who('2023010230') // 群众 of the same branch
const he = who('2022020109') // activist, software-engineering branch
const gao = who('2022020125')
const secretaryCs = who('T2016003')
const secretarySe = who('2020020102')
const committee = who('T2009001')

async function call<T>(openid: string | null, event: Record<string, unknown>): Promise<Result<T>> {
  return cloud.call<Result<T>>('quiz', event, openid)
}

async function attemptDoc(id: string): Promise<AttemptDoc> {
  const [doc] = await findDocs<AttemptDoc>(sdk, 'quizAttempts', { _id: id })
  if (!doc) throw new Error(`no attempt ${id}`)
  return doc
}

/** Makes an attempt look as if it started `seconds` ago (a person reading the questions). */
async function startedAgo(id: string, seconds: number): Promise<void> {
  await sdk
    .database()
    .collection('quizAttempts')
    .doc(id)
    .update({ data: { startedAt: new Date(Date.now() - seconds * 1000) } })
}

/** The right choice for each question of an attempt, from the stored mapping (what only the server knows). */
async function rightAnswers(id: string): Promise<Map<string, string[]>> {
  const doc = await attemptDoc(id)
  return new Map(doc.items.map((i) => [i.key, i.answerIds]))
}

/** One `answer` call: `choice` for the question `key` of the attempt. */
function answer(openid: string, attemptId: string, key: string, choice: string[]): Promise<Result<AnswerResult>> {
  return call<AnswerResult>(openid, { action: 'answer', attemptId, key, choice })
}

/** Submits `answers` (choice per question key) for the attempt; the submission must succeed. */
async function submitAll(openid: string, attemptId: string, answers: Map<string, string[]>): Promise<AttemptResult> {
  const list = [...answers].map(([key, choice]) => ({ key, choice }))
  return data(await call<AttemptResult>(openid, { action: 'submit', attemptId, answers: list }))
}

/** The caller's 积分明细 lines for an attempt (its points entry, wherever it is kept). */
async function pointsEntries(openid: string, attemptId: string): Promise<LedgerItem[]> {
  const history = data(await cloud.call<Result<CursorPage<LedgerItem>>>('study', { action: 'pointsHistory' }, openid))
  return history.items.filter((item) => item.id.endsWith(`:${attemptId}`))
}

/** The member's quiz figures (kept in their points totals). */
async function figuresOf(memberId: string): Promise<QuizFigures> {
  const [totals] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: memberId })
  if (!totals?.quiz) throw new Error(`no quiz figures for ${memberId}`)
  return totals.quiz
}

function wrongChoice(item: { shown: { id: string }[]; answerIds: string[] }): string[] {
  return [item.shown.find((o) => !item.answerIds.includes(o.id))?.id ?? '']
}

/** The database requests of the most recent call of `action`. */
type Logged = { action: string; collection: string; index: string | null; docsExamined: number; docsReturned: number }
async function lastCall(action: string): Promise<{ queries: Logged[] }> {
  const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=200`)).json()) as {
    fn: string
    action: string
    queries: Logged[]
  }[]
  const found = calls.find((c) => c.fn === 'quiz' && c.action === action)
  if (!found) throw new Error(`no call of ${action}`)
  return found
}

/** A branch quiz's createQuiz event for every stage, open since a minute ago until `days` from now; `quiz` the rest. */
function createQuizEvent(days: number, quiz: Record<string, unknown>): Record<string, unknown> {
  return {
    action: 'createQuiz',
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + days * 86_400_000).toISOString(),
    audience: ['activist', 'candidate', 'probationary', 'full'],
    ...quiz,
  }
}

/** At most `max` database requests, every read served by an index. */
async function expectBudget(action: string, max: number): Promise<void> {
  const { queries } = await lastCall(action)
  expect(
    queries.length,
    `${action}: ${queries.map((q) => `${q.action}:${q.collection}`).join(', ')}`,
  ).toBeLessThanOrEqual(max)
  for (const q of queries) {
    if (q.action === 'database.insertDocument') continue
    expect(q.index, `${action} reads ${q.collection} without an index`).not.toBeNull()
  }
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('the seeded bank', () => {
  it('holds at least 120 well-formed questions written for the product, all distinct', async () => {
    expect(SEED_QUESTIONS.length).toBeGreaterThanOrEqual(120)
    const bank = await findDocs<QuestionDoc>(sdk, 'questions', { status: 'active' })
    expect(bank.length).toBe(SEED_QUESTIONS.length)
    expect(new Set(bank.map((q) => q.stemKey)).size).toBe(bank.length)
    for (const tag of ['党章', '党史', '理论', '时事', '党规'])
      expect(bank.some((q) => q.tags.includes(tag))).toBe(true)
    for (const q of bank) {
      expect(q.explanation.length).toBeGreaterThan(5)
      expect(q.answer.length).toBeGreaterThan(0)
    }
  })
})

describe('no answer key before the attempt is over', () => {
  it('finds no answer, explanation or original option order in anything the client gets before submitting', async () => {
    const responses: unknown[] = []
    const keep = async <T>(p: Promise<Result<T>>): Promise<T> => {
      const r = await p
      responses.push(r)
      return data(r)
    }
    const home = await keep(call<DailyHome>(yang.openid, { action: 'daily' }))
    expect(home.today.status).toBe('none')
    const daily = await keep(call<OpenAttempt>(yang.openid, { action: 'start', kind: 'daily' }))
    const quiz = await keep(
      call<OpenAttempt>(yang.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }),
    )
    const challenge = await keep(call<OpenAttempt>(yang.openid, { action: 'start', kind: 'challenge' }))
    await keep(call<AttemptView>(yang.openid, { action: 'result', attemptId: daily.attemptId }))
    await keep(call<AttemptView>(yang.openid, { action: 'result', attemptId: quiz.attemptId }))
    await keep(call<AttemptView>(yang.openid, { action: 'result', attemptId: challenge.attemptId }))
    await keep(call<ManageHome>(yang.openid, { action: 'listQuizzes' }))
    await keep(call<DailyHome>(yang.openid, { action: 'daily' }))
    await keep(call<OpenAttempt>(yang.openid, { action: 'start', kind: 'daily' })) // resuming
    expect(challenge.questions).toHaveLength(1)

    const json = JSON.stringify(responses)
    for (const forbidden of [
      '"answer"',
      '"answerIds"',
      '"explanation"',
      '"questionId"',
      '"shown"',
      '"pool"',
      '"chosen"',
    ]) {
      expect(json).not.toContain(forbidden)
    }
    const shownStems = new Set([daily, quiz, challenge].flatMap((a) => a.questions.map((q) => q.stem)))
    for (const attempt of [daily, quiz, challenge]) {
      const doc = await attemptDoc(attempt.attemptId)
      const visible = attempt.kind === 'challenge' ? doc.items.slice(0, 1) : doc.items
      // No explanation of any question drawn for the attempt appears anywhere.
      for (const item of doc.items) expect(json).not.toContain(item.explanation)
      // The challenge shows its first question only: the others drawn for it appear nowhere.
      for (const item of doc.items.slice(visible.length))
        if (!shownStems.has(item.stem)) expect(json).not.toContain(item.stem)
      for (const item of visible) {
        const shown = attempt.questions.find((q) => q.key === item.key)
        expect(shown).toBeDefined()
        const texts = shown?.options.map((o) => o.text) ?? []
        // Choice questions never show the order they were written in; true/false is always 正确, 错误.
        if (item.type === 'judge') expect(texts).toEqual(['正确', '错误'])
        else expect(texts).not.toEqual(item.options)
        // An option is its text and a random token: no position, no letter, nothing else.
        for (const option of shown?.options ?? []) {
          expect(Object.keys(option).sort()).toEqual(['id', 'text'])
          expect(option.id).toMatch(/^[a-z0-9]{8}$/)
        }
      }
    }
  })

  it('gives two attempts of the same question different option ids', async () => {
    const a = data(
      await call<OpenAttempt>(liu.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }),
    )
    const b = data(
      await call<OpenAttempt>(zhao.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }),
    )
    const idsA = new Set(a.questions.flatMap((q) => q.options.map((o) => o.id)))
    expect(b.questions.flatMap((q) => q.options.map((o) => o.id)).some((id) => idsA.has(id))).toBe(false)
  })
})

describe('daily quiz', () => {
  it('scores on the server, awards points once, records mistakes and figures', async () => {
    const opened = data(await call<OpenAttempt>(zhang.openid, { action: 'start', kind: 'daily' }))
    await expectBudget('start', 4)
    expect(opened.attemptId).toBe(`daily:${chinaDay(new Date())}:${zhang.memberId}`)
    expect(opened.questions).toHaveLength(5)
    expect(opened.remainingMs).toBeGreaterThan(4 * 60 * 1000)
    await startedAgo(opened.attemptId, 60)

    const doc = await attemptDoc(opened.attemptId)
    expect(new Set(doc.items.map((i) => i.questionId)).size).toBe(5) // five different questions
    // The draw reads no question it does not use (the bank's ids come from the index alone).
    const reads = (await lastCall('start')).queries.filter((q) => q.collection === 'questions')
    for (const q of reads)
      expect(q.docsExamined, `${q.action} ${q.collection}`).toBeLessThanOrEqual(2 * Math.max(1, q.docsReturned))
    const [q1, q2, q3, q4] = doc.items
    const figuresBeforeSubmit = await figuresOf(zhang.memberId)
    const answers = [
      { key: q1.key, choice: q1.answerIds },
      { key: q2.key, choice: q2.answerIds },
      { key: q3.key, choice: q3.answerIds },
      { key: q4.key, choice: wrongChoice(q4) },
      // the fifth is left unanswered
    ]
    const result = data(
      await call<AttemptResult>(zhang.openid, { action: 'submit', attemptId: opened.attemptId, answers }),
    )
    // The attempt with totals (holding the figures) and 错题本 entries; the close with its points entry, new
    // mistakes, the totals with the figures (every path: quiz-submit-requests.test.ts).
    await expectBudget('submit', 4)
    expect(result).toMatchObject({
      status: 'submitted',
      score: 60,
      correctCount: 3,
      answeredCount: 4,
      total: 5,
      flagged: false,
      late: false,
      points: 3,
    })
    // After submitting: every answer and explanation.
    expect(result.items.map((i) => i.correct)).toEqual([true, true, true, false, false])
    expect(result.items[3].explanation).toBe(q4.explanation)
    expect(result.items[3].answerIds).toEqual(q4.answerIds)

    const ledger = await pointsEntries(zhang.openid, opened.attemptId)
    expect(ledger).toEqual([expect.objectContaining({ points: 3, kind: 'dailyQuiz' })])
    const mistakes = await mistakesOf(sdk, zhang.memberId)
    expect(mistakes.map((m) => m.questionId).sort()).toEqual([doc.items[3].questionId, doc.items[4].questionId].sort())
    expect((await figuresOf(zhang.memberId)).mistakesOpen).toBe(2)

    // Submitting again shows the stored result: no second grading, no second award, no second mistake.
    const again = data(
      await call<AttemptResult>(zhang.openid, {
        action: 'submit',
        attemptId: opened.attemptId,
        answers: doc.items.map((i) => ({ key: i.key, choice: i.answerIds })),
      }),
    )
    expect(again.score).toBe(60)
    await expectBudget('submit', 1)
    expect(await pointsEntries(zhang.openid, opened.attemptId)).toHaveLength(1)
    expect((await mistakesOf(sdk, zhang.memberId)).every((m) => m.wrongCount === 1)).toBe(true)

    // The figures of a settlement whose points were applied but whose figures were not (as an earlier
    // version could leave it, writing them apart) are finished by the next call, once: the figures count
    // the attempt once, the 错题本 and the points are not counted again.
    const figures = await figuresOf(zhang.memberId)
    const [totalsSettled] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: zhang.memberId })
    await sdk
      .database()
      .collection('pointsTotals')
      .doc(zhang.memberId)
      .update({ data: { quiz: sdk.database().command.set(figuresBeforeSubmit) } })
    data(await call<AttemptView>(zhang.openid, { action: 'result', attemptId: opened.attemptId }))
    const after = await figuresOf(zhang.memberId)
    expect(after.countedAttempts).toContain(opened.attemptId)
    const [totalsAfter] = await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: zhang.memberId })
    expect(totalsAfter.total).toBe(totalsSettled.total)
    expect((await mistakesOf(sdk, zhang.memberId)).every((m) => m.wrongCount === 1)).toBe(true)
    const counts = ({ answered, correct, attempts, mistakesOpen }: QuizFigures) => ({
      answered,
      correct,
      attempts,
      mistakesOpen,
    })
    expect(counts(after)).toEqual(counts(figures))
    expect(await pointsEntries(zhang.openid, opened.attemptId)).toHaveLength(1)

    // Once a day: the home shows it done, a new start is refused.
    const home = data(await call<DailyHome>(zhang.openid, { action: 'daily' }))
    await expectBudget('daily', 4)
    expect(home.today).toMatchObject({ status: 'done', score: 60, correctCount: 3, total: 5 })
    expect(home.stats.mistakesOpen).toBe(2)
    expectError(await call(zhang.openid, { action: 'start', kind: 'daily' }), 'FAILED_PRECONDITION')
  })

  it('flags answers faster than a person can read: no points, and an audit record', async () => {
    const opened = data(await call<OpenAttempt>(huang.openid, { action: 'start', kind: 'daily' }))
    const result = await submitAll(huang.openid, opened.attemptId, await rightAnswers(opened.attemptId))
    expect(result).toMatchObject({ score: 100, flagged: true, points: 0 })
    expect(await pointsEntries(huang.openid, opened.attemptId)).toHaveLength(0)
    const audits = await findDocs<{ action: string; actorId: string }>(sdk, 'audit', { targetId: opened.attemptId })
    expect(audits).toEqual([expect.objectContaining({ action: 'quiz.flagged', actorId: huang.memberId })])
  })
})

describe('time limits, one open attempt, attempts allowed', () => {
  it('counts answers that arrive after the deadline as unanswered', async () => {
    const opened = data(
      await call<OpenAttempt>(zhou.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }),
    )
    await sdk
      .database()
      .collection('quizAttempts')
      .doc(opened.attemptId)
      .update({
        data: { startedAt: new Date(Date.now() - 16 * 60 * 1000), deadline: new Date(Date.now() - 60 * 1000) },
      })
    const result = await submitAll(zhou.openid, opened.attemptId, await rightAnswers(opened.attemptId))
    expect(result).toMatchObject({
      late: true,
      score: 0,
      answeredCount: 0,
      correctCount: 0,
      endReason: 'timeout',
      points: 0,
    })
    expect(result.items.every((i) => i.chosen.length === 0)).toBe(true)
  })

  it('closes an abandoned attempt once its time is up, with nothing answered', async () => {
    const opened = data(
      await call<OpenAttempt>(zhou.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }),
    )
    expect(opened.attemptId).toMatch(/:2$/) // the second of the two attempts allowed
    await sdk
      .database()
      .collection('quizAttempts')
      .doc(opened.attemptId)
      .update({ data: { deadline: new Date(Date.now() - 60 * 1000) } })
    const view = data(await call<AttemptView>(zhou.openid, { action: 'result', attemptId: opened.attemptId }))
    expect(view).toMatchObject({ status: 'submitted', late: true, score: 0 })
    // Both attempts used: a third is refused.
    expectError(
      await call(zhou.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }),
      'FAILED_PRECONDITION',
    )
    expect(
      await findDocs(sdk, 'quizAttempts', { memberId: zhou.memberId, quizKey: 'quiz-cs-constitution' }),
    ).toHaveLength(2)
  })

  it('lets many simultaneous starts of one quiz share a single open attempt', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        call<OpenAttempt>(gao.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-college-history' }),
      ),
    )
    const ids = new Set(results.map((r) => data(r).attemptId))
    expect(ids.size).toBe(1)
    expect(
      await findDocs(sdk, 'quizAttempts', { memberId: gao.memberId, quizKey: 'quiz-college-history' }),
    ).toHaveLength(1)
    // Starting again resumes the same attempt with the same questions.
    const again = data(
      await call<OpenAttempt>(gao.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-college-history' }),
    )
    expect(again.attemptId).toBe([...ids][0])
    expect(again.questions.map((q) => q.key)).toEqual(data(results[0]).questions.map((q) => q.key))
    await expectBudget('start', 4)
  })

  it('refuses attempts beyond the number allowed', async () => {
    const opened = data(
      await call<OpenAttempt>(gao.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-college-history' }),
    )
    await startedAgo(opened.attemptId, 120)
    data(await call<AttemptResult>(gao.openid, { action: 'submit', attemptId: opened.attemptId, answers: [] }))
    const refused = expectError(
      await call(gao.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-college-history' }),
      'FAILED_PRECONDITION',
    )
    expect(refused.message).toContain('1 次')
    expect(
      await findDocs(sdk, 'quizAttempts', { memberId: gao.memberId, quizKey: 'quiz-college-history' }),
    ).toHaveLength(1)
  })
})

describe('who may take what', () => {
  it('keeps quizzes to their branch, their audience, and their window', async () => {
    expectError(await call(he.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }), 'NOT_FOUND')
    expectError(await call(ma.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-cs-constitution' }), 'FORBIDDEN')
    expectError(
      await call(he.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-se-training' }),
      'FAILED_PRECONDITION',
    ) // closed
    const seList = data(await call<ManageHome>(he.openid, { action: 'listQuizzes' }))
    expect(seList.items.map((q) => q.id)).toEqual(['quiz-college-history'])
    expect(await findDocs(sdk, 'quizAttempts', { memberId: ma.memberId })).toHaveLength(0)
  })

  it('shows an attempt only to its owner', async () => {
    const [attempt] = await findDocs<AttemptDoc>(sdk, 'quizAttempts', { memberId: zhang.memberId })
    expectError(await call(liu.openid, { action: 'result', attemptId: attempt._id }), 'NOT_FOUND')
    expectError(await call(liu.openid, { action: 'submit', attemptId: attempt._id, answers: [] }), 'NOT_FOUND')
    expectError(await call(secretaryCs.openid, { action: 'result', attemptId: attempt._id }), 'NOT_FOUND')
  })

  it('needs a bound member and well-formed requests', async () => {
    expectError(await call(null, { action: 'daily' }), 'UNAUTHENTICATED')
    expectError(await call('o-stranger', { action: 'start', kind: 'daily' }), 'UNAUTHENTICATED')
    expectError(await call(zhang.openid, { action: 'cheat' }), 'INVALID_ARGUMENT')
    expectError(await call(zhang.openid, { action: 'start', kind: 'exam' }), 'INVALID_ARGUMENT')
    expectError(
      await call(zhang.openid, { action: 'submit', attemptId: 'x', answers: [{ key: 'A', choice: ['0'] }] }),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(zhang.openid, {
        action: 'submit',
        attemptId: 'x',
        answers: Array.from({ length: 101 }, () => ({ key: 'abcdefgh', choice: [] })),
      }),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(zhang.openid, { action: 'answer', attemptId: '../../etc', key: 'abcdefgh', choice: [] }),
      'INVALID_ARGUMENT',
    )
    expectError(await call(zhang.openid, { action: 'retryMistake', mistakeId: 'm:q', choice: [] }), 'INVALID_ARGUMENT')
  })
})

describe('challenge', () => {
  it('shows one question at a time, goes on while right, ends at the first wrong answer and keeps the best streak', async () => {
    const opened = data(await call<OpenAttempt>(liu.openid, { action: 'start', kind: 'challenge' }))
    expect(opened.remainingMs).toBeGreaterThan(40_000)
    expect(opened.remainingMs).toBeLessThanOrEqual(45_000)
    await startedAgo(opened.attemptId, 30)

    let key = opened.questions[0].key
    for (let i = 1; i <= 2; i++) {
      const doc = await attemptDoc(opened.attemptId)
      const item = doc.items[doc.served - 1]
      const r = data(await answer(liu.openid, opened.attemptId, key, item.answerIds))
      expect(r).toMatchObject({ correct: true, streak: i, ended: false })
      expect(r.next?.key).toBe(doc.items[doc.served].key)
      expect(r.explanation).toBe(item.explanation)
      await expectBudget('answer', 3)
      // The previous question cannot be answered twice.
      expectError(await answer(liu.openid, opened.attemptId, key, item.answerIds), 'CONFLICT')
      key = r.next?.key ?? ''
    }
    const doc = await attemptDoc(opened.attemptId)
    const item = doc.items[doc.served - 1]
    const end = data(await answer(liu.openid, opened.attemptId, key, wrongChoice(item)))
    expect(end).toMatchObject({
      correct: false,
      ended: true,
      endReason: 'wrong',
      streak: 2,
      next: null,
      flagged: false,
      points: 2,
    })
    expect(end.answerIds).toEqual(item.answerIds)
    expectError(await answer(liu.openid, opened.attemptId, key, item.answerIds), 'FAILED_PRECONDITION')

    const seeded = (await figuresOf(liu.memberId)).bestStreak
    expect(seeded).toBeGreaterThanOrEqual(2)
    expect((await mistakesOf(sdk, liu.memberId)).filter((m) => m.questionId === item.questionId)).toHaveLength(1)
    expect(await pointsEntries(liu.openid, opened.attemptId)).toEqual([expect.objectContaining({ kind: 'challenge' })])

    // The review after the round shows the questions served, not the ones drawn but never shown.
    const review = data(await call<AttemptView>(liu.openid, { action: 'result', attemptId: opened.attemptId }))
    expect(review.status === 'submitted' && review.items).toHaveLength(3)
  })

  it('ends the round when the question times out on the server, whatever the client sends', async () => {
    const opened = data(await call<OpenAttempt>(zhao.openid, { action: 'start', kind: 'challenge' }))
    const doc = await attemptDoc(opened.attemptId)
    await sdk
      .database()
      .collection('quizAttempts')
      .doc(opened.attemptId)
      .update({ data: { deadline: new Date(Date.now() - 10_000) } })
    const r = data(await answer(zhao.openid, opened.attemptId, opened.questions[0].key, doc.items[0].answerIds))
    expect(r).toMatchObject({ correct: false, ended: true, endReason: 'timeout', late: true, streak: 0 })
    // A new round can start at once.
    const next = data(await call<OpenAttempt>(zhao.openid, { action: 'start', kind: 'challenge' }))
    expect(next.attemptId).not.toBe(opened.attemptId)
  })

  it('resumes an open round instead of starting a second one', async () => {
    const a = data(await call<OpenAttempt>(yang.openid, { action: 'start', kind: 'challenge' }))
    const b = data(await call<OpenAttempt>(yang.openid, { action: 'start', kind: 'challenge' }))
    expect(b.attemptId).toBe(a.attemptId)
    expect(b.questions[0].key).toBe(a.questions[0].key)
    expect(
      await findDocs(sdk, 'quizAttempts', { memberId: yang.memberId, quizKey: 'challenge', status: 'open' }),
    ).toHaveLength(1)
  })
})

describe('错题本', () => {
  it('lists wrong answers without their answer, and a right retry masters them', async () => {
    const page = data(await call<MistakesPage>(zhang.openid, { action: 'mistakes' }))
    await expectBudget('mistakes', 3)
    expect(page.openCount).toBe(2)
    expect(page.items).toHaveLength(2)
    expect(JSON.stringify(page)).not.toMatch(/"answerIds":\[|"explanation":"/)
    const entry = page.items[0]
    const [stored] = (await mistakesOf(sdk, zhang.memberId)).filter((m) => m._id === entry.id)

    // Wrong: shown the answer, and the options come back reshuffled with new ids for the next try.
    const wrong = data(
      await call<RetryResult>(zhang.openid, {
        action: 'retryMistake',
        mistakeId: entry.id,
        choice: [stored.shown.find((o) => !stored.answerIds.includes(o.id))?.id ?? ''],
      }),
    )
    expect(wrong).toMatchObject({
      correct: false,
      mastered: false,
      answerIds: stored.answerIds,
      explanation: stored.explanation,
    })
    expect(wrong.nextOptions?.map((o) => o.id)).not.toEqual(stored.shown.map((o) => o.id))
    const [reshuffled] = (await mistakesOf(sdk, zhang.memberId)).filter((m) => m._id === entry.id)

    const right = data(
      await call<RetryResult>(zhang.openid, {
        action: 'retryMistake',
        mistakeId: entry.id,
        choice: reshuffled.answerIds,
      }),
    )
    expect(right).toMatchObject({ correct: true, mastered: true })
    const after = data(await call<MistakesPage>(zhang.openid, { action: 'mistakes' }))
    expect(after.openCount).toBe(1)
    expect(after.items.map((i) => i.id)).not.toContain(entry.id)
    const mastered = data(await call<MistakesPage>(zhang.openid, { action: 'mistakes', mastered: true }))
    expect(mastered.items.find((i) => i.id === entry.id)).toMatchObject({
      mastered: true,
      answerIds: reshuffled.answerIds,
    })

    // Others cannot see or retry it.
    expectError(
      await call(liu.openid, { action: 'retryMistake', mistakeId: page.items[1].id, choice: ['abcdefgh'] }),
      'NOT_FOUND',
    )
  })
})

describe('rankings', () => {
  it('ranks the branch overall, by streak and per quiz, and keeps other branches out', async () => {
    const overall = data(await call<Ranking>(zhang.openid, { action: 'ranking' }))
    await expectBudget('ranking', 4)
    expect(overall.branchName).toBe('计算机科学本科生党支部')
    expect(overall.rows.length).toBeGreaterThan(5)
    const values = overall.rows.map((r) => r.value)
    expect(values).toEqual([...values].sort((a, b) => b - a))
    expect(overall.rows.filter((r) => r.isMe).map((r) => r.name)).toEqual([zhang.name])

    const perQuiz = data(
      await call<Ranking>(zhang.openid, { action: 'ranking', board: 'quiz', quizId: 'quiz-cs-constitution' }),
    )
    expect(perQuiz.rows[0]).toMatchObject({ rank: 1, name: '孙雅琪', value: 100 })
    await expectBudget('ranking', 4)

    expectError(await call(zhang.openid, { action: 'ranking', branchId: 'branch-se' }), 'FORBIDDEN')
    const forSecretary = data(await call<Ranking>(secretarySe.openid, { action: 'ranking', board: 'streak' }))
    expect(forSecretary.branchName).toBe('软件工程本科生党支部')
    expectError(await call(committee.openid, { action: 'ranking' }), 'INVALID_ARGUMENT')
    expect(data(await call<Ranking>(committee.openid, { action: 'ranking', branchId: 'branch-grad' })).branchName).toBe(
      '研究生第一党支部',
    )
  })
})

describe('branch quizzes set by secretaries and the committee', () => {
  const base = () =>
    createQuizEvent(7, {
      title: '十月党章学习测验',
      description: '结合支部党员大会学习内容',
      mode: 'random',
      tags: ['党章'],
      count: 10,
      timeLimitMinutes: 15,
      attemptsAllowed: 1,
    })

  it('lets a secretary set a timed 10-question quiz for their branch only', async () => {
    const { id } = data(await call<{ id: string }>(secretaryCs.openid, base()))
    const [quiz] = await findDocs<QuizDoc>(sdk, 'quizzes', { _id: id })
    expect(quiz).toMatchObject({
      branchId: 'branch-cs',
      count: 10,
      timeLimitMinutes: 15,
      createdByName: secretaryCs.name,
    })
    expect(quiz.pool.length).toBeGreaterThanOrEqual(10)
    expect(quiz.pool.every((q) => q.tags.includes('党章'))).toBe(true)

    // Its members see and take it: 10 questions, 15 minutes on the server's clock.
    const opened = data(await call<OpenAttempt>(zhang.openid, { action: 'start', kind: 'quiz', quizId: id }))
    expect(opened.questions).toHaveLength(10)
    expect(opened.remainingMs).toBeGreaterThan(14 * 60_000)
    expect(opened.remainingMs).toBeLessThanOrEqual(15 * 60_000)
    expectError(await call(he.openid, { action: 'start', kind: 'quiz', quizId: id }), 'NOT_FOUND')

    const before = (await findDocs(sdk, 'quizzes', {})).length
    expectError(await call(secretaryCs.openid, { ...base(), branchId: 'branch-se' }), 'FORBIDDEN')
    expectError(await call(zhang.openid, base()), 'FORBIDDEN')
    expectError(
      await call(secretaryCs.openid, { ...base(), closesAt: new Date(Date.now() - 86_400_000).toISOString() }),
      'INVALID_ARGUMENT',
    )
    expectError(await call(secretaryCs.openid, { ...base(), tags: ['时事'], count: 40 }), 'FAILED_PRECONDITION')
    expectError(await call(secretaryCs.openid, { ...base(), title: '网络赌博知识竞赛' }), 'CONTENT_RISKY')
    expectError(await call(secretaryCs.openid, { ...base(), timeLimitMinutes: 0 }), 'INVALID_ARGUMENT')
    expectError(await call(secretaryCs.openid, { ...base(), audience: [] }), 'INVALID_ARGUMENT')
    expect(await findDocs(sdk, 'quizzes', {})).toHaveLength(before)
  })

  it('lets the committee set a fixed set for the whole college', async () => {
    const ids = ['q-001', 'q-002', 'q-003']
    const { id } = data(
      await call<{ id: string }>(committee.openid, {
        ...base(),
        title: '全院党章三题快测',
        mode: 'fixed',
        questionIds: ids,
        count: 3,
        branchId: null,
      }),
    )
    const [quiz] = await findDocs<QuizDoc>(sdk, 'quizzes', { _id: id })
    expect(quiz).toMatchObject({ branchId: null, count: 3, mode: 'fixed' })
    expect(quiz.pool.map((q) => q.questionId)).toEqual(ids)
    expect(data(await call<ManageHome>(he.openid, { action: 'listQuizzes' })).items.map((q) => q.id)).toContain(id)
    expectError(
      await call(committee.openid, { ...base(), mode: 'fixed', questionIds: ['q-001', 'q-999'], count: 2 }),
      'INVALID_ARGUMENT',
    )
  })

  it('shows a secretary participation and score distribution for their branch only', async () => {
    const stats = data(
      await call<QuizStats>(secretaryCs.openid, { action: 'quizStats', quizId: 'quiz-cs-constitution' }),
    )
    await expectBudget('quizStats', 4)
    const branchMembers = PEOPLE.filter(
      (p) => p.branchId === 'branch-cs' && ['activist', 'candidate', 'probationary', 'full'].includes(p.stage),
    )
    expect(stats.audienceCount).toBe(branchMembers.length)
    const attempts = await findDocs<AttemptDoc>(sdk, 'quizAttempts', {
      quizKey: 'quiz-cs-constitution',
      status: 'submitted',
    })
    expect(stats.participants).toBe(new Set(attempts.map((a) => a.memberId)).size)
    expect(stats.distribution.reduce((s, d) => s + d.count, 0)).toBe(stats.participants)
    expect(stats.notTaken).toContain(zhang.name)
    expect(stats.notTaken).not.toContain('孙雅琪')
    expect(stats.top[0]).toMatchObject({ name: '孙雅琪', value: 100 })

    expectError(await call(secretarySe.openid, { action: 'quizStats', quizId: 'quiz-cs-constitution' }), 'FORBIDDEN')
    expectError(await call(zhang.openid, { action: 'quizStats', quizId: 'quiz-cs-constitution' }), 'FORBIDDEN')
    const college = data(
      await call<QuizStats>(committee.openid, {
        action: 'quizStats',
        quizId: 'quiz-college-history',
        branchId: 'branch-grad',
      }),
    )
    expect(college.branch).toEqual({ id: 'branch-grad', name: '研究生第一党支部' })
    expect(college.participants).toBe(2)
    expect(college.branches).toHaveLength(3)
    // A secretary sees a college-wide quiz for their own branch.
    expect(
      data(await call<QuizStats>(secretarySe.openid, { action: 'quizStats', quizId: 'quiz-college-history' })).branch
        .id,
    ).toBe('branch-se')
  })

  it('lists the quizzes a manager follows, newest first, page by page', async () => {
    const mine = data(await call<ManageHome>(secretaryCs.openid, { action: 'listQuizzes', scope: 'manage' }))
    expect(mine.items.map((q) => q.title)).toContain('《中国共产党章程》专题测验')
    expect(mine.items.map((q) => q.id)).not.toContain('quiz-se-training')
    const all = data(await call<ManageHome>(committee.openid, { action: 'listQuizzes', scope: 'manage' }))
    await expectBudget('listQuizzes', 4)
    expect(all.items.map((q) => q.id)).toContain('quiz-se-training')
    expect(all.branches).toHaveLength(3)
    expectError(await call(zhang.openid, { action: 'listQuizzes', scope: 'manage' }), 'FORBIDDEN')
  })
})

describe('question bank', () => {
  const question = {
    action: 'editQuestion',
    op: 'save',
    type: 'single',
    stem: '党的十八大召开于哪一年？',
    options: ['2007年', '2012年', '2017年', '2022年'],
    answer: [1],
    explanation: '中国共产党第十八次全国代表大会于2012年11月在北京召开。',
    tags: ['党史'],
    difficulty: 1,
  }

  it('shows managers the bank, the answer key only to the committee', async () => {
    const forCommittee = data(await call<CursorPage<BankQuestion>>(committee.openid, { action: 'questions' }))
    await expectBudget('questions', 2)
    expect(forCommittee.items).toHaveLength(20)
    expect(forCommittee.items[0].answer).not.toBeNull()
    const next = data(
      await call<CursorPage<BankQuestion>>(committee.openid, { action: 'questions', cursor: forCommittee.nextCursor }),
    )
    expect(next.items.map((q) => q.id).some((id) => forCommittee.items.some((q) => q.id === id))).toBe(false)
    const forSecretary = data(
      await call<CursorPage<BankQuestion>>(secretaryCs.openid, { action: 'questions', tag: '党规' }),
    )
    expect(
      forSecretary.items.every((q) => q.answer === null && q.explanation === null && q.tags.includes('党规')),
    ).toBe(true)
    expectError(await call(zhang.openid, { action: 'questions' }), 'FORBIDDEN')
    const found = data(await call<CursorPage<BankQuestion>>(committee.openid, { action: 'questions', keyword: '长征' }))
    expect(found.items.length).toBe(2)
    expect(found.items.every((q) => q.stem.includes('长征'))).toBe(true)
  })

  it('lets the committee add, edit and retire questions, refusing duplicates and bad answers, audited', async () => {
    const created = data(await call<BankQuestion>(committee.openid, question))
    expect(created).toMatchObject({ stem: question.stem, answer: [1], status: 'active' })
    // The same stem written differently is a duplicate.
    expectError(await call(committee.openid, { ...question, stem: '党的十八大召开于哪一年（ ）' }), 'CONFLICT')
    expectError(
      await call(committee.openid, { ...question, stem: '新题：下列哪一年召开了党的十八大？', answer: [0, 1] }),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(committee.openid, {
        ...question,
        stem: '新题：下列哪一年召开了党的十八大？',
        type: 'multiple',
        answer: [1],
      }),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(committee.openid, { ...question, stem: '新题：下列哪一年召开了党的十八大？', answer: [5] }),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(committee.openid, {
        ...question,
        stem: '新题：下列哪一年召开了党的十八大？',
        explanation: '六合彩中奖号码',
      }),
      'CONTENT_RISKY',
    )
    expectError(await call(secretaryCs.openid, { ...question, stem: '支部书记出的题目可以吗？' }), 'FORBIDDEN')
    expect(await findDocs(sdk, 'questions', { stem: '新题：下列哪一年召开了党的十八大？' })).toHaveLength(0)

    const edited = data(
      await call<BankQuestion>(committee.openid, {
        ...question,
        id: created.id,
        explanation: '党的十八大于2012年11月8日至14日在北京召开。',
      }),
    )
    expect(edited.explanation).toContain('11月8日')
    const retired = data(
      await call<BankQuestion>(committee.openid, { action: 'editQuestion', op: 'retire', id: created.id }),
    )
    expect(retired.status).toBe('retired')
    const [stored] = await findDocs<QuestionDoc>(sdk, 'questions', { _id: created.id })
    expect(stored.status).toBe('retired')
    const audits = await findDocs<{ action: string }>(sdk, 'audit', { targetId: created.id })
    expect(audits.map((a) => a.action).sort()).toEqual([
      'quiz.question.create',
      'quiz.question.edit',
      'quiz.question.retire',
    ])
    data(await call<BankQuestion>(committee.openid, { action: 'editQuestion', op: 'restore', id: created.id }))
  })
})

describe('import', () => {
  const HEADER = QUESTION_SHEET_HEADER
  /** Rows 3, 6, 9 and 10 are bad (missing answer, unknown type, answer E without option E; row 10 four ways at once). */
  const ROWS = [
    [
      '单选',
      '“两学一做”学习教育于哪一年在全体党员中开展？',
      '2014年',
      '2016年',
      '2018年',
      '2020年',
      '',
      '',
      'B',
      '2016年，在全体党员中开展“学党章党规、学系列讲话，做合格党员”学习教育。',
      '时事、党史',
      '中',
    ],
    [
      '单选',
      '“三严三实”专题教育中的“三严”不包括下列哪一项？',
      '严以修身',
      '严以用权',
      '严以律己',
      '严以待人',
      '',
      '',
      '',
      '“三严”是严以修身、严以用权、严以律己。',
      '党史',
      '中',
    ],
    [
      '多选',
      '“两学一做”中的“两学”是指？',
      '学党章党规',
      '学系列讲话',
      '学先进典型',
      '学业务知识',
      '',
      '',
      'AB',
      '“两学”是学党章党规、学系列讲话，“一做”是做合格党员。',
      '党史',
      '易',
    ],
    judgementRow(
      '“不忘初心、牢记使命”主题教育于2019年在全党开展。',
      '正确',
      '2019年6月起，在全党自上而下分两批开展“不忘初心、牢记使命”主题教育。',
      '时事',
      '易',
    ),
    ['填空', '党的根本宗旨是______。', '', '', '', '', '', '', '全心全意为人民服务', '', '党章', '易'],
    [
      '单选',
      '党的群众路线教育实践活动于哪一年启动？',
      '2011年',
      '2013年',
      '2015年',
      '2017年',
      '',
      '',
      'b',
      '2013年6月，党的群众路线教育实践活动启动。',
      '党史',
      '中',
    ],
    [
      '单选',
      '“三严三实”专题教育在哪一年开展？',
      '2013年',
      '2014年',
      '2015年',
      '2016年',
      '',
      '',
      'C',
      '2015年，在县处级以上领导干部中开展“三严三实”专题教育。',
      '党史',
      '难',
    ],
    [
      '单选',
      '中国共产党第十七次全国代表大会召开于哪一年？',
      '2002年',
      '2007年',
      '2012年',
      '2017年',
      '',
      '',
      'E',
      '党的十七大于2007年10月召开。',
      '党史',
      '中',
    ],
    ['单选', '', '甲', '', '丙', '', '', '', '', '', '党史', '很难'],
  ]

  async function xlsx(rows: string[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('题目')
    ws.addRow(HEADER)
    for (const r of rows) ws.addRow(r)
    return Buffer.from(await wb.xlsx.writeBuffer())
  }

  async function upload(owner: string, name: string, content: Buffer): Promise<string> {
    const res = await sdk.uploadFile({ cloudPath: `uploads/${owner}/202611/${name}`, fileContent: content })
    return res.fileID
  }

  it('offers a real .xlsx template to download', async () => {
    const template = data(await call<ImportResult>(committee.openid, { action: 'importQuestions', mode: 'template' }))
    if (template.mode !== 'template') throw new Error('expected a template')
    expect(template.fileName).toBe('题库导入模板.xlsx')
    const wb = await readWorkbook(await (await fetch(template.url)).arrayBuffer())
    const sheet = wb.getWorksheet('题目')
    expect(sheet?.getRow(1).values).toEqual([undefined, ...HEADER])
    expect(wb.getWorksheet('填写说明')).toBeDefined()
    expectError(await call(secretaryCs.openid, { action: 'importQuestions', mode: 'template' }), 'FORBIDDEN')
  })

  it('reports exactly the bad rows in Chinese, every problem of a row, stores nothing on preview, imports only the valid rows on confirm', async () => {
    const fileID = await upload(committee.memberId, 'bank.xlsx', await xlsx(ROWS))
    const before = (await findDocs(sdk, 'questions', {})).length
    const preview = data(
      await call<ImportResult>(committee.openid, { action: 'importQuestions', mode: 'preview', fileID }),
    )
    if (preview.mode !== 'preview') throw new Error('expected a preview')
    expect(preview.total).toBe(9)
    expect(preview.validCount).toBe(5)
    expect(preview.errors).toEqual([
      { row: 3, message: '缺少正确答案' },
      { row: 6, message: '题型“填空”无法识别，应为单选、多选或判断' },
      { row: 9, message: '正确答案 E 没有对应的选项' },
      {
        row: 10,
        message: '缺少题干；选项B为空，选项请从 A 起依次填写；缺少正确答案；难度“很难”无法识别，应为易、中或难',
      },
    ])
    expect(preview.samples.map((s) => s.row)).toEqual([2, 4, 5, 7, 8])
    expect(preview.samples.find((s) => s.row === 7)?.answer).toEqual([1]) // lower-case "b"
    expect(await findDocs(sdk, 'questions', {})).toHaveLength(before)
    await expectBudget('importQuestions', 2)

    const done = data(
      await call<ImportResult>(committee.openid, { action: 'importQuestions', mode: 'confirm', fileID }),
    )
    expect(done).toMatchObject({ mode: 'confirm', imported: 5 })
    await expectBudget('importQuestions', 4)
    const imported = await findDocs<QuestionDoc>(sdk, 'questions', { source: 'import' })
    expect(imported.map((q) => q.stem).sort()).toEqual(
      [ROWS[0], ROWS[2], ROWS[3], ROWS[5], ROWS[6]].map((r) => r[1]).sort(),
    )
    const multiple = imported.find((q) => q.type === 'multiple')
    expect(multiple).toMatchObject({ answer: [0, 1], tags: ['党史'], difficulty: 1 })
    const audits = await findDocs<{ detail: { imported: number; rejectedRows: number[] } }>(sdk, 'audit', {
      action: 'quiz.question.import',
    })
    expect(audits).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({
          summary: '导入题目 5 道，4 行有问题未导入',
          imported: 5,
          rejectedRows: [3, 6, 9, 10],
        }),
      }),
    ])

    // The same file again: every valid row is now a duplicate of the bank.
    const again = data(
      await call<ImportResult>(committee.openid, { action: 'importQuestions', mode: 'preview', fileID }),
    )
    expect(again.mode === 'preview' && again.validCount).toBe(0)
    expect(
      again.mode === 'preview' &&
        again.errors.filter((e) => e.message === '题库中已有相同题干的题目').map((e) => e.row),
    ).toEqual([2, 4, 5, 7, 8])
    expectError(
      await call(committee.openid, { action: 'importQuestions', mode: 'confirm', fileID }),
      'FAILED_PRECONDITION',
    )
  })

  it('reads CSV saved by Excel in the Chinese (GB18030) encoding, and finds duplicates inside the file', async () => {
    const judgeRow = (stem: string, explanation: string) => judgementRow(stem, '对', explanation, '党章', '易')
    const stem = '党员的党龄从预备期满转为正式党员之日算起，这一规定出自党章'
    const lines = [HEADER, judgeRow(`${stem}。`, '党章第七条。'), judgeRow(stem, ''), PURPOSE_QUESTION_ROW]
    const csv = lines
      .map((l) => l.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
      .join('\r\n')
    const fileID = await upload(committee.memberId, 'bank-utf8.csv', Buffer.from(csv, 'utf8'))
    const preview = data(
      await call<ImportResult>(committee.openid, { action: 'importQuestions', mode: 'preview', fileID }),
    )
    expect(preview.mode === 'preview' && preview.errors).toEqual([
      { row: 3, message: '与第 2 行的题干重复' },
      { row: 4, message: '题库中已有相同题干的题目' },
    ])
    // The same rows in GB18030, as Excel on Chinese Windows saves "CSV".
    const encoded = await gb18030(csv)
    const gbFile = await upload(committee.memberId, 'bank-gbk.csv', encoded)
    const gbPreview = data(
      await call<ImportResult>(committee.openid, { action: 'importQuestions', mode: 'preview', fileID: gbFile }),
    )
    expect(gbPreview.mode === 'preview' && gbPreview.samples.map((s) => s.stem)).toEqual([lines[1][1]])
  })

  it('imports only files the caller uploaded, and only for the committee', async () => {
    const theirs = await upload(secretaryCs.memberId, 'theirs.xlsx', await xlsx(ROWS.slice(0, 1)))
    expectError(
      await call(committee.openid, { action: 'importQuestions', mode: 'preview', fileID: theirs }),
      'FORBIDDEN',
    )
    expectError(
      await call(secretaryCs.openid, { action: 'importQuestions', mode: 'preview', fileID: theirs }),
      'FORBIDDEN',
    )
    const broken = await upload(committee.memberId, 'broken.xlsx', Buffer.from('这不是表格文件'))
    expectError(
      await call(committee.openid, { action: 'importQuestions', mode: 'preview', fileID: broken }),
      'INVALID_ARGUMENT',
    )
    const missing = `cloud://zhibutong-local.bucket/uploads/${committee.memberId}/202611/none.xlsx`
    expectError(
      await call(committee.openid, { action: 'importQuestions', mode: 'preview', fileID: missing }),
      'NOT_FOUND',
    )
  })
})

describe('drawing from the bank', () => {
  it('draws only active questions, each at most once, and every active question can come up', async () => {
    const db = sdk.database()
    const _ = db.command
    const active = await findDocs<{ _id: string }>(sdk, 'questions', { status: 'active' })
    const kept = active.slice(0, 7).map((q) => q._id)
    const retired = active.slice(7).map((q) => q._id)
    await db
      .collection('questions')
      .where({ _id: _.in(retired) })
      .update({ data: { status: 'retired' } })
    try {
      // A challenge draws 30: the bank now holds 7, so it must show exactly those, none twice.
      const round = data(await call<OpenAttempt>(gao.openid, { action: 'start', kind: 'challenge' }))
      await expectBudget('start', 4)
      const doc = await attemptDoc(round.attemptId)
      const drawn = doc.items.map((i) => i.questionId)
      expect(drawn).toHaveLength(7)
      expect([...drawn].sort()).toEqual([...kept].sort())
    } finally {
      await db
        .collection('questions')
        .where({ _id: _.in(retired) })
        .update({ data: { status: 'active' } })
    }
  })
})

/** GB18030 bytes of `text`: Node only encodes UTF-8, so the table is read back from its GB18030 decoder. */
async function gb18030(text: string): Promise<Buffer> {
  const wanted = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f))
  const table = new Map<string, Buffer>()
  const decoder = new TextDecoder('gb18030')
  for (let hi = 0x81; hi <= 0xfe && table.size < wanted.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = decoder.decode(Uint8Array.of(hi, lo))
      if (wanted.has(ch) && !table.has(ch)) table.set(ch, Buffer.from([hi, lo]))
    }
  }
  return Buffer.concat([...text].map((c) => table.get(c) ?? Buffer.from(c, 'latin1')))
}

describe('answers of a branch quiz stay with the server until they may be shown (issue 14)', () => {
  const xu = who('2021010230') // probationary, computer-science branch
  const luo = who('2021020103') // candidate, software-engineering branch
  const quizSpec = (extra: Record<string, unknown>) =>
    createQuizEvent(3, {
      title: '党章条文三次自测',
      description: '',
      mode: 'fixed',
      questionIds: ['q-004', 'q-005', 'q-006', 'q-007', 'q-008'],
      tags: [],
      count: 5,
      timeLimitMinutes: 10,
      attemptsAllowed: 3,
      ...extra,
    })
  const wrongAnswers = async (attemptId: string) =>
    new Map((await attemptDoc(attemptId)).items.map((i) => [i.key, wrongChoice(i)]))

  it('shows neither answers nor explanations while attempts are left, draws the set again, and shows them after the last attempt', async () => {
    const { id } = data(await call<{ id: string }>(secretaryCs.openid, quizSpec({})))

    // Attempt 1, submitted blank at once: flagged, nothing earned, nothing of the key.
    const first = data(await call<OpenAttempt>(xu.openid, { action: 'start', kind: 'quiz', quizId: id }))
    const blank = data(
      await call<AttemptResult>(xu.openid, { action: 'submit', attemptId: first.attemptId, answers: [] }),
    )
    expect(blank).toMatchObject({
      flagged: true,
      flagReason: 'blank',
      points: 0,
      answersHeld: { reason: 'attemptsLeft', attemptsLeft: 2 },
      items: [],
    })
    expect(JSON.stringify(blank)).not.toMatch(/answerIds|explanation/)
    const card = data(await call<ManageHome>(xu.openid, { action: 'listQuizzes' })).items.find((q) => q.id === id)
    expect(card?.mine).toMatchObject({ attemptsUsed: 1, bestScore: null })

    // Attempt 2, answered wrong at reading speed: scored, still held; its mistakes wait for the quiz.
    const second = data(await call<OpenAttempt>(xu.openid, { action: 'start', kind: 'quiz', quizId: id }))
    expect(second.questions.map((q) => q.key).some((k) => first.questions.some((f) => f.key === k))).toBe(false)
    const firstOptions = new Set(first.questions.flatMap((q) => q.options.map((o) => o.id)))
    expect(second.questions.flatMap((q) => q.options.map((o) => o.id)).filter((o) => firstOptions.has(o))).toEqual([])
    await startedAgo(second.attemptId, 120)
    const wrong = await submitAll(xu.openid, second.attemptId, await wrongAnswers(second.attemptId))
    expect(wrong).toMatchObject({
      flagged: false,
      score: 0,
      answersHeld: { reason: 'attemptsLeft', attemptsLeft: 1 },
      items: [],
    })
    const again = data(await call<AttemptView>(xu.openid, { action: 'result', attemptId: second.attemptId }))
    expect(again).toMatchObject({ status: 'submitted', items: [], answersHeld: { reason: 'attemptsLeft' } })
    const hidden = await mistakesOf(sdk, xu.memberId)
    expect(hidden.map((m) => m.questionId).sort()).toEqual(['q-004', 'q-005', 'q-006', 'q-007', 'q-008'])
    const listed = data(await call<MistakesPage>(xu.openid, { action: 'mistakes' }))
    expect(listed.items).toHaveLength(0)
    const retry = await call(xu.openid, {
      action: 'retryMistake',
      mistakeId: hidden[0]._id,
      choice: [hidden[0].shown[0].id],
    })
    expect(expectError(retry, 'FAILED_PRECONDITION').message).toContain('测验')

    // Attempt 3, the last: its answers come with the result, and the earlier attempts' too.
    const third = data(await call<OpenAttempt>(xu.openid, { action: 'start', kind: 'quiz', quizId: id }))
    await startedAgo(third.attemptId, 120)
    const last = await submitAll(xu.openid, third.attemptId, await rightAnswers(third.attemptId))
    expect(last.answersHeld).toBeNull()
    expect(last.items).toHaveLength(5)
    expect(last.items.every((i) => i.correct && i.answerIds.length > 0)).toBe(true)
    const earlier = data(await call<AttemptResult>(xu.openid, { action: 'result', attemptId: second.attemptId }))
    expect(earlier.answersHeld).toBeNull()
    expect(earlier.items.every((i) => i.answerIds.length > 0)).toBe(true)
    expect(data(await call<MistakesPage>(xu.openid, { action: 'mistakes' })).items.length).toBeGreaterThan(0)

    // The secretary sees the blank attempt, named, in the quiz's results.
    const stats = data(await call<QuizStats>(secretaryCs.openid, { action: 'quizStats', quizId: id }))
    expect(stats.flagged).toEqual([
      expect.objectContaining({ name: '徐明轩', reason: 'blank', reasonLabel: '空白提交' }),
    ])
    expect(stats.top.find((r) => r.name === '徐明轩')?.value).toBe(100)
  })

  it('shows the answers once the quiz has closed, whatever attempts are left', async () => {
    const { id } = data(await call<{ id: string }>(secretaryCs.openid, quizSpec({ title: '党章条文截止后公布答案' })))
    const opened = data(await call<OpenAttempt>(yang.openid, { action: 'start', kind: 'quiz', quizId: id }))
    await startedAgo(opened.attemptId, 120)
    expect((await submitAll(yang.openid, opened.attemptId, await wrongAnswers(opened.attemptId))).items).toEqual([])
    // The quiz closes (what its attempts remember of it).
    await sdk
      .database()
      .collection('quizAttempts')
      .doc(opened.attemptId)
      .update({ data: { keyHeldUntil: new Date(Date.now() - 1000) } })
    const after = data(await call<AttemptResult>(yang.openid, { action: 'result', attemptId: opened.attemptId }))
    expect(after.answersHeld).toBeNull()
    expect(after.items.every((i) => i.answerIds.length > 0 && !i.correct)).toBe(true)
  })

  it('keeps the bank key from secretaries: they cannot take a quiz they set, and their results carry no key', async () => {
    const { id } = data(
      await call<{ id: string }>(secretaryCs.openid, quizSpec({ title: '书记自设五题', attemptsAllowed: 1 })),
    )
    expect(
      expectError(await call(secretaryCs.openid, { action: 'start', kind: 'quiz', quizId: id }), 'FORBIDDEN').message,
    ).toContain('出题人')
    expect(
      data(await call<ManageHome>(secretaryCs.openid, { action: 'listQuizzes' })).items.map((q) => q.id),
    ).not.toContain(id)
    expect(await findDocs(sdk, 'quizAttempts', { memberId: secretaryCs.memberId, quizKey: id })).toHaveLength(0)

    // A college-wide quiz the committee set: the secretary takes part, sees the score, not the key.
    const opened = data(
      await call<OpenAttempt>(secretarySe.openid, { action: 'start', kind: 'quiz', quizId: 'quiz-college-history' }),
    )
    await startedAgo(opened.attemptId, 300)
    const result = await submitAll(secretarySe.openid, opened.attemptId, await wrongAnswers(opened.attemptId))
    expect(result).toMatchObject({ answersHeld: { reason: 'manager' }, items: [] })
    expect(JSON.stringify(result)).not.toMatch(/answerIds|explanation/)
    const asked = new Set((await attemptDoc(opened.attemptId)).items.map((i) => i.questionId))
    expect((await mistakesOf(sdk, secretarySe.memberId)).filter((m) => asked.has(m.questionId))).toEqual([])
  })

  it('draws a random quiz afresh for each attempt: other questions while the pool allows', async () => {
    const active = await findDocs<QuestionDoc>(sdk, 'questions', { status: 'active', tags: '党史' })
    const count = Math.min(50, Math.floor(active.length / 2))
    const { id } = data(
      await call<{ id: string }>(committee.openid, {
        ...quizSpec({
          title: '党史两次随机测',
          mode: 'random',
          questionIds: [],
          tags: ['党史'],
          count,
          attemptsAllowed: 2,
        }),
        branchId: null,
      }),
    )
    const first = data(await call<OpenAttempt>(luo.openid, { action: 'start', kind: 'quiz', quizId: id }))
    await startedAgo(first.attemptId, 600)
    await submitAll(luo.openid, first.attemptId, await rightAnswers(first.attemptId))
    const second = data(await call<OpenAttempt>(luo.openid, { action: 'start', kind: 'quiz', quizId: id }))
    const ids = async (attemptId: string) => (await attemptDoc(attemptId)).items.map((i) => i.questionId)
    const firstIds = new Set(await ids(first.attemptId))
    expect((await ids(second.attemptId)).filter((q) => firstIds.has(q))).toEqual([])
  })
})
