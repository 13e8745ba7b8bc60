import type { CursorPage } from '../../_shared/cursor'
import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import { QUIZ_QUESTION_TYPES, STAGES, type Stage } from '../../_shared/domain'
import { cursor, id, instant, noParams, text } from '../../_shared/validate'
import type { AttemptKind, EndReason, FlagReason, QuestionType, QuizMode } from './model'

/** Ids: ours (`q-001`, `daily:2026-11-21:mb3f…`) or the database's (hex). */
/** Option ids and question keys are random tokens made per attempt. */
const token = (label: string) => z.string({ error: `缺少${label}` }).regex(/^[a-z0-9]{6,16}$/, `${label}格式不正确`)

const choice = z.array(token('选项'), { error: '请选择答案' }).max(8, '选项过多')

const tag = text('标签', 10)

export const QUESTION_LIMITS = {
  stem: 300,
  option: 100,
  explanation: 500,
  minOptions: 2,
  maxOptions: 6,
  tags: 5,
} as const

/** The fields of one question, as the committee edits it (the importer checks the same rules). */
export const questionFields = z.object({
  type: z.enum(QUIZ_QUESTION_TYPES, { error: '请选择题型' }),
  stem: text('题干', QUESTION_LIMITS.stem, 4),
  options: z
    .array(text('选项', QUESTION_LIMITS.option), { error: '请填写选项' })
    .max(QUESTION_LIMITS.maxOptions, `选项不能超过 ${QUESTION_LIMITS.maxOptions} 个`),
  /** Positions in `options` (judge: 0 = 正确, 1 = 错误). */
  answer: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(QUESTION_LIMITS.maxOptions - 1),
      { error: '请选择正确答案' },
    )
    .min(1, '请选择正确答案')
    .max(QUESTION_LIMITS.maxOptions),
  explanation: text('解析', QUESTION_LIMITS.explanation, 0).default(''),
  tags: z.array(tag).max(QUESTION_LIMITS.tags, `标签不能超过 ${QUESTION_LIMITS.tags} 个`).default([]),
  difficulty: z
    .union([z.literal(1), z.literal(2), z.literal(3)], { error: '难度应为 1（易）、2（中）或 3（难）' })
    .default(2),
})

