import { beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { DashboardResult } from '../../cloudfunctions/branch/src/contract'
import { meetingCode, meetingQr, slotOf } from '../../cloudfunctions/meeting/src/codes'
import { periodAt } from '../../cloudfunctions/meeting/src/compliance'
import type {
  AttendanceSheet,
  CheckInCodeResult,
  CheckInResult,
  ComplianceResult,
  ExportResult,
  LeaveView,
  ListResult,
  ManagerMeetingCard,
  MeetingDetail,
  MemberCodeResult,
  MinutesView,
  MyAttendanceResult,
  RosterMember,
  SignInResult,
  StudentMeetingCard,
} from '../../cloudfunctions/meeting/src/contract'
import { SHEET_COLUMNS } from '../../cloudfunctions/meeting/src/export'
import { PEOPLE } from '../../local-cloud/src/seed/people'
import { addLoadBranch } from '../helpers/load-branch'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, countDocs, findDocs } from '../helpers/sdk'
import { openMeetingForm } from '../helpers/meeting-form'
import { person } from '../helpers/members'
import { data, expectError } from '../helpers/results'
import { readWorkbook, sheetValues, worksheet } from '../helpers/workbook'
import { lastLoggedCall, useLocalCloud, type CallLog, outbox } from '../helpers/suite'

/** The meeting function through the gateway and the real SDK, against a freshly seeded local cloud. */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const csSecretary = person('陈立华')
const seSecretary = person('林晓雯')
const committee = person('刘建国')
const [alice, bob, carol, dave] = ['张欣怡', '刘子轩', '杨梦琪', '赵一鸣'].map(person) // branch-cs activists
const seStudent = person('何嘉豪')

function call<T>(event: Record<string, unknown>, openid: string | null): Promise<Result<T>> {
  return cloud.call<Result<T>>('meeting', event, openid)
}

const MIN = 60_000

async function createMeeting(
  overrides: Record<string, unknown> = {},
  openid = csSecretary.openid,
): Promise<MeetingDetail> {
  return data(await call<MeetingDetail>({ action: 'create', ...openMeetingForm(overrides) }, openid))
}

async function secretOf(meetingId: string): Promise<string> {
  const [doc] = await findDocs<{ secret: string }>(sdk, 'meetings', { _id: meetingId })
  return doc.secret
}

async function currentCode(
  meetingId: string,
  openid = csSecretary.openid,
): Promise<{ code: string; qr: string; slot: number }> {
  const res = data(await call<CheckInCodeResult>({ action: 'checkInCode', meetingId }, openid))
  const slot = res.slots.find((s) => s.slot === slotOf(res.serverNow)) ?? res.slots[0]
  return slot
}

const attendanceCount = (meetingId: string): Promise<number> => countDocs(sdk, 'attendance', { meetingId })

const lastCall = (action: string): Promise<CallLog> => lastLoggedCall(cloud, 'meeting', action)

