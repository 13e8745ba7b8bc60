import { Readable } from 'node:stream'
import { inflateRawSync } from 'node:zlib'
import type { CellValue, Row, Workbook, Worksheet } from 'exceljs'
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
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim()
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

export interface ReadLimits {
  /** Rows (non-empty, header included) past which the file is refused without reading further. */
  maxRows: number
  /** What the person is told when there are more rows than that. */
  tooManyRows: string
}

/** What an .xlsx may unpack to: an import template with its rows is a few MB at most. */
const MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
const MAX_ZIP_ENTRIES = 200
const TOO_BIG_UNZIPPED = '这个 Excel 文件解压后过大，不像是导入模板，请使用导入模板（.xlsx 或 .csv）'

/**
 * The first worksheet as rows of trimmed text, numbered as the spreadsheet numbers them. An .xlsx is
 * recognised by its content (a zip); anything else is read as CSV text, UTF-8 or GB18030. An .xlsx is
 * first checked against what it unpacks to (`assertSmallZip`), then read as a stream that stops as soon
 * as there are more rows than `limits.maxRows`: a hostile file costs a few MB and milliseconds.
 */
export async function readRows(data: Buffer, limits: ReadLimits): Promise<SheetRow[]> {
  if (startsWith(data, OLE))
    throw new AppError('INVALID_ARGUMENT', '暂不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 或 .csv 后再导入')
  if (startsWith(data, ZIP)) {
    assertSmallZip(data)
    return readXlsxRows(data, limits)
  }
  return readCsvRows(data, limits)
}

/** Collects non-empty rows, refusing once there are more than the limit. */
function rowCollector(limits: ReadLimits): { rows: SheetRow[]; add: (rowNumber: number, cells: string[]) => void } {
  const rows: SheetRow[] = []
  return {
    rows,
    add(rowNumber, cells) {
      const filled = Array.from(cells, (c) => c ?? '')
      if (!filled.some((c) => c !== '')) return
      if (rows.length >= limits.maxRows) throw new AppError('INVALID_ARGUMENT', limits.tooManyRows)
      rows.push({ row: rowNumber, cells: filled })
    },
  }
}

function rowCells(row: Row): string[] {
  const cells: string[] = []
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cells[col - 1] = cellText(cell.value)
  })
  return cells
}

async function readXlsxRows(data: Buffer, limits: ReadLimits): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import('exceljs')
  const input = Readable.from([data])
  // Styles are read so date cells come back as dates; the first worksheet only, row by row.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  const { rows, add } = rowCollector(limits)
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<Row>) add(row.number, rowCells(row))
      break
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    console.warn('[spreadsheet] unreadable spreadsheet', error)
    throw new AppError('INVALID_ARGUMENT', '无法读取这个文件，请使用导入模板（.xlsx 或 .csv）')
  } finally {
    input.destroy()
  }
  return rows
}

async function readCsvRows(data: Buffer, limits: ReadLimits): Promise<SheetRow[]> {
  const workbook = await newWorkbook()
  let sheet: Worksheet | undefined
  try {
    // `map` keeps every value as written: student numbers stay text, dates are parsed by us.
    sheet = await workbook.csv.read(Readable.from([decodeText(data)]), { map: (value: unknown) => value } as never)
  } catch (error) {
    console.warn('[spreadsheet] unreadable spreadsheet', error)
    throw new AppError('INVALID_ARGUMENT', '无法读取这个文件，请使用导入模板（.xlsx 或 .csv）')
  }
  const { rows, add } = rowCollector(limits)
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => add(rowNumber, rowCells(row)))
  return rows
}

/**
 * Refuses a zip that unpacks to more than MAX_UNZIPPED_BYTES, before any parser sees it: the sizes the
 * central directory declares are summed, and each entry is then inflated with its declared size as a hard
 * cap, so a file that lies about its sizes is caught too (zip bombs: a 1 MB .xlsx can expand to 256 MB).
 */
