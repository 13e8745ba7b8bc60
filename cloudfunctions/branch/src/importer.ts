import { assertLongTextSafe } from '../../_shared/content'
import { command, findMany, transaction } from '../../_shared/db'
import { STAGE_LABELS, STAGES, STEP_LABELS, type Stage, type StageDates } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles } from '../../_shared/files'
import type { CallContext } from '../../_shared/handler'
import type { BranchDoc, MemberDoc } from '../../_shared/models'
import { chinaDay, formatDay } from '../../_shared/time'
import { STEP_STAGES, type ImportPreviewRow, type ImportResult, type ImportRowError, type StepStage } from './contract'
import { loadWorkspace, requireCommittee, type Workspace } from './context'
import { auditEntry, auditInTx } from '../../_shared/audit'
import { syncReportStages } from './records'
import { stageStepsOf, writeStageSteps } from './import-steps'
import { download, newWorkbook, readRows, store, toBuffer, type SheetRow } from '../../_shared/spreadsheet'
import { addTable } from './sheet'
import { newMemberId } from '../../_shared/ids'
import { unboundMember } from './roster-entry'

/**
 * Roster import (committee): a generated .xlsx template, a preview that checks every row and reports the
 * problems row by row in Chinese, and a commit that upserts by student number — importing the same file
 * again updates instead of duplicating. The uploaded file is the state between preview and commit:
 * commit reads and checks it again, so what is written is what was checked. Rows with problems are
 * skipped; the rest are written in one transaction with one audit entry.
 */

export const MAX_ROWS = 1000
/** Rows a file may have above its data (title, notes, the header). */
const HEADER_ROWS = 10
const MAX_BYTES = 4 * 1024 * 1024
export const TEMPLATE_FILE_NAME = '支部通名册导入模板.xlsx'

type Field = 'studentNo' | 'name' | 'gender' | 'className' | 'branch' | 'stage' | StepStage

/** The columns of the template, of the members export, and what the importer reads (with aliases). */
export const ROSTER_COLUMNS: { field: Field; header: string; aliases: string[]; width: number; note: string }[] = [
  {
    field: 'studentNo',
    header: '学号',
    aliases: ['学号/工号', '工号', '学工号'],
    width: 14,
    note: '必填：4 到 20 位字母或数字；重复导入时按学号更新',
  },
  { field: 'name', header: '姓名', aliases: [], width: 10, note: '必填' },
  { field: 'gender', header: '性别', aliases: [], width: 6, note: '新成员必填：男或女' },
  { field: 'className', header: '班级', aliases: ['专业班级', '班级/职务'], width: 14, note: '可不填' },
  {
    field: 'branch',
    header: '所在支部',
    aliases: ['支部', '党支部', '所在党支部'],
    width: 24,
    note: '必填：与“支部管理”中的支部名称一致',
  },
  {
    field: 'stage',
    header: '发展阶段',
    aliases: ['阶段', '政治面貌'],
    width: 12,
    note: '必填：群众、入党申请人、入党积极分子、发展对象、预备党员或正式党员',
  },
  {
    field: 'applicant',
    header: '递交入党申请书日期',
    aliases: ['申请日期', '入党申请日期'],
    width: 14,
    note: '已到达的阶段填写日期，格式如 2024-09-15',
  },
  {
    field: 'activist',
    header: '确定为积极分子日期',
    aliases: ['积极分子日期', '确定积极分子日期'],
    width: 14,
    note: '同上',
  },
  { field: 'candidate', header: '列为发展对象日期', aliases: ['发展对象日期'], width: 14, note: '同上' },
  {
    field: 'probationary',
    header: '接收为预备党员日期',
    aliases: ['预备党员日期', '入党日期'],
    width: 14,
    note: '同上，也是预备期的起点',
  },
  {
    field: 'full',
    header: '转为正式党员日期',
    aliases: ['转正日期', '正式党员日期'],
    width: 14,
    note: '同上，党龄自该日起计算',
  },
]

const STAGE_ALIASES: Record<string, Stage> = {
  群众: 'masses',
  入党申请人: 'applicant',
  申请人: 'applicant',
  入党积极分子: 'activist',
  积极分子: 'activist',
  发展对象: 'candidate',
  预备党员: 'probationary',
  中共预备党员: 'probationary',
  正式党员: 'full',
  中共党员: 'full',
  党员: 'full',
}

