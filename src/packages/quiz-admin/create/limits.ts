/** The quiz contract's limits (createQuiz): questions per quiz, minutes, attempts. */
export const MAX_QUESTIONS = 50
export const MAX_MINUTES = 180
export const MAX_ATTEMPTS = 10
