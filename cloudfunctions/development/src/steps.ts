/**
 * The 25 steps of 《中国共产党发展党员工作细则》 (domain.md "The 25 steps") in their 5 stages: what each step
 * records (people, facts), which steps must come before it, which stage date it sets, and the materials the
 * national procedure asks for. Pure data: rules.ts judges, file.ts builds a member's file from it.
 */
import { STAGE_STEP as SHARED_STAGE_STEP, type Stage } from '../../_shared/domain'

export const STEP_NUMBERS = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
] as const
export type StepNo = (typeof STEP_NUMBERS)[number]

export const PHASES = [
  '申请入党',
  '入党积极分子的确定和培养教育',
  '发展对象的确定和考察',
  '预备党员的接收',
  '预备党员的教育考察和转正',
] as const

/** Who takes part in a step, as the file names them. */
export type PersonRole = 'talker' | 'contact' | 'introducer'

export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  talker: '谈话人',
  contact: '培养联系人',
  introducer: '入党介绍人',
}

/** Facts a step records besides its date. */
export type FactKind = 'publicity' | 'vote' | 'training' | 'assessments' | 'leaving' | 'extension'

export interface MaterialDef {
  id: string
  label: string
  /** Written or signed by the applicant: they may upload it to their own file. */
  byApplicant: boolean
  /** The product can generate it from the records (no upload needed). */
  generated?: boolean
}

export interface StepDef {
  no: StepNo
  /** 1..5: index into PHASES, plus one. */
  phase: 1 | 2 | 3 | 4 | 5
  label: string
  /** Steps whose dates may not be later than this step's date. */
  after: StepNo[]
  /** The development stage this step's date starts (the five stage dates of the roster). */
  setsStage?: Exclude<Stage, 'masses'>
  people?: { role: PersonRole; min: number; max: number }
  facts?: FactKind[]
  materials: MaterialDef[]
}

const m = (id: string, label: string, byApplicant = false, generated = false): MaterialDef => ({
  id,
  label,
  byApplicant,
  generated,
})

