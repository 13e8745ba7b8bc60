import { createHash, randomBytes } from 'node:crypto'
import type { MeetingType } from '../../../cloudfunctions/_shared/domain'
import type { BranchDoc, MemberDoc } from '../../../cloudfunctions/_shared/models'
import type { MeetingAudience, CheckInMethod } from '../../../cloudfunctions/meeting/src/contract'
import {
  recountAtFor,
  type AttendanceDoc,
  type LeaveDoc,
  type MeetingDoc,
} from '../../../cloudfunctions/meeting/src/model'

/**
 * Organisational life of the last year for every branch, written for 支部通: 主题党日, 支委会 and
 * 党小组会 each month, a 支部党员大会 each quarter, two 党课 a semester and a yearly 组织生活会, with
 * attendance, leave and minutes; two branches skipped a few meetings so compliance has something to
 * say. Every branch also has an upcoming 主题党日 with one pending and one approved leave request.
 */
const CST = 8 * 60 * 60 * 1000
const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000

const PLACES: Record<string, string[]> = {
  'branch-cs': ['计算机楼 A301 会议室', '学院党员活动室', '图书馆五楼研讨间'],
  'branch-se': ['软件楼 204 会议室', '学院党员活动室', '大学生活动中心 305'],
  'branch-grad': ['研究生楼 310 会议室', '学院党员活动室', '实验楼 B512'],
}

/** 主题党日 themes by calendar month (0 = January), as branches usually plan the year. */
const THEME_DAYS = [
  '寒假返乡社会调研分享会',
  '新学期重温入党誓词',
  '学雷锋志愿服务进社区',
  '清明节缅怀革命先烈',
  '“五四”青年座谈：新时代青年的担当',
  '学习党章党规专题研讨',
  '“七一”重温党的光辉历程',
  '暑期社会实践成果交流',
  '迎新志愿服务进宿舍',
  '参观校史馆，传承红色基因',
  '学习贯彻全会精神交流会',
  '“一二·九”爱国主义主题学习',
]
const LECTURES = ['党的历史与优良传统', '如何做一名合格的共产党员', '党员的权利和义务', '新时代青年的使命与担当']
const COMMITTEE = [
  '研究本月发展党员工作',
  '讨论积极分子培养考察安排',
  '研究党费收缴与组织生活安排',
  '研究学期支部工作计划',
  '讨论预备党员考察情况',
  '研究主题党日活动方案',
]
const GROUPS = [
  '交流理论学习心得',
  '学习先进典型事迹',
  '交流志愿服务体会',
  '交流学期学习计划',
  '学习《中国共产党章程》总纲',
]
const GENERAL = ['讨论接收预备党员', '讨论预备党员转正', '学习传达上级会议精神', '支部半年工作总结']

const LEAVE_REASONS = [
  '参加专业课程实验，时间冲突',
  '代表学院参加学科竞赛',
  '身体不适，已到校医院就诊',
  '在外地参加企业实习',
  '参加学院学生会工作例会',
]

/** Posts of the branch committees (支委) besides the secretaries. */
const TITLES_BY_TYPE: Record<Exclude<MeetingType, 'other'>, string[]> = {
  themeDay: THEME_DAYS,
  lecture: LECTURES,
  training: ['党员发展对象和党员专题培训', '学习贯彻全会精神专题培训'],
  committee: COMMITTEE,
  group: GROUPS,
  general: GENERAL,
  lifeMeeting: ['年度组织生活会暨民主评议党员'],
}

const AUDIENCE_BY_TYPE: Record<Exclude<MeetingType, 'other'>, MeetingAudience> = {
  themeDay: 'branch',
  lecture: 'branch',
  training: 'party',
  committee: 'committee',
  group: 'party',
  general: 'party',
  lifeMeeting: 'party',
}

/** Months (offsets from now) a branch skipped a meeting type: compliance shows these as overdue. */
const SKIPPED: Record<string, Partial<Record<MeetingType, number[]>>> = {
  'branch-se': { group: [-2, -5] },
  'branch-grad': { committee: [-1], themeDay: [-7] },
}

