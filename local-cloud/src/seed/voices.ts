import { DEFAULT_APPRAISAL_SETTINGS } from '../../../cloudfunctions/_shared/domain'
import type { MemberDoc } from '../../../cloudfunctions/_shared/models'
import type { TallyDoc, VoterDoc } from '../../../cloudfunctions/voices/src/ballot-box'
import type { Grade } from '../../../cloudfunctions/voices/src/contract'
import {
  UNDECIDED_HONOUR,
  type AppraisalDoc,
  type AppraisalPerson,
  type HonourDoc,
  type SelfAppraisalDoc,
  type SurveyDoc,
  type VoteDoc,
} from '../../../cloudfunctions/voices/src/model'
import { seedMemberId } from './people'

/**
 * Voices of the demo college: the CS branch's 民主评议 in progress this year (two self-appraisals and two
 * peer sheets in) and published last year; an open anonymous vote of the branch; the committee's
 * satisfaction survey with a dozen answers; honours in the 榜样 window and one nomination waiting.
 * Tallies and markers agree, as the ballot box would leave them (counters only, no voter in a tally).
 */

const DAY = 86_400_000
const id = seedMemberId

function person(members: MemberDoc[], studentNo: string): AppraisalPerson {
  const m = members.find((x) => x.studentNo === studentNo)
  if (!m) throw new Error(`voices seed: no member ${studentNo}`)
  return { memberId: m._id, name: m.name, className: m.className, stage: m.stage }
}

function chinaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()
}

/** Adds one sheet of peer grades (and comments) to a tally. */
function addSheet(tally: TallyDoc, grades: Record<string, Grade>, comments: Record<string, string> = {}): void {
  tally.ballots += 1
  for (const [memberId, grade] of Object.entries(grades)) {
    tally.counts[memberId] = { ...tally.counts[memberId], [grade]: (tally.counts[memberId]?.[grade] ?? 0) + 1 }
  }
  for (const [memberId, text] of Object.entries(comments))
    tally.notes[memberId] = [...(tally.notes[memberId] ?? []), text].sort()
}

const CS_SELF: Record<string, string> = {
  '2020010111':
    '本年度我坚持每周参加支部理论学习，完成了学习专栏全部必读篇目。作为支教队长，组织队员赴郊区小学支教 40 余次。不足之处是对低年级入党积极分子的联系还不够经常，今后每月至少与联系对象谈心一次。',
  '2021010208':
    '作为预备党员，我按时提交思想汇报，认真参加“三会一课”。担任宣传委员以来负责支部公众号推送 30 余篇。存在的问题是理论学习系统性不够，下一步将结合专业学习读原著、学原文。',
}

