import { attendanceStatus, tallyAttendance, type AttendanceStatus } from '../../_shared/attendance'
import { command, insert } from '../../_shared/db'
import { MEETING_TYPE_LABELS, STAGE_LABELS } from '../../_shared/domain'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import {
  CALENDAR_STATE_LABELS,
  calendarState,
  owedPeriods,
  periodOf,
  shiftPeriod,
  type Period,
  type ReportStatus,
} from '../../_shared/periods'
import { chinaDay } from '../../_shared/time'
import type { ExportKind, ExportResult } from './contract'
import { aggregate, findAll, loadWorkspace, requireManager, scopeBranch, type Workspace } from './context'
import { approvedLeaveIds, meetingCounts, meetingsWithRecords } from './dashboard'
import { ROSTER_COLUMNS } from './importer'
import { branchName } from './model'
import { auditEntry } from '../../_shared/audit'
import { newWorkbook, store, toBuffer } from '../../_shared/spreadsheet'
import { addTable } from './sheet'
import type { Workbook, Worksheet } from 'exceljs'

/**
 * .xlsx exports for the paper work: the roster with stages and dates (the import template's columns,
 * so an export can be edited and imported again), report status per period, attendance per meeting.
 * Requests: workspace, members, and the reports or meetings of the scope; the file goes to storage
 * and comes back as a temporary link. Exports of personal data are audited.
 */

type RosterMember = Pick<
  MemberDoc,
  '_id' | 'studentNo' | 'name' | 'gender' | 'className' | 'branchId' | 'stage' | 'stageDates' | 'openid' | 'roles'
>

const ROSTER_FIELDS = {
  studentNo: 1,
  name: 1,
  gender: 1,
  className: 1,
  branchId: 1,
  stage: 1,
  stageDates: 1,
  openid: 1,
  roles: 1,
} as const
const REPORT_WINDOW = 4

function pct(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—'
}

function byBranchThenNo(branches: BranchDoc[]) {
  const order = new Map(branches.map((b, i) => [b._id, i]))
  return (a: Pick<MemberDoc, 'branchId' | 'studentNo'>, b: Pick<MemberDoc, 'branchId' | 'studentNo'>) =>
    (order.get(a.branchId ?? '') ?? 999) - (order.get(b.branchId ?? '') ?? 999) ||
    a.studentNo.localeCompare(b.studentNo)
}

/** A column of a fixed table: its header, its width and the cell it shows for one row. */
interface Column<T> {
  header: string
  width: number
  cell: (row: T) => string | number
}

/** A table with one row per item of `rows`, each cell from its column. */
function addColumns<T>(workbook: Workbook, name: string, columns: Column<T>[], rows: T[]): Worksheet {
  const sheet = addTable(workbook, name, columns)
  for (const row of rows) sheet.addRow(columns.map((c) => c.cell(row)))
  return sheet
}

/** What each sheet is made from: the workspace, the scope's members in roster order, the scope as a query, its name. */
interface SheetInput {
  ws: Workspace
  members: RosterMember[]
  scope: Record<string, unknown>
  scopeName: string
  now: Date
}

interface SheetFile {
  buffer: Buffer
  rows: number
}

async function rosterSheet({ ws, members, scopeName }: SheetInput): Promise<SheetFile> {
  const workbook = await newWorkbook()
  const headers = [
    ...ROSTER_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    { header: '微信绑定', width: 10 },
    { header: '职务', width: 10 },
  ]
  const sheet = addTable(workbook, '名册', headers)
  for (const m of members) {
    const dates = m.stageDates ?? {}
    sheet.addRow([
      m.studentNo,
      m.name,
      m.gender === 'male' ? '男' : '女',
      m.className,
      branchName(m.branchId, ws.branches),
      STAGE_LABELS[m.stage],
      dates.applicant ?? '',
      dates.activist ?? '',
      dates.candidate ?? '',
      dates.probationary ?? '',
      dates.full ?? '',
      m.openid ? '已绑定' : '未绑定',
      m.roles.includes('secretary') ? '支部书记' : '',
    ])
  }
  sheet.getColumn(1).numFmt = '@'
  workbook.title = `${scopeName}成员名册`
  return { buffer: await toBuffer(workbook), rows: members.length }
}

