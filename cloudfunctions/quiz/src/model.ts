import type { PointKind, PointRules, QUIZ_QUESTION_TYPES, Stage } from '../../_shared/domain'

/** Stored documents of the quizzes. None of them is ever sent to the client as is. */

export type QuestionType = (typeof QUIZ_QUESTION_TYPES)[number]

/** A true/false question always offers these two options, in this order. */
export const JUDGE_OPTIONS = ['正确', '错误'] as const

/** A question of the bank (题库). `answer` holds indexes into `options`, ascending. */
export interface QuestionDoc {
  _id: string
  collegeId: string
  type: QuestionType
  stem: string
  /** The stem normalised for duplicate detection (unique per college). */
  stemKey: string
  options: string[]
  answer: number[]
  explanation: string
  tags: string[]
  difficulty: 1 | 2 | 3
  status: 'active' | 'retired'
  source: 'seed' | 'import' | 'manual'
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
}

/** What an attempt or a quiz keeps of a question: its content at the time, answer key included. */
export type QuestionSnapshot = { questionId: string } & Pick<
  QuestionDoc,
  'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'tags'
>

export type QuizMode = 'fixed' | 'random'

/** A quiz set by a secretary (for their branch) or the committee (a branch or the whole college). */
export interface QuizDoc {
  _id: string
  collegeId: string
  /** The branch, or `college:<collegeId>` for a college-wide quiz (an indexable key either way). */
  branchKey: string
  branchId: string | null
  title: string
  description: string
  mode: QuizMode
  /** Random draw: the tags chosen (empty = any tag). */
  tags: string[]
  /** Questions per attempt. */
  count: number
  /**
   * The questions an attempt draws from, snapshotted when the quiz was created: the fixed set itself,
   * or the candidates of a random draw. Later edits of the bank do not change a published quiz.
   */
  pool: QuestionSnapshot[]
  timeLimitMinutes: number
  opensAt: Date
  closesAt: Date
  attemptsAllowed: number
  /** Stages that may take the quiz. */
  audience: Stage[]
  /** The college's rules when the quiz was set (anti-bot speed, point caps). */
  minSecondsPerQuestion: number
  pointRules: PointRules
  createdBy: string
  createdByName: string
  createdAt: Date
}

export type AttemptKind = 'daily' | 'quiz' | 'challenge'

/** One question of an attempt, with its options in the order shown and ids that carry no information. */
export interface AttemptItem extends QuestionSnapshot {
  /** Random per attempt: how the client names this question. */
  key: string
  /** Display order: random ids, the option's text, and its position in `options`. */
  shown: { id: string; text: string; index: number }[]
  /** Ids of the right options (server only). */
  answerIds: string[]
  /** The member's choice once answered (ids); null when unanswered. */
  chosen: string[] | null
  correct: boolean | null
  /** Challenge: when the question was shown and answered. */
  servedAt: Date | null
  answeredAt: Date | null
}

export type EndReason = 'submitted' | 'timeout' | 'wrong' | 'finished'

/** Why an attempt earned nothing: submitted blank, or faster than a person can read. */
export type FlagReason = 'blank' | 'tooFast'

