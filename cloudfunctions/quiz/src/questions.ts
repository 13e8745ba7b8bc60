import { OPTION_LETTERS, QUIZ_QUESTION_TYPE_LABELS } from '../../_shared/domain'
import { JUDGE_OPTIONS, type QuestionDoc, type QuestionSnapshot, type QuestionType } from './model'

/**
 * Rules of a well-formed question, shared by the editor, the importer and the seed (pure code).
 */

/** A question as written (imported, edited or seeded). */
export type QuestionInput = Pick<
  QuestionDoc,
  'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'tags' | 'difficulty'
>

/**
 * The stem as duplicate detection sees it: full-width forms folded (NFKC), case, blanks, punctuation
 * and the blank to fill in (（ ）, ____) ignored. "中国共产党成立于哪一年？" and
 * "中国共产党成立于哪一年( )" are the same question.
 */
export function normalizeStem(stem: string): string {
  return stem
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}

/** Checks the rules zod cannot express; answers the first problem in Chinese, or the cleaned question. */
export function checkQuestion(
  input: QuestionInput,
): { ok: true; question: QuestionInput } | { ok: false; message: string } {
  const options = input.type === 'judge' ? [...JUDGE_OPTIONS] : input.options.map((o) => o.trim())
  if (input.type !== 'judge') {
    if (options.length < 2) return { ok: false, message: '至少需要两个选项' }
    if (options.some((o) => o.length === 0)) return { ok: false, message: '选项不能为空' }
    const seen = new Set<string>()
    for (const option of options) {
      const key = normalizeStem(option) || option
      if (seen.has(key)) return { ok: false, message: `选项“${option}”重复` }
      seen.add(key)
    }
  }
  const answer = [...new Set(input.answer)].sort((a, b) => a - b)
  if (answer.length === 0) return { ok: false, message: '缺少正确答案' }
  if (answer.some((i) => i < 0 || i >= options.length)) {
    const letters = answer.filter((i) => i >= options.length).map((i) => OPTION_LETTERS[i] ?? String(i + 1))
    return { ok: false, message: `正确答案 ${letters.join('')} 没有对应的选项` }
  }
  if (input.type !== 'multiple' && answer.length > 1)
    return { ok: false, message: `${QUIZ_QUESTION_TYPE_LABELS[input.type]}只能有一个正确答案` }
  if (input.type === 'multiple' && answer.length < 2)
    return { ok: false, message: '多选题至少要有两个正确答案（只有一个请改为单选题）' }
  const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))]
  return {
    ok: true,
    question: { ...input, stem: input.stem.trim(), options, answer, explanation: input.explanation.trim(), tags },
  }
}

/** What an attempt or a quiz keeps of a question. */
export function snapshotOf(
  doc: Pick<QuestionDoc, '_id' | 'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'tags'>,
): QuestionSnapshot {
  return {
    questionId: doc._id,
    type: doc.type,
    stem: doc.stem,
    options: doc.options,
    answer: doc.answer,
    explanation: doc.explanation,
    tags: doc.tags,
  }
}

/**
 * Reads an answer as people write it in a spreadsheet: letters for choice questions ("B", "A,C",
 * "a c d"), and 正确/错误, 对/错, √/×, T/F, 是/否 for true/false. Null when it cannot be read.
 */
export function parseAnswer(type: QuestionType, raw: string): number[] | null {
  const value = raw.normalize('NFKC').trim().toUpperCase()
  if (value === '') return []
  if (type === 'judge') {
    if (['正确', '对', '√', 'T', 'TRUE', '是', 'Y', 'A'].includes(value)) return [0]
    if (['错误', '错', '×', 'X', 'F', 'FALSE', '否', 'N', 'B'].includes(value)) return [1]
    return null
  }
  const letters = value.replace(/[\s,，、;；/]+/g, '')
  if (!/^[A-Z]+$/.test(letters)) return null
  return [...letters].map((letter) => letter.charCodeAt(0) - 65)
}

/** Reads 单选/多选/判断 (or single/multiple/judge, 单选题…). */
export function parseType(raw: string): QuestionType | null {
  const value = raw.normalize('NFKC').trim().toLowerCase().replace(/题$/, '')
  if (['单选', '单项选择', 'single'].includes(value)) return 'single'
  if (['多选', '多项选择', 'multiple'].includes(value)) return 'multiple'
  if (['判断', '是非', 'judge', 'true/false'].includes(value)) return 'judge'
  return null
}

/** Reads 易/中/难 or 1/2/3; empty means 中. */
export function parseDifficulty(raw: string): 1 | 2 | 3 | null {
  const value = raw.normalize('NFKC').trim()
  if (value === '') return 2
  if (['1', '易', '简单', '容易'].includes(value)) return 1
  if (['2', '中', '中等', '一般'].includes(value)) return 2
  if (['3', '难', '困难', '较难'].includes(value)) return 3
  return null
}

/** Splits 党章、党史 / 党章,党史 / 党章 党史. */
export function parseTags(raw: string): string[] {
  return [
    ...new Set(
      raw
        .normalize('NFKC')
        .split(/[\s,，、;；/]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ]
}
