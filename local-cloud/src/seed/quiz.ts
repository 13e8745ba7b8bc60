import type { Caller } from '../../../cloudfunctions/_shared/auth'
import { DEFAULT_POINT_RULES, DEFAULT_QUIZ_SETTINGS, STAGES, type Stage } from '../../../cloudfunctions/_shared/domain'
import type { MemberDoc } from '../../../cloudfunctions/_shared/models'
import { gradeQuiz, newAttempt, newBook, newMistake } from '../../../cloudfunctions/quiz/src/attempt'
import { attemptItem } from '../../../cloudfunctions/quiz/src/draw'
import type { AttemptDoc, MistakeBookDoc, QuestionDoc, QuizDoc } from '../../../cloudfunctions/quiz/src/model'
import {
  checkQuestion,
  normalizeStem,
  parseAnswer,
  parseTags,
  snapshotOf,
} from '../../../cloudfunctions/quiz/src/questions'
import { SEED_QUESTIONS, type SeedQuestionRow } from './questions'
import type { SeedQuizFigures } from './study'

/**
 * Quizzes written for 支部通: the question bank (./questions.ts), two quizzes open now (a 党章 test
 * in the computer-science branch, a college-wide 党史 quiz) and one closed last month, with the
 * attempts, 错题本 entries and figures of members who already took part, so rankings and statistics
 * have something to show. Built with the quiz function's own code, so the shapes are the real ones.
 */
const DAY = 24 * 60 * 60 * 1000
const MINUTE = 60 * 1000
const TYPES = { S: 'single', M: 'multiple', J: 'judge' } as const

/** A bank row as a question document; a row that breaks the bank's rules stops the seed. */
export function seedQuestion(row: SeedQuestionRow, index: number, collegeId: string, now: Date): QuestionDoc {
  const [code, tags, difficulty, stem, options, answerText, explanation] = row
  const type = TYPES[code]
  const answer = parseAnswer(type, answerText)
  const checked = checkQuestion({
    type,
    stem,
    options,
    answer: answer ?? [],
    explanation,
    tags: parseTags(tags),
    difficulty,
  })
  if (!answer || !checked.ok)
    throw new Error(`seed question ${index + 1} (${stem}) is invalid: ${checked.ok ? 'answer' : checked.message}`)
  const createdAt = new Date(now.getTime() - 60 * DAY + index * MINUTE)
  return {
    _id: `q-${String(index + 1).padStart(3, '0')}`,
    collegeId,
    ...checked.question,
    stemKey: normalizeStem(stem),
    status: 'active',
    source: 'seed',
    createdBy: null,
    createdAt,
    updatedAt: createdAt,
  }
}

function callerOf(member: MemberDoc): Caller {
  return { openid: member.openid ?? '', member, memberId: member._id, roles: member.roles, branchId: member.branchId }
}

interface QuizSpec {
  id: string
  branchId: string | null
  title: string
  description: string
  pool: QuestionDoc[]
  count: number
  mode: QuizDoc['mode']
  tags: string[]
  timeLimitMinutes: number
  opensInDays: number
  closesInDays: number
  attemptsAllowed: number
  audience: Stage[]
  by: MemberDoc
}

function quizDoc(spec: QuizSpec, collegeId: string, now: Date): QuizDoc {
  return {
    _id: spec.id,
    collegeId,
    branchKey: spec.branchId ?? `college:${collegeId}`,
    branchId: spec.branchId,
    title: spec.title,
    description: spec.description,
    mode: spec.mode,
    tags: spec.tags,
    count: spec.count,
    pool: spec.pool.map(snapshotOf),
    timeLimitMinutes: spec.timeLimitMinutes,
    opensAt: new Date(now.getTime() + spec.opensInDays * DAY),
    closesAt: new Date(now.getTime() + spec.closesInDays * DAY),
    attemptsAllowed: spec.attemptsAllowed,
    audience: spec.audience,
    minSecondsPerQuestion: DEFAULT_QUIZ_SETTINGS.minSecondsPerQuestion,
    pointRules: DEFAULT_POINT_RULES,
    createdBy: spec.by._id,
    createdByName: spec.by.name,
    createdAt: new Date(now.getTime() + (spec.opensInDays - 1) * DAY),
  }
}

function takenAttemptStart(quiz: QuizDoc, daysAgo: number, now: Date): Date {
  const latest = Math.min(now.getTime(), new Date(quiz.closesAt).getTime())
  return new Date(Math.max(new Date(quiz.opensAt).getTime() + 60 * MINUTE, latest - daysAgo * DAY))
}

/** A finished attempt of `member` with `right` of its questions answered right, taken `daysAgo`. */
function takenAttempt(
  quiz: QuizDoc,
  member: MemberDoc,
  right: number,
  daysAgo: number,
  minutes: number,
  now: Date,
): AttemptDoc {
  const startedAt = takenAttemptStart(quiz, daysAgo, now)
  const items = quiz.pool.slice(0, quiz.count).map(attemptItem)
  const open = newAttempt(
    callerOf(member),
    {
      id: `${quiz._id}:${member._id}:1`,
      kind: 'quiz',
      quizKey: quiz._id,
      quizId: quiz._id,
      title: quiz.title,
      seq: 1,
      items,
      deadline: new Date(startedAt.getTime() + quiz.timeLimitMinutes * MINUTE),
      secondsPerQuestion: 0,
      minSecondsPerQuestion: quiz.minSecondsPerQuestion,
      pointRules: quiz.pointRules,
    },
    startedAt,
  )
  // The first `right` answers right; the others pick the first wrong option shown.
  const answers = new Map(
    items.map((item, i) => [
      item.key,
      i < right ? item.answerIds : [item.shown.find((o) => !item.answerIds.includes(o.id))?.id ?? ''],
    ]),
  )
  const closing = gradeQuiz(open, answers, new Date(startedAt.getTime() + minutes * MINUTE))
  return { ...open, ...closing, settled: true }
}

