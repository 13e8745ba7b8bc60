import { defineFunction } from '../../_shared/handler'
import { editQuestion, questions } from './bank'
import { quizSchemas, type QuizContract } from './contract'
import { daily, listQuizzes } from './home'
import { importQuestions } from './importer'
import { createQuiz, quizStats } from './manage'
import { mistakes, retryMistake } from './mistakes'
import { answer, result, start, submit } from './play'
import { ranking } from './ranking'

/**
 * 知识答题: the question bank, the daily quiz, branch quizzes and challenge mode. Every answer is
 * scored here; the client never sees an answer key before its attempt is over.
 */
export const main = defineFunction<QuizContract>('quiz', quizSchemas, {
  daily,
  listQuizzes,
  start,
  answer,
  submit,
  result,
  mistakes,
  retryMistake,
  ranking,
  createQuiz,
  quizStats,
  importQuestions,
  questions,
  editQuestion,
})
