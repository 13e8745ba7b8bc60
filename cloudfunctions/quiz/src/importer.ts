import { audit } from '../../_shared/audit'
import { requireCaller, requireRole } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { OPTION_LETTERS } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import { existingStemKeys } from './bank'
import { QUESTION_LIMITS } from './contract'
import type { ImportPreviewRow, ImportResult, ImportRowError } from './contract'
import type { QuestionDoc } from './model'
import {
  checkQuestion,
  normalizeStem,
  parseAnswer,
  parseDifficulty,
  parseTags,
  parseType,
  type QuestionInput,
} from './questions'
import { download, readRows, store } from '../../_shared/spreadsheet'
import { buildTemplate, type SheetRows, type TemplateColumn } from './sheet'
import { insertMany, isDuplicateKeyError } from '../../_shared/db'

/**
 * Importing questions from a spreadsheet: a template to download, a preview with a per-row error
 * report, and a confirm that imports only the valid rows. The uploaded file is the state between the
 * two steps: confirm reads and checks it again, so what is imported is what was checked.
 */

const MAX_ROWS = 500
/** Rows a file may have above its data (title, notes, the header). */
const HEADER_ROWS = 10
const MAX_BYTES = 2 * 1024 * 1024
const TEMPLATE_PATH = 'templates/quiz-import-template.xlsx'
export const TEMPLATE_FILE_NAME = '题库导入模板.xlsx'

const COLUMNS: (TemplateColumn & { field: Field })[] = [
  { field: 'type', header: '题型', width: 8, note: '必填：单选、多选或判断', list: ['单选', '多选', '判断'] },
  { field: 'stem', header: '题干', width: 48, note: `必填，不超过 ${QUESTION_LIMITS.stem} 字` },
  ...[...OPTION_LETTERS].map((letter, i) => ({
    field: `option${i}` as Field,
    header: `选项${letter}`,
    width: 18,
    note: i < 2 ? '选择题至少填写选项 A、B；判断题不填选项' : '可不填；选项请从 A 起依次填写',
  })),
  {
    field: 'answer',
    header: '正确答案',
    width: 10,
    note: '必填：单选填一个字母（如 B），多选填多个字母（如 ACD），判断填“正确”或“错误”',
  },
  {
    field: 'explanation',
    header: '解析',
    width: 40,
    note: `可不填，不超过 ${QUESTION_LIMITS.explanation} 字；答题后展示给学员`,
  },
  { field: 'tags', header: '标签', width: 14, note: '可不填：如 党章、党史、理论、时事、党规，多个用顿号分隔' },
  { field: 'difficulty', header: '难度', width: 8, note: '可不填：易、中、难（默认中）', list: ['易', '中', '难'] },
]

type Field =
  | 'type'
  | 'stem'
  | 'option0'
  | 'option1'
  | 'option2'
  | 'option3'
  | 'option4'
  | 'option5'
  | 'answer'
  | 'explanation'
  | 'tags'
  | 'difficulty'

const INSTRUCTIONS = [
  '支部通 · 题库导入说明',
  '1. 在“题目”表中每行填写一道题，第 1 行是表头，请勿修改表头文字。',
  '2. 题型填写“单选”“多选”或“判断”。选择题至少两个选项，从选项A起依次填写；判断题不填选项。',
  '3. 正确答案：单选填一个字母（如 B）；多选填全部正确选项的字母（如 ACD）；判断题填“正确”或“错误”。',
  `4. 题干不超过 ${QUESTION_LIMITS.stem} 字，每个选项不超过 ${QUESTION_LIMITS.option} 字，解析不超过 ${QUESTION_LIMITS.explanation} 字。`,
  '5. 标签用于分类和按标签抽题，如 党章、党史、理论、时事、党规；多个标签用顿号分隔。难度填易、中、难。',
  `6. 一次最多导入 ${MAX_ROWS} 道题。题干与题库中已有题目相同（忽略标点和空格）的行不会导入。`,
  '7. 也可以保存为 CSV（UTF-8 或 Excel 默认编码均可）后导入，列的顺序与本模板相同。',
  '8. 导入前会先预览，并逐行列出问题；确认后只导入没有问题的行。',
]

const EXAMPLES = [
  [
    '单选',
    '（示例）中国共产党第一次全国代表大会召开于哪一年？',
    '1919年',
    '1921年',
    '1927年',
    '1949年',
    '',
    '',
    'B',
    '1921年7月，中共一大在上海召开，宣告中国共产党成立。',
    '党史',
    '易',
  ],
  [
    '多选',
    '（示例）“四个自信”包括哪些？',
    '道路自信',
    '理论自信',
    '制度自信',
    '文化自信',
    '',
    '',
    'ABCD',
    '“四个自信”即道路自信、理论自信、制度自信、文化自信。',
    '理论',
    '中',
  ],
  [
    '判断',
    '（示例）预备党员享有表决权。',
    '',
    '',
    '',
    '',
    '',
    '',
    '错误',
    '党章规定，预备党员除了没有表决权、选举权和被选举权以外，其他权利同正式党员一样。',
    '党章',
    '易',
  ],
]

