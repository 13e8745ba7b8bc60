import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'

/** One row of 我的 that opens a page. */
export interface Entry {
  title: string
  url: string
  testId?: string
  description?: string
}

/** One card of entries; a card with no entry left for this person is not shown. */
export interface EntrySection {
  key: string
  title?: string
  entries: Entry[]
}

function entry(title: string, url: string, testId?: string, description?: string): Entry {
  return { title, url, testId, description }
}

/** `row` when `shown`, else nothing: keeps each section one list that reads top to bottom. */
function when(shown: boolean, row: Entry): Entry[] {
  return shown ? [row] : []
}

const isMember = (p: Profile) => p.stage === 'probationary' || p.stage === 'full'
const isManager = (p: Profile) => p.roles.includes('committee') || (p.roles.includes('secretary') && p.branch !== null)
// A 支委 (branch committee member with a post) runs the branch's votes and surveys with the secretary.
const runsVoices = (p: Profile) =>
  p.roles.includes('committee') || (p.branch !== null && (p.roles.includes('secretary') || Boolean(p.branchPost)))

/** The entry cards of 我的, in order, with what this person may open. */
export function meSections(p: Profile): EntrySection[] {
  const committee = p.roles.includes('committee')
  const manager = isManager(p)
  const member = isMember(p)
  const publishes = p.primaryRole !== 'student'
  return [
    // 发展: the branch workspace, roster and dashboard for secretaries and the committee.
    {
      key: 'branch',
      title: committee ? '院党委工作' : '支部工作',
      entries: manager
        ? [
            entry('支部工作台', ROUTES.branchWorkspace, 'me-branch-workspace', '考察与转正提醒、名册、导出'),
            entry('成员名册', ROUTES.branchMembers, 'me-branch-members', '按阶段筛选，登记发展阶段'),
            entry(
              '数据看板',
              ROUTES.dashboard,
              'me-dashboard',
              committee ? '各支部汇报、出勤、积分对比' : '汇报、出勤、积分与答题',
            ),
          ]
        : [],
    },
    // The self-check for anyone who has applied; counsellors and committee staff who only hold an office have
    // no development steps to check.
    {
      key: 'self-check',
      entries: when(
        p.roles.includes('student') || !manager,
        entry('我的发展纪实', ROUTES.developmentFile, 'me-self-check', '我在哪一步、下一步何时可办理、还缺哪些材料'),
      ),
    },
    {
      key: 'study',
      title: '学习',
      entries: [
        entry('我的积分', ROUTES.studyPoints, 'me-points', '今日积分、连续打卡与排行'),
        entry('我的收藏', `${ROUTES.studyMarks}?kind=favorites`, 'me-favorites'),
        entry('阅读历史', `${ROUTES.studyMarks}?kind=history`, 'me-history'),
        ...when(
          publishes,
          entry(
            '内容发布',
            ROUTES.publishHome,
            'me-publish',
            committee ? '发布全院学习内容、管理栏目' : '发布本支部动态与通知',
          ),
        ),
      ],
    },
    // 组织生活: the personal check-in code and the attendance record (branch members).
    {
      key: 'meeting',
      entries: p.branch
        ? [
            entry('我的签到码', ROUTES.myCheckInCode, 'me-checkin-code', '无法扫码签到时，请支部书记扫此码'),
            entry('我的出勤记录', ROUTES.meetingHistory),
          ]
        : [],
    },
    {
      key: 'dues',
      title: '党费',
      entries: [
        ...when(member, entry('我的党费', ROUTES.duesPay, 'me-dues-pay', '查看交纳记录，微信支付交纳')),
        ...when(manager, entry('支部党费', ROUTES.duesBranch, 'me-dues-branch', '欠交预警、现金登记、按月收缴、导出')),
        entry('党费公开', ROUTES.duesStatement, 'me-dues-statement', '党费收缴和使用情况'),
      ],
    },
    {
      key: 'voices',
      title: '评议与投票',
      entries: [
        entry('民主评议与投票', ROUTES.voices, 'me-voices', '民主评议党员、投票、征求意见'),
        entry('榜样', ROUTES.voicesHonours, 'me-honours', '优秀共产党员、优秀党务工作者、先锋岗'),
        ...when(
          runsVoices(p),
          entry('评议投票管理', ROUTES.voicesManage, 'me-voices-manage', '开展民主评议、发起投票和征求意见'),
        ),
      ],
    },
    // 党员管理: time away, transfers and hours for Party members; the branch's for secretaries and the committee.
    {
      key: 'care',
      title: '党员管理',
      entries: [
        ...when(member, entry('外出与组织关系', ROUTES.careHome, 'me-care-home', '外出登记、定期报到、组织关系转接')),
        ...when(member, entry('我的培训学时', ROUTES.careHours, 'me-care-hours', '党课、培训会议和学院培训')),
        ...when(
          manager,
          entry('党员教育管理', ROUTES.careBranch, 'me-care-branch', '外出党员、关系转接、谈心谈话、培训学时'),
        ),
      ],
    },
    // 知识答题: the 错题本, and the branch rankings for branch members.
    {
      key: 'quiz',
      entries: [
        entry('我的错题本', ROUTES.quizMistakes, 'me-mistakes', '答错的题收在这里，重做答对即算掌握'),
        ...when(p.branch !== null, entry('答题排行', ROUTES.quizRanking)),
      ],
    },
  ]
}