export const STEPS: readonly StepDef[] = [
  {
    no: 1,
    phase: 1,
    label: '递交入党申请书',
    after: [],
    setsStage: 'applicant',
    materials: [m('application', '入党申请书（本人签名、签署日期）', true)],
  },
  {
    no: 2,
    phase: 1,
    label: '党组织派人谈话',
    after: [1],
    people: { role: 'talker', min: 1, max: 3 },
    materials: [m('talkRecord', '入党申请人谈话记录')],
  },
  {
    no: 3,
    phase: 2,
    label: '推荐和确定入党积极分子',
    after: [2],
    setsStage: 'activist',
    materials: [
      m('recommendation', '党员推荐、团组织推优材料'),
      m('activistMinutes', '支委会确定入党积极分子的会议记录'),
    ],
  },
  { no: 4, phase: 2, label: '报上级党委备案', after: [3], materials: [m('activistFiling', '入党积极分子备案表')] },
  { no: 5, phase: 2, label: '指定培养联系人', after: [3], people: { role: 'contact', min: 1, max: 2 }, materials: [] },
  {
    no: 6,
    phase: 2,
    label: '培养教育考察',
    after: [3],
    facts: ['assessments'],
    materials: [
      m('assessmentRecords', '入党积极分子培养考察登记表（每半年一次考察）'),
      m('thoughtReports', '思想汇报（按季度）', true),
    ],
  },
  {
    no: 7,
    phase: 3,
    label: '确定发展对象',
    after: [3, 6],
    setsStage: 'candidate',
    facts: ['publicity'],
    materials: [
      m('opinions', '听取党小组、培养联系人、党员和群众意见的记录'),
      m('candidateMinutes', '支委会确定发展对象的会议记录'),
      m('publicityNotice', '发展对象公示及结果'),
    ],
  },
  { no: 8, phase: 3, label: '报上级党委备案', after: [7], materials: [m('candidateFiling', '发展对象备案表')] },
  {
    no: 9,
    phase: 3,
    label: '确定入党介绍人',
    after: [7],
    people: { role: 'introducer', min: 2, max: 2 },
    materials: [],
  },
  {
    no: 10,
    phase: 3,
    label: '进行政治审查',
    after: [7],
    materials: [
      m('inquiry', '函调材料（直系亲属和主要社会关系）'),
      m('reviewReport', '政治审查综合材料（结论性意见）'),
    ],
  },
  {
    no: 11,
    phase: 3,
    label: '开展短期集中培训',
    after: [7],
    facts: ['training'],
    materials: [m('trainingCertificate', '集中培训结业证书')],
  },
  {
    no: 12,
    phase: 4,
    label: '支部委员会审查',
    after: [8, 9, 10, 11],
    materials: [m('reviewMinutes', '支委会审查会议记录')],
  },
  {
    no: 13,
    phase: 4,
    label: '上级党委预审',
    after: [12],
    facts: ['leaving'],
    materials: [m('previewNotice', '预审意见（书面通知）')],
  },
  { no: 14, phase: 4, label: '填写入党志愿书', after: [13], materials: [m('volunteerForm', '入党志愿书', true)] },
  {
    no: 15,
    phase: 4,
    label: '支部大会讨论',
    after: [14],
    setsStage: 'probationary',
    facts: ['vote'],
    materials: [m('admissionMinutes', '接收预备党员的支部大会会议记录'), m('admissionResolution', '支部大会决议')],
  },
  {
    no: 16,
    phase: 4,
    label: '上级党委派人谈话',
    after: [15],
    people: { role: 'talker', min: 1, max: 3 },
    materials: [m('approvalTalk', '党委委员或组织员谈话记录')],
  },
  { no: 17, phase: 4, label: '上级党委审批', after: [16], materials: [m('approval', '党委审批意见')] },
  {
    no: 18,
    phase: 4,
    label: '再上一级党委组织部门备案',
    after: [17],
    materials: [m('probationFiling', '接收预备党员备案材料')],
  },
  { no: 19, phase: 5, label: '编入党支部和党小组', after: [17], materials: [] },
  { no: 20, phase: 5, label: '入党宣誓', after: [17], materials: [m('oath', '入党宣誓记录')] },
  {
    no: 21,
    phase: 5,
    label: '继续教育考察',
    after: [15],
    facts: ['extension'],
    materials: [m('probationRecords', '预备党员考察登记（每季度）'), m('probationReports', '预备期思想汇报', true)],
  },
  { no: 22, phase: 5, label: '提出转正申请', after: [15], materials: [m('conversionApplication', '转正申请书', true)] },
  {
    no: 23,
    phase: 5,
    label: '支部大会讨论',
    after: [22],
    setsStage: 'full',
    facts: ['vote'],
    materials: [m('conversionMinutes', '讨论转正的支部大会会议记录'), m('conversionResolution', '支部大会决议')],
  },
  { no: 24, phase: 5, label: '上级党委审批', after: [23], materials: [m('conversionApproval', '党委审批意见')] },
  { no: 25, phase: 5, label: '材料归档', after: [24], materials: [m('fileRecord', '发展党员全程纪实表', false, true)] },
]

export function stepDef(no: number): StepDef {
  const def = STEPS.find((s) => s.no === no)
  if (!def) throw new Error(`unknown step ${no}`)
  return def
}

/** The step that sets each of the roster's five stage dates (the migration maps them with this). */
export const STAGE_STEP: Record<Exclude<Stage, 'masses'>, StepNo> = SHARED_STAGE_STEP

/** Steps whose `after` lists `no`: their dates may not be earlier than `no`'s. */
export function stepsAfter(no: StepNo): StepNo[] {
  return STEPS.filter((s) => s.after.includes(no)).map((s) => s.no)
}

/** The stage a member is in once `no` is done (the last stage-setting step at or before it). */
export function stageReachedBy(no: StepNo): Stage {
  const setting = STEPS.filter((s) => s.setsStage && s.no <= no)
  return setting.length ? (setting[setting.length - 1].setsStage as Stage) : 'masses'
}

export function stepId(memberId: string, no: StepNo): string {
  return `${memberId}:${String(no).padStart(2, '0')}`
}
