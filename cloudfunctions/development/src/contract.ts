import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import type { RuleSeverity, Stage } from '../../_shared/domain'
import { calendarDay, id, noParams, text } from '../../_shared/validate'

/**
 * 发展党员全程纪实 (issue #17): a member's development file in 25 steps, its rules with their sources, the
 * working-day calendar, the materials checklist, the next 30 days and the files with problems.
 */

const day = calendarDay

const count = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(10000, `${label}不能超过 10000`)

const step = z.number({ error: '请选择步骤' }).int('步骤不正确').min(1, '步骤不正确').max(25, '步骤不正确')

const vote = z.object(
  {
    expected: count('应到人数'),
    present: count('实到人数'),
    for: count('赞成票'),
    against: count('反对票'),
    abstain: count('弃权票'),
    writtenFor: count('书面赞成意见').optional(),
    writtenAgainst: count('书面反对意见').optional(),
    writtenAbstain: count('书面弃权意见').optional(),
  },
  { error: '请填写表决情况' },
)

const facts = z
  .object(
    {
      /** The 公示's start; its end is counted on the working-day calendar by the server. */
      publicity: z
        .object(
          {
            start: day('公示开始日期'),
            objections: count('反映问题的件数').default(0),
            handling: text('反映问题的核实情况', 200).optional(),
          },
          { error: '请填写公示情况' },
        )
        .optional(),
      vote: vote.optional(),
      trainingHours: z
        .number({ error: '培训学时应为数字' })
        .min(0, '培训学时不能为负数')
        .max(500, '培训学时不能超过 500')
        .optional(),
      trainingDays: z
        .number({ error: '培训天数应为数字' })
        .int('培训天数应为整数')
        .min(0, '培训天数不能为负数')
        .max(60, '培训天数不能超过 60')
        .optional(),
      assessments: z.array(day('考察日期'), { error: '考察日期格式不正确' }).max(12, '考察记录最多 12 次').optional(),
      leavesOn: day('预计离校日期').optional(),
      extensionMonths: z
        .number({ error: '延长月数应为数字' })
        .int('延长月数应为整数')
        .min(1, '延长月数至少为 1')
        .max(24, '延长月数不能超过 24')
        .optional(),
      extensionDecidedOn: day('延长预备期的决定日期').optional(),
    },
    { error: '步骤情况格式不正确' },
  )
  .default({})

const person = z.object(
  { role: z.enum(['talker', 'contact', 'introducer'], { error: '人员身份不正确' }), name: text('姓名', 20) },
  { error: '人员格式不正确' },
)

const fileId = z
  .string({ error: '请先上传文件' })
  .max(512, '文件地址不正确')
  .regex(/^cloud:\/\/\S+$/, '文件地址不正确')

