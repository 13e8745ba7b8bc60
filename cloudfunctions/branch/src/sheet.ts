import type { Workbook, Worksheet } from 'exceljs'
import { addHeaderRow, addTitleRow } from '../../_shared/spreadsheet'

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
  if (title) addTitleRow(ws, title, headers.length, 14)
  const header = addHeaderRow(
    ws,
    headers.map((h) => h.header),
  )
  header.eachCell((cell) => {
    cell.alignment = { vertical: 'middle', wrapText: true }
  })
  return ws
}
