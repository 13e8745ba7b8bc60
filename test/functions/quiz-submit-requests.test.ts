import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { AnswerResult, AttemptResult, AttemptView, OpenAttempt } from '../../cloudfunctions/quiz/src/contract'
import type { AttemptDoc, MistakeDoc } from '../../cloudfunctions/quiz/src/model'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
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

const figures: Record<string, number> = {}

/** Records the requests of the last call of `action` under `path`, and checks them against the budget. */
async function measure(path: string, action: string): Promise<void> {
  const { queries } = await lastLoggedCall(cloud, 'quiz', action)
  figures[path] = queries.length
  console.log(`${path}: ${queries.length} — ${queries.map((q) => `${q.action}:${q.collection}`).join(', ')}`)
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

async function startDaily(openid: string): Promise<AttemptDoc> {
  const opened = await call<OpenAttempt>(openid, { action: 'start', kind: 'daily' })
  await update('quizAttempts', opened.attemptId, { startedAt: new Date(Date.now() - 120_000) })
  return attemptDoc(opened.attemptId)
}

describe('quiz.submit and the other closings', () => {
  it('daily: first submit with new mistakes, with known ones, a retry, a time-out, flagged', async () => {
    const yang = person('2022010203')
    const doc = await startDaily(yang.openid)
    await call<AttemptResult>(yang.openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, 3) })
    await measure('daily first submit (new mistakes)', 'submit')
    await call<AttemptResult>(yang.openid, { action: 'submit', attemptId: doc._id, answers: answersOf(doc, 5) })
    await measure('retry of a settled attempt', 'submit')

    // A member whose 错题本 already holds two of the questions (one of them mastered).
    const liu = person('2022010112')
    const mixed = await startDaily(liu.openid)
    const [known] = await findDocs<MistakeDoc>(sdk, 'quizMistakes', { memberId: liu.memberId })
    for (const [i, mastered] of [
      [0, false],
      [1, true],
    ] as const) {
      const item = mixed.items[i]
      await sdk
        .database()
        .collection('quizMistakes')
        .add({
          data: { ...known, _id: `${liu.memberId}:${item.questionId}`, questionId: item.questionId, mastered },
        })
    }
    await call<AttemptResult>(liu.openid, { action: 'submit', attemptId: mixed._id, answers: answersOf(mixed, 0) })
    await measure('daily first submit (new and known mistakes)', 'submit')

    const zhou = person('2021010122')
    const late = await startDaily(zhou.openid)
    await update('quizAttempts', late._id, { deadline: new Date(Date.now() - 60_000) })
    await call<AttemptResult>(zhou.openid, { action: 'submit', attemptId: late._id, answers: answersOf(late, 5) })
    await measure('timed-out attempt submitted', 'submit')

    const huang = person('2021010105')
    const opened = await call<OpenAttempt>(huang.openid, { action: 'start', kind: 'daily' })
    const fast = await attemptDoc(opened.attemptId)
    await call<AttemptResult>(huang.openid, { action: 'submit', attemptId: fast._id, answers: answersOf(fast, 5) })
    await measure('flagged (too fast)', 'submit')
  })

  it('abandoned: result closes an attempt whose time is up', async () => {
    const zhao = person('2022010219')
    const doc = await startDaily(zhao.openid)
    await update('quizAttempts', doc._id, { deadline: new Date(Date.now() - 60_000) })
    await call<AttemptView>(zhao.openid, { action: 'result', attemptId: doc._id })
    await measure('result of an abandoned attempt', 'result')
  })

  it('branch quiz: a held attempt, then the last one', async () => {
    const liu = person('2022010112') // one attempt of quiz-cs-constitution used in the seed
    const zhang = person('2022010107')
    const first = await call<OpenAttempt>(zhang.openid, {
      action: 'start',
      kind: 'quiz',
      quizId: 'quiz-cs-constitution',
    })
    await update('quizAttempts', first.attemptId, { startedAt: new Date(Date.now() - 600_000) })
    const one = await attemptDoc(first.attemptId)
    await call<AttemptResult>(zhang.openid, { action: 'submit', attemptId: one._id, answers: answersOf(one, 6) })
    await measure('branch quiz, attempt 1 of 2 (held)', 'submit')
    const second = await call<OpenAttempt>(zhang.openid, {
      action: 'start',
      kind: 'quiz',
      quizId: 'quiz-cs-constitution',
    })
    await update('quizAttempts', second.attemptId, { startedAt: new Date(Date.now() - 600_000) })
    const two = await attemptDoc(second.attemptId)
    await call<AttemptResult>(zhang.openid, { action: 'submit', attemptId: two._id, answers: answersOf(two, 3) })
    await measure('branch quiz, attempt 2 of 2 (last)', 'submit')

    const opened = await call<OpenAttempt>(liu.openid, {
      action: 'start',
      kind: 'quiz',
      quizId: 'quiz-cs-constitution',
    })
    await update('quizAttempts', opened.attemptId, { startedAt: new Date(Date.now() - 600_000) })
    const last = await attemptDoc(opened.attemptId)
    await call<AttemptResult>(liu.openid, { action: 'submit', attemptId: last._id, answers: answersOf(last, 4) })
    await measure('branch quiz, last attempt with known mistakes', 'submit')
  })

  it('challenge: the answer that ends the round', async () => {
    const he = person('2022020109')
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
    console.log(JSON.stringify(figures))
  })
})