/** A stable number in [0, 1) for a string: the same seed every run. */
function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32
}

/** First instant of the China-time month `offset` months from `now`'s month. */
function monthStart(now: Date, offset: number): Date {
  const d = new Date(now.getTime() + CST)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1) - CST)
}

function at(day: Date, plusDays: number, hour: number, minute = 0): Date {
  return new Date(day.getTime() + plusDays * DAY + hour * HOUR + minute * 60_000)
}

interface Plan {
  type: Exclude<MeetingType, 'other'>
  startAt: Date
  hours: number
  n: number
}

/** When each kind of meeting was held over the last twelve months (before `now`). */
function plans(branchId: string, now: Date): Plan[] {
  const out: Plan[] = []
  const skipped = SKIPPED[branchId] ?? {}
  const add = (type: Plan['type'], startAt: Date, hours: number, offset: number, n: number) => {
    if (startAt.getTime() > now.getTime() - 3 * HOUR) return
    if (skipped[type]?.includes(offset)) return
    out.push({ type, startAt, hours, n })
  }
  for (let k = -11; k <= 0; k++) {
    const month = monthStart(now, k)
    add('committee', at(month, 4, 12, 30), 1, k, k + 11)
    add('themeDay', at(month, 11, 14, 30), 2, k, k + 11)
    add('group', at(month, 18, 19, 0), 1.5, k, k + 11)
    const monthIndex = new Date(month.getTime() + CST).getUTCMonth() // 0-based
    if (monthIndex % 3 === 1) add('general', at(month, 20, 15, 0), 2, k, k + 11)
    if (monthIndex === 2 || monthIndex === 4 || monthIndex === 9 || monthIndex === 11)
      add('lecture', at(month, 24, 19, 0), 2, k, k + 11)
    if (monthIndex === 0) add('lifeMeeting', at(month, 14, 14, 0), 3, k, k + 11)
  }
  return out
}

type Roster = Pick<MemberDoc, '_id' | 'name' | 'className' | 'stage' | 'roles' | 'branchPost' | 'openid' | 'branchId'>

function attendeesFor(audience: MeetingAudience, members: Roster[]): Roster[] {
  if (audience === 'party') return members.filter((m) => m.stage === 'full' || m.stage === 'probationary')
  if (audience === 'committee') return members.filter((m) => m.roles.includes('secretary') || Boolean(m.branchPost))
  return members
}

function minutesText(type: MeetingType, title: string, chair: string, expected: number, present: number): string {
  const opening = `会议由支部书记${chair}主持，应到 ${expected} 人，实到 ${present} 人。`
  switch (type) {
    case 'themeDay':
      return `${opening}本次主题党日以“${title}”为主题。活动开始前全体党员重温入党誓词；随后大家分组开展活动，并结合自身学习和工作谈了体会。支部要求每位同志把活动中的收获落实到学习和志愿服务中，下次组织生活时交流。`
    case 'lecture':
      return `${opening}本次党课题目为“${title}”。主讲人结合党史中的具体事例，讲解了党员应当具备的理想信念和纪律要求。课后大家围绕“在学业和科研中如何发挥党员作用”进行了讨论，积极分子提交了学习心得。`
    case 'training':
      return `${opening}本次专题培训为“${title}”。主讲人系统讲解了学习内容，学员围绕重点问题交流了体会，并完成了课后测试。`
    case 'committee':
      return `${opening}会议研究了“${title}”。支委逐一讨论了本月发展党员、积极分子培养和组织生活安排，明确了分工：组织委员负责材料审核，宣传委员负责活动宣传和记录。会议形成的事项将在下次支委会上检查落实情况。`
    case 'group':
      return `${opening}党小组围绕“${title}”开展学习交流。每位同志结合近期学习和生活谈了认识，并互相提出了改进建议。小组长对大家的发言作了小结，布置了下月的学习内容。`
    case 'general':
      return `${opening}会议议题为“${title}”。与会党员认真听取了有关情况介绍，充分发表意见，按程序进行了讨论和表决，会议结果将按规定报学院党委。`
    case 'lifeMeeting':
      return `${opening}会前支部开展了谈心谈话并广泛征求意见。会上支部书记代表支委会作对照检查，党员逐一发言，开展批评和自我批评，并进行了民主评议。会议明确了下一年度的整改措施。`
    case 'other':
      return `${opening}会议围绕“${title}”进行了讨论。`
  }
}