export const quizSchemas = {
  /** The 答题 tab: today's daily quiz, my figures and the quizzes open to me. */
  daily: noParams,
  /** `mine`: quizzes open (or about to open) to me; `manage`: quizzes a secretary/committee set, page by page. */
  listQuizzes: z.object({ scope: z.enum(['mine', 'manage']).default('mine'), cursor }),
  start: z.discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('daily') }),
      z.object({ kind: z.literal('challenge') }),
      z.object({ kind: z.literal('quiz'), quizId: id('测验') }),
    ],
    { error: '请选择要参加的答题' },
  ),
  /** Challenge: answers the question on screen; a wrong answer ends the round. */
  answer: z.object({ attemptId: id('答题记录'), key: token('题目'), choice }),
  submit: z.object({
    attemptId: id('答题记录'),
    answers: z.array(z.object({ key: token('题目'), choice }), { error: '答案格式不正确' }).max(100, '答案格式不正确'),
  }),
  /** An open attempt's questions (to resume), or a finished attempt's score and explanations. */
  result: z.object({ attemptId: id('答题记录') }),
  mistakes: z.object({ mastered: z.boolean().default(false), cursor }),
  retryMistake: z.object({ mistakeId: id('错题'), choice: choice.min(1, '请选择答案') }),
  ranking: z.object({
    board: z.enum(['overall', 'streak', 'quiz']).default('overall'),
    quizId: id('测验').optional(),
    /** Committee only: which branch (others always see their own). */
    branchId: id('支部').optional(),
  }),
  createQuiz: z
    .object({
      title: text('测验名称', 40, 2),
      description: text('测验说明', 200, 0).default(''),
      /** Committee: a branch, or null for the whole college; a secretary always sets for their own branch. */
      branchId: id('支部').nullable().optional(),
      mode: z.enum(['fixed', 'random'], { error: '请选择出题方式' }),
      questionIds: z.array(id('题目')).max(50, '固定题目不能超过 50 道').default([]),
      tags: z.array(tag).max(5, '标签不能超过 5 个').default([]),
      count: z
        .number({ error: '请填写题目数量' })
        .int('题目数量应为整数')
        .min(1, '至少 1 道题')
        .max(50, '题目数量不能超过 50 道'),
      timeLimitMinutes: z
        .number({ error: '请填写答题时长' })
        .int('答题时长应为整数分钟')
        .min(1, '答题时长至少 1 分钟')
        .max(180, '答题时长不能超过 180 分钟'),
      opensAt: instant('开始时间'),
      closesAt: instant('截止时间'),
      attemptsAllowed: z
        .number({ error: '请填写作答次数' })
        .int('作答次数应为整数')
        .min(1, '至少允许作答 1 次')
        .max(10, '作答次数不能超过 10 次')
        .default(1),
      audience: z
        .array(z.enum(STAGES, { error: '参加对象不正确' }), { error: '请选择参加对象' })
        .min(1, '请选择参加对象')
        .max(STAGES.length),
    })
    .refine((q) => q.closesAt.getTime() > q.opensAt.getTime(), { error: '截止时间应晚于开始时间' })
    .refine((q) => q.closesAt.getTime() - q.opensAt.getTime() <= 90 * 24 * 3600 * 1000, {
      error: '开放时间不能超过 90 天',
    }),
  quizStats: z.object({ quizId: id('测验'), branchId: id('支部').optional() }),
  importQuestions: z.discriminatedUnion(
    'mode',
    [
      z.object({ mode: z.literal('template') }),
      z.object({ mode: z.literal('preview'), fileID: z.string({ error: '请先上传文件' }).max(500) }),
      z.object({ mode: z.literal('confirm'), fileID: z.string({ error: '请先上传文件' }).max(500) }),
    ],
    { error: '不支持的导入操作' },
  ),
  questions: z.object({
    /** One question (the editor opening it). */
    id: id('题目').optional(),
    status: z.enum(['active', 'retired']).default('active'),
    tag: tag.optional(),
    keyword: text('关键词', 30, 0).optional(),
    cursor,
  }),
  editQuestion: z.discriminatedUnion(
    'op',
    [
      questionFields.extend({ op: z.literal('save'), id: id('题目').optional() }),
      z.object({ op: z.literal('retire'), id: id('题目') }),
      z.object({ op: z.literal('restore'), id: id('题目') }),
    ],
    { error: '不支持的操作' },
  ),
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const quizActionKinds = {
  daily: 'read',
  listQuizzes: 'read',
  start: 'write',
  answer: 'write',
  submit: 'write',
  result: 'read',
  mistakes: 'read',
  retryMistake: 'write',
  ranking: 'read',
  createQuiz: 'write',
  quizStats: 'read',
  importQuestions: 'write',
  questions: 'read',
  editQuestion: 'write',
} as const satisfies ActionKinds<typeof quizSchemas>

// ---------------------------------------------------------------------------------------------
// Responses. Nothing the client receives before submitting carries an answer or an explanation.

export type { AttemptKind, EndReason, FlagReason, QuestionType, QuizMode }

export interface PublicOption {
  id: string
  text: string
}

/** A question as the member sees it while answering: no answer, no explanation, no bank id. */
export interface PublicQuestion {
  key: string
  type: QuestionType
  stem: string
  options: PublicOption[]
  tags: string[]
}

export interface OpenAttempt {
  status: 'open'
  attemptId: string
  kind: AttemptKind
  title: string
  /** Daily/quiz: every question; challenge: the one on screen. */
  questions: PublicQuestion[]
  total: number
  /** Time left before the server stops accepting answers (whole attempt, or the challenge question). */
  remainingMs: number
  /** Challenge: correct answers so far and the number of the question on screen. */
  streak: number
  index: number
}

export interface ReviewItem extends PublicQuestion {
  chosen: string[]
  answerIds: string[]
  correct: boolean
  explanation: string
}

/**
 * Why a finished attempt comes without its answers: a branch quiz with attempts left before it closes
 * (published when none is left or at `releaseAt`), or a secretary's result (the bank's key is the committee's).
 */
export type AnswersHeld = { reason: 'attemptsLeft'; attemptsLeft: number; releaseAt: string } | { reason: 'manager' }

export interface AttemptResult {
  status: 'submitted'
  attemptId: string
  kind: AttemptKind
  quizId: string | null
  title: string
  score: number
  total: number
  answeredCount: number
  correctCount: number
  /** Challenge: correct answers in a row. */
  streak: number
  endReason: EndReason
  /** Answers arrived after the time limit and counted as unanswered. */
  late: boolean
  /** Submitted blank or answered faster than a person can read: no points, not a best score. */
  flagged: boolean
  flagReason: FlagReason | null
  points: number
  pointsCapped: boolean
  durationSeconds: number
  submittedAt: string
  /** Set when the answers are held back; `items` is then empty. */
  answersHeld: AnswersHeld | null
  items: ReviewItem[]
}