async function reportSheet({ ws, members, scope, now }: SheetInput): Promise<SheetFile> {
  const today = chinaDay(now)
  const current = periodOf(today, ws.settings.reportPeriod)
  const periods: Period[] = Array.from({ length: REPORT_WINDOW }, (_, i) =>
    shiftPeriod(current, i - (REPORT_WINDOW - 1)),
  )
  const _ = command()
  const reports = await aggregate<{ memberId: string; period: string; status: ReportStatus }>('reports', [
    { $match: { ...scope, period: _.in(periods.map((p) => p.id)) } },
    { $limit: 20_000 },
    { $project: { _id: 0, memberId: 1, period: 1, status: 1 } },
  ])
  const statusOf = new Map(reports.map((r) => [`${r.memberId}:${r.period}`, r.status]))
  const rules = { reportPeriod: ws.settings.reportPeriod, reportStages: ws.settings.reportStages }
  const workbook = await newWorkbook()
  const headers = [
    { header: '学号', width: 14 },
    { header: '姓名', width: 10 },
    { header: '班级', width: 14 },
    { header: '所在支部', width: 24 },
    { header: '发展阶段', width: 12 },
    ...periods.map((p) => ({ header: p.label, width: 16 })),
    { header: '逾期未交', width: 10 },
  ]
  const sheet = addTable(workbook, '汇报情况', headers)
  const totals = periods.map(() => ({ owed: 0, submitted: 0, approved: 0, overdue: 0 }))
  let rows = 0
  for (const m of members) {
    const owed = new Set(owedPeriods({ stage: m.stage, stageDates: m.stageDates ?? {} }, rules, today).map((p) => p.id))
    const cells = periods.map((p, i) => {
      const status = statusOf.get(`${m._id}:${p.id}`) ?? null
      if (!owed.has(p.id))
        return status && status !== 'draft' ? `${CALENDAR_STATE_LABELS[calendarState(status, p, today)]}（自愿）` : '—'
      const state = calendarState(status, p, today)
      totals[i].owed++
      if (state === 'done' || state === 'submitted' || state === 'returned') totals[i].submitted++
      if (state === 'done') totals[i].approved++
      if (state === 'overdue') totals[i].overdue++
      return CALENDAR_STATE_LABELS[state]
    })
    if (cells.every((c) => c === '—')) continue
    const overdue = cells.filter((c) => c === CALENDAR_STATE_LABELS.overdue).length
    sheet.addRow([
      m.studentNo,
      m.name,
      m.className,
      branchName(m.branchId, ws.branches),
      STAGE_LABELS[m.stage],
      ...cells,
      overdue,
    ])
    rows++
  }
  sheet.getColumn(1).numFmt = '@'
  addColumns(
    workbook,
    '汇总',
    [
      { header: '汇报周期', width: 18, cell: (t) => t.label },
      { header: '应交', width: 8, cell: (t) => t.owed },
      { header: '已交', width: 8, cell: (t) => t.submitted },
      { header: '已通过', width: 8, cell: (t) => t.approved },
      { header: '逾期未交', width: 10, cell: (t) => t.overdue },
      { header: '提交率', width: 10, cell: (t) => pct(t.submitted, t.owed) },
    ],
    periods.map((p, i) => ({ label: p.label, ...totals[i] })),
  )
  return { buffer: await toBuffer(workbook), rows }
}

