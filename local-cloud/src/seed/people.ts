import { createHash } from 'node:crypto'
import type { Role, Stage } from '../../../cloudfunctions/_shared/domain'

/** The demo college, written for 支部通 (all people are fictional). */
export const COLLEGE = { _id: 'college-main', name: '计算机与信息工程学院' }

export const BRANCHES = [
  { _id: 'branch-cs', name: '计算机科学本科生党支部', order: 1 },
  { _id: 'branch-se', name: '软件工程本科生党支部', order: 2 },
  { _id: 'branch-grad', name: '研究生第一党支部', order: 3 },
] as const

export interface SeedPerson {
  studentNo: string
  name: string
  gender: 'male' | 'female'
  className: string
  branchId: string | null
  stage: Stage
  roles: Role[]
  /** Months since entering the current stage; the earlier dates follow from it. */
  monthsInStage: number
  /** Unbound roster entries are there for the bind flow (绑定学号). */
  bound: boolean
}

type Row = [
  studentNo: string,
  name: string,
  gender: 'm' | 'f',
  className: string,
  stage: Stage,
  monthsInStage: number,
  bound?: boolean,
]

const CS: Row[] = [
  ['2023010101', '王思远', 'm', '计科2301', 'applicant', 2],
  ['2023010102', '李雨桐', 'f', '计科2301', 'applicant', 7],
  ['2023010215', '陈浩然', 'm', '计科2302', 'applicant', 1, false],
  ['2022010107', '张欣怡', 'f', '计科2201', 'activist', 11],
  ['2022010112', '刘子轩', 'm', '计科2201', 'activist', 14],
  ['2022010203', '杨梦琪', 'f', '计科2202', 'activist', 5],
  ['2022010219', '赵一鸣', 'm', '计科2202', 'activist', 18],
  ['2021010105', '黄诗涵', 'f', '计科2101', 'candidate', 4],
  ['2021010122', '周俊杰', 'm', '计科2101', 'candidate', 8],
  ['2021010208', '吴佳怡', 'f', '计科2102', 'probationary', 11],
  ['2021010230', '徐明轩', 'm', '计科2102', 'probationary', 3],
  ['2020010111', '孙雅琪', 'f', '计科2001', 'full', 10],
  ['2023010230', '马天宇', 'm', '计科2302', 'masses', 0],
]

const SE: Row[] = [
  ['2023020104', '朱晓彤', 'f', '软工2301', 'applicant', 3],
  ['2023020117', '胡宇航', 'm', '软工2301', 'applicant', 9],
  ['2023020206', '郭婉清', 'f', '软工2302', 'applicant', 1, false],
  ['2022020109', '何嘉豪', 'm', '软工2201', 'activist', 12],
  ['2022020125', '高语嫣', 'f', '软工2201', 'activist', 7],
  ['2022020211', '林泽宇', 'm', '软工2202', 'activist', 16],
  ['2021020103', '罗心怡', 'f', '软工2101', 'candidate', 6],
  ['2021020128', '梁博文', 'm', '软工2101', 'candidate', 2],
  ['2021020214', '宋佳琪', 'f', '软工2102', 'probationary', 7],
  ['2021020220', '郑凯文', 'm', '软工2102', 'probationary', 12],
  ['2020020106', '谢雨萱', 'f', '软工2001', 'full', 14],
  ['2020020119', '韩子墨', 'm', '软工2001', 'full', 4],
]

const GRAD: Row[] = [
  ['2025110102', '唐若曦', 'f', '计算机硕2501', 'applicant', 4],
  ['2025110115', '冯振宇', 'm', '计算机硕2501', 'applicant', 6, false],
  ['2024110108', '董欣然', 'f', '计算机硕2401', 'activist', 9],
  ['2024110121', '萧景行', 'm', '计算机硕2401', 'activist', 13],
  ['2024120105', '程思琪', 'f', '软件硕2401', 'activist', 20],
  ['2023110110', '曹文博', 'm', '计算机硕2301', 'candidate', 3],
  ['2023110117', '袁梓涵', 'f', '计算机硕2301', 'candidate', 9],
  ['2023120104', '邓皓轩', 'm', '软件硕2301', 'probationary', 5],
  ['2023120112', '许静怡', 'f', '软件硕2301', 'probationary', 10],
  ['2022110106', '傅晨阳', 'm', '计算机博2201', 'full', 24],
  ['2022110113', '沈清妍', 'f', '计算机博2201', 'full', 30],
  ['2025120109', '彭一帆', 'm', '软件硕2501', 'masses', 0],
]

