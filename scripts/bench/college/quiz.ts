import type { Caller } from '../../../cloudfunctions/_shared/auth'
import { DEFAULT_POINT_RULES, DEFAULT_QUIZ_SETTINGS } from '../../../cloudfunctions/_shared/domain'
import type { MemberDoc } from '../../../cloudfunctions/_shared/models'
import { ledgerEntry, type PointsLedgerDoc } from '../../../cloudfunctions/_shared/points'
import { addDays, chinaDay, startOfChinaDay } from '../../../cloudfunctions/_shared/time'
import { gradeQuiz, newAttempt, newBook } from '../../../cloudfunctions/quiz/src/attempt'
import { dailyAttempt } from '../../../cloudfunctions/quiz/src/daily'
import type {
  AttemptDoc,
  AttemptItem,
  MistakeBookDoc,
  MistakeEntry,
  QuestionDoc,
} from '../../../cloudfunctions/quiz/src/model'
import { snapshotOf } from '../../../cloudfunctions/quiz/src/questions'
import { pointsFor } from '../../../cloudfunctions/quiz/src/settle'
import { SEED_QUESTIONS } from '../../../local-cloud/src/seed/questions'
import { seedQuestion } from '../../../local-cloud/src/seed/quiz'
import type { SeedQuizFigures } from '../../../local-cloud/src/seed/study'
import type { BenchPeople } from './people'
import { mulberry32, randomFor, type Random } from './random'
import type { CollegeScale } from './scale'

/**
 * The question bank (`scale.questions`: the seeded bank, then numbered practice sets of it) and the daily
 * quizzes of the last `scale.quizDays` days with what settling them leaves: the attempt, 错题本 entries,
 * the member's figures and the `dailyQuiz` ledger entry. Built with the quiz function's own code; option
 * ids come from the seeded sequence instead of crypto, so the data is the same every run.
 */

const SECOND = 1000

export function benchQuestions(scale: CollegeScale, collegeId: string, now: Date): QuestionDoc[] {
  return Array.from({ length: scale.questions }, (_, i) => {
    const row = SEED_QUESTIONS[i % SEED_QUESTIONS.length]
    const set = Math.floor(i / SEED_QUESTIONS.length)
    const varied: typeof row =
      set === 0 ? row : [row[0], row[1], row[2], `${row[3]}（练习${set}）`, row[4], row[5], row[6]]
    return { ...seedQuestion(varied, i, collegeId, now), _id: `q-bench-${String(i + 1).padStart(4, '0')}` }
  })
}

function tokenFrom(random: Random): string {
  return Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')
}

/** attemptItem (quiz/src/draw.ts) with seeded ids and the order as written. */
function itemOf(question: QuestionDoc, random: Random): AttemptItem {
  const snapshot = snapshotOf(question)
  const shown = snapshot.options.map((text, index) => ({ id: tokenFrom(random), text, index }))
  return {
    ...snapshot,
    key: tokenFrom(random),
    shown,
    answerIds: shown.filter((o) => snapshot.answer.includes(o.index)).map((o) => o.id),
    chosen: null,
    correct: null,
    servedAt: null,
    answeredAt: null,
  }
}

function callerOf(member: MemberDoc): Caller {
  return { openid: member.openid ?? '', member, memberId: member._id, roles: member.roles, branchId: member.branchId }
}

export interface QuizActivity {
  quizAttempts: AttemptDoc[]
  quizMistakeBooks: MistakeBookDoc[]
  /** Kept in the members' points totals (`totalsOf`). */
  figures: SeedQuizFigures[]
  ledger: PointsLedgerDoc[]
}

export function benchQuizActivity(
  people: BenchPeople,
  scale: CollegeScale,
  now: Date,
  questions: QuestionDoc[],
): QuizActivity {
  const out: QuizActivity = { quizAttempts: [], quizMistakeBooks: [], figures: [], ledger: [] }
  const today = chinaDay(now)
  const count = DEFAULT_QUIZ_SETTINGS.dailyCount
  for (const member of people.members.filter((m) => m.branchId !== null)) {
    const random = randomFor(`quiz:${member._id}`)
    const keen = random() * 0.6
    const mistakes = new Map<string, MistakeEntry>()
    const profile = { answered: 0, correct: 0, attempts: 0 }
    let lastAt: Date | null = null
    for (let back = scale.quizDays; back >= 1; back--) {
      if (random() >= keen) continue
      const day = addDays(today, -back)
      const startedAt = new Date(startOfChinaDay(day).getTime() + (12 * 60 + Math.floor(random() * 600)) * 60_000)
      const drawn = new Set<number>()
      while (drawn.size < Math.min(count, questions.length)) drawn.add(Math.floor(random() * questions.length))
      const items = [...drawn].map((q) => itemOf(questions[q], mulberry32(Math.floor(random() * 2 ** 32))))
      const open = newAttempt(
        callerOf(member),
        dailyAttempt(member._id, day, items, startedAt, { quiz: DEFAULT_QUIZ_SETTINGS, points: DEFAULT_POINT_RULES }),
        startedAt,
      )
      const answers = new Map(
        items.map((item) => [
          item.key,
          random() < 0.75 ? item.answerIds : [item.shown.find((o) => !item.answerIds.includes(o.id))?.id ?? ''],
        ]),
      )
      const submittedAt = new Date(startedAt.getTime() + (20 + Math.floor(random() * 200)) * SECOND)
      const closing = gradeQuiz(open, answers, submittedAt)
      const graded: AttemptDoc = { ...open, ...closing }
      const points = Math.min(pointsFor(graded), DEFAULT_POINT_RULES.dailyCapByKind.dailyQuiz)
      out.quizAttempts.push({ ...graded, settled: true, points, pointsCapped: points < pointsFor(graded) })
      if (points > 0)
        out.ledger.push(
          ledgerEntry(
            member,
            'dailyQuiz',
            graded._id,
            points,
            `每日答题答对 ${graded.correctCount} 题`,
            day,
            submittedAt,
          ),
        )
      for (const item of graded.items.filter((i) => i.correct !== true)) {
        const known = mistakes.get(item.questionId)
        if (known)
          mistakes.set(item.questionId, { ...known, wrongCount: known.wrongCount + 1, lastWrongAt: submittedAt })
        else
          mistakes.set(item.questionId, {
            questionId: item.questionId,
            type: item.type,
            stem: item.stem,
            shown: item.shown.map((o) => ({ id: o.id, text: o.text })),
            answerIds: item.answerIds,
            explanation: item.explanation,
            tags: item.tags,
            wrongCount: 1,
            lastWrongAt: submittedAt,
            mastered: false,
            masteredAt: null,
            retries: 0,
          })
      }
      profile.answered += graded.answeredCount
      profile.correct += graded.correctCount
      profile.attempts += 1
      lastAt = submittedAt
    }
    if (lastAt && mistakes.size > 0) out.quizMistakeBooks.push(newBook(member._id, [...mistakes.values()], [], lastAt))
    if (lastAt) {
      const quiz = {
        name: member.name,
        ...profile,
        bestStreak: 0,
        mistakesOpen: mistakes.size,
        countedAttempts: [],
        updatedAt: lastAt,
      }
      out.figures.push({ member, quiz })
    }
  }
  return out
}
