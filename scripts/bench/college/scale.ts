/**
 * The size of the generated college. Reports follow from the people (one per member and owed month, see
 * generate.ts), so they are not a parameter; the rest are targets the generator meets closely.
 */
export interface CollegeScale {
  branches: number
  students: number
  /** Daily study check-ins over the last year. */
  checkIns: number
  articles: number
  questions: number
  /** Days of daily-quiz attempts before today. */
  quizDays: number
}

/** Issue #8: 30 branches, 3,000 students, 50,000 reports, 200,000 check-ins, 1,000 articles, 2,000 questions. */
export const COLLEGE_SCALE: CollegeScale = {
  branches: 30,
  students: 3000,
  checkIns: 200_000,
  articles: 1000,
  questions: 2000,
  quizDays: 30,
}

/**
 * The college `factor` times larger (issue #21, growth): branches, students, check-ins and articles grow
 * with it; the question bank (the college's, whatever its size) and the days of quiz history stay.
 */
export function scaledCollege(base: CollegeScale, factor: number): CollegeScale {
  return {
    ...base,
    branches: base.branches * factor,
    students: base.students * factor,
    checkIns: base.checkIns * factor,
    articles: base.articles * factor,
  }
}

export function scaleKey(s: CollegeScale): string {
  return `${s.branches}b-${s.students}s-${s.checkIns}c-${s.articles}a-${s.questions}q-${s.quizDays}d`
}