/** Header cell → field: the template's headers, without blanks and remarks in brackets. */
function fieldOf(header: string): Field | null {
  const h = header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(.*?\)/g, '')
    .toUpperCase()
  const aliases: Record<string, Field> = {
    题型: 'type',
    类型: 'type',
    题干: 'stem',
    题目: 'stem',
    正确答案: 'answer',
    答案: 'answer',
    解析: 'explanation',
    答案解析: 'explanation',
    标签: 'tags',
    难度: 'difficulty',
  }
  if (aliases[h]) return aliases[h]
  const option = /^(?:选项)?([A-F])$/.exec(h)
  return option ? (`option${option[1].charCodeAt(0) - 65}` as Field) : null
}

export interface ParsedRow {
  row: number
  question: QuestionInput
  stemKey: string
}

/** Reads and checks every row; each bad row's error names all its problems (pure: no database, no network). */
export function checkRows(rows: SheetRows): { total: number; valid: ParsedRow[]; errors: ImportRowError[] } {
  const [header, ...body] = rows
  if (!header) throw new AppError('INVALID_ARGUMENT', '文件是空的，请按导入模板填写题目')
  const columns = new Map<Field, number>()
  header.cells.forEach((cell, i) => {
    const field = fieldOf(cell)
    if (field && !columns.has(field)) columns.set(field, i)
  })
  for (const [field, label] of [
    ['type', '题型'],
    ['stem', '题干'],
    ['answer', '正确答案'],
  ] as const) {
    if (!columns.has(field)) throw new AppError('INVALID_ARGUMENT', `文件第 1 行缺少“${label}”列，请使用导入模板`)
  }
  const data = body.filter((r) => r.cells.some((c) => c !== ''))
  if (data.length === 0) throw new AppError('INVALID_ARGUMENT', '文件里没有题目，请从第 2 行起填写')
  if (data.length > MAX_ROWS)
    throw new AppError('INVALID_ARGUMENT', `一次最多导入 ${MAX_ROWS} 道题，这个文件有 ${data.length} 道，请分批导入`)

  const valid: ParsedRow[] = []
  const errors: ImportRowError[] = []
  const firstRowOfStem = new Map<string, number>()
  for (const { row, cells } of data) {
    const get = (field: Field): string => {
      const i = columns.get(field)
      return i === undefined ? '' : (cells[i] ?? '')
    }
    const parsed = checkRow(get)
    if (typeof parsed === 'string') {
      errors.push({ row, message: parsed })
      continue
    }
    const stemKey = normalizeStem(parsed.stem)
    const earlier = firstRowOfStem.get(stemKey)
    if (earlier !== undefined) {
      errors.push({ row, message: `与第 ${earlier} 行的题干重复` })
      continue
    }
    firstRowOfStem.set(stemKey, row)
    valid.push({ row, question: parsed, stemKey })
  }
  return { total: data.length, valid, errors }
}

/**
 * One row: the question, or everything wrong with it (like the roster import: fixing a row should not
 * reveal a second problem only on the next upload), joined in one message.
 */
function checkRow(get: (field: Field) => string): QuestionInput | string {
  const problems: string[] = []
  const rawType = get('type')
  const type = rawType ? parseType(rawType) : null
  if (!rawType) problems.push('缺少题型')
  else if (!type) problems.push(`题型“${rawType}”无法识别，应为单选、多选或判断`)
  const stem = get('stem')
  if (!stem) problems.push('缺少题干')
  else if (stem.length > QUESTION_LIMITS.stem) problems.push(`题干超过 ${QUESTION_LIMITS.stem} 字`)
  else if (normalizeStem(stem).length < 4) problems.push('题干过短')

  let options: string[] = []
  if (type && type !== 'judge') {
    const cells = [...OPTION_LETTERS].map((_, i) => get(`option${i}` as Field))
    const last = cells.reduce((at, cell, i) => (cell ? i : at), -1)
    const gap = cells.slice(0, last + 1).findIndex((cell) => !cell)
    options = cells.slice(0, last + 1)
    const long = options.findIndex((o) => o.length > QUESTION_LIMITS.option)
    if (gap >= 0) problems.push(`选项${OPTION_LETTERS[gap]}为空，选项请从 A 起依次填写`)
    else if (options.length < 2) problems.push('选择题至少需要选项 A 和 B')
    if (long >= 0) problems.push(`选项${OPTION_LETTERS[long]}超过 ${QUESTION_LIMITS.option} 字`)
  }

  const rawAnswer = get('answer')
  const answer = type && rawAnswer ? parseAnswer(type, rawAnswer) : null
  if (!rawAnswer) problems.push('缺少正确答案')
  else if (type && !answer) {
    problems.push(
      type === 'judge'
        ? `正确答案“${rawAnswer}”无法识别，判断题请填写“正确”或“错误”`
        : `正确答案“${rawAnswer}”无法识别，请填写选项字母（如 B 或 ACD）`,
    )
  }

  const difficulty = parseDifficulty(get('difficulty'))
  if (!difficulty) problems.push(`难度“${get('difficulty')}”无法识别，应为易、中或难`)
  const explanation = get('explanation')
  if (explanation.length > QUESTION_LIMITS.explanation) problems.push(`解析超过 ${QUESTION_LIMITS.explanation} 字`)
  const tags = parseTags(get('tags'))
  if (tags.length > QUESTION_LIMITS.tags) problems.push(`标签不能超过 ${QUESTION_LIMITS.tags} 个`)
  if (tags.some((t) => t.length > 10)) problems.push('每个标签不能超过 10 个字')

  if (problems.length > 0 || !type || !answer || !difficulty) return problems.join('；')
  const checked = checkQuestion({ type, stem, options, answer, explanation, tags, difficulty })
  return checked.ok ? checked.question : checked.message
}

