/**
 * A document described once, as data, and rendered to .docx (`renderDocx`) or PDF (`renderPdf`) in the
 * layout of Party documents (公文, GB/T 9704): A4, margins top 37 / bottom 35 / left 28 / right 26 mm,
 * title in 方正小标宋 二号, headings in 黑体 (level 1) and 楷体 (level 2), body in 仿宋_GB2312 三号 or 四号.
 */

/** One key–value pair of a form (登记表): the label cell and the value written beside it. */
export interface Field {
  label: string
  /** May hold several lines ('\n'); an empty value leaves the cell blank to be filled in by hand. */
  value: string
  /** Takes the whole row of the form (long text such as 培养考察意见). */
  wide?: boolean
  /** Lowest height of the value, in body lines (room for handwriting). Default 1. */
  minLines?: number
}

export type Align = 'left' | 'center' | 'right' | 'justify'

export type Block =
  /** The document's title: 方正小标宋 二号, centred. */
  | { kind: 'title'; text: string }
  /** A heading: level 1 黑体 (一、), level 2 楷体 (（一）); body size. */
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  /** Body text; first line indented two characters unless `indent: false` or aligned otherwise. */
  | { kind: 'paragraph'; text: string; align?: Align; indent?: boolean; bold?: boolean }
  /** A form: label/value pairs, `columns` pairs to a row (default 2); a `wide` field takes a row of its own. */
  | { kind: 'fields'; fields: Field[]; columns?: 1 | 2 | 3 }
  /** A grid with a header row, e.g. a list of 培养联系人 or of dates; `widths` are relative. */
  | { kind: 'grid'; header: string[]; rows: string[][]; widths?: number[] }
  /** Signature and date lines, right-aligned (党支部（盖章）, 支部书记（签字）, 2026年12月7日). */
  | { kind: 'signature'; lines: string[] }
  /** A dashed cutting line across the page with a note in its middle, e.g. between 存根 and 正文 (骑缝). */
  | { kind: 'cut'; text?: string }
  | { kind: 'pageBreak' }

export type BodySize = '三号' | '四号'

export interface DocumentSpec {
  /** Stored in the file's properties (not printed; add a `title` block for that). */
  title: string
  /** 三号 (16 pt) for letters and reports, 四号 (14 pt) for dense forms. Default 三号. */
  bodySize?: BodySize
  /** "— 1 —" at the foot of every page. Default true. */
  pageNumbers?: boolean
  blocks: Block[]
}

/** Chinese type sizes in points. */
export const POINTS = { 二号: 22, 三号: 16, 四号: 14 } as const

/** Page and margins in millimetres (GB/T 9704-2012). */
export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const

/** Font names written into the .docx; Word falls back to a similar face where one is missing. */
export const DOCX_FONTS = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  /** Latin letters and digits beside the Chinese. */
  latin: 'Times New Roman',
  pageNumber: '宋体',
} as const

/** Line pitch of body text: 22 lines to the page for 三号 (GB/T 9704), the same ratio for 四号. */
export function linePitch(size: BodySize): number {
  return Math.round(POINTS[size] * 1.8 * 10) / 10
}

export const MM_TO_PT = 72 / 25.4

/** A table cell as both renderers draw it; `span` counts grid columns. */
export interface TableCell {
  text: string
  align: Align
  span: number
  bold?: boolean
}

/** A table row: its cells and its least height in body lines (a line being 1.6 × the body size). */
export interface TableRow {
  cells: TableCell[]
  lines: number
}

/**
 * A `fields` or `grid` block as the table both renderers draw: `header` (a grid's, repeated on each page)
 * or null (a form's), the rows, and the columns' widths as fractions of the text width.
 */
export interface Table {
  header: TableRow | null
  rows: TableRow[]
  widths: number[]
}

/**
 * A form in a grid of `columns` label/value pairs: labels narrower than values, each value beside its label,
 * the last value of a row stretched over what the row leaves empty, a `wide` field alone on its row.
 */
export function fieldsTable(fields: readonly Field[], columns: number): Table {
  const rows = fieldRows(fields, columns).map(
    (row): TableRow => ({
      lines: Math.max(...row.map((f) => f.minLines ?? 1)),
      cells: row.flatMap((field, i): TableCell[] => [
        { text: field.label, align: 'center', span: 1 },
        { text: field.value, align: 'left', span: i === row.length - 1 ? 1 + 2 * (columns - row.length) : 1 },
      ]),
    }),
  )
  // Each label 2 parts of the width, each value 3.
  return { header: null, rows, widths: fractions(columns * 2, Array.from({ length: columns }, () => [2, 3]).flat()) }
}

/** A grid: a bold header row, every cell centred, a missing cell left blank. */
export function gridTable(header: readonly string[], rows: readonly string[][], widths?: readonly number[]): Table {
  const cell = (text: string, bold?: boolean): TableCell => ({ text, align: 'center', span: 1, bold })
  return {
    header: { lines: 1, cells: header.map((text) => cell(text, true)) },
    rows: rows.map((row) => ({ lines: 1, cells: header.map((_, i) => cell(row[i] ?? '')) })),
    widths: fractions(header.length, widths),
  }
}

/** A `fields` block as table rows: each row a list of fields, `wide` ones alone on theirs. */
function fieldRows(fields: readonly Field[], columns: number): Field[][] {
  const rows: Field[][] = []
  let row: Field[] = []
  for (const field of fields) {
    if (field.wide) {
      if (row.length > 0) rows.push(row)
      rows.push([field])
      row = []
      continue
    }
    row.push(field)
    if (row.length === columns) {
      rows.push(row)
      row = []
    }
  }
  if (row.length > 0) rows.push(row)
  return rows
}

/** Relative widths normalised to fractions of 1 (equal when none or the wrong count are given). */
function fractions(count: number, widths?: readonly number[]): number[] {
  const w =
    widths && widths.length === count && widths.every((x) => x > 0) ? widths : Array.from({ length: count }, () => 1)
  const total = w.reduce((a, b) => a + b, 0)
  return w.map((x) => x / total)
}