const GENDERS: Record<string, MemberDoc['gender']> = { 男: 'male', 女: 'female', 男性: 'male', 女性: 'female' }

const INSTRUCTIONS = [
  '支部通 · 名册导入说明',
  '1. 在“名册”表中每行填写一名成员，第 1 行是表头，请勿修改表头文字。',
  '2. 学号、姓名、所在支部、发展阶段为必填；新成员还须填写性别。',
  '3. 所在支部须与“支部管理”中的支部名称完全一致；新支部请先在“支部管理”中添加。',
  '4. 发展阶段填写：群众、入党申请人、入党积极分子、发展对象、预备党员或正式党员。',
  '5. 已经历的各阶段填写日期（如 2024-09-15），日期须按先后顺序，且不晚于今天；尚未到达的阶段不填。',
  '6. 重复导入时按学号更新已有成员，不会重复添加；不在文件中的成员保持不变。',
  '7. 也可以另存为 CSV（UTF-8 或 Excel 默认编码均可）后导入，列的顺序不限，按表头识别。',
  '8. 导入前会先预览并逐行列出问题；确认导入时有问题的行会被跳过，修改后可再次导入。',
  '9. 导入后，成员在“我的”页用学号和姓名绑定微信即可使用。',
]

const EXAMPLE = [
  '2024010101',
  '张三',
  '男',
  '计科2401',
  '计算机科学本科生党支部',
  '入党积极分子',
  '2024-10-08',
  '2025-04-15',
  '',
  '',
  '',
]

function normalizeHeader(text: string): string {
  return text.replace(/[\s*（）()：:]/g, '')
}

/** Which column holds which field, from the header row. */
function mapHeader(cells: string[]): Map<Field, number> {
  const found = new Map<Field, number>()
  cells.forEach((cell, i) => {
    const text = normalizeHeader(cell)
    const column = ROSTER_COLUMNS.find(
      (c) => normalizeHeader(c.header) === text || c.aliases.some((a) => normalizeHeader(a) === text),
    )
    if (column && !found.has(column.field)) found.set(column.field, i)
  })
  return found
}

/** '2024-09-15', '2024/9/15', '2024.9.15', '2024年9月15日', '20240915' → 'YYYY-MM-DD', or null. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(text.replace(/\s/g, ''))
  if (!m) return null
  const y = Number(m[1])
  const mo = Number(m[2] ?? m[4])
  const d = Number(m[3] ?? m[5])
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1950) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export interface ParsedRow {
  row: number
  studentNo: string
  name: string
  gender: MemberDoc['gender'] | null
  className: string
  branch: BranchDoc
  stage: Stage
  stageDates: StageDates
}

interface Checked {
  total: number
  valid: ParsedRow[]
  errors: ImportRowError[]
}

function headerLabel(field: Field): string {
  return ROSTER_COLUMNS.find((c) => c.field === field)?.header ?? field
}

/** Every problem of one row, or the row itself. */
function checkRow(
  sheetRow: SheetRow,
  columns: Map<Field, number>,
  branches: BranchDoc[],
  today: string,
): { row: ParsedRow } | { problems: string[] } {
  const get = (field: Field) => {
    const i = columns.get(field)
    return i === undefined ? '' : (sheetRow.cells[i] ?? '').trim()
  }
  const problems: string[] = []
  const studentNo = get('studentNo').toUpperCase()
  if (!studentNo) problems.push('缺少学号')
  else if (!/^[A-Z0-9]{4,20}$/.test(studentNo))
    problems.push(`学号「${studentNo}」格式不正确，应为 4 到 20 位字母或数字`)
  const name = get('name')
  if (!name) problems.push('缺少姓名')
  else if (name.length > 20) problems.push('姓名不能超过 20 个字')
  const genderText = get('gender')
  const gender = genderText ? (GENDERS[genderText] ?? null) : null
  if (genderText && !gender) problems.push(`性别「${genderText}」无法识别，请填写男或女`)
  const className = get('className')
  if (className.length > 30) problems.push('班级不能超过 30 个字')
  const branchText = get('branch')
  const branch = branches.find((b) => b.name === branchText)
  if (!branchText) problems.push('缺少所在支部')
  else if (!branch) problems.push(`支部「${branchText}」不存在，请先在支部管理中添加`)
  const stageText = get('stage').replace(/\s/g, '')
  const stage = STAGE_ALIASES[stageText]
  if (!stageText) problems.push('缺少发展阶段')
  else if (!stage) problems.push(`阶段「${stageText}」无法识别`)

  const stageDates: StageDates = {}
  for (const step of STEP_STAGES) {
    const text = get(step)
    if (!text) continue
    const parsed = parseDay(text)
    if (!parsed) problems.push(`${headerLabel(step)}「${text}」不是有效日期`)
    else if (parsed > today) problems.push(`${headerLabel(step)}（${formatDay(parsed)}）晚于今天`)
    else if (stage && STAGES.indexOf(step) > STAGES.indexOf(stage))
      problems.push(`发展阶段为${STAGE_LABELS[stage]}，不应填写${headerLabel(step)}`)
    else stageDates[step] = parsed
  }
  const dated = STEP_STAGES.filter((s) => stageDates[s])
  for (let i = 1; i < dated.length; i++) {
    const [a, b] = [dated[i - 1], dated[i]]
    if ((stageDates[b] as string) < (stageDates[a] as string))
      problems.push(`${STEP_LABELS[b]}的日期早于${STEP_LABELS[a]}的日期`)
  }
  if (problems.length > 0 || !branch || !stage) return { problems }
  return { row: { row: sheetRow.row, studentNo, name, gender, className, branch, stage, stageDates } }
}

