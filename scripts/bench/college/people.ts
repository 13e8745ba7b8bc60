import {
  DEFAULT_COLLEGE_SETTINGS,
  type CollegeSettings,
  type Role,
  type Stage,
} from '../../../cloudfunctions/_shared/domain'
import type { BindingDoc, BranchDoc, CollegeDoc, MemberDoc } from '../../../cloudfunctions/_shared/models'
import { memberDocOf } from '../../../local-cloud/src/seed/index'
import { committeeMember, type SeedPerson } from '../../../local-cloud/src/seed/people'
import { mulberry32, type Random } from './random'
import type { CollegeScale } from './scale'

/**
 * The people of the bench college: `branches` branches of about `students / branches` members each,
 * every stage, a secretary per branch (some counsellors, most senior student members), two or three
 * 支委 per branch, and two committee members (院党委) without a branch. Every one is bound to
 * `o-bench-<studentNo>`. Names are drawn from common surnames and given names (fictional people).
 */

export const BENCH_COLLEGE_ID = 'college-main'
/** Monthly reports (a local practice) make the college's report volume; see generate.ts. */
export const BENCH_SETTINGS: CollegeSettings = { ...DEFAULT_COLLEGE_SETTINGS, reportPeriod: 'month' }

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN =
  '子涵 欣怡 梓轩 浩然 雨桐 思远 一鸣 佳怡 宇航 诗涵 俊杰 梦琪 博文 语嫣 泽宇 心怡 嘉豪 晓彤 婉清 振宇 若曦 景行 思琪 文博 皓轩 静怡 晨阳 清妍 一帆 天宇 明轩 雅琪 凯文 雨萱 子墨 晓雯 志远 立华 建国 欣然 可馨 铭泽 昊天 书瑶 宏伟 嘉怡 一诺 子豪 慧敏 家乐'.split(
    ' ',
  )
const MAJORS = ['计科', '软工', '网安', '数据', '物联', '人工智能', '计算机硕', '软件硕', '电子信息硕', '计算机博']
const POSTS = ['组织委员', '宣传委员', '纪检委员']

/** The share of each stage among students, and how long (months, min–max) they have been in it. */
const STAGE_MIX: [Stage, number, number, number][] = [
  ['masses', 0.08, 0, 0],
  ['applicant', 0.17, 1, 10],
  ['activist', 0.3, 1, 24],
  ['candidate', 0.13, 1, 9],
  ['probationary', 0.14, 1, 12],
  ['full', 0.18, 1, 30],
]

export function benchOpenid(studentNo: string): string {
  return `o-bench-${studentNo}`
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

function stageFor(random: Random): { stage: Stage; months: number } {
  let roll = random()
  for (const [stage, share, min, max] of STAGE_MIX) {
    roll -= share
    if (roll < 0) return { stage, months: min + Math.floor(random() * (max - min + 1)) }
  }
  return { stage: 'full', months: 12 }
}

export interface BenchPeople {
  colleges: CollegeDoc[]
  branches: BranchDoc[]
  members: MemberDoc[]
  bindings: BindingDoc[]
}

export function benchPeople(scale: CollegeScale, now: Date): BenchPeople {
  const random = mulberry32(20260301)
  const branches: BranchDoc[] = Array.from({ length: scale.branches }, (_, b) => ({
    _id: `branch-b${pad(b + 1, 2)}`,
    collegeId: BENCH_COLLEGE_ID,
    name: `${MAJORS[b % MAJORS.length]}第${b + 1}党支部`,
    order: b + 1,
  }))
  const people: SeedPerson[] = []
  const posts: Map<string, string> = new Map()
  const perBranch = Math.max(3, Math.floor(scale.students / scale.branches))
  branches.forEach((branch, b) => {
    const major = MAJORS[b % MAJORS.length]
    for (let i = 0; i < perBranch; i++) {
      const year = 2021 + (i % 5)
      const studentNo = `${year}${pad(b + 1, 2)}${pad(i, 4)}`
      const name = SURNAMES[Math.floor(random() * SURNAMES.length)] + GIVEN[Math.floor(random() * GIVEN.length)]
      const gender: SeedPerson['gender'] = random() < 0.5 ? 'male' : 'female'
      const className = `${major}${String(year).slice(2)}0${1 + (i % 3)}`
      let roles: Role[] = ['student']
      let { stage, months } = stageFor(random)
      if (i === 0) {
        // The secretary: a counsellor in every fifth branch, otherwise a senior student member.
        roles = b % 5 === 0 ? ['secretary'] : ['student', 'secretary']
        stage = 'full'
        months = 18 + (b % 24)
      } else if (i <= 3 && i <= 1 + (b % 3)) {
        // 支委: Party members with a post.
        stage = 'full'
        months = 6 + i * 5
        posts.set(studentNo, POSTS[i - 1])
      }
      people.push({
        studentNo,
        name,
        gender,
        className: roles.includes('student') ? className : '辅导员',
        branchId: branch._id,
        stage,
        roles,
        monthsInStage: months,
        bound: true,
      })
    }
  })
  for (const [k, name] of ['刘建国', '孙慧敏'].entries()) {
    people.push(committeeMember(`T20090${pad(k + 1, 2)}`, name, k === 0 ? 'male' : 'female'))
  }
  const members: MemberDoc[] = people.map((p) =>
    memberDocOf(p, {
      collegeId: BENCH_COLLEGE_ID,
      post: posts.get(p.studentNo) ?? null,
      openid: benchOpenid(p.studentNo),
      now,
    }),
  )
  for (const branch of branches) {
    branch.secretaryIds = members
      .filter((m) => m.branchId === branch._id && m.roles.includes('secretary'))
      .map((m) => m._id)
  }
  return {
    colleges: [{ _id: BENCH_COLLEGE_ID, name: '计算机与信息工程学院', settings: BENCH_SETTINGS }],
    branches,
    members,
    bindings: members.map((m) => ({ _id: m.openid as string, memberId: m._id, boundAt: now })),
  }
}