function rows(branchId: string, list: Row[]): SeedPerson[] {
  return list.map(([studentNo, name, g, className, stage, monthsInStage, bound = true]) => ({
    studentNo,
    name,
    gender: g === 'm' ? 'male' : 'female',
    className,
    branchId,
    stage,
    roles: ['student'],
    monthsInStage,
    bound,
  }))
}

/** Secretaries are Party members with their own records; one is a counsellor, two are senior students. */
const SECRETARIES: SeedPerson[] = [
  {
    studentNo: 'T2016003',
    name: '陈立华',
    gender: 'male',
    className: '辅导员',
    branchId: 'branch-cs',
    stage: 'full',
    roles: ['secretary'],
    monthsInStage: 96,
    bound: true,
  },
  {
    studentNo: '2020020102',
    name: '林晓雯',
    gender: 'female',
    className: '软工2001',
    branchId: 'branch-se',
    stage: 'full',
    roles: ['student', 'secretary'],
    monthsInStage: 18,
    bound: true,
  },
  {
    studentNo: '2021110101',
    name: '周志远',
    gender: 'male',
    className: '计算机博2101',
    branchId: 'branch-grad',
    stage: 'full',
    roles: ['student', 'secretary'],
    monthsInStage: 40,
    bound: true,
  },
]

/** An organiser (组织员) of the college Party committee: a long-standing full member, bound. */
export function committeeMember(studentNo: string, name: string, gender: SeedPerson['gender']): SeedPerson {
  return {
    studentNo,
    name,
    gender,
    className: '学院党委组织员',
    branchId: null,
    stage: 'full',
    roles: ['committee'],
    monthsInStage: 180,
    bound: true,
  }
}

const COMMITTEE: SeedPerson[] = [committeeMember('T2009001', '刘建国', 'male')]

export const PEOPLE: SeedPerson[] = [
  ...COMMITTEE,
  ...SECRETARIES,
  ...rows('branch-cs', CS),
  ...rows('branch-se', SE),
  ...rows('branch-grad', GRAD),
]

/** Branch committee members (支委) besides the secretaries, by student number: their post. */
export const BRANCH_POSTS: Record<string, string> = {
  '2020010111': '组织委员',
  '2021010208': '宣传委员',
  '2020020106': '组织委员',
  '2020020119': '宣传委员',
  '2022110106': '组织委员',
  '2022110113': '纪检委员',
}

/**
 * Known binding codes of the unbound demo roster entries, so a visitor can try binding (README 演示身份,
 * the H5 persona chooser). Stored hashed like any other code; printed form ABCD-EFGH.
 */
export const DEMO_BIND_CODES: Record<string, string> = {
  '2023010215': 'ZBTD7K3M', // 陈浩然
  '2023020206': 'ZBTD4W8X', // 郭婉清
  '2025110115': 'ZBTD6R2H', // 冯振宇
}

/**
 * A seeded person's member id: opaque like the ids the roster import gives (`_shared/ids`), and stable,
 * so tests and a chosen persona survive a reseed. Tests use it as `memberIdOf` (test/helpers/members.ts).
 */
export function seedMemberId(studentNo: string): string {
  return `mb${createHash('sha256').update(`zhibutong-seed-member:${studentNo}`).digest('hex').slice(0, 20)}`
}

/** Demo openids: stable, so a persona chosen in the browser survives a reseed. */
export function demoOpenid(studentNo: string): string {
  return `o-dev-${studentNo}`
}