export function assertSmallZip(data: Buffer): void {
  const entries = zipEntries(data)
  const declared = entries.reduce((sum, e) => sum + e.size, 0)
  if (entries.length > MAX_ZIP_ENTRIES || declared > MAX_UNZIPPED_BYTES)
    throw new AppError('INVALID_ARGUMENT', TOO_BIG_UNZIPPED)
  for (const entry of entries) {
    const start = entry.dataOffset
    const packed = data.subarray(start, start + entry.packedSize)
    if (packed.length !== entry.packedSize) throw unreadable()
    if (entry.method === 0) {
      if (entry.packedSize !== entry.size) throw new AppError('INVALID_ARGUMENT', TOO_BIG_UNZIPPED)
      continue
    }
    if (entry.method !== 8) throw unreadable()
    let unpacked: Buffer
    try {
      unpacked = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) })
    } catch (error) {
      if (error instanceof RangeError) throw new AppError('INVALID_ARGUMENT', TOO_BIG_UNZIPPED)
      throw unreadable()
    }
    if (unpacked.length !== entry.size) throw unreadable()
  }
}

interface ZipEntry {
  method: number
  packedSize: number
  size: number
  dataOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** The entries of a zip's central directory (APPNOTE 4.3.12, 4.3.16); Zip64 is refused (no template needs it). */
function zipEntries(data: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(data)
  const count = data.readUInt16LE(end + 10)
  let at = data.readUInt32LE(end + 16)
  if (count === 0xffff || at === 0xffffffff) throw new AppError('INVALID_ARGUMENT', TOO_BIG_UNZIPPED)
  if (count > MAX_ZIP_ENTRIES) throw new AppError('INVALID_ARGUMENT', TOO_BIG_UNZIPPED)
  const entries: ZipEntry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw unreadable()
    const packedSize = data.readUInt32LE(at + 20)
    const size = data.readUInt32LE(at + 24)
    if (packedSize === 0xffffffff || size === 0xffffffff) throw new AppError('INVALID_ARGUMENT', TOO_BIG_UNZIPPED)
    const local = data.readUInt32LE(at + 42)
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL) throw unreadable()
    const dataOffset = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28)
    entries.push({ method: data.readUInt16LE(at + 10), packedSize, size, dataOffset })
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32)
  }
  return entries
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === EOCD) return at
  }
  throw unreadable()
}

function unreadable(): AppError {
  return new AppError('INVALID_ARGUMENT', '无法读取这个文件，请使用导入模板（.xlsx 或 .csv）')
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
  if (data.length > maxBytes)
    throw new AppError('INVALID_ARGUMENT', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请分批导入`)
  return data
}

/** Puts a generated file into storage and answers a temporary download link. */
export async function store(cloudPath: string, content: Buffer): Promise<{ fileID: string; url: string }> {
  const cloud = getCloud()
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content })
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as {
    fileList: { tempFileURL?: string }[]
  }
  const url = res.fileList[0]?.tempFileURL
  if (!url) throw new AppError('INTERNAL', '文件生成失败，请稍后再试')
  return { fileID, url }
}

export async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The first cells of a numbered row about a member (序号, 姓名, 班级, 身份), as every member list export starts. */
export function memberCells(index: number, m: { name: string; className: string; stageLabel: string }): CellValue[] {
  return [index + 1, m.name, m.className, m.stageLabel]
}

/** An export's title: one large bold row merged across the first `width` columns, centred. */
export function addTitleRow(ws: Worksheet, text: string, width: number, size = 16): Row {
  const row = ws.addRow([text])
  ws.mergeCells(row.number, 1, row.number, width)
  row.font = { size, bold: true }
  row.alignment = { horizontal: 'center' }
  return row
}

/** A table's header row: bold, tinted, ruled below (the same in every export). */
export function addHeaderRow(ws: Worksheet, cells: readonly string[]): Row {
  const row = ws.addRow([...cells])
  row.font = { bold: true }
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDF0F0' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  return row
}
