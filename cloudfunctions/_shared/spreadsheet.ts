import { Readable } from 'node:stream'
import type { CellValue, Workbook, Worksheet } from 'exceljs'
import { getCloud } from './cloud'
import { AppError } from './envelope'

/**
 * Spreadsheets in and out with exceljs, for every import (.xlsx, and .csv through its fast-csv reader)
 * and export (.xlsx). exceljs is loaded only when a spreadsheet is handled, so the other
 * actions do not pay for it at cold start.
 */
export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '支部通'
  workbook.created = new Date()
  return workbook
}

export interface SheetRow {
  /** The row number as the spreadsheet shows it (1 = first row). */
  row: number
  cells: string[]
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

function startsWith(data: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => data[i] === b)
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A cell as text; a date cell becomes 'YYYY-MM-DD' (exceljs gives dates at UTC midnight). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim()
    if ('result' in value) return cellText(value.result as CellValue)
    if ('text' in value) return String(value.text).trim()
    return ''
  }
  return String(value).trim()
}

function decodeText(data: Buffer): string {
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    // Excel on Chinese Windows saves CSV in the ANSI code page (GBK, a subset of GB18030).
    return new TextDecoder('gb18030').decode(body)
  }
}

/**
 * The first worksheet as rows of trimmed text, numbered as the spreadsheet numbers them. An .xlsx is
 * recognised by its content (a zip); anything else is read as CSV text, UTF-8 or GB18030.
 */
export async function readRows(data: Buffer): Promise<SheetRow[]> {
  if (startsWith(data, OLE)) throw new AppError('INVALID_ARGUMENT', '暂不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 或 .csv 后再导入')
  const workbook = await newWorkbook()
  let sheet: Worksheet | undefined
  try {
    if (startsWith(data, ZIP)) {
      await workbook.xlsx.load(data as unknown as ArrayBuffer)
      sheet = workbook.worksheets[0]
    } else {
      // `map` keeps every value as written: student numbers stay text, dates are parsed by us.
      sheet = await workbook.csv.read(Readable.from([decodeText(data)]), { map: (value: unknown) => value } as never)
    }
  } catch (error) {
    console.warn('[spreadsheet] unreadable spreadsheet', error)
    throw new AppError('INVALID_ARGUMENT', '无法读取这个文件，请使用导入模板（.xlsx 或 .csv）')
  }
  const rows: SheetRow[] = []
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value)
    })
    const filled = Array.from(cells, (c) => c ?? '')
    if (filled.some((c) => c !== '')) rows.push({ row: rowNumber, cells: filled })
  })
  return rows
}

/** Downloads an uploaded file from storage (refusing one that is too large). */
export async function download(fileID: string, maxBytes: number): Promise<Buffer> {
  let data: Buffer
  try {
    const res = await getCloud().downloadFile({ fileID })
    data = Buffer.from(res.fileContent as Buffer)
  } catch (error) {
    console.warn('[spreadsheet] download failed', error)
    throw new AppError('NOT_FOUND', '没有找到上传的文件，请重新上传')
  }
  if (data.length > maxBytes) throw new AppError('INVALID_ARGUMENT', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请分批导入`)
  return data
}

/** Puts a generated file into storage and answers a temporary download link. */
export async function store(cloudPath: string, content: Buffer): Promise<{ fileID: string; url: string }> {
  const cloud = getCloud()
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content })
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as { fileList: { tempFileURL?: string }[] }
  const url = res.fileList[0]?.tempFileURL
  if (!url) throw new AppError('INTERNAL', '文件生成失败，请稍后再试')
  return { fileID, url }
}

export async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