/** A branch of `branch.students` students and its secretary, with a general meeting that expects every one. */
async function loadMeeting(branch: Parameters<typeof addLoadBranch>[1], title: string) {
  const loaded = await addLoadBranch(sdk, branch)
  const meeting = data(
    await call<MeetingDetail>(
      { action: 'create', ...openMeetingForm({ title, type: 'general' }) },
      loaded.secretaryOpenid,
    ),
  )
  expect(meeting.expectedCount).toBe(branch.students + 1)
  return { ...loaded, meeting }
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('seed and the 签到 tab', () => {
  it('shows a student their upcoming 主题党日 with their own standing', async () => {
    const res = data(await call<ListResult>({ action: 'list' }, alice.openid))
    expect(res.role).toBe('student')
    const next = res.meetings.find((m) => m.type === 'themeDay') as StudentMeetingCard
    expect(next.typeLabel).toBe('主题党日')
    expect(next.phase).toBe('upcoming')
    expect(next.mine.expected).toBe(true)
    expect(next.mine.status).toBe('absent')
    const log = await lastCall('list')
    expect(log.queries.length).toBeLessThanOrEqual(4)
    for (const q of log.queries) expect(q.index, `${q.collection} ${q.action}`).not.toBeNull()
  })

  it('shows the secretary the branch meetings with pending leave requests, and past ones page by page', async () => {
    const upcoming = data(await call<ListResult>({ action: 'list' }, csSecretary.openid))
    expect(upcoming.role).toBe('manager')
    const next = upcoming.meetings[0] as ManagerMeetingCard
    expect(next.pendingLeaves).toBe(1)
    const first = data(await call<ListResult>({ action: 'list', scope: 'past' }, csSecretary.openid))
    expect(first.meetings).toHaveLength(20)
    expect(first.nextCursor).not.toBeNull()
    const second = data(
      await call<ListResult>({ action: 'list', scope: 'past', cursor: first.nextCursor }, csSecretary.openid),
    )
    const ids = new Set(first.meetings.map((m) => m.id))
    expect(second.meetings.length).toBeGreaterThan(0)
    expect(second.meetings.every((m) => !ids.has(m.id))).toBe(true)
    expect(second.meetings[0].endAt <= first.meetings[19].endAt).toBe(true)
    expect((second.meetings as ManagerMeetingCard[]).some((m) => m.presentCount > 0)).toBe(true)
    const log = await lastCall('list')
    expect(log.queries.length).toBeLessThanOrEqual(4)
    for (const q of log.queries) expect(q.index, `${q.collection} ${q.action}`).not.toBeNull()
  })

  it('gives a student their attendance history by cursor, statuses from the seed', async () => {
    const first = data(await call<MyAttendanceResult>({ action: 'myAttendance' }, alice.openid))
    expect(first.items.length).toBeGreaterThan(5)
    expect(first.items.every((i) => ['present', 'leave', 'absent'].includes(i.status))).toBe(true)
    expect(first.items.some((i) => i.status === 'present')).toBe(true)
    if (first.nextCursor) {
      const second = data(
        await call<MyAttendanceResult>({ action: 'myAttendance', cursor: first.nextCursor }, alice.openid),
      )
      const seen = new Set(first.items.map((i) => i.meeting.id))
      expect(second.items.every((i) => !seen.has(i.meeting.id))).toBe(true)
    }
    expectError(await call({ action: 'myAttendance', cursor: 'not a cursor' }, alice.openid), 'INVALID_ARGUMENT')
  })
})

describe('meeting.create / update / cancel', () => {
  it('refuses students, other branches and nonsense times; stores nothing', async () => {
    const before = (await findDocs(sdk, 'meetings', { branchId: 'branch-cs' })).length
    expectError(await call({ action: 'create', ...openMeetingForm() }, alice.openid), 'FORBIDDEN')
    expectError(
      await call({ action: 'create', ...openMeetingForm({ branchId: 'branch-se' }) }, csSecretary.openid),
      'FORBIDDEN',
    )
    expectError(await call({ action: 'create', ...openMeetingForm() }, committee.openid), 'INVALID_ARGUMENT', /支部/)
    expectError(
      await call(
        { action: 'create', ...openMeetingForm({ endAt: new Date(Date.now() + 10 * MIN).toISOString() }) },
        csSecretary.openid,
      ),
      'INVALID_ARGUMENT',
      /结束时间/,
    )
    expectError(
      await call({ action: 'create', ...openMeetingForm({ type: 'party' }) }, csSecretary.openid),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call({ action: 'create', ...openMeetingForm({ title: '' }) }, csSecretary.openid),
      'INVALID_ARGUMENT',
      /会议主题/,
    )
    expectError(
      await call({ action: 'create', ...openMeetingForm({ startAt: 'tomorrow' }) }, csSecretary.openid),
      'INVALID_ARGUMENT',
      /开始时间/,
    )
    expectError(
      await call(
        { action: 'create', ...openMeetingForm({ audience: 'chosen', memberIds: [seStudent.id] }) },
        csSecretary.openid,
      ),
      'INVALID_ARGUMENT',
      /不属于本支部/,
    )
    expectError(await call({ action: 'create', ...openMeetingForm() }, null), 'UNAUTHENTICATED')
    expect(await findDocs(sdk, 'meetings', { branchId: 'branch-cs' })).toHaveLength(before)
  })

  it('freezes who must attend by audience and notifies them by subscribe message', async () => {
    const outboxBefore = (await outbox(cloud)).length
    const whole = await createMeeting()
    const csMembers = PEOPLE.filter((p) => p.branchId === 'branch-cs')
    expect(whole.expectedCount).toBe(csMembers.length)
    expect(whole.sheet?.counts).toEqual({ expected: csMembers.length, present: 0, leave: 0, missing: csMembers.length })
    const notices = (await outbox(cloud)).slice(outboxBefore).filter((m) => m.templateId === 'meeting-notice')
    expect(notices).toHaveLength(csMembers.filter((p) => p.bound).length)
    expect(notices[0].data.thing1.value).toBe('学习身边榜样主题党日')
    expect((await lastCall('create')).queries.length).toBeLessThanOrEqual(4)

    const committeeMeeting = await createMeeting({
      type: 'committee',
      title: '研究发展党员工作',
      audience: 'committee',
    })
    const roster = data(await call<RosterMember[]>({ action: 'roster' }, csSecretary.openid))
    expect(committeeMeeting.memberIds?.sort()).toEqual(
      roster
        .filter((m) => m.post)
        .map((m) => m.id)
        .sort(),
    )
    expect(committeeMeeting.expectedCount).toBe(3)

    const party = await createMeeting({ type: 'general', title: '讨论接收预备党员', audience: 'party' })
    expect(party.expectedCount).toBe(
      PEOPLE.filter((p) => p.branchId === 'branch-cs' && (p.stage === 'full' || p.stage === 'probationary')).length,
    )

    const chosen = await createMeeting({
      type: 'other',
      title: '发展对象谈话',
      audience: 'chosen',
      memberIds: [alice.id, bob.id],
    })
    expect(chosen.memberIds).toEqual([alice.id, bob.id])
    // The committee creates for a branch it names.
    const byCommittee = data(
      await call<MeetingDetail>(
        { action: 'create', ...openMeetingForm({ branchId: 'branch-se', title: '院党委督导主题党日' }) },
        committee.openid,
      ),
    )
    expect(byCommittee.branchId).toBe('branch-se')
  })

  it('lets only the branch secretary update and cancel (audited), and a cancelled meeting refuses check-in', async () => {
    const meeting = await createMeeting({ title: '待取消的主题党日' })
    expectError(
      await call(
        { action: 'update', meetingId: meeting.id, ...openMeetingForm({ title: '改名' }) },
        seSecretary.openid,
      ),
      'NOT_FOUND',
    )
    expectError(
      await call({ action: 'update', meetingId: meeting.id, ...openMeetingForm({ title: '改名' }) }, alice.openid),
      'FORBIDDEN',
    )
    const updated = data(
      await call<MeetingDetail>(
        {
          action: 'update',
          meetingId: meeting.id,
          ...openMeetingForm({ title: '改期后的主题党日', place: '图书馆五楼研讨间' }),
        },
        csSecretary.openid,
      ),
    )
    expect(updated.title).toBe('改期后的主题党日')
    expect(updated.place).toBe('图书馆五楼研讨间')

    const { code } = await currentCode(meeting.id)
    expectError(
      await call({ action: 'cancel', meetingId: meeting.id, reason: '与学院活动冲突' }, alice.openid),
      'FORBIDDEN',
    )
    data(await call({ action: 'cancel', meetingId: meeting.id, reason: '与学院活动冲突' }, csSecretary.openid))
    expectError(
      await call({ action: 'cancel', meetingId: meeting.id, reason: '再取消一次' }, csSecretary.openid),
      'CONFLICT',
    )
    expectError(
      await call({ action: 'checkIn', meetingId: meeting.id, code }, alice.openid),
      'FAILED_PRECONDITION',
      /取消/,
    )
    expect(await attendanceCount(meeting.id)).toBe(0)
    const audits = await findDocs<{ action: string }>(sdk, 'audit', { targetId: meeting.id })
    expect(audits.map((a) => a.action).sort()).toEqual(['meeting.cancel', 'meeting.create', 'meeting.update'])
  })
})

describe('rotating codes and checkIn', () => {
  let meeting: MeetingDetail

  beforeAll(async () => {
    meeting = await createMeeting({ title: '签到测试主题党日' })
  })

  it('shows the code screen only to the branch secretary: 24 slots of 15 s, 6-digit codes, QR payloads', async () => {
    expectError(await call({ action: 'checkInCode', meetingId: meeting.id }, alice.openid), 'FORBIDDEN')
    expectError(await call({ action: 'checkInCode', meetingId: meeting.id }, seSecretary.openid), 'NOT_FOUND')
    const res = data(
      await call<CheckInCodeResult>({ action: 'checkInCode', meetingId: meeting.id }, csSecretary.openid),
    )
    expect(res.slotMs).toBe(15_000)
    expect(res.slots).toHaveLength(24)
    expect(res.slots[0].slot).toBe(slotOf(res.serverNow))
    for (const s of res.slots) {
      expect(s.code).toMatch(/^\d{6}$/)
      expect(s.qr).toBe(meetingQr(meeting.id, s.slot, s.code))
    }
    expect(JSON.stringify(res)).not.toContain(await secretOf(meeting.id))
    expect(new Set(res.slots.map((s) => s.code)).size).toBeGreaterThan(20)
    expect((await lastCall('checkInCode')).queries.length).toBeLessThanOrEqual(4)
  })

  it('checks a student in with the typed code exactly once; a repeat answers 已签到 and changes nothing', async () => {
    const { code } = await currentCode(meeting.id)
    const first = data(await call<CheckInResult>({ action: 'checkIn', meetingId: meeting.id, code }, alice.openid))
    expect(first.outcome).toBe('checkedIn')
    const log = await lastCall('checkIn')
    expect(log.queries.length).toBeLessThanOrEqual(4)
    for (const q of log.queries)
      expect(q.index ?? (q.action.includes('insert') ? 'insert' : null), `${q.collection} ${q.action}`).not.toBeNull()
    const [record] = await findDocs<{ at: Date; method: string }>(sdk, 'attendance', {
      meetingId: meeting.id,
      memberId: alice.id,
    })
    const again = data(await call<CheckInResult>({ action: 'checkIn', meetingId: meeting.id, code }, alice.openid))
    expect(again.outcome).toBe('already')
    const records = await findDocs<{ at: Date; method: string }>(sdk, 'attendance', {
      meetingId: meeting.id,
      memberId: alice.id,
    })
    expect(records).toEqual([record])
    expect(record.method).toBe('code')
  })

  it('accepts a scanned QR of the current slot and of the one before (grace)', async () => {
    const secret = await secretOf(meeting.id)
    const previous = slotOf(Date.now()) - 1
    const qr = meetingQr(meeting.id, previous, meetingCode(secret, meeting.id, previous))
    const res = data(await call<CheckInResult>({ action: 'checkIn', meetingId: meeting.id, qr }, bob.openid))
    expect(res.outcome).toBe('checkedIn')
    const [record] = await findDocs<{ method: string }>(sdk, 'attendance', { meetingId: meeting.id, memberId: bob.id })
    expect(record.method).toBe('scan')
  })

  it('refuses an expired, a forged, another meeting’s and a personal code, each with its reason', async () => {
    const secret = await secretOf(meeting.id)
    const old = slotOf(Date.now()) - 3
    const oldCode = meetingCode(secret, meeting.id, old)
    expectError(
      await call({ action: 'checkIn', meetingId: meeting.id, code: oldCode }, carol.openid),
      'FAILED_PRECONDITION',
      /过期/,
    )
    expectError(
      await call({ action: 'checkIn', meetingId: meeting.id, qr: meetingQr(meeting.id, old, oldCode) }, carol.openid),
      'FAILED_PRECONDITION',
      /过期/,
    )
    const { code } = await currentCode(meeting.id)
    const forged = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    expectError(
      await call({ action: 'checkIn', meetingId: meeting.id, code: forged }, carol.openid),
      'INVALID_ARGUMENT',
      /不正确/,
    )
    const now = slotOf(Date.now())
    expectError(
      await call({ action: 'checkIn', meetingId: meeting.id, qr: meetingQr(meeting.id, now, forged) }, carol.openid),
      'INVALID_ARGUMENT',
      /不正确/,
    )
    expectError(
      await call({ action: 'checkIn', meetingId: meeting.id, qr: meetingQr(meeting.id, now + 5, code) }, carol.openid),
      'INVALID_ARGUMENT',
    )

    const other = await createMeeting({ title: '另一场党课', type: 'lecture' })
    const otherCode = await currentCode(other.id)
    const refused: [Record<string, string>, RegExp][] = [
      [{ qr: otherCode.qr }, /另一场会议/],
      [{ code: otherCode.code }, /不正确/],
      [{ qr: `ZBT1:P:${meeting.id}:${carol.id}:${now}:123456` }, /个人签到码/],
      [{ qr: 'https://example.com/' }, /无法识别/],
      [{ code: '12345' }, /6 位/],
    ]
    for (const [params, message] of refused)
      expectError(
        await call({ action: 'checkIn', meetingId: meeting.id, ...params }, carol.openid),
        'INVALID_ARGUMENT',
        message,
      )
    expect(await findDocs(sdk, 'attendance', { memberId: carol.id, meetingId: meeting.id })).toHaveLength(0)
  })

  it('is for people expected at the meeting, within the window', async () => {
    const { code } = await currentCode(meeting.id)
    expectError(await call({ action: 'checkIn', meetingId: meeting.id, code }, seStudent.openid), 'NOT_FOUND')
    expectError(await call({ action: 'checkIn', meetingId: meeting.id, code }, null), 'UNAUTHENTICATED')
    expectError(await call({ action: 'checkIn', meetingId: 'no-such-meeting', code }, 'o-stranger'), 'UNAUTHENTICATED')
    const chosen = await createMeeting({
      type: 'other',
      title: '发展对象座谈',
      audience: 'chosen',
      memberIds: [alice.id],
    })
    const chosenCode = await currentCode(chosen.id)
    expectError(
      await call({ action: 'checkIn', meetingId: chosen.id, code: chosenCode.code }, bob.openid),
      'FORBIDDEN',
      /参会名单/,
    )

    const later = Date.now() + 24 * 60 * MIN
    const tomorrow = await createMeeting({
      title: '明天的党课',
      type: 'lecture',
      startAt: new Date(later).toISOString(),
      endAt: new Date(later + 90 * MIN).toISOString(),
      checkInOpensAt: new Date(later - 30 * MIN).toISOString(),
      checkInClosesAt: new Date(later + 90 * MIN).toISOString(),
    })
    const early = await currentCode(tomorrow.id)
    expectError(
      await call({ action: 'checkIn', meetingId: tomorrow.id, code: early.code }, alice.openid),
      'FAILED_PRECONDITION',
      /尚未开始/,
    )
    expect(await attendanceCount(tomorrow.id)).toBe(0)
  })

  it('stops guessing: after 10 wrong codes even the right one is refused for a while', async () => {
    const guessing = await createMeeting({ title: '防猜码测试' })
    for (let i = 0; i < 10; i++) {
      const guess = String(100000 + i * 7919)
      const res = await call({ action: 'checkIn', meetingId: guessing.id, code: guess }, dave.openid)
      expect(res.ok).toBe(false)
    }
    const { code } = await currentCode(guessing.id)
    expectError(await call({ action: 'checkIn', meetingId: guessing.id, code }, dave.openid), 'RATE_LIMITED')
    expect(await attendanceCount(guessing.id)).toBe(0)
  })
})

describe('a branch of more than 1,000 members', () => {
  it('expects every member and lists every member to choose from, a page of 1,000 per read', async () => {
    const N = 1200
    const { secretaryOpenid, meeting } = await loadMeeting(
      { branchId: 'branch-big', name: '千人党支部', prefix: 'K', students: N },
      '全体党员大会（千人）',
    )
    const reads = (await lastCall('create')).queries.filter(
      (q) => q.collection === 'members' && q.action === 'database.getDocument',
    )
    expect(reads.map((q) => q.docsReturned)).toEqual([1000, 201]) // two pages (the caller comes with their branch, in one aggregate)
    for (const q of reads) expect(q.docsExamined).toBeLessThanOrEqual(q.docsReturned)
    const [stored] = await findDocs<{ attendees: { memberId: string }[] }>(sdk, 'meetings', { _id: meeting.id })
    expect(new Set(stored.attendees.map((a) => a.memberId)).size).toBe(N + 1)
    const roster = data(await call<{ id: string }[]>({ action: 'roster', branchId: 'branch-big' }, secretaryOpenid))
    expect(new Set(roster.map((m) => m.id)).size).toBe(N + 1)
  }, 120_000)
})

describe('300 concurrent check-ins through the real SDK', () => {
  it('loses nobody and counts nobody twice', async () => {
    const N = 300
    const { secretaryOpenid, studentOpenids, meeting } = await loadMeeting(
      { branchId: 'branch-load', name: '压力测试党支部', prefix: 'L', students: N },
      '全体党员大会（压测）',
    )

    // Start right after a slot begins so the code stays valid (its slot + one of grace) for ~30 s.
    await new Promise((r) => setTimeout(r, 15_000 - (Date.now() % 15_000) + 100))
    const students = studentOpenids.map((openid) => ({ openid }))
    // Everyone at once, and a third of them tap twice.
    let wave = [...students, ...students.slice(0, 100)]
    const outcomes: string[] = []
    const started = Date.now()
    let retried = 0
    for (let round = 0; wave.length > 0 && round < 5; round++) {
      const { code } = await currentCode(meeting.id, secretaryOpenid)
      const results = await Promise.all(
        wave.map((p) => call<CheckInResult>({ action: 'checkIn', meetingId: meeting.id, code }, p.openid)),
      )
      // On a machine too busy to answer everyone within the code's 30 s, late answers say "expired":
      // those students scan the new code, as they would in the room. Any other failure is a bug.
      const isExpired = (r: Result<CheckInResult>) =>
        !r.ok && r.code === 'FAILED_PRECONDITION' && r.message.includes('过期')
      const expired = wave.filter((_, i) => isExpired(results[i]))
      const failures = results.filter((r) => !r.ok && !isExpired(r))
      expect(failures, JSON.stringify(failures.slice(0, 3))).toHaveLength(0)
      for (const r of results) if (r.ok) outcomes.push(r.data.outcome)
      retried += expired.length
      wave = expired
    }
    const elapsed = Date.now() - started
    expect(wave).toHaveLength(0)
    expect(outcomes.filter((o) => o === 'checkedIn')).toHaveLength(N)
    expect(outcomes.filter((o) => o === 'already')).toHaveLength(400 - N)
    expect(await attendanceCount(meeting.id)).toBe(N)
    const records = await findDocs<{ memberId: string }>(sdk, 'attendance', { meetingId: meeting.id })
    expect(new Set(records.map((r) => r.memberId)).size).toBe(N)
    const sheet = data(await call<AttendanceSheet>({ action: 'attendance', meetingId: meeting.id }, secretaryOpenid))
    expect(sheet.counts).toEqual({ expected: N + 1, present: N, leave: 0, missing: 1 })
    console.log(
      `[meeting] 400 concurrent check-ins answered in ${elapsed} ms (${retried} retried after their code expired)`,
    )
  }, 180_000)
})

describe('signInMember: by hand and by the member’s personal code', () => {
  it('signs a member in by hand, audited once; a repeat changes nothing', async () => {
    const meeting = await createMeeting({ title: '补签测试' })
    expectError(
      await call({ action: 'signInMember', meetingId: meeting.id, memberId: bob.id }, alice.openid),
      'FORBIDDEN',
    )
    expectError(
      await call({ action: 'signInMember', meetingId: meeting.id, memberId: seStudent.id }, csSecretary.openid),
      'FAILED_PRECONDITION',
      /参会名单/,
    )
    const res = data(
      await call<SignInResult>({ action: 'signInMember', meetingId: meeting.id, memberId: bob.id }, csSecretary.openid),
    )
    expect(res).toEqual({ outcome: 'signedIn', memberId: bob.id, name: bob.name })
    expect((await lastCall('signInMember')).queries.length).toBeLessThanOrEqual(4)
    const again = data(
      await call<SignInResult>({ action: 'signInMember', meetingId: meeting.id, memberId: bob.id }, csSecretary.openid),
    )
    expect(again.outcome).toBe('already')
    const [record] = await findDocs<{ method: string; byId: string }>(sdk, 'attendance', {
      meetingId: meeting.id,
      memberId: bob.id,
    })
    expect(record).toMatchObject({ method: 'hand', byId: csSecretary.id })
    const audits = await findDocs<{ action: string; actorId: string; detail: { meetingId: string } }>(sdk, 'audit', {
      targetId: bob.id,
      action: 'meeting.signInByHand',
    })
    expect(audits.filter((a) => a.detail.meetingId === meeting.id)).toHaveLength(1)
    expect(audits[0].actorId).toBe(csSecretary.id)
  })

  it('signs a member in by scanning 我的签到码; refuses meeting codes and other meetings’ personal codes', async () => {
    const meeting = await createMeeting({ title: '扫个人码测试' })
    const other = await createMeeting({ title: '另一场扫码测试' })
    const mine = data(await call<MemberCodeResult>({ action: 'memberCode' }, carol.openid))
    expect(mine.name).toBe(carol.name)
    const forMeeting = mine.meetings.find((m) => m.meeting.id === meeting.id)
    const forOther = mine.meetings.find((m) => m.meeting.id === other.id)
    if (!forMeeting || !forOther) throw new Error('memberCode should list both open meetings')
    expect(forMeeting.slots).toHaveLength(24)
    expect((await lastCall('memberCode')).queries.length).toBeLessThanOrEqual(2)

    const current = forMeeting.slots.find((s) => s.slot === slotOf(Date.now())) ?? forMeeting.slots[0]
    const meetingCodeQr = (await currentCode(meeting.id)).qr
    expectError(
      await call({ action: 'signInMember', meetingId: meeting.id, qr: meetingCodeQr }, csSecretary.openid),
      'INVALID_ARGUMENT',
      /会议签到码/,
    )
    const otherQr = forOther.slots.find((s) => s.slot === current.slot)?.qr ?? forOther.slots[0].qr
    expectError(
      await call({ action: 'signInMember', meetingId: meeting.id, qr: otherQr }, csSecretary.openid),
      'INVALID_ARGUMENT',
      /另一场会议/,
    )
    const tampered = current.qr.replace(carol.id, dave.id)
    expectError(
      await call({ action: 'signInMember', meetingId: meeting.id, qr: tampered }, csSecretary.openid),
      'INVALID_ARGUMENT',
      /无效/,
    )
    // A student cannot use their own personal code to check themselves in.
    expectError(
      await call({ action: 'checkIn', meetingId: meeting.id, qr: current.qr }, carol.openid),
      'INVALID_ARGUMENT',
      /个人签到码/,
    )

    const res = data(
      await call<SignInResult>({ action: 'signInMember', meetingId: meeting.id, qr: current.qr }, csSecretary.openid),
    )
    expect(res).toMatchObject({ outcome: 'signedIn', memberId: carol.id })
    const [record] = await findDocs<{ method: string }>(sdk, 'attendance', {
      meetingId: meeting.id,
      memberId: carol.id,
    })
    expect(record.method).toBe('scan')
    expect(await findDocs(sdk, 'audit', { targetId: carol.id, action: 'meeting.signInByScan' })).toHaveLength(1)
  })
})

describe('leave requests', () => {
  it('a member asks before the meeting; the secretary decides; the student hears back; the sheet says 请假', async () => {
    const meeting = await createMeeting({ title: '请假测试主题党日' })
    expectError(
      await call({ action: 'requestLeave', meetingId: meeting.id, reason: '我要去网络赌博' }, dave.openid),
      'CONTENT_RISKY',
    )
    expect(await findDocs(sdk, 'meetingLeaves', { meetingId: meeting.id })).toHaveLength(0)
    expectError(
      await call({ action: 'requestLeave', meetingId: meeting.id, reason: ' ' }, dave.openid),
      'INVALID_ARGUMENT',
      /请假事由/,
    )
    expectError(
      await call({ action: 'requestLeave', meetingId: meeting.id, reason: '参加竞赛' }, seStudent.openid),
      'FORBIDDEN',
    )

    const asked = data(
      await call<LeaveView>(
        { action: 'requestLeave', meetingId: meeting.id, reason: '代表学院参加程序设计竞赛' },
        dave.openid,
      ),
    )
    expect(asked.status).toBe('pending')
    expect((await lastCall('requestLeave')).queries.length).toBeLessThanOrEqual(4)
    expectError(
      await call({ action: 'requestLeave', meetingId: meeting.id, reason: '再请一次' }, dave.openid),
      'CONFLICT',
    )

    expectError(
      await call(
        { action: 'decideLeave', meetingId: meeting.id, memberId: dave.id, approve: true },
        seSecretary.openid,
      ),
      'FORBIDDEN',
    )
    expectError(
      await call({ action: 'decideLeave', meetingId: meeting.id, memberId: dave.id, approve: true }, carol.openid),
      'FORBIDDEN',
    )
    const outboxBefore = (await outbox(cloud)).length
    const decided = data(
      await call<LeaveView>(
        { action: 'decideLeave', meetingId: meeting.id, memberId: dave.id, approve: true, note: '同意，会后补学' },
        csSecretary.openid,
      ),
    )
    expect(decided.status).toBe('approved')
    expect((await lastCall('decideLeave')).queries.length).toBeLessThanOrEqual(4)
    expectError(
      await call(
        { action: 'decideLeave', meetingId: meeting.id, memberId: dave.id, approve: false },
        csSecretary.openid,
      ),
      'CONFLICT',
    )

    const answer = (await outbox(cloud)).slice(outboxBefore)
    expect(answer).toHaveLength(1)
    expect(answer[0]).toMatchObject({ touser: dave.openid, templateId: 'leave-result' })
    expect(answer[0].data.phrase3.value).toBe('已批准')
    expect(await findDocs(sdk, 'audit', { targetId: dave.id, action: 'meeting.approveLeave' })).toHaveLength(1)

    const sheet = data(await call<AttendanceSheet>({ action: 'attendance', meetingId: meeting.id }, csSecretary.openid))
    expect(sheet.rows.find((r) => r.memberId === dave.id)?.status).toBe('leave')
    expect(sheet.counts.leave).toBe(1)
    const detail = data(await call<MeetingDetail>({ action: 'get', meetingId: meeting.id }, dave.openid))
    expect(detail.mine?.status).toBe('leave')
    expect(detail.sheet).toBeNull()
    expect((await lastCall('get')).queries.length).toBeLessThanOrEqual(4)
  })

  it('refuses leave once the meeting has started, and lets a refused member ask again', async () => {
    const started = await createMeeting({
      title: '已开始的党课',
      type: 'lecture',
      startAt: new Date(Date.now() - 10 * MIN).toISOString(),
      checkInOpensAt: new Date(Date.now() - 20 * MIN).toISOString(),
    })
    expectError(
      await call({ action: 'requestLeave', meetingId: started.id, reason: '临时有事' }, alice.openid),
      'FAILED_PRECONDITION',
      /已经开始/,
    )
    const meeting = await createMeeting({ title: '可再次请假' })
    data(await call({ action: 'requestLeave', meetingId: meeting.id, reason: '课程实验冲突' }, carol.openid))
    const refused = data(
      await call<LeaveView>(
        { action: 'decideLeave', meetingId: meeting.id, memberId: carol.id, approve: false, note: '实验可调课' },
        csSecretary.openid,
      ),
    )
    expect(refused.status).toBe('refused')
    const again = data(
      await call<LeaveView>(
        { action: 'requestLeave', meetingId: meeting.id, reason: '实验无法调课，已与老师确认' },
        carol.openid,
      ),
    )
    expect(again.status).toBe('pending')
  })
})

describe('attendance figures kept on the meeting', () => {
  type Figures = { expected: number; present: number; leave: number }

  /** The meeting's stored figures, or null while they are not valid (not settled since the last change). */
  async function kept(meetingId: string): Promise<Figures | null> {
    const [doc] = await findDocs<{ figures?: Figures | null; settleAt?: Date | null }>(sdk, 'meetings', {
      _id: meetingId,
    })
    return doc.settleAt === null && doc.figures ? doc.figures : null
  }

  /** Makes the meeting's figures due for settling (its settle time a minute ago). */
  async function makeDue(meetingId: string): Promise<void> {
    await sdk
      .database()
      .collection('meetings')
      .doc(meetingId)
      .update({ data: { settleAt: new Date(Date.now() - MIN) } })
  }

  /** One meeting counted from its records by the sheet the secretary sees. */
  async function sheetFigures(meetingId: string): Promise<Figures> {
    const { counts } = data(await call<AttendanceSheet>({ action: 'attendance', meetingId }, csSecretary.openid))
    return { expected: counts.expected, present: counts.present, leave: counts.leave }
  }

  /** The branch's ended meetings of this semester, counted from the attendance and leave records. */
  async function recount(branchId: string): Promise<Figures> {
    const semester = periodAt('semester', new Date())
    const meetings = await findDocs<{
      _id: string
      status: string
      startAt: Date
      endAt: Date
      attendees: { memberId: string }[]
    }>(sdk, 'meetings', { branchId })
    const total: Figures = { expected: 0, present: 0, leave: 0 }
    for (const m of meetings) {
      const start = new Date(m.startAt)
      if (
        m.status === 'cancelled' ||
        new Date(m.endAt).getTime() > Date.now() ||
        start < semester.start ||
        start >= semester.end
      )
        continue
      const expected = new Set(m.attendees.map((a) => a.memberId))
      const present = new Set(
        (await findDocs<{ memberId: string }>(sdk, 'attendance', { meetingId: m._id }))
          .map((a) => a.memberId)
          .filter((id) => expected.has(id)),
      )
      const leaves = await findDocs<{ memberId: string; status: string }>(sdk, 'meetingLeaves', {
        meetingId: m._id,
        status: 'approved',
      })
      total.expected += expected.size
      total.present += present.size
      total.leave += leaves.filter((l) => expected.has(l.memberId) && !present.has(l.memberId)).length
    }
    return total
  }

  async function dashboardFigures(): Promise<Figures> {
    const d = data(await cloud.call<Result<DashboardResult>>('branch', { action: 'dashboard' }, csSecretary.openid))
    const { expected, present, leave, absent } = d.branches[0].attendance
    expect(absent).toBe(expected - present - leave)
    return { expected, present, leave }
  }

  /** Documents the dashboard's meetings aggregate answered: the meetings, plus records joined for any counted from them. */
  async function meetingsAnswered(): Promise<number> {
    const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=50`)).json()) as CallLog[]
    const dash = calls.find((c) => c.fn === 'branch' && c.action === 'dashboard')
    const q = dash?.queries.find((x) => x.collection === 'meetings')
    if (!q) throw new Error('no meetings aggregate logged')
    expect(q.docsExamined).toBeLessThanOrEqual(q.docsReturned)
    return q.docsReturned
  }

  const settle = async (): Promise<void> => {
    data(await cloud.runJob<Result<unknown>>('meeting', { action: 'recountAttendance' }))
  }
  const decide = (meetingId: string, memberId: string, approve: boolean) =>
    call<LeaveView>({ action: 'decideLeave', meetingId, memberId, approve, note: '' }, csSecretary.openid).then(data)

  it('equal a recount after concurrent check-ins, leaves, hand sign-ins and changes of who is expected', async () => {
    const meeting = await createMeeting({ title: '出勤统计测试' })
    const records = async () =>
      (await findDocs(sdk, 'attendance', { meetingId: meeting.id })).length +
      (await findDocs(sdk, 'meetingLeaves', { meetingId: meeting.id })).length
    for (const p of [alice, bob, carol, dave])
      data(await call({ action: 'requestLeave', meetingId: meeting.id, reason: '课程实验时间冲突' }, p.openid))
    await decide(meeting.id, alice.id, true)
    await decide(meeting.id, carol.id, false)

    // Everyone at once, some twice; alice came despite her approved leave; dave's leave is approved while he checks in.
    const { code } = await currentCode(meeting.id)
    const taps = [alice, bob, dave, alice, dave, bob].map((p) =>
      call<CheckInResult>({ action: 'checkIn', meetingId: meeting.id, code }, p.openid),
    )
    const [results] = await Promise.all([Promise.all(taps), decide(meeting.id, dave.id, true)])
    expect(results.filter((r) => data(r).outcome === 'checkedIn')).toHaveLength(3)
    // Caller with meeting and limiter, the limiter's try (taken before the code is judged), the insert;
    // a second tap racing the first loses the limiter's first insert and counts in its window: one more.
    expect((await lastCall('checkIn')).queries.length).toBeLessThanOrEqual(4)
    // bob's leave approved after he checked in: he still counts as present.
    await decide(meeting.id, bob.id, true)
    expect((await lastCall('decideLeave')).queries.length).toBeLessThanOrEqual(4)
    // Check-in is still open: nothing is settled early.
    await settle()
    expect(await kept(meeting.id)).toBeNull()

    // Who is expected changes: dave (present) and the others drop out, carol stays. Then it is
    // recorded as ended an hour ago, its check-in closed ten minutes ago.
    const chosen = [alice.id, bob.id, carol.id, csSecretary.id]
    const now = Date.now()
    const past = {
      title: '出勤统计测试',
      audience: 'chosen',
      memberIds: chosen,
      startAt: new Date(now - 150 * MIN).toISOString(),
      endAt: new Date(now - 60 * MIN).toISOString(),
      checkInOpensAt: new Date(now - 160 * MIN).toISOString(),
      checkInClosesAt: new Date(now - 10 * MIN).toISOString(),
    }
    const before = await dashboardFigures()
    const answeredBefore = await meetingsAnswered()
    data(await call({ action: 'update', meetingId: meeting.id, ...openMeetingForm(past) }, csSecretary.openid))
    expect(await sheetFigures(meeting.id)).toEqual({ expected: 4, present: 2, leave: 0 })

    // Not settled yet (the grace after a change has not passed): counted from its records, as a recount does.
    await settle()
    expect(await kept(meeting.id)).toBeNull()
    const unsettled = await dashboardFigures()
    expect(unsettled).toEqual(await recount('branch-cs'))
    expect(unsettled).toEqual({ expected: before.expected + 4, present: before.present + 2, leave: before.leave })
    expect(await meetingsAnswered()).toBe(answeredBefore + (await records()))

    // Once due, settled: the same figures from the meeting itself, nothing joined.
    await makeDue(meeting.id)
    await settle()
    expect(await kept(meeting.id)).toEqual(await sheetFigures(meeting.id))
    expect(await dashboardFigures()).toEqual(unsettled)
    expect(await meetingsAnswered()).toBe(answeredBefore)

    // carol signed in by hand afterwards (补签), twice at once: counted from the records at once, then settled again.
    await Promise.all(
      [carol, carol].map(() =>
        call({ action: 'signInMember', meetingId: meeting.id, memberId: carol.id }, csSecretary.openid),
      ),
    )
    expect((await lastCall('signInMember')).queries.length).toBeLessThanOrEqual(4)
    expect(await kept(meeting.id)).toBeNull()
    const after = await dashboardFigures()
    expect(after).toEqual(await recount('branch-cs'))
    expect(after).toEqual({ ...unsettled, present: unsettled.present + 1 })
    await makeDue(meeting.id)
    await settle()
    expect(await kept(meeting.id)).toEqual({ expected: 4, present: 3, leave: 0 })
    expect(await dashboardFigures()).toEqual(after)

    // A meeting stored before figures were kept is counted from its records: the same numbers.
    await sdk
      .database()
      .collection('meetings')
      .doc(meeting.id)
      .update({ data: { figures: sdk.database().command.remove(), settleAt: sdk.database().command.remove() } })
    expect(await dashboardFigures()).toEqual(after)
    expect(await meetingsAnswered()).toBe(answeredBefore + (await records()))
  })

  it('are not stored by a recount that raced a change', async () => {
    const now = Date.now()
    const meeting = await createMeeting({
      title: '补录的党小组会',
      type: 'group',
      startAt: new Date(now - 150 * MIN).toISOString(),
      endAt: new Date(now - 60 * MIN).toISOString(),
      checkInOpensAt: new Date(now - 160 * MIN).toISOString(),
      checkInClosesAt: new Date(now - 30 * MIN).toISOString(),
    })
    data(await call({ action: 'signInMember', meetingId: meeting.id, memberId: alice.id }, csSecretary.openid))
    const db = sdk.database()
    // A recount that read the meeting before bob's sign-in marked it: its write must not land.
    const [read] = await findDocs<{ rollRev: number }>(sdk, 'meetings', { _id: meeting.id })
    data(await call({ action: 'signInMember', meetingId: meeting.id, memberId: bob.id }, csSecretary.openid))
    const raced = await db
      .collection('meetings')
      .where({ _id: meeting.id, rollRev: read.rollRev })
      .update({ data: { figures: { expected: 99, present: 1, leave: 0 }, settleAt: null } })
    expect((raced as { stats: { updated: number } }).stats.updated).toBe(0)
    expect(await kept(meeting.id)).toBeNull()

    expectError(await call({ action: 'recountAttendance' }, csSecretary.openid), 'FORBIDDEN')
    await makeDue(meeting.id)
    expect(
      data(await cloud.runJob<Result<{ recounted: number }>>('meeting', { action: 'recountAttendance' })).recounted,
    ).toBeGreaterThanOrEqual(1)
    expect(await kept(meeting.id)).toEqual(await sheetFigures(meeting.id))
    expect(await kept(meeting.id)).toMatchObject({ present: 2 })
    for (const q of (await lastCall('recountAttendance')).queries.filter((x) => !x.action.includes('modify')))
      expect(q.index, `${q.collection} ${q.action}`).not.toBeNull()
  })
})

describe('minutes and the attendance export', () => {
  it('records minutes: own photos only, content-checked, after the meeting started', async () => {
    const future = await createMeeting({ title: '还没开始的会' })
    expectError(
      await call(
        { action: 'minutes', meetingId: future.id, text: '会议由支部书记主持，大家认真学习。' },
        csSecretary.openid,
      ),
      'FAILED_PRECONDITION',
      /开始后/,
    )
    const meeting = await createMeeting({
      title: '记录纪要的党课',
      type: 'lecture',
      startAt: new Date(Date.now() - 30 * MIN).toISOString(),
      checkInOpensAt: new Date(Date.now() - 40 * MIN).toISOString(),
    })
    const text = '会议由支部书记陈立华主持，学习了党章第一章，大家结合实际谈了体会。'
    const someoneElses = `cloud://zhibutong-local.bucket/uploads/${alice.id}/202611/a.jpg`
    expectError(
      await call({ action: 'minutes', meetingId: meeting.id, text, photos: [someoneElses] }, csSecretary.openid),
      'FORBIDDEN',
    )
    expectError(
      await call({ action: 'minutes', meetingId: meeting.id, text: `${text}顺便介绍六合彩` }, csSecretary.openid),
      'CONTENT_RISKY',
    )
    expectError(await call({ action: 'minutes', meetingId: meeting.id, text }, alice.openid), 'FORBIDDEN')
    const [before] = await findDocs<{ minutes: unknown }>(sdk, 'meetings', { _id: meeting.id })
    expect(before.minutes).toBeNull()

    const upload = await sdk.uploadFile({
      cloudPath: `uploads/${csSecretary.id}/202611/minutes-photo.png`,
      fileContent: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    })
    const saved = data(
      await call<MinutesView>(
        { action: 'minutes', meetingId: meeting.id, text, photos: [upload.fileID] },
        csSecretary.openid,
      ),
    )
    expect(saved.text).toBe(text)
    expect(saved.photos[0].url).toMatch(/^http/)
    const detail = data(await call<MeetingDetail>({ action: 'get', meetingId: meeting.id }, alice.openid))
    expect(detail.minutes?.text).toBe(text)
    expect(detail.hasMinutes).toBe(true)
  })

  it('exports the sheet as a real .xlsx: 未签到 while check-in is open, 缺席 once it is over, and when it was exported', async () => {
    const meeting = await createMeeting({ title: '导出测试主题党日' })
    const { code } = await currentCode(meeting.id)
    data(await call({ action: 'checkIn', meetingId: meeting.id, code }, alice.openid))
    data(await call({ action: 'requestLeave', meetingId: meeting.id, reason: '参加学科竞赛' }, bob.openid))
    data(
      await call({ action: 'decideLeave', meetingId: meeting.id, memberId: bob.id, approve: true }, csSecretary.openid),
    )
    expectError(await call({ action: 'exportAttendance', meetingId: meeting.id }, alice.openid), 'FORBIDDEN')

    const readBack = async (): Promise<string[][]> => {
      const res = data(
        await call<ExportResult>({ action: 'exportAttendance', meetingId: meeting.id }, csSecretary.openid),
      )
      expect(res.fileName).toContain('导出测试主题党日')
      expect((await lastCall('exportAttendance')).queries.length).toBeLessThanOrEqual(4)
      const download = await fetch(res.url)
      expect(download.status).toBe(200)
      return sheetValues(worksheet(await readWorkbook(await download.arrayBuffer()), '签到表'))
    }
    const rowsOf = (values: string[][]) => {
      const headerAt = values.findIndex((r) => r[0] === SHEET_COLUMNS[0])
      expect(values[headerAt]).toEqual([...SHEET_COLUMNS])
      const rows = values.slice(headerAt + 1)
      expect(rows).toHaveLength(meeting.expectedCount)
      return new Map(rows.map((r) => [r[1], r]))
    }

    // Before the meeting, check-in open: those not yet here may still come.
    const open = await readBack()
    const openRows = rowsOf(open)
    expect(openRows.get(alice.name)?.[3]).toBe('已签到')
    expect(openRows.get(alice.name)?.[5]).toBe('输入签到码')
    expect(openRows.get(bob.name)?.[3]).toBe('请假')
    expect(openRows.get(bob.name)?.[6]).toBe('参加学科竞赛')
    expect(openRows.get(carol.name)?.[3]).toBe('未签到')
    expect(
      open.some((r) =>
        r
          .join('')
          .includes(`应到 ${meeting.expectedCount} 人，实到 1 人，请假 1 人，未签到 ${meeting.expectedCount - 2} 人`),
      ),
    ).toBe(true)
    expect(open.flat().join('')).not.toContain('缺席')
    const exportedAt = open.find((r) => r[0] === '导出时间')
    expect(exportedAt?.[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（签到尚未结束/)

    // Once the meeting is over and check-in closed, absence is final.
    await sdk
      .database()
      .collection('meetings')
      .doc(meeting.id)
      .update({
        data: {
          startAt: new Date(Date.now() - 180 * MIN),
          endAt: new Date(Date.now() - 60 * MIN),
          checkInOpensAt: new Date(Date.now() - 190 * MIN),
          checkInClosesAt: new Date(Date.now() - 60 * MIN),
        },
      })
    const closed = await readBack()
    const closedRows = rowsOf(closed)
    expect(closedRows.get(alice.name)?.[3]).toBe('出席')
    expect(closedRows.get(carol.name)?.[3]).toBe('缺席')
    expect(
      closed.some((r) =>
        r
          .join('')
          .includes(`应到 ${meeting.expectedCount} 人，实到 1 人，请假 1 人，缺席 ${meeting.expectedCount - 2} 人`),
      ),
    ).toBe(true)
    expect(closed.find((r) => r[0] === '导出时间')?.[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
  })
})

describe('compliance', () => {
  it('shows each branch held against required, with the months it skipped as overdue', async () => {
    const se = data(await call<ComplianceResult>({ action: 'compliance' }, seSecretary.openid))
    expect(se.branches).toHaveLength(1)
    const group = se.branches[0].rows.find((r) => r.type === 'group')
    expect(group?.rule).toBe('每月至少 1 次')
    expect(group?.overdue).toBe(2)
    expect(group?.periods).toHaveLength(12)
    const themeDay = se.branches[0].rows.find((r) => r.type === 'themeDay')
    expect(themeDay?.overdue).toBe(0)
    const lecture = se.branches[0].rows.find((r) => r.type === 'lecture')
    expect(lecture?.rule).toBe('每学期至少 2 次')
    expect((await lastCall('compliance')).queries.length).toBeLessThanOrEqual(4)

    const all = data(await call<ComplianceResult>({ action: 'compliance' }, committee.openid))
    expect(all.branches.map((b) => b.branchId)).toEqual(
      expect.arrayContaining(['branch-cs', 'branch-se', 'branch-grad']),
    )
    const grad = all.branches.find((b) => b.branchId === 'branch-grad')
    expect(grad?.rows.find((r) => r.type === 'committee')?.overdue).toBe(1)
    expectError(await call({ action: 'compliance' }, alice.openid), 'FORBIDDEN')
  })

  it('holds a branch founded this month only to this month, not to the months before it existed (issue #16)', async () => {
    const created = data(
      await cloud.call<Result<{ id: string }>>(
        'branch',
        { action: 'saveBranch', name: '新成立测试党支部', secretaryNos: [] },
        committee.openid,
      ),
    )
    const all = data(await call<ComplianceResult>({ action: 'compliance' }, committee.openid))
    const fresh = all.branches.find((b) => b.branchId === created.id)
    const group = fresh?.rows.find((r) => r.type === 'group')
    expect(group?.periods.map((p) => p.key)).toEqual([periodAt('month', new Date()).key])
    expect(fresh?.overdueTotal).toBe(0)
    // The seeded branches, older than the field, are still held to the whole year.
    expect(
      all.branches.find((b) => b.branchId === 'branch-se')?.rows.find((r) => r.type === 'group')?.periods,
    ).toHaveLength(12)
  })
})

describe('input validation', () => {
  it('refuses malformed ids and unknown fields with INVALID_ARGUMENT', async () => {
    expectError(await call({ action: 'get', meetingId: '../../etc' }, alice.openid), 'INVALID_ARGUMENT')
    expectError(await call({ action: 'get', meetingId: { $ne: null } }, alice.openid), 'INVALID_ARGUMENT')
    expectError(await call({ action: 'get', meetingId: 'no-such-meeting' }, alice.openid), 'NOT_FOUND')
    expectError(
      await call({ action: 'checkIn', meetingId: 'x', code: '123456', memberId: bob.id }, alice.openid),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call({ action: 'decideLeave', meetingId: 'x', memberId: bob.id, approve: 'yes' }, csSecretary.openid),
      'INVALID_ARGUMENT',
    )
  })
})