export interface MeetingSeed {
  meetings: MeetingDoc[]
  attendance: AttendanceDoc[]
  meetingLeaves: LeaveDoc[]
}

export function seedMeetings(base: { branches: BranchDoc[]; members: MemberDoc[] }, now: Date): MeetingSeed {
  const out: MeetingSeed = { meetings: [], attendance: [], meetingLeaves: [] }
  for (const branch of base.branches) {
    const members = base.members.filter((m) => m.branchId === branch._id)
    const secretary = members.find((m) => m.roles.includes('secretary'))
    if (!secretary) continue
    const places = PLACES[branch._id] ?? ['学院党员活动室']
    for (const plan of plans(branch._id, now)) {
      const titles = TITLES_BY_TYPE[plan.type]
      const month = new Date(plan.startAt.getTime() + CST).getUTCMonth()
      addPastMeeting(out, branch, secretary, members, {
        id: `mtg-${branch._id.replace('branch-', '')}-${plan.type}-${plan.n}`,
        type: plan.type,
        title: plan.type === 'themeDay' ? THEME_DAYS[month] : titles[plan.n % titles.length],
        startAt: plan.startAt,
        endAt: new Date(plan.startAt.getTime() + plan.hours * HOUR),
        place: places[plan.n % places.length],
        // The last committee meeting still waits for its minutes: the secretary's to-do.
        withMinutes: !(plan.type === 'committee' && plan.n === 11),
      })
    }
    addUpcomingThemeDay(out, branch, secretary, members, now, places[1] ?? places[0])
  }
  return out
}

interface PastMeeting {
  id: string
  type: Exclude<MeetingType, 'other'>
  title: string
  startAt: Date
  endAt: Date
  place: string
  withMinutes: boolean
}

function meetingDoc(
  branch: BranchDoc,
  secretary: MemberDoc,
  attendees: Roster[],
  m: Omit<PastMeeting, 'withMinutes'>,
): MeetingDoc {
  return {
    _id: m.id,
    collegeId: branch.collegeId,
    branchId: branch._id,
    branchName: branch.name,
    type: m.type,
    title: m.title,
    startAt: m.startAt,
    endAt: m.endAt,
    place: m.place,
    agenda: '',
    audience: AUDIENCE_BY_TYPE[m.type],
    attendees: attendees.map((a) => ({ memberId: a._id, name: a.name, className: a.className })),
    checkInOpensAt: new Date(m.startAt.getTime() - 30 * 60_000),
    checkInClosesAt: m.endAt,
    status: 'scheduled',
    cancelReason: null,
    secret: randomBytes(32).toString('hex'),
    minutes: null,
    createdBy: secretary._id,
    createdByName: secretary.name,
    createdAt: new Date(m.startAt.getTime() - 5 * DAY),
    updatedAt: new Date(m.startAt.getTime() - 5 * DAY),
    // Counted from the records written here, as the meeting function's recountAttendance job would.
    figures: { expected: attendees.length, present: 0, leave: 0 },
    settleAt: null,
    rollRev: 0,
  }
}

