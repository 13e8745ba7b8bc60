/**
 * Every page of the weapp build with who opens it and plausible query parameters taken from the seeded data
 * (read through the real SDK), and what the page must show once loaded.
 */
import type { LocalCloud } from '../helpers/cloud'
import type { Persona } from '../helpers/members'
import { adminSdk, findDocs } from '../helpers/sdk'

export type { Persona }

export type Who = 'student' | 'secretary' | 'committee' | 'newcomer'

export interface PageCase {
  route: string
  who: Who
  query: Record<string, string>
  /** Texts the loaded page shows: its purpose (title, list items, empty state). */
  shows: (string | RegExp)[]
  /** Values shown in its input fields (editable names and titles). */
  fieldValues?: string[]
  /** Opened by this persona instead of `who`'s (an attempt is only visible to whoever made it). */
  openid?: string
}

export interface Seeded {
  personas: Record<Exclude<Who, 'newcomer'>, Persona>
  /** An upcoming meeting of the student's branch. */
  upcomingMeeting: { id: string; title: string }
  /** A meeting of the student's branch that has been held. */
  heldMeeting: { id: string; title: string }
  /** The running report period (the student writes for it). */
  currentPeriod: string
  /** The student's own reports. */
  studentReport: { id: string; period: string; title: string }
  /** A report of the secretary's branch waiting for review. */
  pendingReport: { id: string; memberId: string; memberName: string; title: string }
  quiz: { id: string; title: string }
  /** A submitted attempt and the persona who made it. */
  attempt: { id: string; openid: string; title: string }
  article: { id: string; title: string; columnId: string; columnName: string }
  question: { id: string; stem: string }
  /** A member of the secretary's branch. */
  member: { id: string; name: string }
}

interface Doc extends Record<string, unknown> {
  _id: string
}

const STUDENT = '张欣怡'
const SECRETARY = '陈立华'
const COMMITTEE = '刘建国'

export async function readSeeded(cloud: LocalCloud): Promise<Seeded> {
  const list = (await (await fetch(`${cloud.url}/api/dev/personas`)).json()) as Persona[]
  const persona = (name: string): Persona => {
    const p = list.find((x) => x.name === name)
    if (!p) throw new Error(`no seeded persona ${name}`)
    return p
  }
  const student = persona(STUDENT)
  const secretary = persona(SECRETARY)
  const mine = await cloud.call<{ ok: boolean; data: { calendar: { current: { id: string } } } }>(
    'report',
    { action: 'listMine' },
    student.openid,
  )
  if (!mine.ok) throw new Error('report.listMine failed for the student')
  const sdk = adminSdk(cloud.url)
  const now = Date.now()
  const meetings = (await findDocs<Doc>(sdk, 'meetings', { branchId: student.branchId })).sort(
    (a, b) => time(a.startAt) - time(b.startAt),
  )
  const upcoming = meetings.find((m) => time(m.startAt) > now && m.status === 'scheduled')
  const held = [...meetings].reverse().find((m) => time(m.endAt) < now && m.type === 'general')
  const reports = await findDocs<Doc>(sdk, 'reports', { memberId: student.memberId })
  const ownReport = reports
    .filter((r) => r.status === 'approved')
    .sort((a, b) => String(b.period).localeCompare(String(a.period)))[0]
  const pending = (await findDocs<Doc>(sdk, 'reports', { branchId: secretary.branchId, status: 'pending' })).sort(
    (a, b) => String(a._id).localeCompare(String(b._id)),
  )[0]
  const quizzes = await findDocs<Doc>(sdk, 'quizzes', { branchId: student.branchId })
  const attempts = await findDocs<Doc>(sdk, 'quizAttempts', { status: 'submitted' })
  const attempt = attempts.find((a) => a.kind === 'quiz')
  const articles = await findDocs<Doc>(sdk, 'articles', { columnId: 'col-notice' })
  const questions = await findDocs<Doc>(sdk, 'questions', { _id: 'q-001' })
  const member = list.find((p) => p.name === '黄诗涵')
  if (
    !upcoming ||
    !held ||
    !ownReport ||
    !pending ||
    !quizzes[0] ||
    !attempt ||
    !articles[0] ||
    !questions[0] ||
    !member
  ) {
    throw new Error('the seed lacks a meeting, report, quiz, attempt, article, question or member the page cases need')
  }
  const attemptOwner = list.find((p) => p.memberId === attempt.memberId)
  if (!attemptOwner) throw new Error(`no persona for attempt ${attempt._id}`)
  return {
    personas: { student, secretary, committee: persona(COMMITTEE) },
    currentPeriod: mine.data.calendar.current.id,
    upcomingMeeting: { id: upcoming._id, title: String(upcoming.title) },
    heldMeeting: { id: held._id, title: String(held.title) },
    studentReport: { id: ownReport._id, period: String(ownReport.period), title: String(lastVersion(ownReport).title) },
    pendingReport: {
      id: pending._id,
      memberId: String(pending.memberId),
      memberName: String(pending.memberName),
      title: String(lastVersion(pending).title),
    },
    quiz: { id: quizzes[0]._id, title: String(quizzes[0].title) },
    attempt: { id: attempt._id, openid: attemptOwner.openid, title: String(attempt.title) },
    article: {
      id: articles[0]._id,
      title: String(articles[0].title),
      columnId: 'col-notice',
      columnName: String(articles[0].columnName),
    },
    question: { id: questions[0]._id, stem: String(questions[0].stem).slice(0, 12) },
    member: { id: member.memberId, name: member.name },
  }
}

