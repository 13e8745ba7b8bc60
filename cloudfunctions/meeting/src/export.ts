import { ATTENDANCE_LABELS, OPEN_ATTENDANCE_LABELS } from '../../_shared/attendance'
import { audit } from '../../_shared/audit'
import { MEETING_TYPE_LABELS } from '../../_shared/domain'
import type { CallContext } from '../../_shared/handler'
import { addHeaderRow, addTitleRow, newWorkbook, store, toBuffer } from '../../_shared/spreadsheet'
import { chinaDateTime, clockTime } from '../../_shared/time'
import { callerWithMeeting, requireMeetingManager } from './access'
import type { AttendanceRow, AttendanceSheet, CheckInMethod, ExportResult } from './contract'
import { phaseOf, type MeetingDoc } from './model'
import { loadSheet } from './sheet'

export const METHOD_LABELS: Record<CheckInMethod, string> = {
  code: '输入签到码',
  scan: '扫码签到',
  hand: '书记补签',
  online: '线上确认',
}

/** The header every export has, in this order (tests and importers rely on it). */
export const SHEET_COLUMNS = ['序号', '姓名', '班级', '出勤', '签到时间', '签到方式', '请假事由'] as const

/** The attendance sheet as a workbook: a title block, then one row per expected member. */
export async function attendanceWorkbook(meeting: MeetingDoc, sheet: AttendanceSheet, now: Date): Promise<Buffer> {
  const final = isFinal(meeting, now)
  const labels = final ? ATTENDANCE_LABELS : OPEN_ATTENDANCE_LABELS
  // exceljs loads on demand inside newWorkbook: check-in cold starts don't pay for it.
  const book = await newWorkbook()
  const ws = book.addWorksheet('签到表', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 },
  })
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 16 }, { width: 8 }, { width: 12 }, { width: 12 }, { width: 30 }]

  addTitleRow(ws, `${meeting.branchName} ${MEETING_TYPE_LABELS[meeting.type]}签到表`, SHEET_COLUMNS.length)
  for (const [label, value] of [
    ['会议主题', meeting.title],
    ['会议时间', `${chinaDateTime(meeting.startAt)} 至 ${clockTime(meeting.endAt).slice(0, 5)}`],
    ['会议地点', meeting.place],
    [
      '出勤统计',
      `应到 ${sheet.counts.expected} 人，实到 ${sheet.counts.present} 人，请假 ${sheet.counts.leave} 人，${labels.absent} ${sheet.counts.missing} 人`,
    ],
    ['导出时间', `${chinaDateTime(now)}${final ? '' : '（签到尚未结束，未签到的人仍可能到场）'}`],
  ]) {
    const row = ws.addRow([label, value])
    ws.mergeCells(row.number, 2, row.number, SHEET_COLUMNS.length)
    row.getCell(1).font = { bold: true }
  }
  ws.addRow([])
  addHeaderRow(ws, SHEET_COLUMNS)
  sheet.rows.forEach((r, i) => ws.addRow(rowValues(r, i + 1, labels)))
  return toBuffer(book)
}

/** Absence is final only once the meeting is over and check-in has closed, as the app's phase says. */
function isFinal(meeting: MeetingDoc, now: Date): boolean {
  const phase = phaseOf(meeting, now)
  return phase === 'ended' || phase === 'cancelled'
}

function rowValues(r: AttendanceRow, n: number, labels: Record<AttendanceRow['status'], string>): (string | number)[] {
  return [
    n,
    r.name,
    r.className,
    labels[r.status],
    r.checkedInAt ? clockTime(r.checkedInAt) : '',
    r.method ? METHOD_LABELS[r.method] : '',
    r.leave && r.leave.status === 'approved' ? r.leave.reason : '',
  ]
}

/**
 * Exports the sheet as .xlsx into storage and answers a temporary download link, audited. The caller
 * with the meeting, two sheet reads, audit: four database requests (storage is not the database).
 */
export async function exportAttendance(params: { meetingId: string }, ctx: CallContext): Promise<ExportResult> {
  const { caller, meeting } = await callerWithMeeting(ctx, params.meetingId)
  requireMeetingManager(caller, meeting)
  const sheet = await loadSheet(meeting)
  const content = await attendanceWorkbook(meeting, sheet, ctx.now)
  const cloudPath = `exports/meetings/${meeting._id}/attendance-${ctx.now.getTime()}.xlsx`
  const { fileID, url } = await store(cloudPath, content)
  const day = chinaDateTime(meeting.startAt).split(' ')[0]
  // Names and attendance of members leave the system: recorded like every export.
  await audit(
    caller,
    'meeting.exportAttendance',
    meeting._id,
    { title: meeting.title, rows: sheet.rows.length, fileID },
    ctx.now,
  )
  return { fileID, url, fileName: `${meeting.title}签到表（${day}）.xlsx` }
}