export interface AttemptDoc {
  _id: string
  kind: AttemptKind
  /** `daily:<day>`, the quiz id, or `challenge`: what "one open attempt per quiz" is counted by. */
  quizKey: string
  quizId: string | null
  title: string
  memberId: string
  memberName: string
  branchId: string | null
  collegeId: string
  /** 1 for the member's first attempt at this quiz, 2 for the second… */
  seq: number
  /**
   * `<quizKey>:<memberId>` while open, the attempt id once closed; a unique index on it lets the
   * database refuse a second open attempt at the same quiz.
   */
  openKey: string
  status: 'open' | 'submitted'
  startedAt: Date
  /** Whole attempt (daily, quiz), or the current question (challenge). */
  deadline: Date
  submittedAt: Date | null
  items: AttemptItem[]
  /** Challenge: how many questions of `items` have been shown. */
  served: number
  /** Challenge: seconds allowed per question. */
  secondsPerQuestion: number
  minSecondsPerQuestion: number
  /** The college's point caps when the attempt started. */
  pointRules: PointRules
  /**
   * Branch quiz: answers and explanations stay with the server until the quiz closes (this date) or the
   * member has used every attempt allowed. Absent/null for daily and challenge (shown at once).
   */
  keyHeldUntil?: Date | null
  attemptsAllowed?: number
  total: number
  answeredCount: number
  correctCount: number
  /** 0–100 (daily, quiz); challenge: the streak. */
  score: number
  streak: number
  late: boolean
  flagged: boolean
  /** Absent on attempts stored before reasons were kept (they were all too fast). */
  flagReason?: FlagReason | null
  points: number
  pointsCapped: boolean
  /**
   * The attempt's entry of study points (the ledger's, kept here: `points` are its points), written with
   * the close when the attempt earns any; `rev` is the totals revision they were capped against. Absent
   * on attempts closed before it was kept, whose points are in `pointsLedger`.
   */
  pointsEntry?: AttemptPointsEntry
  endReason: EndReason | null
  durationMs: number | null
  /**
   * The member's quiz figures' `attempts` (`PointsTotalsDoc.quiz`) when the attempt was closed. A closed attempt is settled
   * (mistakes, points, then figures) right after its close; it counts as settled once the figures
   * count it (`settle.isSettled`), and a settlement cut short is finished by the next `submit` or
   * `result` of the attempt. Absent on attempts closed before it was kept (they carry `settled`).
   */
  countedFrom?: number
  /** Written by versions that marked a settlement done on the attempt; true on those attempts. */
  settled?: boolean
}

export interface AttemptPointsEntry {
  kind: PointKind
  reason: string
  /** Points before the caps. */
  requested: number
  rev: number
}

/** A question the member answered wrong, kept until they answer it right: one entry of their 错题本. */
export interface MistakeEntry {
  questionId: string
  type: QuestionType
  stem: string
  /** Shuffled once, with ids of its own (not those of the attempt). */
  shown: { id: string; text: string }[]
  answerIds: string[]
  explanation: string
  tags: string[]
  wrongCount: number
  lastWrongAt: Date
  mastered: boolean
  masteredAt: Date | null
  retries: number
  /** From a branch quiz still open to the member: hidden (and not retryable) until it closes. */
  hiddenUntil?: Date | null
  /** The quiz that hides it: shown as soon as the member has used every attempt of that quiz. */
  hiddenFor?: string | null
  /** The attempt that last opened it (added it, or counted it wrong again once mastered). */
  openedBy?: string
  /** Set by the migration that folded in the entry's document of earlier versions (`quizMistakes`). */
  folded?: boolean
}

/**
 * A member's 错题本, one document per member (`_id` is the member id), its entries keyed by question id:
 * a settled attempt adds new entries, counts known ones again and shows the ones held back in one write
 * of one document (issue 21: `quiz.submit` within 4 requests). The bank holds at most 2,000 questions,
 * so a book stays far below the database's 16 MB per document.
 */
export interface MistakeBookDoc {
  _id: string
  memberId: string
  /** By question id (database ids hold no `.` or `$`: each is a field path, `entries.<questionId>.wrongCount`). */
  entries: Record<string, MistakeEntry>
  /** Bumped by every write: a settlement writes only over the book it read (its counts stay exact). */
  rev: number
  /** The last attempts whose wrong answers are in (each is added once). */
  countedAttempts: string[]
  updatedAt: Date
}

/**
 * A 错题本 entry as earlier versions kept it, one document per member and question (`quizMistakes`);
 * `local-cloud/src/migrations/mistake-books.ts` folds them into the members' books.
 */
export interface MistakeDoc extends MistakeEntry {
  _id: string
  memberId: string
  /** The attempt that last counted it wrong. */
  lastAttemptId?: string
}

/**
 * Running quiz figures of a member as earlier versions kept them, one document per member (`_id` is the
 * member id). Now `PointsTotalsDoc.quiz`; `local-cloud/src/migrations/quiz-figures.ts` folds these in.
 */
export interface QuizProfileDoc {
  _id: string
  memberId: string
  name: string
  branchId: string | null
  collegeId: string
  answered: number
  correct: number
  attempts: number
  bestStreak: number
  mistakesOpen: number
  /** The last attempts added to these figures (each is added once); absent on figures older than it. */
  countedAttempts?: string[]
  updatedAt: Date
}
