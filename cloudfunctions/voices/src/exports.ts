import { audit } from '../../_shared/audit'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { addHeaderRow, addTitleRow, memberCells, newWorkbook, store, toBuffer } from '../../_shared/spreadsheet'
import { chinaDay } from '../../_shared/time'
import { appraisalForExport } from './appraisal'
import { FOLLOW_UP_LABELS, GRADE_LABELS, QUESTION_TYPE_LABELS, type ExportResult, type VoicesParams } from './contract'
import { canManageBox } from './scope'
import { loadSurvey, namedSheets, questionResults } from './surveys'

/** The header rows of the appraisal sheet, in this order (tests read it back). */
export const APPRAISAL_COLUMNS = [
  '序号',
  '姓名',
  '班级',
  '身份',
  '自我评价',
  '互评：优秀',
  '合格',
  '基本合格',
  '不合格',
  '评定等次',
  '评定说明',
  '组织处理',
] as const
export const SURVEY_COLUMNS = ['题号', '题目', '题型', '选项', '人数', '占比'] as const

/** 民主评议党员 of one branch and year as .xlsx for the file: tallies, grades and follow-ups. Audited. */
export async function exportAppraisal(
  params: VoicesParams<'exportAppraisal'>,
  ctx: CallContext,
): Promise<ExportResult> {
  const { caller, doc, rows } = await appraisalForExport(ctx, params.appraisalId)
  const book = await newWorkbook()
  const ws = book.addWorksheet('民主评议', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  })
  ws.columns = [6, 10, 14, 10, 40, 10, 8, 10, 8, 10, 30, 20].map((width) => ({ width }))
  addTitleRow(ws, `${doc.branchName}${doc.title}登记表`, APPRAISAL_COLUMNS.length)
  ws.addRow([`参评党员 ${doc.members.length} 人；导出时间 ${chinaDay(ctx.now)}；互评为无记名统计，不含评议人信息`])
  ws.addRow([])
  addHeaderRow(ws, APPRAISAL_COLUMNS)
  rows.forEach((r, i) =>
    ws.addRow([
      ...memberCells(i, r),
      r.selfText ?? '（未提交）',
      r.counts.excellent,
      r.counts.qualified,
      r.counts.basic,
      r.counts.unqualified,
      r.grade ? GRADE_LABELS[r.grade] : '未评定',
      r.reason,
      r.followUp ? FOLLOW_UP_LABELS[r.followUp] : '',
    ]),
  )
  const content = await toBuffer(book)
  const { fileID, url } = await store(`exports/voices/${doc._id}/appraisal-${ctx.now.getTime()}.xlsx`, content)
  await audit(caller, 'voices.exportAppraisal', doc._id, { rows: rows.length, fileID }, ctx.now)
  return { fileID, url, fileName: `${doc.branchName}${doc.year}年度民主评议.xlsx` }
}

/** A survey's results as .xlsx: one row per option (counts and shares), text answers, and named sheets. Audited. */
export async function exportSurvey(params: VoicesParams<'exportSurvey'>, ctx: CallContext): Promise<ExportResult> {
  const { caller, doc, tally } = await loadSurvey(ctx, params.surveyId)
  if (!canManageBox(caller, doc)) throw new AppError('FORBIDDEN', '只有本支部书记、支委或院党委可以导出')
  const results = questionResults(doc, tally)
  const book = await newWorkbook()
  const summary = book.addWorksheet('统计')
  summary.columns = [6, 36, 8, 30, 8, 10].map((width) => ({ width }))
  addTitleRow(summary, `${doc.title}（${tally?.ballots ?? 0} 份答卷）`, SURVEY_COLUMNS.length)
  addHeaderRow(summary, SURVEY_COLUMNS)
  results.forEach((q, i) => {
    const typeLabel = QUESTION_TYPE_LABELS[q.type]
    if (q.type === 'text') {
      summary.addRow([i + 1, q.title, typeLabel, `文字回答 ${q.texts.length} 条（见“文字回答”表）`, q.texts.length, ''])
      return
    }
    q.bars.forEach((b, j) =>
      summary.addRow([
        j === 0 ? i + 1 : '',
        j === 0 ? q.title : '',
        j === 0 ? typeLabel : '',
        b.label,
        b.count,
        `${Math.round(b.share * 1000) / 10}%`,
      ]),
    )
    if (q.average !== null) summary.addRow(['', '', '', '平均分', q.average, ''])
  })
  const texts = book.addWorksheet('文字回答')
  texts.columns = [{ width: 36 }, { width: 60 }]
  texts.addRow(['题目', '回答']).font = { bold: true }
  for (const q of results.filter((r) => r.type === 'text')) for (const t of q.texts) texts.addRow([q.title, t])
  if (!doc.anonymous) {
    const sheets = await namedSheets(doc._id)
    const named = book.addWorksheet('实名答卷')
    named.addRow(['姓名', ...doc.questions.map((q, i) => `${i + 1}. ${q.title}`)]).font = { bold: true }
    for (const s of sheets) {
      const answers =
        (
          s.ballot as
            | { answers?: { questionId: string; choices?: number[]; rating?: number; text?: string }[] }
            | undefined
        )?.answers ?? []
      named.addRow([
        s.name ?? '',
        ...doc.questions.map((q) => {
          const a = answers.find((x) => x.questionId === q.id)
          if (!a) return ''
          if (a.choices) return a.choices.map((c) => q.options[c]).join('、')
          if (a.rating) return `${a.rating} 分`
          return a.text ?? ''
        }),
      ])
    }
  }
  const content = await toBuffer(book)
  const { fileID, url } = await store(`exports/voices/${doc._id}/survey-${ctx.now.getTime()}.xlsx`, content)
  await audit(caller, 'voices.exportSurvey', doc._id, { answers: tally?.ballots ?? 0, fileID }, ctx.now)
  return { fileID, url, fileName: `${doc.title}结果.xlsx` }
}