export async function importQuestions(
  params: { mode: 'template' } | { mode: 'preview'; fileID: string } | { mode: 'confirm'; fileID: string },
  ctx: CallContext,
): Promise<ImportResult> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'committee')
  if (params.mode === 'template') return template()

  assertOwnFiles([params.fileID], caller)
  const checked = checkRows(
    await readRows(await download(params.fileID, MAX_BYTES), {
      maxRows: MAX_ROWS + HEADER_ROWS,
      tooManyRows: `一次最多导入 ${MAX_ROWS} 道题，请分批导入`,
    }),
  )
  const errors = [...checked.errors]
  const inBank = await existingStemKeys(
    caller.member.collegeId,
    checked.valid.map((r) => r.stemKey),
  )
  let valid = checked.valid.filter((r) => {
    if (!inBank.has(r.stemKey)) return true
    errors.push({ row: r.row, message: '题库中已有相同题干的题目' })
    return false
  })
  valid = await withoutRiskyRows(valid, caller.openid, errors)
  errors.sort((a, b) => a.row - b.row)

  if (params.mode === 'preview') {
    return {
      mode: 'preview',
      total: checked.total,
      validCount: valid.length,
      errors,
      samples: valid.slice(0, 20).map(previewRow),
    }
  }
  if (valid.length === 0)
    throw new AppError('FAILED_PRECONDITION', '没有可以导入的题目，请按错误提示修改文件后重新上传')
  const docs: Omit<QuestionDoc, '_id'>[] = valid.map((r) => ({
    collegeId: caller.member.collegeId,
    ...r.question,
    stemKey: r.stemKey,
    status: 'active',
    source: 'import',
    createdBy: caller.memberId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }))
  try {
    await insertMany('questions', docs)
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', '题库刚刚有了变化，请重新预览后再导入')
    throw error
  }
  // The log line says how many (the secretary reading it should not have to open the file).
  const summary = `导入题目 ${docs.length} 道${errors.length > 0 ? `，${errors.length} 行有问题未导入` : ''}`
  await audit(
    caller,
    'quiz.question.import',
    null,
    { summary, fileID: params.fileID, imported: docs.length, rejectedRows: errors.map((e) => e.row) },
    ctx.now,
  )
  return { mode: 'confirm', total: checked.total, imported: docs.length, errors }
}

function previewRow(r: ParsedRow): ImportPreviewRow {
  const q = r.question
  return { row: r.row, type: q.type, stem: q.stem, options: q.options, answer: q.answer, tags: q.tags }
}

/** The template, generated and put in storage; answers a temporary download link. */
async function template(): Promise<ImportResult> {
  const { url } = await store(TEMPLATE_PATH, await buildTemplate(COLUMNS, INSTRUCTIONS, EXAMPLES))
  return { mode: 'template', url, fileName: TEMPLATE_FILE_NAME }
}

/** Content check in batches of rows; a flagged batch is checked row by row to name the rows. */
async function withoutRiskyRows(rows: ParsedRow[], openid: string, errors: ImportRowError[]): Promise<ParsedRow[]> {
  const textOf = (r: ParsedRow) =>
    [r.question.stem, ...r.question.options, r.question.explanation, ...r.question.tags].join('\n')
  const batches: ParsedRow[][] = []
  let batch: ParsedRow[] = []
  let size = 0
  for (const r of rows) {
    const length = textOf(r).length
    if (batch.length > 0 && size + length > 2000) {
      batches.push(batch)
      batch = []
      size = 0
    }
    batch.push(r)
    size += length
  }
  if (batch.length > 0) batches.push(batch)

  const risky = new Set<number>()
  const isSafe = (text: string) =>
    assertTextSafe(text, openid).then(
      () => true,
      (e: unknown) => (e instanceof AppError && e.code === 'CONTENT_RISKY' ? false : Promise.reject(e)),
    )
  for (const group of batches) {
    if (await isSafe(group.map(textOf).join('\n'))) continue
    for (const r of group) if (!(await isSafe(textOf(r)))) risky.add(r.row)
  }
  for (const row of risky) errors.push({ row, message: '内容含有不当信息，请修改' })
  return rows.filter((r) => !risky.has(r.row))
}