/** Reads the uploaded file and checks every row against the branches and the roster. */
async function checkFile(
  ws: Workspace,
  fileID: string,
  today: string,
): Promise<Checked & { existing: Map<string, MemberDoc> }> {
  assertOwnFiles([fileID], ws.caller)
  const rows = await readRows(await download(fileID, MAX_BYTES), {
    maxRows: MAX_ROWS + HEADER_ROWS,
    tooManyRows: `一次最多导入 ${MAX_ROWS} 名成员，请分批导入`,
  })
  const headerAt = rows.findIndex((r) => {
    const cols = mapHeader(r.cells)
    return cols.has('studentNo') && cols.has('name')
  })
  if (headerAt < 0) throw new AppError('INVALID_ARGUMENT', '没有找到表头（学号、姓名……），请使用导入模板')
  const columns = mapHeader(rows[headerAt].cells)
  const missing = (['branch', 'stage'] as Field[]).filter((f) => !columns.has(f))
  if (missing.length)
    throw new AppError('INVALID_ARGUMENT', `缺少「${missing.map(headerLabel).join('」「')}」列，请使用导入模板`)
  const body = rows.slice(headerAt + 1)
  if (body.length === 0) throw new AppError('INVALID_ARGUMENT', '文件中没有成员数据')
  if (body.length > MAX_ROWS) throw new AppError('INVALID_ARGUMENT', `一次最多导入 ${MAX_ROWS} 名成员，请分批导入`)

  const errors: ImportRowError[] = []
  const parsed: ParsedRow[] = []
  const firstRowOf = new Map<string, number>()
  for (const r of body) {
    const result = checkRow(r, columns, ws.branches, today)
    const problems = 'problems' in result ? result.problems : []
    const no = 'row' in result ? result.row.studentNo : ''
    if (no && firstRowOf.has(no)) problems.push(`学号 ${no} 与第 ${firstRowOf.get(no)} 行重复`)
    if (no && !firstRowOf.has(no)) firstRowOf.set(no, r.row)
    if (problems.length > 0) errors.push({ row: r.row, message: `第 ${r.row} 行：${problems.join('；')}` })
    else if ('row' in result) parsed.push(result.row)
  }

  const _ = command()
  const numbers = parsed.map((p) => p.studentNo)
  const found = numbers.length ? await findMany('members', { studentNo: _.in(numbers) }, { limit: numbers.length }) : []
  const existing = new Map(found.map((m) => [m.studentNo, m]))
  const valid: ParsedRow[] = []
  for (const p of parsed) {
    const m = existing.get(p.studentNo)
    if (m && m.collegeId !== ws.caller.member.collegeId)
      errors.push({ row: p.row, message: `第 ${p.row} 行：学号 ${p.studentNo} 已属于其他学院，请核对` })
    else if (!m && !p.gender) errors.push({ row: p.row, message: `第 ${p.row} 行：新成员请填写性别` })
    else if (m && m.roles.includes('secretary') && m.branchId !== p.branch._id) {
      errors.push({
        row: p.row,
        message: `第 ${p.row} 行：${m.name}是现任支部书记，调整所在支部前请先在支部管理中更换书记`,
      })
    } else valid.push(p)
  }
  errors.sort((a, b) => a.row - b.row)
  if (valid.length > 0)
    await assertLongTextSafe(valid.map((v) => `${v.name} ${v.className}`).join('\n'), ws.caller.openid)
  return { total: body.length, valid, errors, existing }
}

