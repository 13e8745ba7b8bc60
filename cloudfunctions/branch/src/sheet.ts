import type { Workbook, Worksheet } from 'exceljs'

/** A sheet with a bold, tinted, frozen header row and the given column widths. */
export function addTable(
  workbook: Workbook,
  name: string,
  headers: { header: string; width: number }[],
  title?: string,
): Worksheet {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: title ? 2 : 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: headers.length > 8 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  })
  ws.columns = headers.map((h) => ({ width: h.width }))
  if (title) {
    const row = ws.addRow([title])
    ws.mergeCells(row.number, 1, row.number, headers.length)
    row.font = { size: 14, bold: true }
    row.alignment = { horizontal: 'center' }
  }
  const header = ws.addRow(headers.map((h) => h.header))
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDF0F0' } }
    cell.border = { bottom: { style: 'thin' } }
    cell.alignment = { vertical: 'middle', wrapText: true }
  })
  return ws
}
