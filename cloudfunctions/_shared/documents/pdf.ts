import { join } from 'node:path'
import { MM_TO_PT, PAGE_MM, POINTS, fieldsTable, gridTable, linePitch } from './model'
import type { Block, DocumentSpec, Table, TableRow } from './model'

/**
 * PDF in the same layout as the .docx, with the Chinese embedded: Noto Serif CJK SC for the body (in place
 * of 仿宋) and Noto Sans CJK SC Bold for the title and headings (in place of 小标宋 and 黑体), both cut
 * down to GB 2312 (`scripts/subset-cjk-fonts.ts`); pdfkit embeds only the glyphs a document uses.
 * The font files sit in `fonts/` beside this file, and `scripts/build-functions.ts` copies them beside
 * the bundle (`<function>/fonts/`) of every function that uses this module: both are `__dirname/fonts`.
 */
export const PDF_FONT_FILES = {
  body: 'NotoSerifCJKsc-Regular-GB2312.otf',
  bold: 'NotoSansCJKsc-Bold-GB2312.otf',
} as const

type PdfDoc = PDFKit.PDFDocument

/** Fonts are named by their paths: pdfkit reads each once per document and embeds the glyphs used. */
const FONTS = {
  body: join(__dirname, 'fonts', PDF_FONT_FILES.body),
  bold: join(__dirname, 'fonts', PDF_FONT_FILES.bold),
}

const pt = (millimetres: number) => millimetres * MM_TO_PT

/** Renders the document as a PDF in 公文 layout. */
export async function renderPdf(spec: DocumentSpec): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: pt(PAGE_MM.top), bottom: pt(PAGE_MM.bottom), left: pt(PAGE_MM.left), right: pt(PAGE_MM.right) },
    // A font of our own from the start, so pdfkit never loads its Latin-only standard fonts.
    font: FONTS.body,
    bufferPages: true,
    info: { Title: spec.title, Creator: '支部通', Producer: '支部通' },
    autoFirstPage: false,
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.addPage()
  const size = spec.bodySize ?? '三号'
  const renderer = new PdfRenderer(doc, POINTS[size], linePitch(size))
  for (const block of spec.blocks) renderer.block(block)
  if (spec.pageNumbers !== false) renderer.pageNumbers()
  doc.end()
  return done
}

class PdfRenderer {
  private readonly left = pt(PAGE_MM.left)
  private readonly width = pt(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right)
  /** Padding inside table cells. */
  private readonly pad = 4

  constructor(
    private readonly doc: PdfDoc,
    private readonly size: number,
    private readonly pitch: number,
  ) {}

  /** Selects a font and size, with the line gap that gives `pitch` from one baseline to the next. */
  private use(font: 'body' | 'bold', size: number, pitch: number): number {
    this.doc.font(FONTS[font]).fontSize(size)
    return Math.max(0, pitch - this.doc.currentLineHeight(false))
  }

