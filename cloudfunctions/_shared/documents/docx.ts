import type * as DocxModule from 'docx'
import type { Paragraph as DocxParagraph, Table as DocxTable, TableCell as DocxTableCell } from 'docx'
import { DOCX_FONTS, PAGE_MM, POINTS, fieldsTable, gridTable, linePitch } from './model'
import type { Align, Block, DocumentSpec, Table, TableCell, TableRow } from './model'

/** docx is loaded only when a document is rendered, so the other actions do not pay for it at cold start. */
type Docx = typeof DocxModule

const TWIPS_PER_PT = 20
const mm = (value: number) => Math.round((value * 1440) / 25.4)

/** Renders the document as a Word file (.docx) in 公文 layout. */
export async function renderDocx(spec: DocumentSpec): Promise<Buffer> {
  const d: Docx = await import('docx')
  const size = spec.bodySize ?? '三号'
  const r = new DocxRenderer(d, POINTS[size], linePitch(size))
  const children = spec.blocks.flatMap((block) => r.block(block))
  const footer = new d.Footer({
    children: [
      new d.Paragraph({
        alignment: d.AlignmentType.CENTER,
        children: [
          new d.TextRun({ text: '— ', font: DOCX_FONTS.pageNumber, size: POINTS.四号 * 2 }),
          new d.TextRun({ children: [d.PageNumber.CURRENT], font: DOCX_FONTS.pageNumber, size: POINTS.四号 * 2 }),
          new d.TextRun({ text: ' —', font: DOCX_FONTS.pageNumber, size: POINTS.四号 * 2 }),
        ],
      }),
    ],
  })
  const doc = new d.Document({
    creator: '支部通',
    title: spec.title,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, eastAsia: DOCX_FONTS.body, cs: DOCX_FONTS.latin },
            size: POINTS[size] * 2,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: Math.round(linePitch(size) * TWIPS_PER_PT), lineRule: d.LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE_MM.width), height: mm(PAGE_MM.height) },
            margin: {
              top: mm(PAGE_MM.top),
              bottom: mm(PAGE_MM.bottom),
              left: mm(PAGE_MM.left),
              right: mm(PAGE_MM.right),
              footer: mm(PAGE_MM.bottom - 7),
            },
          },
        },
        footers: spec.pageNumbers === false ? undefined : { default: footer },
        children,
      },
    ],
  })
  return d.Packer.toBuffer(doc)
}

class DocxRenderer {
  /** Text width of the page in twips. */
  private readonly width = mm(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right)

  constructor(
    private readonly d: Docx,
    /** Body size in points. */
    private readonly size: number,
    private readonly pitch: number,
  ) {}

  block(block: Block): (DocxParagraph | DocxTable)[] {
    const d = this.d
    switch (block.kind) {
      case 'title':
        return [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            spacing: {
              after: Math.round(this.pitch * TWIPS_PER_PT),
              line: Math.round(POINTS.二号 * 1.5 * TWIPS_PER_PT),
              lineRule: d.LineRuleType.EXACT,
            },
            children: this.runs(block.text, { font: DOCX_FONTS.title, size: POINTS.二号 }),
          }),
        ]
      case 'heading':
        return [
          new d.Paragraph({
            indent: { firstLine: this.size * 2 * TWIPS_PER_PT },
            keepNext: true,
            children: this.runs(block.text, { font: block.level === 2 ? DOCX_FONTS.heading2 : DOCX_FONTS.heading1 }),
          }),
        ]
      case 'paragraph': {
        const align = block.align ?? 'justify'
        const indent = block.indent ?? (align === 'justify' || align === 'left')
        return [
          new d.Paragraph({
            alignment: this.alignment(align),
            indent: indent ? { firstLine: this.size * 2 * TWIPS_PER_PT } : undefined,
            children: this.runs(block.text, { bold: block.bold }),
          }),
        ]
      }
      case 'fields':
        return [this.table(fieldsTable(block.fields, block.columns ?? 2))]
      case 'grid':
        return [this.table(gridTable(block.header, block.rows, block.widths))]
      case 'signature':
        return block.lines.map(
          (line, i) =>
            new d.Paragraph({
              alignment: d.AlignmentType.RIGHT,
              // Room above for the seal; the lines end two characters from the right margin.
              spacing: i === 0 ? { before: Math.round(this.pitch * TWIPS_PER_PT) } : undefined,
              indent: { right: this.size * 2 * TWIPS_PER_PT },
              keepNext: i < block.lines.length - 1,
              children: this.runs(line),
            }),
        )
      case 'cut':
        return [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            spacing: {
              before: Math.round(this.pitch * TWIPS_PER_PT * 0.5),
              after: Math.round(this.pitch * TWIPS_PER_PT * 0.5),
            },
            border: { bottom: { style: d.BorderStyle.DASHED, size: 6, color: '000000', space: 1 } },
            children: this.runs(block.text ?? '', { size: POINTS.四号 }),
          }),
        ]
      case 'pageBreak':
        return [new d.Paragraph({ children: [new d.PageBreak()] })]
    }
  }

  /** Text as runs, '\n' as line breaks. */
  private runs(text: string, style: { font?: string; size?: number; bold?: boolean } = {}) {
    const d = this.d
    return text.split('\n').map(
      (line, i) =>
        new d.TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          bold: style.bold,
          size: style.size ? style.size * 2 : undefined,
          font: style.font ? { ascii: style.font, hAnsi: style.font, eastAsia: style.font } : undefined,
        }),
    )
  }

  private alignment(align: Align) {
    const a = this.d.AlignmentType
    return { left: a.LEFT, center: a.CENTER, right: a.RIGHT, justify: a.JUSTIFIED }[align]
  }

  /** A paragraph inside a table cell: single spacing, so forms stay compact. */
  private cellParagraph(text: string, align: Align, bold = false): DocxParagraph {
    const d = this.d
    return new d.Paragraph({
      alignment: this.alignment(align),
      spacing: { line: Math.round(this.size * 1.3 * TWIPS_PER_PT), lineRule: d.LineRuleType.AT_LEAST },
      children: this.runs(text, { bold }),
    })
  }

  private cell({ text, align, span, bold }: TableCell): DocxTableCell {
    const d = this.d
    return new d.TableCell({
      columnSpan: span > 1 ? span : undefined,
      verticalAlign: d.VerticalAlignTable.CENTER,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      children: [this.cellParagraph(text, align, bold)],
    })
  }

  /**
   * A form's rows grow to their fields' lines; a grid's rows are kept whole on a page, under its header
   * repeated on every page.
   */
  private table({ header, rows, widths }: Table): DocxTable {
    const d = this.d
    const children = (row: TableRow) => row.cells.map((cell) => this.cell(cell))
    const height = (row: TableRow) => ({
      value: Math.round(row.lines * this.size * 1.6 * TWIPS_PER_PT),
      rule: d.HeightRule.ATLEAST,
    })
    return new d.Table({
      width: { size: this.width, type: d.WidthType.DXA },
      columnWidths: widths.map((f) => Math.round(f * this.width)),
      rows: header
        ? [
            new d.TableRow({ tableHeader: true, children: children(header) }),
            ...rows.map((row) => new d.TableRow({ cantSplit: true, children: children(row) })),
          ]
        : rows.map((row) => new d.TableRow({ height: height(row), children: children(row) })),
    })
  }
}