export function seedVoices(
  base: { members: MemberDoc[] },
  now: Date,
): {
  appraisals: AppraisalDoc[]
  selfAppraisals: SelfAppraisalDoc[]
  ballotTallies: TallyDoc[]
  ballotVoters: VoterDoc[]
  votes: VoteDoc[]
  surveys: SurveyDoc[]
  honours: HonourDoc[]
} {
  const year = chinaYear(now)
  const chen = person(base.members, 'T2016003')
  const wu = person(base.members, '2021010208')
  const xu = person(base.members, '2021010230')
  const sun = person(base.members, '2020010111')
  const committeeId = id('T2009001')
  const tallies: TallyDoc[] = []
  const voters: VoterDoc[] = []
  const mark = (memberId: string, boxId: string) => voters.push({ _id: `${memberId}:${boxId}`, boxId, memberId })

  // The branch's yearly 民主评议, started by its secretary and not tied to a meeting record.
  const csAppraisal = (appraisalYear: number) => ({
    collegeId: 'college-main',
    branchId: 'branch-cs',
    branchName: '计算机科学本科生党支部',
    year: appraisalYear,
    title: `${appraisalYear}年度民主评议党员`,
    meetingId: null,
    meetingTitle: `${appraisalYear}年度组织生活会`,
    excellentMaxShare: DEFAULT_APPRAISAL_SETTINGS.excellentMaxShare,
    startedBy: chen.memberId,
  })

  // Last year: held at the 组织生活会 in December, published.
  const lastId = `ap-${year - 1}-branch-cs`
  const lastMembers = [chen, wu, sun]
  const lastTally: TallyDoc = { _id: lastId, ballots: 0, counts: {}, notes: {} }
  addSheet(
    lastTally,
    { [wu.memberId]: 'qualified', [sun.memberId]: 'excellent' },
    { [sun.memberId]: '支教工作组织得有声有色' },
  )
  addSheet(lastTally, { [chen.memberId]: 'qualified', [sun.memberId]: 'excellent' })
  addSheet(
    lastTally,
    { [chen.memberId]: 'qualified', [wu.memberId]: 'qualified' },
    { [wu.memberId]: '宣传工作认真细致' },
  )
  tallies.push(lastTally)
  for (const m of lastMembers) mark(m.memberId, lastId)
  const decided = (grade: Grade, reason = '') => ({
    grade,
    reason,
    followUp: null,
    at: new Date(`${year - 1}-12-20T16:00:00+08:00`),
    byId: committeeId,
    byName: '刘建国',
  })
  const last: AppraisalDoc = {
    _id: lastId,
    ...csAppraisal(year - 1),
    status: 'published',
    members: lastMembers,
    closesAt: new Date(`${year - 1}-12-18T22:00:00+08:00`),
    decisions: {
      [sun.memberId]: {
        ...decided('excellent', '互评优秀票全票，支教工作成效突出'),
        byId: chen.memberId,
        byName: chen.name,
      },
      [wu.memberId]: { ...decided('qualified'), byId: chen.memberId, byName: chen.name },
      [chen.memberId]: decided('qualified'),
    },
    startedAt: new Date(`${year - 1}-12-04T10:00:00+08:00`),
    closedAt: new Date(`${year - 1}-12-18T22:00:00+08:00`),
    publishedAt: new Date(`${year - 1}-12-21T09:00:00+08:00`),
  }

  // This year: open for another week; 吴佳怡 and 徐明轩 have handed in their sheets.
  const currentId = `ap-${year}-branch-cs`
  const currentMembers = [chen, wu, xu, sun].sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  const currentTally: TallyDoc = { _id: currentId, ballots: 0, counts: {}, notes: {} }
  addSheet(
    currentTally,
    { [chen.memberId]: 'excellent', [xu.memberId]: 'qualified', [sun.memberId]: 'excellent' },
    { [sun.memberId]: '支教队长，带动大家参加志愿服务' },
  )
  addSheet(currentTally, { [chen.memberId]: 'qualified', [wu.memberId]: 'qualified', [sun.memberId]: 'qualified' })
  tallies.push(currentTally)
  mark(wu.memberId, currentId)
  mark(xu.memberId, currentId)
  const current: AppraisalDoc = {
    _id: currentId,
    ...csAppraisal(year),
    status: 'appraising',
    members: currentMembers,
    closesAt: new Date(now.getTime() + 7 * DAY),
    decisions: {},
    startedAt: new Date(now.getTime() - 3 * DAY),
    closedAt: null,
    publishedAt: null,
  }
  const selfAppraisals: SelfAppraisalDoc[] = Object.entries(CS_SELF).map(([no, text], i) => ({
    _id: `${id(no)}:${currentId}`,
    appraisalId: currentId,
    memberId: id(no),
    text,
    at: new Date(now.getTime() - (2 - i) * DAY),
  }))

  // An open anonymous vote of the branch's Party members: one ballot in.
  const voteId = 'vtseed0000000000000001'
  const electorate = [chen, wu, xu, sun].map((m) => m.memberId)
  const voteTally: TallyDoc = { _id: voteId, ballots: 1, counts: { s1: { for: 1 } }, notes: {} }
  tallies.push(voteTally)
  mark(wu.memberId, voteId)
  const vote: VoteDoc = {
    _id: voteId,
    collegeId: 'college-main',
    audienceKey: 'branch:branch-cs',
    branchId: 'branch-cs',
    scopeLabel: '计算机科学本科生党支部',
    title: '推荐孙雅琪同志参评校级优秀学生党员',
    description: '经支委会研究，拟推荐孙雅琪同志参评校级优秀学生党员，现提请支部党员无记名表决。',
    kind: 'motion',
    subjects: [{ id: 's1', label: '同意推荐孙雅琪同志' }],
    maxChoices: 1,
    electorate: 'party',
    electorateIds: electorate,
    anonymous: true,
    ruleId: 'majority-of-present',
    status: 'open',
    closesAt: new Date(now.getTime() + 4 * DAY),
    createdBy: chen.memberId,
    createdByName: chen.name,
    createdAt: new Date(now.getTime() - DAY),
    outcome: null,
  }

  // The committee's survey to everyone, with answers from a dozen people.
  const surveyId = 'svseed0000000000000001'
  const survey: SurveyDoc = {
    _id: surveyId,
    collegeId: 'college-main',
    audienceKey: 'college:college-main',
    branchId: null,
    stages: [],
    scopeLabel: '全院',
    audienceLabel: '全院师生',
    title: `${year}年度组织生活满意度调查`,
    intro: '为改进明年的组织生活安排，院党委向全院党员和入党积极分子征求意见。问卷匿名，约需 2 分钟。',
    anonymous: true,
    questions: [
      {
        id: 'q1',
        type: 'single',
        title: '你最希望主题党日安排哪类活动？',
        options: ['红色教育基地参观', '社区志愿服务', '专题学习研讨', '党史知识竞赛'],
        required: true,
      },
      {
        id: 'q2',
        type: 'multiple',
        title: '你平时通过哪些方式学习党的理论？',
        options: ['支部通学习专栏', '学习强国', '纸质读本', '党课讲座'],
        required: true,
      },
      { id: 'q3', type: 'rating', title: '你对本年度组织生活的总体满意度', options: [], required: true },
      { id: 'q4', type: 'text', title: '对明年的组织生活还有哪些建议？', options: [], required: false },
    ],
    status: 'open',
    closesAt: new Date(now.getTime() + 10 * DAY),
    createdBy: committeeId,
    createdByName: '刘建国',
    createdAt: new Date(now.getTime() - 5 * DAY),
  }
  const answers: [string, number, number[], number, string][] = [
    ['2022010112', 0, [0, 1], 5, '希望多去几个本地的红色教育基地'],
    ['2022010219', 1, [0], 4, ''],
    ['2021010105', 0, [0, 3], 5, '主题党日可以和专业实践结合'],
    ['2021020103', 2, [1, 2], 4, ''],
    ['2021020128', 1, [0, 1], 3, '会议通知能否提前三天发'],
    ['2022020109', 0, [0], 4, ''],
    ['2022020211', 3, [0, 3], 5, ''],
    ['2023110110', 2, [2, 3], 4, '研究生支部的活动时间希望避开组会'],
    ['2023110117', 0, [0, 1], 5, ''],
    ['2024110121', 1, [1], 3, ''],
    ['2023120112', 0, [0, 2], 4, '建议增加优秀党员经验分享'],
    ['2020020119', 2, [0, 3], 5, ''],
  ]
  const surveyTally: TallyDoc = { _id: surveyId, ballots: 0, counts: {}, notes: {} }
  const inc = (key: string, choice: string) => {
    surveyTally.counts[key] = { ...surveyTally.counts[key], [choice]: (surveyTally.counts[key]?.[choice] ?? 0) + 1 }
  }
  for (const [no, single, multiple, rating, text] of answers) {
    surveyTally.ballots += 1
    inc('q1', String(single))
    for (const c of multiple) inc('q2', String(c))
    inc('q3', String(rating))
    if (text) surveyTally.notes.q4 = [...(surveyTally.notes.q4 ?? []), text].sort()
    mark(id(no), surveyId)
  }
  tallies.push(surveyTally)

  const honour = (
    h: Partial<HonourDoc> & Pick<HonourDoc, '_id' | 'memberId' | 'name' | 'branchId' | 'branchName' | 'title' | 'year'>,
  ): HonourDoc => ({
    collegeId: 'college-main',
    status: 'awarded',
    ...UNDECIDED_HONOUR,
    decidedById: committeeId,
    decidedAt: new Date(`${year}-07-01T10:00:00+08:00`),
    declineReason: null,
    ...h,
  })
  const honours: HonourDoc[] = [
    honour({
      _id: 'hnseed01',
      memberId: id('2022110106'),
      name: '傅晨阳',
      branchId: 'branch-grad',
      branchName: '研究生第一党支部',
      title: '优秀共产党员',
      year,
      citation:
        '扎根实验室攻关国产数据库关键技术，牵头成立“党员先锋攻关小组”，带动 6 名低年级研究生参与科研，发表高水平论文 3 篇。',
      articleId: 'a-models-02',
    }),
    honour({
      _id: 'hnseed02',
      memberId: id('2020020106'),
      name: '谢雨萱',
      branchId: 'branch-se',
      branchName: '软件工程本科生党支部',
      title: '优秀学生党员',
      year,
      citation:
        '发起“银龄触网”志愿服务项目，两年来为社区老人开设手机课 60 余次，服务时长 300 余小时，获评市级优秀志愿者。',
      articleId: 'a-models-03',
    }),
    honour({
      _id: 'hnseed03',
      memberId: id('T2016003'),
      name: '陈立华',
      branchId: 'branch-cs',
      branchName: '计算机科学本科生党支部',
      title: '优秀党务工作者',
      year: year - 1,
      citation: '担任支部书记八年，坚持“三会一课”制度，支部连续三年获评院先进基层党组织，发展党员材料零差错。',
      decidedAt: new Date(`${year - 1}-07-01T10:00:00+08:00`),
    }),
    honour({
      _id: 'hnseed04',
      memberId: id('2020020119'),
      name: '韩子墨',
      branchId: 'branch-se',
      branchName: '软件工程本科生党支部',
      title: '党员先锋岗',
      year,
      status: 'nominated',
      reason: '退伍返校后担任班长，把军营作风带进班级，组织晨读和体能训练，班级挂科率下降一半。',
      nominatedById: id('2020020102'),
      nominatedByName: '林晓雯',
      nominatedAt: new Date(now.getTime() - 2 * DAY),
      decidedById: null,
      decidedAt: null,
    }),
  ]

  return {
    appraisals: [last, current],
    selfAppraisals,
    ballotTallies: tallies,
    ballotVoters: voters,
    votes: [vote],
    surveys: [survey],
    honours,
  }
}