function addPastMeeting(
  out: MeetingSeed,
  branch: BranchDoc,
  secretary: MemberDoc,
  members: Roster[],
  m: PastMeeting,
): void {
  const attendees = attendeesFor(AUDIENCE_BY_TYPE[m.type], members)
  const doc = meetingDoc(branch, secretary, attendees, m)
  let present = 0
  for (const a of attendees) {
    const roll = unit(`${m.id}:${a._id}`)
    if (roll < 0.08 && a._id !== secretary._id) {
      out.meetingLeaves.push(leaveDoc(doc, a, secretary, 'approved', roll))
      if (doc.figures) doc.figures.leave++
      continue
    }
    if (roll < 0.12 && a._id !== secretary._id) continue // absent, no leave
    present++
    if (doc.figures) doc.figures.present++
    const method: CheckInMethod = roll > 0.95 ? 'hand' : roll > 0.55 ? 'scan' : 'code'
    out.attendance.push({
      _id: `att-${m.id}-${a._id}`,
      meetingId: doc._id,
      branchId: branch._id,
      memberId: a._id,
      name: a.name,
      method,
      byId: method === 'hand' ? secretary._id : null,
      at: new Date(m.startAt.getTime() - Math.floor(roll * 20) * 60_000),
    })
  }
  if (m.withMinutes) {
    doc.minutes = {
      text: minutesText(m.type, m.title, secretary.name, attendees.length, present),
      photos: [],
      recordedBy: secretary._id,
      recordedByName: secretary.name,
      recordedAt: new Date(m.endAt.getTime() + 20 * HOUR),
    }
  }
  out.meetings.push(doc)
}

function leaveDoc(
  meeting: MeetingDoc,
  member: Roster,
  secretary: MemberDoc,
  status: LeaveDoc['status'],
  roll: number,
): LeaveDoc {
  const requestedAt = new Date(meeting.startAt.getTime() - (1 + Math.floor(roll * 40)) * HOUR)
  return {
    _id: `${meeting._id}_${member._id}`,
    meetingId: meeting._id,
    branchId: meeting.branchId,
    memberId: member._id,
    name: member.name,
    openid: member.openid ?? '',
    meetingTitle: meeting.title,
    meetingStartAt: meeting.startAt,
    reason: LEAVE_REASONS[Math.floor(roll * 1000) % LEAVE_REASONS.length],
    status,
    note: status === 'approved' ? '同意，请会后及时补学会议内容' : '',
    requestedAt,
    decidedBy: status === 'pending' ? null : secretary._id,
    decidedAt: status === 'pending' ? null : new Date(requestedAt.getTime() + 2 * HOUR),
  }
}

/** Three days from now at 14:30 China time: the next 主题党日, with one leave pending and one approved. */
function addUpcomingThemeDay(
  out: MeetingSeed,
  branch: BranchDoc,
  secretary: MemberDoc,
  members: Roster[],
  now: Date,
  place: string,
): void {
  const day = new Date(Math.floor((now.getTime() + CST) / DAY) * DAY - CST)
  const startAt = at(day, 3, 14, 30)
  const doc = meetingDoc(branch, secretary, members, {
    id: `mtg-${branch._id.replace('branch-', '')}-themeDay-next`,
    type: 'themeDay',
    title: '学习新时代青年榜样事迹',
    startAt,
    endAt: new Date(startAt.getTime() + 2 * HOUR),
    place,
  })
  doc.agenda = '1. 重温入党誓词\n2. 观看青年榜样事迹短片\n3. 分组交流：我身边的榜样\n4. 支部书记小结'
  doc.createdAt = new Date(now.getTime() - DAY)
  doc.updatedAt = doc.createdAt
  // Still ahead: counted once its check-in has closed.
  doc.figures = null
  doc.settleAt = recountAtFor(doc.checkInClosesAt, now)
  out.meetings.push(doc)
  const students = members.filter((m) => !m.roles.includes('secretary') && m.openid && m.stage !== 'masses')
  const [pending, approved] = [students[students.length - 1], students[students.length - 2]]
  if (pending)
    out.meetingLeaves.push({
      ...leaveDoc(doc, pending, secretary, 'pending', 0.3),
      requestedAt: new Date(now.getTime() - 2 * HOUR),
    })
  if (approved) out.meetingLeaves.push(leaveDoc(doc, approved, secretary, 'approved', 0.7))
}
