import { Readable } from 'node:stream'
import type { Workbook, Worksheet } from 'exceljs'
import { AppError } from '../../_shared/envelope'

/**
 * Spreadsheets in and out with exceljs (.xlsx, and .csv through its fast-csv reader). exceljs is
 * loaded only when a spreadsheet is handled, so the other actions do not pay for it at cold start.
 */

async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs')
  return new ExcelJS.Workbook()
}

export type SheetRows = { row: number; cells: string[] }[]

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

function startsWith(data: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => data[i] === b)
}

/**
 * The first worksheet as rows of trimmed text, numbered as the spreadsheet numbers them. An .xlsx is
 * recognised by its content (a zip), anything else is read as CSV text: UTF-8 (with or without BOM),
 * or GB18030 as Excel on Chinese Windows saves it.
 */
export async function readRows(data: Buffer): Promise<SheetRows> {
  if (startsWith(data, OLE)) throw new AppError('INVALID_ARGUMENT', '暂不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 或 .csv 后再导入')
  const workbook = await newWorkbook()
  let sheet: Worksheet | undefined
  try {
    if (startsWith(data, ZIP)) {
      await workbook.xlsx.load(data as unknown as ArrayBuffer)
      sheet = workbook.worksheets[0]
    } else {
      sheet = await workbook.csv.read(Readable.from([decodeText(data)]), { map: (value: unknown) => value } as never)
    }
  } catch (error) {
    console.warn('[quiz] unreadable spreadsheet', error)
    throw new AppError('INVALID_ARGUMENT', '无法读取这个文件，请使用导入模板（.xlsx 或 .csv）')
  }
  if (!sheet) return []
  const rows: SheetRows = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.text)
    })
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
  })
  return rows
}

function cellText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value).trim()
}

function decodeText(data: Buffer): string {
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return new TextDecoder('gb18030').decode(body)
  }
}

export interface TemplateColumn {
  header: string
  width: number
  note: string
  list?: string[]
}

/** A real .xlsx: the question sheet (headers with notes, drop-downs), instructions, and examples. */
export async function buildTemplate(columns: TemplateColumn[], instructions: string[], examples: string[][]): Promise<Buffer> {
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
        sheet.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${column.list.join(',')}"`] }
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