function time(value: unknown): number {
  return new Date(value as string).getTime()
}

function lastVersion(report: Doc): { title: string } {
  const versions = (report.versions as { title: string }[] | undefined) ?? []
  return versions[versions.length - 1] ?? { title: '' }
}

/** One case per page of app.json (the test checks none is missing). */
/** A row of the table below: a page without query parameters leaves `query` out. */
type PageRow = Omit<PageCase, 'query'> & { query?: PageCase['query'] }

export function pageCases(s: Seeded): PageCase[] {
  return pageRows(s).map((row) => ({ ...row, query: row.query ?? {} }))
}

function pageRows(s: Seeded): PageRow[] {
  const m = s.upcomingMeeting.id
  return [
    // tabs
    { route: 'pages/study/index', who: 'student', shows: ['每日打卡', '最新文章', s.article.title] },
    { route: 'pages/report/index', who: 'student', shows: ['思想汇报'] },
    { route: 'pages/checkin/index', who: 'student', shows: [s.upcomingMeeting.title] },
    { route: 'pages/quiz/index', who: 'student', shows: ['每日答题', '开始每日答题'] },
    { route: 'pages/me/index', who: 'student', shows: [s.personas.student.name] },
    // account
    { route: 'packages/account/bind/index', who: 'newcomer', shows: ['学号'] },
    { route: 'packages/account/about/index', who: 'student', shows: ['支部通'] },
    // study
    { route: 'packages/study/article/index', who: 'student', query: { id: s.article.id }, shows: [s.article.title] },
    {
      route: 'packages/study/column/index',
      who: 'student',
      query: { id: s.article.columnId, name: s.article.columnName },
      shows: [s.article.title],
    },
    { route: 'packages/study/search/index', who: 'student', shows: ['搜索'] },
    { route: 'packages/study/points/index', who: 'student', shows: ['积分'] },
    { route: 'packages/study/marks/index', who: 'student', query: { kind: 'favorites' }, shows: ['收藏'] },
    // publish
    { route: 'packages/publish/index/index', who: 'secretary', shows: ['发布'] },
    { route: 'packages/publish/edit/index', who: 'secretary', shows: ['标题'] },
    {
      route: 'packages/publish/columns/index',
      who: 'committee',
      shows: ['上移', '下移'],
      fieldValues: ['通知公告', '理论学习'],
    },
    // meeting
    { route: 'packages/meeting/detail/index', who: 'secretary', query: { id: m }, shows: [s.upcomingMeeting.title] },
    {
      route: 'packages/meeting/edit/index',
      who: 'secretary',
      query: { id: m },
      shows: ['会议类型', '参会人员'],
      fieldValues: [s.upcomingMeeting.title],
    },
    { route: 'packages/meeting/code/index', who: 'secretary', query: { id: m }, shows: [s.upcomingMeeting.title] },
    {
      route: 'packages/meeting/minutes/index',
      who: 'secretary',
      query: { id: s.heldMeeting.id },
      shows: [s.heldMeeting.title],
    },
    { route: 'packages/meeting/history/index', who: 'student', shows: ['已加载的', '出席'] },
    { route: 'packages/meeting/past/index', who: 'secretary', shows: [s.heldMeeting.title] },
    { route: 'packages/meeting/compliance/index', who: 'secretary', shows: ['三会一课'] },
    { route: 'packages/meeting/mycode/index', who: 'student', shows: ['签到码'] },
    // report
    { route: 'packages/report/edit/index', who: 'student', query: { period: s.currentPeriod }, shows: ['提交'] },
    {
      route: 'packages/report/detail/index',
      who: 'student',
      query: { id: s.studentReport.id },
      shows: [s.studentReport.title],
    },
    { route: 'packages/report/mine/index', who: 'student', shows: [s.studentReport.title] },
    // review
    {
      route: 'packages/review/detail/index',
      who: 'secretary',
      query: { id: s.pendingReport.id },
      shows: [s.pendingReport.memberName, s.pendingReport.title],
    },
    { route: 'packages/review/overdue/index', who: 'secretary', shows: ['未交'] },
    {
      route: 'packages/review/member/index',
      who: 'secretary',
      query: { memberId: s.pendingReport.memberId },
      shows: [s.pendingReport.memberName],
    },
    // quiz
    {
      route: 'packages/quiz/take/index',
      who: 'student',
      query: { kind: 'daily' },
      shows: ['每日答题', '第 1 / 5 题', '提前交卷'],
    },
    {
      route: 'packages/quiz/result/index',
      who: 'student',
      query: { attemptId: s.attempt.id },
      openid: s.attempt.openid,
      shows: [s.attempt.title],
    },
    { route: 'packages/quiz/challenge/index', who: 'student', query: { best: '0' }, shows: ['第 1 题', '已连对 0 题'] },
    { route: 'packages/quiz/list/index', who: 'student', shows: [s.quiz.title] },
    { route: 'packages/quiz/mistakes/index', who: 'student', shows: ['错题'] },
    {
      route: 'packages/quiz/ranking/index',
      who: 'student',
      query: { quizId: s.quiz.id },
      shows: ['答题总榜', s.quiz.title],
    },
    // quiz admin
    { route: 'packages/quiz-admin/manage/index', who: 'secretary', shows: [s.quiz.title] },
    { route: 'packages/quiz-admin/create/index', who: 'secretary', shows: ['测验'] },
    { route: 'packages/quiz-admin/stats/index', who: 'secretary', query: { quizId: s.quiz.id }, shows: [s.quiz.title] },
    { route: 'packages/quiz-admin/bank/index', who: 'committee', shows: ['新增题目', '批量导入'] },
    {
      route: 'packages/quiz-admin/edit/index',
      who: 'committee',
      query: { id: s.question.id },
      shows: ['题干', '正确答案'],
      fieldValues: [s.question.stem],
    },
    { route: 'packages/quiz-admin/import/index', who: 'committee', shows: ['导入'] },
    // development file (issue #17)
    {
      route: 'packages/development/file/index',
      who: 'student',
      shows: ['我的发展纪实', '我在哪一步', '下一步', '递交入党申请书'],
    },
    {
      route: 'packages/development/branch/index',
      who: 'secretary',
      shows: ['未来 30 天', '问题档案', '计算机科学本科生党支部'],
    },
    { route: 'packages/development/calendar/index', who: 'committee', shows: [/\d{4} 年/, '放假', '修改本年安排'] },
    {
      route: 'packages/development/rules/index',
      who: 'committee',
      shows: ['院党委可在国家规定的范围内调整', '确定发展对象后公示', '国家规定：必须遵守，5 个工作日', '第十九条'],
    },
    // branch
    { route: 'packages/branch/workspace/index', who: 'secretary', shows: ['计算机科学本科生党支部'] },
    { route: 'packages/branch/members/index', who: 'secretary', shows: [s.member.name] },
    { route: 'packages/branch/member/index', who: 'secretary', query: { id: s.member.id }, shows: [s.member.name] },
    {
      route: 'packages/branch/stage/index',
      who: 'secretary',
      // The seeded member is a 发展对象: the next stage step is the branch meeting (step 15) with its vote.
      query: { id: s.member.id, mode: 'advance' },
      shows: [s.member.name, '支部大会讨论', '赞成'],
    },
    { route: 'packages/branch/self/index', who: 'student', shows: ['入党积极分子'] },
    { route: 'packages/branch/import/index', who: 'committee', shows: ['导入'] },
    {
      route: 'packages/branch/branches/index',
      who: 'committee',
      shows: ['计算机科学本科生党支部', '软件工程本科生党支部', '研究生第一党支部'],
    },
    { route: 'packages/branch/audit/index', who: 'committee', shows: ['全部操作', '操作人'] },
    { route: 'packages/branch/exports/index', who: 'secretary', shows: ['导出'] },
    { route: 'packages/branch/bindcodes/index', who: 'secretary', shows: ['为未绑定的成员生成绑定码'] },
    { route: 'packages/branch/archive/index', who: 'secretary', query: { id: s.member.id }, shows: [s.member.name] },
    { route: 'packages/dashboard/index', who: 'committee', shows: ['计算机科学本科生党支部'] },
    // 徐明轩, 预备党员 for three months, owes every month since (the seeded student is an activist, who pays none).
    {
      route: 'packages/dues/pay/index',
      who: 'student',
      openid: 'o-dev-2021010230',
      shows: ['每月党费', '欠交月数', '未交'],
    },
    {
      route: 'packages/dues/branch/index',
      who: 'secretary',
      shows: ['计算机科学本科生党支部', '党员交纳情况', '预警'],
    },
    { route: 'packages/dues/statement/index', who: 'student', shows: ['党费收缴使用情况', '使用明细'] },
    // voices: 孙雅琪 (full member of branch-cs) has this year's 民主评议 open; the seeded vote and survey are open.
    {
      route: 'packages/voices/index/index',
      who: 'student',
      openid: 'o-dev-2020010111',
      shows: ['民主评议党员', '推荐孙雅琪同志参评校级优秀学生党员', '组织生活满意度调查', '优秀'],
    },
    {
      route: 'packages/voices/appraisal/index',
      who: 'student',
      openid: 'o-dev-2020010111',
      query: { id: `ap-${voicesYear()}-branch-cs` },
      shows: ['自我评价', '党员互评（无记名）', '吴佳怡'],
    },
    {
      route: 'packages/voices/manage/index',
      who: 'secretary',
      shows: ['民主评议党员', '自评互评中', '推荐孙雅琪同志参评校级优秀学生党员'],
    },
    {
      route: 'packages/voices/vote/index',
      who: 'student',
      openid: 'o-dev-2020010111',
      query: { id: 'vtseed0000000000000001' },
      shows: ['同意推荐孙雅琪同志', '无记名投票', '请先作出选择'],
    },
    { route: 'packages/voices/vote-edit/index', who: 'secretary', shows: ['投票主题', '投票人', '发起投票'] },
    {
      route: 'packages/voices/survey/index',
      who: 'committee',
      query: { id: 'svseed0000000000000001' },
      shows: ['结果统计', '红色教育基地参观', '导出结果'],
    },
    { route: 'packages/voices/survey-edit/index', who: 'committee', shows: ['问卷信息', '第 1 题', '发布问卷'] },
    { route: 'packages/voices/honours/index', who: 'student', shows: ['傅晨阳', '优秀共产党员', '阅读党员风采'] },
    // 宋佳琪 (预备党员, 软件工程支部) studies in Hong Kong (seeded registration away); 吴佳怡 of the secretary's branch is overdue.
    {
      route: 'packages/member-care/index/index',
      who: 'student',
      openid: 'o-dev-2021020214',
      shows: ['我的外出', '交流学习', '香港', '组织关系转接', '联系记录'],
    },
    { route: 'packages/member-care/away/index', who: 'student', shows: ['外出类型', '联系方式', '提交外出登记'] },
    {
      route: 'packages/member-care/transfer/index',
      who: 'student',
      shows: ['接收党组织', '身份证号码', '提交转接申请'],
    },
    {
      route: 'packages/member-care/hours/index',
      who: 'student',
      openid: 'o-dev-2021020214',
      shows: ['培训学时', '学习贯彻全会精神网络专题培训', '年度要求'],
    },
    { route: 'packages/member-care/branch/index', who: 'secretary', shows: ['外出党员', '吴佳怡', '报到逾期'] },
    { route: 'packages/member-care/talk/index', who: 'secretary', shows: ['谈话对象', '孙雅琪', '保存谈话记录'] },
    {
      route: 'packages/member-care/training/index',
      who: 'committee',
      shows: ['培训名称', '参训人员学号', '登记培训学时'],
    },
  ]
}

/** The China-time year: the seeded 民主评议 of this year is `ap-<year>-branch-cs`. */
function voicesYear(): number {
  return new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
}

export function openidOf(s: Seeded, who: Who): string | null {
  return who === 'newcomer' ? 'o-weapp-newcomer' : s.personas[who].openid
}