function sameDates(a: StageDates, b: StageDates): boolean {
  return STEP_STAGES.every((s) => (a[s] ?? '') === (b[s] ?? ''))
}

/** What importing this row changes for an existing member (empty: nothing). */
function changesOf(p: ParsedRow, m: MemberDoc): string[] {
  const changes: string[] = []
  if (m.name !== p.name) changes.push(`姓名：${m.name} → ${p.name}`)
  if (p.gender && m.gender !== p.gender)
    changes.push(`性别：${m.gender === 'male' ? '男' : '女'} → ${p.gender === 'male' ? '男' : '女'}`)
  if (m.className !== p.className) changes.push(`班级：${m.className || '（空）'} → ${p.className || '（空）'}`)
  if (m.branchId !== p.branch._id) changes.push(`支部 → ${p.branch.name}`)
  if (m.stage !== p.stage) changes.push(`阶段：${STAGE_LABELS[m.stage]} → ${STAGE_LABELS[p.stage]}`)
  else if (!sameDates(m.stageDates ?? {}, p.stageDates)) changes.push('更新阶段日期')
  return changes
}

function previewRows(checked: Checked & { existing: Map<string, MemberDoc> }): {
  rows: ImportPreviewRow[]
  counts: { create: number; update: number; unchanged: number }
} {
  const counts = { create: 0, update: 0, unchanged: 0 }
  const rows: ImportPreviewRow[] = []
  for (const p of checked.valid) {
    const m = checked.existing.get(p.studentNo)
    const changes = m ? changesOf(p, m) : []
    const action = !m ? 'create' : changes.length ? 'update' : 'unchanged'
    counts[action]++
    if (action !== 'unchanged')
      rows.push({
        row: p.row,
        studentNo: p.studentNo,
        name: p.name,
        branchName: p.branch.name,
        stageLabel: STAGE_LABELS[p.stage],
        action,
        changes,
      })
  }
  return { rows, counts }
}

async function template(ws: Workspace): Promise<ImportResult> {
  const workbook = await newWorkbook()
  const sheet = addTable(workbook, '名册', ROSTER_COLUMNS)
  ROSTER_COLUMNS.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = c.note
  })
  const lists: Partial<Record<Field, string[]>> = {
    gender: ['男', '女'],
    stage: STAGES.map((s) => STAGE_LABELS[s]),
    branch: ws.branches.map((b) => b.name),
  }
  const lastRow = MAX_ROWS + 1
  ROSTER_COLUMNS.forEach((c, i) => {
    const letter = String.fromCharCode(65 + i)
    const list = lists[c.field]
    for (let r = 2; r <= Math.min(lastRow, 300); r++) {
      const cell = sheet.getCell(`${letter}${r}`)
      if (STEP_STAGES.includes(c.field as StepStage)) cell.numFmt = 'yyyy-mm-dd'
      if (c.field === 'studentNo') cell.numFmt = '@'
      if (list && list.join(',').length < 250) {
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: true,
          errorTitle: '请从列表中选择',
          error: `请选择：${list.join('、')}`,
        }
      }
    }
  })
  const help = workbook.addWorksheet('填写说明')
  help.getColumn(1).width = 100
  INSTRUCTIONS.forEach((line, i) => {
    const row = help.addRow([line])
    if (i === 0) row.font = { bold: true, size: 14 }
  })
  help.addRow([])
  help.addRow(['示例（请勿填入“名册”表）：']).font = { bold: true }
  help.addRow([ROSTER_COLUMNS.map((c) => c.header).join(' | ')])
  help.addRow([EXAMPLE.map((v) => v || '（空）').join(' | ')])
  const { url } = await store('templates/roster-import-template.xlsx', await toBuffer(workbook))
  return { step: 'template', url, fileName: TEMPLATE_FILE_NAME }
}

