import type { BranchDoc, MemberDoc } from '../../../cloudfunctions/_shared/models'
import { addDays, chinaDay } from '../../../cloudfunctions/_shared/time'
import { addMonths } from '../../../cloudfunctions/_shared/time'
import {
  recordMemberOf,
  type AwayDoc,
  type ContactDoc,
  type TalkDoc,
  type TrainingSessionDoc,
  type TransferDoc,
} from '../../../cloudfunctions/member-care/src/model'
import { idNumberCheckDigit } from '../../../cloudfunctions/member-care/src/contract'
import { talkDoc } from '../../../cloudfunctions/member-care/src/talks'
import { demoOpenid, seedMemberId } from './people'

/**
 * Members away, transfers, talks and training of the demo college (member-care), so each screen shows
 * real cases: 吴佳怡 interns in Shenzhen and is a month past her quarterly contact (on the overdue list,
 * away long enough to be prompted); 宋佳琪 studies in Hong Kong and reported in three weeks ago; 郑凯文
 * applied to transfer on graduating; 沈清妍's letter lapsed without a 回执 (to be issued again); talks
 * of the year done and missing; training sessions that leave some members short and others over target.
 */
export interface CareSeed {
  careAway: AwayDoc[]
  careContacts: ContactDoc[]
  careTransfers: TransferDoc[]
  careCounters: { _id: string; next: number }[]
  careTalks: TalkDoc[]
  trainingSessions: TrainingSessionDoc[]
}

const DAY = 24 * 60 * 60 * 1000

/** Fictional 身份证号码 of the demo people with a letter, the check digit computed (GB 11643). */
const ID_FIRST17: Record<string, string> = {
  '2021020220': '33010620020315001',
  '2022110113': '32010219980721002',
}

function idWithCheck(first17: string): string {
  return first17 + idNumberCheckDigit(first17)
}