export type AttemptView = OpenAttempt | AttemptResult

export interface AnswerResult {
  correct: boolean
  answerIds: string[]
  explanation: string
  streak: number
  /** The round is over (wrong answer, too late, or every question answered). */
  ended: boolean
  endReason: EndReason | null
  late: boolean
  /** The next question while the round goes on. */
  next: PublicQuestion | null
  remainingMs: number
  /** When the round ended: the points it earned (none when flagged). */
  points: number
  flagged: boolean
}

export type QuizState = 'upcoming' | 'open' | 'closed'

export interface QuizCard {
  id: string
  title: string
  description: string
  /** 本支部 / 全院 and the branch name. */
  scopeLabel: string
  mode: QuizMode
  count: number
  timeLimitMinutes: number
  opensAt: string
  closesAt: string
  attemptsAllowed: number
  audience: Stage[]
  state: QuizState
  createdByName: string
  /** The caller's own record (students' list only). */
  mine: { attemptsUsed: number; bestScore: number | null; openAttemptId: string | null } | null
}

export interface DailyHome {
  day: string
  today: {
    status: 'none' | 'open' | 'done'
    attemptId: string | null
    score: number | null
    correctCount: number | null
    total: number
    /** An open daily quiz: time left (0 once it ran out). */
    remainingMs: number | null
  }
  stats: { answered: number; correct: number; attempts: number; bestStreak: number; mistakesOpen: number }
  /** Open now, at most five (the full list: listQuizzes). */
  openQuizzes: QuizCard[]
  canManage: boolean
  canEditBank: boolean
}

export type { CursorPage }

export interface MistakeItem {
  id: string
  type: QuestionType
  stem: string
  options: PublicOption[]
  tags: string[]
  wrongCount: number
  lastWrongAt: string
  mastered: boolean
  /** Only once mastered: the member has answered it right. */
  answerIds: string[] | null
  explanation: string | null
}

export interface MistakesPage extends CursorPage<MistakeItem> {
  openCount: number
}

export interface RetryResult {
  correct: boolean
  /** The right options among those just answered. */
  answerIds: string[]
  explanation: string
  mastered: boolean
  /** After a wrong retry: the options for the next try, in a new order with new ids. */
  nextOptions: PublicOption[] | null
}

export interface RankRow {
  rank: number
  memberId: string
  name: string
  value: number
  detail: string
  isMe: boolean
}

export interface Ranking {
  board: 'overall' | 'streak' | 'quiz'
  title: string
  branchName: string
  unit: string
  rows: RankRow[]
  me: RankRow | null
}

export interface QuizStats {
  quiz: QuizCard
  branch: { id: string; name: string }
  /** Committee, college-wide quiz: the branches to choose from. */
  branches: { id: string; name: string }[]
  /** Members of the branch in the quiz's audience. */
  audienceCount: number
  participants: number
  averageScore: number | null
  passRate: number | null
  distribution: { label: string; count: number }[]
  notTaken: string[]
  top: RankRow[]
  flaggedCount: number
  /** Attempts that earned nothing (blank, too fast), newest first: for the secretary to follow up. */
  flagged: {
    name: string
    reason: FlagReason
    reasonLabel: string
    score: number
    durationSeconds: number
    at: string
  }[]
}

/** A question of the bank as managers see it; the answer key only for the committee. */
export interface BankQuestion {
  id: string
  type: QuestionType
  stem: string
  options: string[]
  answer: number[] | null
  explanation: string | null
  tags: string[]
  difficulty: 1 | 2 | 3
  status: 'active' | 'retired'
  updatedAt: string
}

export interface ImportRowError {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number
  message: string
}

export interface ImportPreviewRow {
  row: number
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  tags: string[]
}

export type ImportResult =
  | { mode: 'template'; url: string; fileName: string }
  | { mode: 'preview'; total: number; validCount: number; errors: ImportRowError[]; samples: ImportPreviewRow[] }
  | { mode: 'confirm'; total: number; imported: number; errors: ImportRowError[] }

export interface ManageHome extends CursorPage<QuizCard> {
  branches: { id: string; name: string }[]
}

export type QuizContract = Contract<
  typeof quizSchemas,
  {
    daily: DailyHome
    listQuizzes: ManageHome
    start: OpenAttempt
    answer: AnswerResult
    submit: AttemptResult
    result: AttemptView
    mistakes: MistakesPage
    retryMistake: RetryResult
    ranking: Ranking
    createQuiz: { id: string }
    quizStats: QuizStats
    importQuestions: ImportResult
    questions: CursorPage<BankQuestion>
    editQuestion: BankQuestion
  }
>
