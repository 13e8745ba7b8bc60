/** Reading a spreadsheet the app exported (a download, a file on disk) back in tests. */
import ExcelJS from 'exceljs'

/** The workbook in `bytes` (a fetch's arrayBuffer, or a file read into a Buffer). */
export async function readWorkbook(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  // A Buffer may be a view into a larger pool: copy exactly its bytes into their own ArrayBuffer.
  await book.xlsx.load(bytes instanceof Uint8Array ? new Uint8Array(bytes).buffer : bytes)
  return book
}

/** The named sheet; a test fails here when the export lacks it. */
export function worksheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name)
  if (!sheet) throw new Error(`no ${name} worksheet`)
  return sheet
}

/** Each row's stored values as strings ('' for an empty cell), from the first column. */
export function sheetValues(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = []
  sheet.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : []
    rows.push(Array.from(values, (v: unknown) => (v === null || v === undefined ? '' : String(v))))
  })
  return rows
}

/** Each row's cells as the spreadsheet shows them (`cell.text`, '' for an empty cell). */
export function sheetText(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = []
  sheet.eachRow((row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cell.text))
    rows.push(Array.from(cells, (c) => c ?? ''))
  })
  return rows
}

/** Column `index` of the rows below the header, sorted: what a sheet lists, whatever its order. */
export function sortedColumn(rows: string[][], index: number): string[] {
  return rows
    .slice(1)
    .map((row) => row[index])
    .sort()
}
