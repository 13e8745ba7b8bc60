import { newWorkbook, type SheetRow } from '../../_shared/spreadsheet'

/**
 * Spreadsheets in and out with exceljs (.xlsx, and .csv through its fast-csv reader). exceljs is
 * loaded only when a spreadsheet is handled, so the other actions do not pay for it at cold start.
 */

export type SheetRows = SheetRow[]

export interface TemplateColumn {
  header: string
  width: number
  note: string
  list?: string[]
}

/** A real .xlsx: the question sheet (headers with notes, drop-downs), instructions, and examples. */
export async function buildTemplate(
  columns: TemplateColumn[],
  instructions: string[],
  examples: string[][],
): Promise<Buffer> {
  const workbook = await newWorkbook()
  workbook.creator = '支部通'
  const sheet = workbook.addWorksheet('题目', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }))
  const header = sheet.getRow(1)
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  header.height = 22
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1)
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC8161D' } }
    cell.alignment = { vertical: 'middle', horizontal: 'center' }
    cell.note = column.note
    if (column.list) {
      for (let r = 2; r <= 501; r++) {
        sheet.getCell(r, i + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${column.list.join(',')}"`],
        }
      }
    }
  })

  const help = workbook.addWorksheet('填写说明')
  help.getColumn(1).width = 100
  instructions.forEach((line, i) => {
    const cell = help.getCell(i + 1, 1)
    cell.value = line
    cell.alignment = { wrapText: true, vertical: 'top' }
    if (i === 0) cell.font = { bold: true, size: 14 }
  })

  // Examples live on their own sheet, so a forgotten example row is never imported.
  const sample = workbook.addWorksheet('示例')
  sample.columns = columns.map((c) => ({ header: c.header, width: c.width }))
  sample.getRow(1).font = { bold: true }
  for (const values of examples) sample.addRow(values)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