  block(block: Block): void {
    const doc = this.doc
    doc.x = this.left
    switch (block.kind) {
      case 'title': {
        const lineGap = this.use('bold', POINTS.二号, POINTS.二号 * 1.5)
        doc.text(block.text, { align: 'center', width: this.width, lineGap })
        doc.y += this.pitch
        return
      }
      case 'heading': {
        const lineGap = this.use(block.level === 2 ? 'body' : 'bold', this.size, this.pitch)
        this.keepWithNext(2)
        doc.text(block.text, { width: this.width, indent: this.size * 2, lineGap })
        return
      }
      case 'paragraph': {
        const align = block.align ?? 'justify'
        const indent = block.indent ?? (align === 'justify' || align === 'left')
        const lineGap = this.use(block.bold ? 'bold' : 'body', this.size, this.pitch)
        doc.text(block.text, { width: this.width, align, indent: indent ? this.size * 2 : 0, lineGap })
        return
      }
      case 'fields':
        this.table(fieldsTable(block.fields, block.columns ?? 2))
        return
      case 'grid':
        this.table(gridTable(block.header, block.rows, block.widths))
        return
      case 'signature': {
        const lineGap = this.use('body', this.size, this.pitch)
        this.keepWithNext(block.lines.length + 1)
        doc.y += this.pitch
        for (const line of block.lines) {
          doc.x = this.left
          // The lines end two characters from the right margin, as the .docx does.
          doc.text(line, { width: this.width - this.size * 2, align: 'right', lineGap })
        }
        return
      }
      case 'cut': {
        this.keepWithNext(1)
        const y = doc.y + this.pitch / 2
        doc
          .save()
          .moveTo(this.left, y)
          .lineTo(this.left + this.width, y)
          .lineWidth(0.75)
          .dash(4, { space: 3 })
          .stroke()
          .undash()
          .restore()
        if (block.text) {
          this.use('body', POINTS.四号, POINTS.四号)
          const w = doc.widthOfString(block.text) + 8
          const h = doc.currentLineHeight(false)
          const x = this.left + (this.width - w) / 2
          doc
            .save()
            .rect(x, y - h / 2, w, h)
            .fill('#ffffff')
            .restore()
          doc.fillColor('#000000').text(block.text, x + 4, y - h / 2, { lineBreak: false })
        }
        doc.x = this.left
        doc.y = y + this.pitch / 2
        return
      }
      case 'pageBreak':
        doc.addPage()
        return
    }
  }

  /** Starts a new page unless `lines` more body lines fit on this one (no heading alone at a page's foot). */
  private keepWithNext(lines: number): void {
    if (this.doc.y + lines * this.pitch > this.bottom()) this.doc.addPage()
  }

  private bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  /** Draws a table a row at a time, starting a new page (and repeating `header`) when a row does not fit. */
  private table({ header, rows, widths: columns }: Table): void {
    const doc = this.doc
    const lineGap = this.use('body', this.size, this.size * 1.3)
    const xs = [this.left]
    for (const f of columns) xs.push(xs[xs.length - 1] + f * this.width)
    const layout = (row: TableRow) => {
      let column = 0
      const placed = row.cells.map((cell) => {
        const x = xs[column]
        const w = xs[Math.min(column + cell.span, columns.length)] - x
        column += cell.span
        doc.font(cell.bold ? FONTS.bold : FONTS.body)
        const h = doc.heightOfString(cell.text || ' ', { width: w - 2 * this.pad, lineGap })
        return { cell, x, w, h }
      })
      const minHeight = row.lines * this.size * 1.6
      return { placed, height: Math.max(minHeight, ...placed.map((p) => p.h + 2 * this.pad)) }
    }
    const draw = (row: TableRow) => {
      const { placed, height } = layout(row)
      if (doc.y + height > this.bottom() && doc.y > doc.page.margins.top + 1) {
        doc.addPage()
        if (header && row !== header) draw(header)
      }
      const top = doc.y
      for (const { cell, x, w, h } of placed) {
        doc.save().lineWidth(0.75).rect(x, top, w, height).stroke().restore()
        doc.font(cell.bold ? FONTS.bold : FONTS.body)
        doc.text(cell.text, x + this.pad, top + (height - h) / 2 + this.pad, {
          width: w - 2 * this.pad,
          align: cell.align,
          lineGap,
        })
      }
      doc.x = this.left
      doc.y = top + height
    }
    for (const row of header ? [header, ...rows] : rows) draw(row)
    doc.y += this.pitch / 2
  }

  /** "— n —" in 四号, 7 mm below the text area (GB/T 9704), on every page. */
  pageNumbers(): void {
    const doc = this.doc
    const range = doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      const bottomMargin = doc.page.margins.bottom
      // Writing inside the bottom margin would otherwise start a new page.
      doc.page.margins.bottom = 0
      this.use('body', POINTS.四号, POINTS.四号)
      doc.text(`— ${i - range.start + 1} —`, this.left, doc.page.height - bottomMargin + pt(7), {
        width: this.width,
        align: 'center',
        lineBreak: false,
      })
      doc.page.margins.bottom = bottomMargin
    }
  }
}