async function commit(
  ws: Workspace,
  checked: Checked & { existing: Map<string, MemberDoc> },
  fileName: string,
  ctx: CallContext,
): Promise<ImportResult> {
  const { caller } = ws
  const now = ctx.now
  let created = 0
  let updated = 0
  let stageChanges = 0
  const createdNos: string[] = []
  const updatedNos: string[] = []
  const stageMoves = new Map<string, Stage>()
  const onFile = await stageStepsOf([...checked.existing.values()].map((m) => m._id))
  await transaction(async (tx) => {
    created = updated = stageChanges = 0
    createdNos.length = updatedNos.length = 0
    stageMoves.clear()
    for (const p of checked.valid) {
      const m = checked.existing.get(p.studentNo)
      if (!m) {
        const id = newMemberId()
        const owner = { _id: id, collegeId: caller.member.collegeId, branchId: p.branch._id }
        const projected = await writeStageSteps(tx, owner, p.stage, p.stageDates, [], now)
        const doc = unboundMember(
          {
            collegeId: caller.member.collegeId,
            branchId: p.branch._id,
            studentNo: p.studentNo,
            name: p.name,
            className: p.className,
            gender: p.gender ?? 'male',
            ...projected,
          },
          now,
        )
        await tx.collection('members').doc(id).set({ data: doc })
        created++
        createdNos.push(p.studentNo)
        continue
      }
      if (changesOf(p, m).length === 0) continue
      const projected = await writeStageSteps(
        tx,
        { ...m, branchId: p.branch._id },
        p.stage,
        p.stageDates,
        onFile.get(m._id) ?? [],
        now,
      )
      await tx
        .collection('members')
        .doc(m._id)
        .update({
          data: {
            stage: projected.stage,
            stageDates: command().set(projected.stageDates),
            updatedAt: now,
            name: p.name,
            className: p.className,
            branchId: p.branch._id,
            ...(p.gender ? { gender: p.gender } : {}),
          },
        })
      updated++
      updatedNos.push(p.studentNo)
      if (m.stage !== projected.stage) {
        stageChanges++
        stageMoves.set(m._id, projected.stage)
      }
    }
    const summary = `导入名册「${fileName}」：新增 ${created} 人，更新 ${updated} 人${checked.errors.length ? `，跳过 ${checked.errors.length} 行` : ''}`
    await auditInTx(
      tx,
      auditEntry(
        caller,
        'branch.importRoster',
        null,
        {
          summary,
          fileName,
          created: createdNos.slice(0, 300),
          updated: updatedNos.slice(0, 300),
          skippedRows: checked.errors.map((e) => e.row),
          stageChanges,
        },
        now,
      ),
    )
  })
  // Their reports carry the stage the review queue shows and filters by (as a stage move does).
  await syncReportStages(stageMoves)
  return {
    step: 'commit',
    total: checked.total,
    created,
    updated,
    unchanged: checked.valid.length - created - updated,
    stageChanges,
  }
}

export async function importRoster(
  params: { step: 'template' } | { step: 'preview' | 'commit'; fileID: string; fileName?: string },
  ctx: CallContext,
): Promise<ImportResult> {
  const ws = await loadWorkspace(ctx, { branches: true })
  requireCommittee(ws.caller)
  if (params.step === 'template') return template(ws)
  const checked = await checkFile(ws, params.fileID, chinaDay(ctx.now))
  if (params.step === 'preview') {
    const { rows, counts } = previewRows(checked)
    return { step: 'preview', total: checked.total, valid: checked.valid.length, errors: checked.errors, rows, counts }
  }
  if (checked.valid.length === 0)
    throw new AppError('FAILED_PRECONDITION', '文件中没有可以导入的行，请按提示修改后重新上传')
  return commit(ws, checked, params.fileName ?? '名册', ctx)
}
