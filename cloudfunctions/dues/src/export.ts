import { audit } from '../../_shared/audit'
import type { CallContext } from '../../_shared/handler'
import { addHeaderRow, addTitleRow, memberCells, newWorkbook, store, toBuffer } from '../../_shared/spreadsheet'
import { chinaMonth } from '../../_shared/time'
import { branchRows, loadBranch } from './branch'
import type { ExportResult } from './contract'
import { monthLabel } from './rules'

const yuan = (fen: number): number => Math.round(fen) / 100

/** The branch's dues as .xlsx (members and what they owe; the year's monthly totals), audited. */
export async function exportBranch(
  params: { branchId?: string; year?: number },
  ctx: CallContext,
): Promise<ExportResult> {
  const year = params.year ?? Number(chinaMonth(ctx.now).slice(0, 4))
  const { caller, data } = await loadBranch(ctx, params.branchId, year)
  const rows = branchRows(data, ctx.now)
  const book = await newWorkbook()
  const ws = book.addWorksheet('党费交纳情况')
  ws.columns = [
    { width: 6 },
    { width: 12 },
    { width: 16 },
    { width: 10 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
  ]
  const headers = ['序号', '姓名', '班级', '身份', '月党费（元）', '未交月数', '欠交金额（元）', '最近交至']
  addTitleRow(ws, `${data.branch.name} 党费交纳情况（${year}年）`, headers.length)
  addHeaderRow(ws, headers)
  rows.forEach((r, i) =>
    ws.addRow([
      ...memberCells(i, r),
      yuan(r.monthlyFen),
      r.behind,
      yuan(r.owedFen),
      r.lastPaidMonth ? monthLabel(r.lastPaidMonth) : '未交',
    ]),
  )
  const totals = book.addWorksheet('按月收缴')
  totals.columns = [{ width: 12 }, { width: 12 }, { width: 12 }]
  totals.addRow(['月份', '笔数', '金额（元）']).font = { bold: true }
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`
    const inMonth = data.payments.filter((p) => p.receivedMonth === month)
    totals.addRow([monthLabel(month), inMonth.length, yuan(inMonth.reduce((s, p) => s + p.amountFen, 0))])
  }
  const { fileID, url } = await store(
    `exports/dues/${data.branch._id}-${year}-${ctx.now.getTime()}.xlsx`,
    await toBuffer(book),
  )
  await audit(caller, 'dues.exportBranch', data.branch._id, { year, rows: rows.length, fileID }, ctx.now)
  return { fileID, url, fileName: `${data.branch.name}党费交纳情况（${year}年）.xlsx` }
}