async function attendanceSheet({ ws, members, scope, now }: SheetInput): Promise<SheetFile> {
  const since = new Date(now.getTime() - 365 * 86_400_000)
  // Only meetings whose absences are final: ended, and check-in closed (it may stay open up to 2 hours after the end).
  const closed = (m: { endAt: Date; checkInClosesAt?: Date }) =>
    new Date(m.endAt) <= now && (!m.checkInClosesAt || new Date(m.checkInClosesAt) <= now)
  const meetings = (await meetingsWithRecords(scope, since)).filter((m) => m.status !== 'cancelled' && closed(m))
  meetings.sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime())
  const workbook = await newWorkbook()
  addColumns(
    workbook,
    '会议出勤',
    [
      { header: '日期', width: 12, cell: (m) => chinaDay(new Date(m.startAt)) },
      { header: '所在支部', width: 24, cell: (m) => branchName(m.branchId, ws.branches) },
      { header: '会议类型', width: 14, cell: (m) => MEETING_TYPE_LABELS[m.type] ?? '会议' },
      { header: '会议主题', width: 32, cell: (m) => m.title },
      { header: '应到', width: 7, cell: (m) => m.counts.expected },
      { header: '实到', width: 7, cell: (m) => m.counts.present },
      { header: '请假', width: 7, cell: (m) => m.counts.leave },
      { header: '缺席', width: 7, cell: (m) => m.counts.absent },
      { header: '出勤率', width: 9, cell: (m) => pct(m.counts.present, m.counts.expected) },
    ],
    meetings.map((m) => ({ ...m, counts: meetingCounts(m) })),
  )
  const perMember = new Map<string, AttendanceStatus[]>()
  for (const m of meetings) {
    const present = new Set(m.presentIds ?? [])
    const onLeave = new Set(approvedLeaveIds(m))
    for (const id of new Set(m.attendeeIds ?? [])) {
      const row = perMember.get(id) ?? []
      row.push(attendanceStatus(present.has(id), onLeave.has(id) ? 'approved' : null))
      perMember.set(id, row)
    }
  }
  const attended = members.flatMap((m) => {
    const statuses = perMember.get(m._id)
    return statuses ? [{ ...m, counts: tallyAttendance(statuses) }] : []
  })
  const people = addColumns(
    workbook,
    '个人出勤',
    [
      { header: '学号', width: 14, cell: (r) => r.studentNo },
      { header: '姓名', width: 10, cell: (r) => r.name },
      { header: '所在支部', width: 24, cell: (r) => branchName(r.branchId, ws.branches) },
      { header: '应到次数', width: 10, cell: (r) => r.counts.expected },
      { header: '出席', width: 8, cell: (r) => r.counts.present },
      { header: '请假', width: 8, cell: (r) => r.counts.leave },
      { header: '缺席', width: 8, cell: (r) => r.counts.absent },
      { header: '出勤率', width: 9, cell: (r) => pct(r.counts.present, r.counts.expected) },
    ],
    attended,
  )
  people.getColumn(1).numFmt = '@'
  return { buffer: await toBuffer(workbook), rows: meetings.length }
}

const SHEETS: Record<ExportKind, { name: string; make: (input: SheetInput) => Promise<SheetFile> }> = {
  members: { name: '成员名册', make: rosterSheet },
  reports: { name: '思想汇报提交情况', make: reportSheet },
  attendance: { name: '组织生活出勤', make: attendanceSheet },
}

export async function exportSheet(
  params: { kind: ExportKind; branchId?: string },
  ctx: CallContext,
): Promise<ExportResult> {
  const ws = await loadWorkspace(ctx, { branches: true })
  const { caller } = ws
  requireManager(caller)
  const branchId = scopeBranch(ws, params.branchId)
  const scope = branchId ? { branchId } : { collegeId: caller.member.collegeId }
  const members = (await findAll<RosterMember>('members', scope, ROSTER_FIELDS)).sort(byBranchThenNo(ws.branches))
  const scopeName = branchId ? branchName(branchId, ws.branches) : ws.collegeName || '全院'
  const sheet = SHEETS[params.kind]
  const { buffer, rows } = await sheet.make({ ws, members, scope, scopeName, now: ctx.now })
  const fileName = `${scopeName}${sheet.name}（${chinaDay(ctx.now)}）.xlsx`
  const { fileID, url } = await store(
    `exports/${caller.member.collegeId}/${params.kind}-${branchId ?? 'all'}-${ctx.now.getTime()}.xlsx`,
    buffer,
  )
  await insert(
    'audit',
    auditEntry(
      caller,
      'branch.export',
      branchId,
      { summary: `导出${scopeName}${sheet.name}（${rows} 行）`, kind: params.kind, rows, fileID },
      ctx.now,
    ),
  )
  return { fileID, url, fileName, rows }
}