export function quizSeed(
  docs: { members: MemberDoc[] },
  now: Date,
): {
  questions: QuestionDoc[]
  quizzes: QuizDoc[]
  quizAttempts: AttemptDoc[]
  quizMistakeBooks: MistakeBookDoc[]
  /** Kept in the members' points totals (the study seed writes those). */
  figures: SeedQuizFigures[]
} {
  const member = (studentNo: string): MemberDoc => {
    const found = docs.members.find((m) => m.studentNo === studentNo)
    if (!found) throw new Error(`quiz seed: no member ${studentNo}`)
    return found
  }
  const collegeId = member('T2009001').collegeId
  const questions = SEED_QUESTIONS.map((row, i) => seedQuestion(row, i, collegeId, now))
  const tagged = (tag: string) => questions.filter((q) => q.tags.includes(tag))
  const party: Stage[] = ['activist', 'candidate', 'probationary', 'full']

  const constitution = quizDoc(
    {
      id: 'quiz-cs-constitution',
      branchId: 'branch-cs',
      title: '《中国共产党章程》专题测验',
      description: '本月支部党员大会前的党章学习自测，10 道题，限时 15 分钟，可作答 2 次，取最好成绩。',
      pool: tagged('党章').slice(0, 10),
      count: 10,
      mode: 'fixed',
      tags: [],
      timeLimitMinutes: 15,
      opensInDays: -3,
      closesInDays: 7,
      attemptsAllowed: 2,
      audience: party,
      by: member('T2016003'),
    },
    collegeId,
    now,
  )
  const history = quizDoc(
    {
      id: 'quiz-college-history',
      branchId: null,
      title: '党史学习月 · 百年党史知识测验',
      description: '院党委组织的全院党史知识测验，每人随机抽取 10 道党史题，限时 20 分钟。',
      pool: tagged('党史'),
      count: 10,
      mode: 'random',
      tags: ['党史'],
      timeLimitMinutes: 20,
      opensInDays: -2,
      closesInDays: 12,
      attemptsAllowed: 1,
      audience: [...STAGES],
      by: member('T2009001'),
    },
    collegeId,
    now,
  )
  const training = quizDoc(
    {
      id: 'quiz-se-training',
      branchId: 'branch-se',
      title: '入党积极分子培训结业测验',
      description: '积极分子培训班结业测验，考查党章和发展党员有关规定。',
      pool: [...tagged('党规').slice(0, 5), ...tagged('党章').slice(10, 15)],
      count: 10,
      mode: 'fixed',
      tags: [],
      timeLimitMinutes: 20,
      opensInDays: -40,
      closesInDays: -30,
      attemptsAllowed: 1,
      audience: ['activist'],
      by: member('2020020102'),
    },
    collegeId,
    now,
  )

  const taken: [QuizDoc, string, number, number, number][] = [
    [constitution, '2020010111', 10, 2, 9],
    [constitution, '2021010105', 9, 2, 11],
    [constitution, '2021010208', 8, 1, 8],
    [constitution, '2022010112', 7, 1, 12],
    [constitution, '2022010219', 5, 0.5, 6],
    [training, '2022020109', 9, 1, 14],
    [training, '2022020125', 8, 2, 16],
    [training, '2022020211', 6, 3, 10],
    [history, '2024110108', 8, 1, 13],
    [history, '2024110121', 7, 0.5, 15],
  ]
  const quizAttempts = taken.map(([quiz, no, right, daysAgo, minutes]) =>
    takenAttempt(quiz, member(no), right, daysAgo, minutes, now),
  )
  // Each member took one of these attempts: their 错题本 holds its wrong answers.
  const quizMistakeBooks = quizAttempts
    .filter((a) => a.items.some((i) => !i.correct))
    .map((a) =>
      newBook(
        a.memberId,
        a.items.filter((i) => !i.correct).map((i) => ({ ...newMistake(i, a.submittedAt ?? now), openedBy: a._id })),
        [a._id],
        a.submittedAt ?? now,
      ),
    )

  // Figures of members who have been answering for a while (daily quizzes and challenges).
  const figures: SeedQuizFigures[] = docs.members
    .filter((m) => m.openid && m.branchId && m.stage !== 'masses')
    .map((m, i) => {
      const own = quizAttempts.filter((a) => a.memberId === m._id)
      const answered = 20 + ((i * 37) % 90) + own.reduce((sum, a) => sum + a.answeredCount, 0)
      const correct = Math.round(answered * (0.62 + ((i * 13) % 30) / 100))
      const quiz = {
        name: m.name,
        answered,
        correct: Math.min(answered, correct),
        attempts: 4 + (i % 9) + own.length,
        bestStreak: 2 + ((i * 7) % 15),
        mistakesOpen: Object.keys(quizMistakeBooks.find((b) => b._id === m._id)?.entries ?? {}).length,
        countedAttempts: own.map((a) => a._id),
        updatedAt: new Date(now.getTime() - (i % 5) * DAY),
      }
      return { member: m, quiz }
    })

  return { questions, quizzes: [constitution, history, training], quizAttempts, quizMistakeBooks, figures }
}