export function seedCare(base: { members: MemberDoc[]; branches: BranchDoc[] }, now: Date): CareSeed {
  const byNo = (no: string): MemberDoc => {
    const m = base.members.find((x) => x._id === seedMemberId(no))
    if (!m) throw new Error(`care seed: no member ${no}`)
    return m
  }
  const branchName = (id: string | null): string => base.branches.find((b) => b._id === id)?.name ?? ''
  const today = chinaDay(now)
  const ago = (days: number): Date => new Date(now.getTime() - days * DAY)
  const year = Number(today.slice(0, 4))
  // Sessions earlier this year (a seed in early January keeps them on the 1st).
  const thisYear = (days: number): string => [chinaDay(ago(days)), `${year}-01-01`].sort().pop() ?? today
  const committee = base.members.find((m) => m.roles.includes('committee'))
  const secretaryOf = (branchId: string | null): MemberDoc =>
    base.members.find((m) => m.branchId === branchId && m.roles.includes('secretary')) ?? (committee as MemberDoc)

  const awayOf = (
    no: string,
    a: Pick<AwayDoc, 'kind' | 'place' | 'unit' | 'contact'> & {
      fromDaysAgo: number
      months: number
      lastContactDaysAgo: number
    },
  ): AwayDoc => {
    const m = byNo(no)
    const last = ago(a.lastContactDaysAgo)
    const from = chinaDay(ago(a.fromDaysAgo))
    return {
      _id: `away-${no}`,
      ...recordMemberOf(m, { _id: m.branchId as string, name: branchName(m.branchId) }),
      openid: demoOpenid(no),
      kind: a.kind,
      place: a.place,
      unit: a.unit,
      from,
      until: addMonths(from, a.months),
      contact: a.contact,
      status: 'away',
      lastContactAt: last,
      nextContactDue: new Date(last.getTime() + 91 * DAY),
      remindedFor: null,
      createdAt: ago(a.fromDaysAgo + 3),
      endedAt: null,
      endedBy: null,
    }
  }
  const wu = awayOf('2021010208', {
    kind: 'internship',
    place: '广东省深圳市南山区',
    unit: '深圳一家软件企业研发中心',
    contact: '手机 138 2655 0917',
    fromDaysAgo: 150,
    months: 7,
    lastContactDaysAgo: 122,
  })
  const song = awayOf('2021020214', {
    kind: 'exchange',
    place: '香港特别行政区',
    unit: '香港科技大学（交换学习一学期）',
    contact: '微信 songjq_hk',
    fromDaysAgo: 70,
    months: 5,
    lastContactDaysAgo: 21,
  })
  const contact = (
    a: AwayDoc,
    c: Pick<ContactDoc, 'kind' | 'text'> & { daysAgo: number; by: MemberDoc },
  ): ContactDoc => ({
    _id: `contact-${a.memberId}-${c.daysAgo}`,
    awayId: a._id,
    memberId: a.memberId,
    branchId: a.branchId,
    kind: c.kind,
    text: c.text,
    photo: null,
    byId: c.by._id,
    byName: c.by.name,
    at: ago(c.daysAgo),
  })
  const careContacts = [
    contact(wu, {
      kind: 'reportIn',
      daysAgo: 122,
      by: byNo('2021010208'),
      text: '已到深圳报到，实习岗位是后端开发。每周按时参加线上理论学习，已向实习单位党支部说明了身份。',
    }),
    contact(song, {
      kind: 'reportIn',
      daysAgo: 63,
      by: byNo('2021020214'),
      text: '已抵达香港，住校内宿舍，课程安排较满，会按时线上参加支部的主题党日。',
    }),
    contact(song, {
      kind: 'call',
      daysAgo: 21,
      by: secretaryOf(song.branchId),
      text: '电话联系，了解学习和生活情况，提醒按时提交第四季度思想汇报。',
    }),
  ]

  const transfer = (
    no: string,
    t: Pick<TransferDoc, 'reason' | 'destUnit' | 'destOrg' | 'status' | 'note'> & {
      appliedDaysAgo: number
      letter?: { no: string; issuedDaysAgo: number; validDays: number }
    },
  ): TransferDoc => {
    const m = byNo(no)
    const sec = secretaryOf(m.branchId)
    const letter = t.letter
      ? {
          no: t.letter.no,
          issuedAt: ago(t.letter.issuedDaysAgo),
          validUntil: addDays(chinaDay(ago(t.letter.issuedDaysAgo)), t.letter.validDays - 1),
          issuedBy: committee?._id ?? '',
          issuedByName: committee?.name ?? '',
          docx: null,
          pdf: null,
        }
      : null
    return {
      _id: `transfer-${no}`,
      ...recordMemberOf(m, { _id: m.branchId as string, name: branchName(m.branchId) }),
      gender: m.gender,
      stage: m.stage,
      openid: demoOpenid(no),
      reason: t.reason,
      destUnit: t.destUnit,
      destOrg: t.destOrg,
      nation: '汉',
      idNumber: idWithCheck(ID_FIRST17[no] ?? `11010820000101${no.slice(-3)}`),
      note: t.note,
      status: t.status,
      appliedAt: ago(t.appliedDaysAgo),
      review:
        t.status === 'applied'
          ? null
          : {
              byId: sec._id,
              byName: sec.name,
              at: ago(t.appliedDaysAgo - 2),
              note: '党费已交清，档案材料齐全',
              duesChecked: true,
              filesChecked: true,
            },
      letter,
      pastLetters: [],
      receipt: null,
      duesPaidTo: t.status === 'applied' ? null : addMonths(today, -1).slice(0, 7),
      updatedAt: letter ? letter.issuedAt : ago(t.appliedDaysAgo),
    }
  }
  const careTransfers = [
    transfer('2021020220', {
      reason: 'graduation',
      destUnit: '杭州一家互联网企业',
      destOrg: '中共杭州某科技有限公司委员会',
      status: 'applied',
      note: '已签约，2027年7月入职',
      appliedDaysAgo: 3,
    }),
    transfer('2022110113', {
      reason: 'employment',
      destUnit: '南京某研究所',
      destOrg: '中共南京某研究所委员会',
      status: 'issued',
      note: '',
      appliedDaysAgo: 110,
      letter: { no: `〔${year}〕第 001 号`, issuedDaysAgo: 100, validDays: 90 },
    }),
  ]

  const talk = (a: MemberDoc, b: MemberDoc, daysAgo: number, topic: string, notes: string, followUp = ''): TalkDoc => ({
    _id: `talk-${a._id}-${b._id}`,
    ...talkDoc(
      { ...a, branchId: a.branchId as string },
      b,
      { day: thisYear(daysAgo), topic, notes, followUp },
      secretaryOf(a.branchId),
      ago(daysAgo),
    ),
  })
  const chen = secretaryOf('branch-cs')
  const careTalks = [
    talk(
      chen,
      byNo('2020010111'),
      40,
      '支委分工与发展党员工作',
      '交流了组织委员在发展党员材料审核中的分工，孙雅琪同志提出把积极分子考察表的填写要求提前告知。',
      '下月支委会上讨论材料清单',
    ),
    talk(
      byNo('2020010111'),
      byNo('2021010230'),
      25,
      '预备期的学习与思想状况',
      '徐明轩同志谈了入党后在学习和班级工作中的体会，也说到课程压力较大，党费尚未开始交纳。',
      '提醒按月交纳党费',
    ),
    talk(secretaryOf('branch-se'), byNo('2020020106'), 60, '支部工作计划', '讨论了下学期组织生活安排和党员志愿服务。'),
  ]

  const partyOf = (branchIds: string[]): string[] =>
    base.members
      .filter((m) => branchIds.includes(m.branchId ?? '') && (m.stage === 'probationary' || m.stage === 'full'))
      .map((m) => m._id)
  const session = (
    id: string,
    s: Omit<TrainingSessionDoc, 'collegeId' | 'year' | 'recordedBy' | 'recordedByName' | 'createdAt' | 'day'> & {
      daysAgo: number
    },
  ): TrainingSessionDoc => ({
    _id: id,
    collegeId: committee?.collegeId ?? '',
    kind: s.kind,
    title: s.title,
    day: thisYear(s.daysAgo),
    year,
    hours: s.hours,
    memberIds: s.memberIds,
    recordedBy: committee?._id ?? '',
    recordedByName: committee?.name ?? '',
    createdAt: ago(s.daysAgo),
  })
  const trainingSessions = [
    session('training-winter', {
      kind: 'college',
      title: '全院党员冬训集中学习',
      hours: 16,
      daysAgo: 300,
      memberIds: partyOf(['branch-cs', 'branch-se', 'branch-grad']),
    }),
    session('training-cadre', {
      kind: 'college',
      title: '学生党支部书记和支委示范培训班',
      hours: 40,
      daysAgo: 120,
      memberIds: [chen._id, byNo('2020020102')._id, byNo('2021110101')._id],
    }),
    session('training-online', {
      kind: 'college',
      title: '学习贯彻全会精神网络专题培训',
      hours: 16,
      daysAgo: 60,
      memberIds: [byNo('2021020214')._id, byNo('2020020106')._id, byNo('2020020119')._id],
    }),
    session('training-candidates', {
      kind: 'candidateCourse',
      title: '发展对象短期集中培训班（第一期）',
      hours: 24,
      daysAgo: 90,
      memberIds: base.members.filter((m) => m.stage === 'candidate').map((m) => m._id),
    }),
  ]

  return {
    careAway: [wu, song],
    careContacts,
    careTransfers,
    careCounters: [{ _id: `${committee?.collegeId ?? ''}:letters:${year}`, next: 2 }],
    careTalks,
    trainingSessions,
  }
}
