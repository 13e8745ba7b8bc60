import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'

/** One row of 我的 that opens a page. */
export interface Entry {
  title: string
  description?: string
  url: string
  testId?: string
}

/** One card of entries; a card with no entry left for this person is not shown. */
export interface EntrySection {
  key: string
  title?: string
  entries: Entry[]
}

const isMember = (p: Profile) => p.stage === 'probationary' || p.stage === 'full'
const isManager = (p: Profile) => p.roles.includes('committee') || (p.roles.includes('secretary') && p.branch !== null)
// A 支委 (branch committee member with a post) runs the branch's votes and surveys with the secretary.
const runsVoices = (p: Profile) =>
  p.roles.includes('committee') || (p.branch !== null && (p.roles.includes('secretary') || Boolean(p.branchPost)))

/** `entry` when `shown`, else nothing: keeps each section one list that reads top to bottom. */
function when(shown: boolean, entry: Entry): Entry[] {
  return shown ? [entry] : []
}

/** The entry cards of 我的, in order, with what this person may open. */
export function meSections(p: Profile): EntrySection[] {
  const committee = p.roles.includes('committee')
  const manager = isManager(p)
  const member = isMember(p)
  return [
    // 发展: the branch workspace, roster and dashboard for secretaries and the committee.
    {
      key: 'branch',
      title: committee ? '院党委工作' : '支部工作',
      entries: manager
        ? [
            {
              title: '支部工作台',
              description: '考察与转正提醒、名册、导出',
              url: ROUTES.branchWorkspace,
              testId: 'me-branch-workspace',
            },
            {
              title: '成员名册',
              description: '按阶段筛选，登记发展阶段',
              url: ROUTES.branchMembers,
              testId: 'me-branch-members',
            },
            {
              title: '数据看板',
              description: committee ? '各支部汇报、出勤、积分对比' : '汇报、出勤、积分与答题',
              url: ROUTES.dashboard,
              testId: 'me-dashboard',
            },
          ]
        : [],
    },
    // The self-check for anyone who has applied; counsellors and committee staff who only hold an office have
    // no development steps to check.
    {
      key: 'self-check',
      entries: when(p.roles.includes('student') || !manager, {
        title: '我的发展纪实',
        description: '我在哪一步、下一步何时可办理、还缺哪些材料',
        url: ROUTES.developmentFile,
        testId: 'me-self-check',
      }),
    },
    {
      key: 'study',
      title: '学习',
      entries: [
        { title: '我的积分', description: '今日积分、连续打卡与排行', url: ROUTES.studyPoints, testId: 'me-points' },
        { title: '我的收藏', url: `${ROUTES.studyMarks}?kind=favorites`, testId: 'me-favorites' },
        { title: '阅读历史', url: `${ROUTES.studyMarks}?kind=history`, testId: 'me-history' },
        ...when(p.primaryRole !== 'student', {
          title: '内容发布',
          description: p.primaryRole === 'committee' ? '发布全院学习内容、管理栏目' : '发布本支部动态与通知',
          url: ROUTES.publishHome,
          testId: 'me-publish',
        }),
      ],
    },
    // 组织生活: the personal check-in code and the attendance record (branch members).
    {
      key: 'meeting',
      entries: p.branch
        ? [
            {
              title: '我的签到码',
              description: '无法扫码签到时，请支部书记扫此码',
              url: ROUTES.myCheckInCode,
              testId: 'me-checkin-code',
            },
            { title: '我的出勤记录', url: ROUTES.meetingHistory },
          ]
        : [],
    },
    {
      key: 'dues',
      title: '党费',
      entries: [
        ...when(member, {
          title: '我的党费',
          description: '查看交纳记录，微信支付交纳',
          url: ROUTES.duesPay,
          testId: 'me-dues-pay',
        }),
        ...when(manager, {
          title: '支部党费',
          description: '欠交预警、现金登记、按月收缴、导出',
          url: ROUTES.duesBranch,
          testId: 'me-dues-branch',
        }),
        {
          title: '党费公开',
          description: '党费收缴和使用情况',
          url: ROUTES.duesStatement,
          testId: 'me-dues-statement',
        },
      ],
    },
    {
      key: 'voices',
      title: '评议与投票',
      entries: [
        {
          title: '民主评议与投票',
          description: '民主评议党员、投票、征求意见',
          url: ROUTES.voices,
          testId: 'me-voices',
        },
        {
          title: '榜样',
          description: '优秀共产党员、优秀党务工作者、先锋岗',
          url: ROUTES.voicesHonours,
          testId: 'me-honours',
        },
        ...when(runsVoices(p), {
          title: '评议投票管理',
          description: '开展民主评议、发起投票和征求意见',
          url: ROUTES.voicesManage,
          testId: 'me-voices-manage',
        }),
      ],
    },
    // 党员管理: time away, transfers and hours for Party members; the branch's for secretaries and the committee.
    {
      key: 'care',
      title: '党员管理',
      entries: [
        ...when(member, {
          title: '外出与组织关系',
          description: '外出登记、定期报到、组织关系转接',
          url: ROUTES.careHome,
          testId: 'me-care-home',
        }),
        ...when(member, {
          title: '我的培训学时',
          description: '党课、培训会议和学院培训',
          url: ROUTES.careHours,
          testId: 'me-care-hours',
        }),
        ...when(manager, {
          title: '党员教育管理',
          description: '外出党员、关系转接、谈心谈话、培训学时',
          url: ROUTES.careBranch,
          testId: 'me-care-branch',
        }),
      ],
    },
    // 知识答题: the 错题本, and the branch rankings for branch members.
    {
      key: 'quiz',
      entries: [
        {
          title: '我的错题本',
          description: '答错的题收在这里，重做答对即算掌握',
          url: ROUTES.quizMistakes,
          testId: 'me-mistakes',
        },
        ...when(p.branch !== null, { title: '答题排行', url: ROUTES.quizRanking }),
      ],
    },
  ]
}
