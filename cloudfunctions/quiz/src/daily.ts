import type { PointRules, QuizSettings } from '../../_shared/domain'
import type { NewAttempt } from './attempt'
import type { AttemptItem } from './model'

/**
 * A member's daily quiz of one China day (`YYYY-MM-DD`): one per member per day, its id says so; the
 * whole quiz gets the college's time per question for each of its questions. Shared by quiz.start and
 * the bench college's history, so seeded attempts look like real ones.
 */
export function dailyAttempt(
  memberId: string,
  day: string,
  items: AttemptItem[],
  startedAt: Date,
  rules: { quiz: QuizSettings; points: PointRules },
): NewAttempt {
  return {
    id: `daily:${day}:${memberId}`,
    kind: 'daily',
    quizKey: `daily:${day}`,
    quizId: null,
    title: '每日答题',
    seq: 1,
    items,
    deadline: new Date(startedAt.getTime() + items.length * rules.quiz.dailySecondsPerQuestion * 1000),
    secondsPerQuestion: rules.quiz.dailySecondsPerQuestion,
    minSecondsPerQuestion: rules.quiz.minSecondsPerQuestion,
    pointRules: rules.points,
  }
}