const materialId = z
  .string({ error: '请选择材料' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, '材料不正确')

const format = z.enum(['docx', 'pdf'], { error: '请选择 Word 或 PDF' })

export const developmentExportSchemas = {
  /** The 全程纪实表 of a member (the caller's own without `memberId`) as .docx or PDF: a temporary link. */
  exportFile: z.object({ memberId: id('成员').optional(), format }),
  /** A branch's files as a .zip, one document per member (a secretary: their branch; the committee: the branch chosen). */
  exportBranch: z.object({ branchId: id('支部').optional(), format }),
}

export const developmentSchemas = {
  /** A member's file (the caller's own without `memberId`): steps, materials, where they are, problems. */
  file: z.object({ memberId: id('成员').optional() }),
  /** Records (or corrects) a step: its date, people and facts; warnings need `override.reason`. */
  recordStep: z.object({
    memberId: id('成员'),
    step,
    date: day('日期'),
    people: z.array(person, { error: '人员格式不正确' }).max(6, '人员最多 6 名').default([]),
    facts,
    override: z.object({ reason: text('破例理由', 200, 5) }, { error: '破例理由格式不正确' }).optional(),
  }),
  /** A material of a step: uploaded files (own uploads) with the date on the document, or marked generated. */
  saveMaterial: z.object({
    memberId: id('成员'),
    step,
    item: materialId,
    date: day('材料日期'),
    fileIDs: z.array(fileId, { error: '文件格式不正确' }).min(1, '请至少上传一个文件').max(9, '每项材料最多 9 个文件'),
    override: z.object({ reason: text('破例理由', 200, 5) }, { error: '破例理由格式不正确' }).optional(),
  }),
  /** A material's files as temporary links: the member's own, or a member of a branch the caller manages. */
  materialFiles: z.object({ memberId: id('成员').optional(), step, item: materialId }),
  /** The secretary or the committee confirms a material as checked. */
  checkMaterial: z.object({ memberId: id('成员'), step, item: materialId }),
  /** The branch's next 30 days (committee: a branch or every branch). */
  upcoming: z.object({ branchId: id('支部').optional() }),
  /** Files with problems, each problem saying what to fix (committee: the college; secretary: their branch). */
  problems: z.object({ branchId: id('支部').optional() }),
  /** The rules with their sources, national defaults and this college's settings; the checklist per step. */
  rules: noParams,
  /** Committee: a rule's severity and number (null = the national default), within the national limits. */
  saveRule: z.object({
    ruleId: z.string({ error: '请选择规则' }).regex(/^[a-z-]{1,40}$/, '规则不正确'),
    severity: z.enum(['block', 'warn'], { error: '请选择必须遵守或提醒' }),
    value: z
      .number({ error: '请填写数值' })
      .int('数值应为整数')
      .min(0, '数值不能为负数')
      .max(1000, '数值不能超过 1000')
      .nullable()
      .optional(),
  }),
  /** Committee: adds a material to a step's checklist for the whole college. */
  addMaterial: z.object({ step, label: text('材料名称', 30, 2) }),
  /** Committee: removes a material the college added (the national list stays). */
  removeMaterial: z.object({ step, id: materialId }),
  /** The working-day calendar of a year: national arrangement, the college's own, or not configured. */
  calendar: z.object({
    year: z.number({ error: '请选择年份' }).int('年份不正确').min(2000, '年份不正确').max(2100, '年份不正确'),
  }),
  /** Committee: replaces a year's holidays and make-up working days for the college. */
  ...developmentExportSchemas,
  saveCalendar: z.object({
    year: z.number({ error: '请选择年份' }).int('年份不正确').min(2000, '年份不正确').max(2100, '年份不正确'),
    holidays: z.array(day('放假日期'), { error: '放假日期格式不正确' }).max(60, '放假日期最多 60 天'),
    workdays: z.array(day('调休上班日期'), { error: '调休上班日期格式不正确' }).max(20, '调休上班日期最多 20 天'),
    source: text('依据（通知名称）', 80, 2),
  }),
}

export const developmentActionKinds = {
  file: 'read',
  recordStep: 'write',
  saveMaterial: 'write',
  checkMaterial: 'write',
  materialFiles: 'read',
  upcoming: 'read',
  problems: 'read',
  rules: 'read',
  saveRule: 'write',
  addMaterial: 'write',
  removeMaterial: 'write',
  calendar: 'read',
  saveCalendar: 'write',
  exportFile: 'audited-read',
  exportBranch: 'audited-read',
} as const satisfies ActionKinds<typeof developmentSchemas>

// ------------------------------------------------------------------------------------------------
// Responses

export interface RuleView {
  id: string
  step: number
  label: string
  severity: RuleSeverity
  severityLabel: string
  value: number | null
  unit: string | null
  text: string
  article: string
  configurable: boolean
}

export type MaterialStatus = 'missing' | 'present' | 'checked'

export interface MaterialView {
  id: string
  label: string
  status: MaterialStatus
  statusLabel: string
  date: string | null
  files: number
  generated: boolean
  /** 院党委 added it to the national list. */
  local: boolean
  uploadedBy: string | null
  checkedBy: string | null
  canUpload: boolean
  canCheck: boolean
}

export interface StepView {
  no: number
  label: string
  state: 'done' | 'next' | 'upcoming'
  date: string | null
  people: { roleLabel: string; name: string }[]
  /** The step's facts in sentences (公示 from … to …, 表决 …, 培训 … 学时). */
  facts: string[]
  /** The stored facts, for the form's defaults. */
  raw: {
    trainingHours: number | null
    trainingDays: number | null
    publicityStart: string | null
    publicityEnd: string | null
    publicityObjections: number | null
    publicityHandling: string | null
    vote: { expected: number; present: number; for: number; against: number; abstain: number } | null
    assessments: string[]
    leavesOn: string | null
    extensionMonths: number | null
    extensionDecidedOn: string | null
  }
  override: { reason: string; rules: string[] } | null
  recordedBy: string | null
  materials: MaterialView[]
  /** What the form asks for. */
  asks: {
    people: { role: 'talker' | 'contact' | 'introducer'; roleLabel: string; min: number; max: number } | null
    facts: string[]
  }
  rules: RuleView[]
  canRecord: boolean
}

export interface PhaseView {
  no: number
  label: string
  steps: StepView[]
}

export interface FileProblem {
  step: number | null
  kind: 'order' | 'rule' | 'material' | 'skipped'
  /** What is wrong and what to do, one sentence. */
  fix: string
}

export interface Position {
  /** Where the member is, e.g. 入党积极分子 · 第 6 步「培养教育考察」. */
  where: string
  next: { step: number; label: string; from: string | null; fromText: string; waiting: string[] } | null
  /** Materials still missing from the file, named. */
  missing: string[]
}

export interface FileView {
  member: { id: string; name: string; className: string; branchName: string; stage: Stage; stageLabel: string }
  canManage: boolean
  isOwn: boolean
  today: string
  position: Position
  phases: PhaseView[]
  problems: FileProblem[]
  /** Probation end (the day before the anniversary), when known. */
  probationEnds: string | null
}

export interface MaterialFile {
  kind: 'image' | 'pdf'
  /** 照片 1, 文件 2.pdf: what the download is called. */
  name: string
  /** A temporary link (half an hour); null when the file is missing from storage. */
  url: string | null
}

export interface RecordResult {
  file: FileView
  warnings: string[]
}

export interface UpcomingItem {
  memberId: string
  name: string
  branchName: string
  kind: 'eligible' | 'publicity' | 'materials' | 'probation'
  kindLabel: string
  day: string | null
  text: string
}

export interface UpcomingResult {
  today: string
  until: string
  scopeLabel: string
  items: UpcomingItem[]
}

export interface ProblemFile {
  memberId: string
  name: string
  className: string
  branchName: string
  stageLabel: string
  problems: FileProblem[]
}

export interface ProblemsResult {
  scopeLabel: string
  files: ProblemFile[]
  checked: number
}

export interface CalendarView {
  year: number
  configured: boolean
  origin: 'national' | 'college' | 'none'
  originLabel: string
  source: string
  holidays: string[]
  workdays: string[]
  canEdit: boolean
}

/** A rule as the college's settings page shows it: the national default beside this college's value. */
export interface RuleSettingView extends RuleView {
  nationalSeverity: RuleSeverity
  nationalSeverityLabel: string
  nationalValue: number | null
  /** The college's severity or number differs from the national default. */
  changed: boolean
  /** The college may make it a warning (a hard rule of the national text stays hard). */
  canLoosen: boolean
  /** The numbers a college may choose (null: the rule has none). */
  min: number | null
  max: number | null
}

export interface RulesView {
  /** The caller is on the college committee and may change the settings. */
  canEdit: boolean
  rules: RuleSettingView[]
  materials: { step: number; stepLabel: string; items: { id: string; label: string; local: boolean }[] }[]
}

export interface ExportResult {
  fileID: string
  /** Temporary download link (an hour). */
  url: string
  fileName: string
}

export type DevelopmentContract = Contract<
  typeof developmentSchemas,
  {
    file: FileView
    recordStep: RecordResult
    saveMaterial: FileView
    checkMaterial: FileView
    materialFiles: { label: string; files: MaterialFile[] }
    upcoming: UpcomingResult
    problems: ProblemsResult
    rules: RulesView
    saveRule: RulesView
    addMaterial: RulesView
    removeMaterial: RulesView
    calendar: CalendarView
    saveCalendar: CalendarView
    exportFile: ExportResult
    exportBranch: ExportResult
  }
>
