import { describe, expect, it } from 'vitest'
import { idNumberCheckDigit } from '../../cloudfunctions/member-care/src/contract'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { AuditDoc, MemberDoc } from '../../cloudfunctions/_shared/models'
import type { MemberDetail, MembersResult } from '../../cloudfunctions/branch/src/contract'
import type { CheckInCodeResult, CheckInResult, MeetingDetail } from '../../cloudfunctions/meeting/src/contract'
import { slotOf } from '../../cloudfunctions/meeting/src/codes'
import type {
  AwayListResult,
  AwayView,
  HomeResult,
  HoursResult,
  LetterResult,
  MyHoursResult,
  RecordTrainingResult,
  TalksResult,
  TalkView,
  TransfersResult,
  TransferView,
} from '../../cloudfunctions/member-care/src/contract'
import type { AwayDoc, TransferDoc } from '../../cloudfunctions/member-care/src/model'
import type { LocalCloud } from '../helpers/cloud'
import { openMeetingForm } from '../helpers/meeting-form'
import { person } from '../helpers/members'
import { docxXml, pdfText, xmlText } from '../helpers/documents'
import { data, expectError } from '../helpers/results'
import { type adminSdk, findDocs, countDocs } from '../helpers/sdk'
import { backdateContact, runCareTimer } from '../helpers/member-care'
import { useLocalCloud, outbox, lastLoggedCall } from '../helpers/suite'

/**
 * Members away and moving on (issue #19), through the real SDK against the local cloud: 流动党员
 * registration, overdue contacts and their reminder, 组织关系转接 to the 回执, 谈心谈话 and 培训学时.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const xu = person('徐明轩') // probationary, branch-cs, not away
const sun = person('孙雅琪') // full member, 组织委员 of branch-cs
const wu = person('吴佳怡') // probationary, 宣传委员, seeded away and overdue
const zhang = person('张欣怡') // activist, branch-cs
const chen = person('陈立华') // secretary of branch-cs
const lin = person('林晓雯') // secretary of branch-se
const liu = person('刘建国') // college committee
const shen = person('沈清妍') // branch-grad, seeded letter lapsed

const DAY = 24 * 60 * 60 * 1000

function call<T>(event: Record<string, unknown>, openid: string | null): Promise<Result<T>> {
  return cloud.call<Result<T>>('member-care', event, openid)
}

const chinaDay = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
const inDays = (n: number): string => chinaDay(new Date(Date.now() + n * DAY))

const sentMessages = () => outbox(cloud)

/** 院党委 records a college training yesterday for `studentNos` (as `openid`). */
const recordCollegeTraining = <T = unknown>(openid: string, studentNos: string[], hours: number, title = '专题培训') =>
  call<T>({ action: 'recordTraining', kind: 'college', title, day: inDays(-1), hours, studentNos }, openid)

async function audits(action: string, targetId: string): Promise<AuditDoc[]> {
  return findDocs<AuditDoc>(sdk, 'audit', { action, targetId })
}

const count = (collection: string, where: Record<string, unknown> = {}): Promise<number> =>
  countDocs(sdk, collection, where)

/** A file in the caller's own folder, uploaded the way the app does (user.uploadSlot, then the storage route). */
async function uploadOwn(openid: string, ext = 'png'): Promise<string> {
  const bytes = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  )
  const slot = data(
    await cloud.call<Result<{ cloudPath: string }>>('user', { action: 'uploadSlot', ext, size: bytes.length }, openid),
  )
  const form = new FormData()
  form.append('cloudPath', slot.cloudPath)
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), `r.${ext}`)
  const res = await fetch(`${cloud.url}/api/storage/upload`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid },
    body: form,
  })
  return ((await res.json()) as { fileID: string }).fileID
}

/** A fictional 身份证号码 with its check digit (GB 11643). */
const validId = (first17: string): string => first17 + idNumberCheckDigit(first17)

const internship = () => ({
  action: 'registerAway',
  kind: 'internship',
  place: '浙江省杭州市',
  unit: '一家电商企业技术部',
  from: inDays(0),
  until: inDays(150),
  contact: '手机 139 0000 1234',
})

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('流动党员', () => {
  it('a probationary member registers an internship, misses the quarterly contact, is listed and reminded once, then reports in', async () => {
    const registered = data(await call<AwayView>(internship(), xu.openid))
    expect(registered).toMatchObject({ kind: 'internship', kindLabel: '外出实习', status: 'away', overdue: false })
    // The first contact is the registration itself: the next one is due a quarter later.
    expect(new Date(registered.nextContactDue).getTime() - Date.now()).toBeGreaterThan(85 * DAY)
    expect(await audits('care.registerAway', xu.id)).toHaveLength(1)
    expectError(await call(internship(), xu.openid), 'CONFLICT')

    // Four months pass without contact.
    await backdateContact(sdk, registered.id, 120, 28)
    const list = data(await call<AwayListResult>({ action: 'awayList' }, chen.openid))
    const row = list.away.find((a) => a.memberId === xu.id)
    expect(row).toMatchObject({ overdue: true, name: '徐明轩' })
    expect(list.counts.overdue).toBeGreaterThanOrEqual(2) // and 吴佳怡 of the seed
    // Overdue contacts come first.
    expect(list.away.slice(0, list.counts.overdue).every((a) => a.overdue)).toBe(true)

    const before = (await sentMessages()).length
    const job = data(await runCareTimer<Result<{ reminded: number }>>(cloud))
    expect(job.reminded).toBeGreaterThanOrEqual(2)
    const sent = (await sentMessages()).slice(before).filter((m) => m.templateId === 'care-contact-reminder')
    expect(sent.map((m) => m.touser)).toEqual(expect.arrayContaining([xu.openid, wu.openid]))
    expect(sent.find((m) => m.touser === xu.openid)?.page).toBe('packages/member-care/index/index')
    expect(await audits('care.remind', xu.id)).toHaveLength(1)
    // One reminder per missed contact: the next run sends nothing more.
    data(await runCareTimer<Result<{ reminded: number }>>(cloud))
    expect(
      (await sentMessages()).filter((m) => m.touser === xu.openid && m.templateId === 'care-contact-reminder'),
    ).toHaveLength(1)

    const photo = await uploadOwn(xu.openid)
    const back = data(
      await call<AwayView>({ action: 'reportIn', text: '在杭州实习一切顺利，每周参加线上学习。', photo }, xu.openid),
    )
    expect(back.overdue).toBe(false)
    const home = data(await call<HomeResult>({ action: 'home' }, xu.openid))
    expect(home.away?.id).toBe(registered.id)
    expect(home.contacts[0]).toMatchObject({ kind: 'reportIn', text: '在杭州实习一切顺利，每周参加线上学习。' })
    expect(home.contacts[0].photoUrl).toMatch(/^http/)
    expect(
      data(await call<AwayListResult>({ action: 'awayList' }, chen.openid)).away.find((a) => a.memberId === xu.id)
        ?.overdue,
    ).toBe(false)
    expect(await audits('care.reportIn', xu.id)).toHaveLength(1)
  })

  it('refuses what the rules forbid and stores nothing', async () => {
    const away = await count('careAway')
    // An activist does not register as a 流动党员.
    expectError(await call({ ...internship() }, zhang.openid), 'FAILED_PRECONDITION')
    // Dates: a return before leaving, an absence over two years.
    expectError(await call({ ...internship(), until: inDays(-1), from: inDays(-10) }, sun.openid), 'INVALID_ARGUMENT')
    expect(
      expectError(await call({ ...internship(), until: inDays(800) }, sun.openid), 'INVALID_ARGUMENT').message,
    ).toMatch(/转接组织关系/)
    expectError(await call({ ...internship(), kind: 'holiday' }, sun.openid), 'INVALID_ARGUMENT')
    expect(await count('careAway')).toBe(away)

    const [wuAway] = await findDocs<AwayDoc>(sdk, 'careAway', { memberId: wu.id, status: 'away' })
    const contacts = await count('careContacts')
    // Only the branch's secretary and the committee list or record; the other branch's secretary does not see it.
    expectError(await call({ action: 'awayList' }, zhang.openid), 'FORBIDDEN')
    expectError(await call({ action: 'awayList', branchId: 'branch-cs' }, lin.openid), 'FORBIDDEN')
    expectError(await call({ action: 'recordContact', awayId: wuAway._id, note: '电话联系' }, lin.openid), 'NOT_FOUND')
    expectError(
      await call({ action: 'recordContact', awayId: wuAway._id, note: '电话联系' }, zhang.openid),
      'NOT_FOUND',
    )
    // A photo that is not the member's own upload.
    const others = await uploadOwn(zhang.openid)
    expectError(await call({ action: 'reportIn', text: '借用别人的照片', photo: others }, wu.openid), 'FORBIDDEN')
    // The reminder job is not something a member can start.
    expectError(await call({ action: 'remind' }, wu.openid), 'FORBIDDEN')
    expect(await count('careContacts')).toBe(contacts)

    const recorded = data(
      await call<AwayView>(
        { action: 'recordContact', awayId: wuAway._id, note: '电话联系吴佳怡，实习顺利，提醒按季度报到。' },
        chen.openid,
      ),
    )
    expect(recorded.overdue).toBe(false)
    const [entry] = await audits('care.recordContact', wu.id)
    expect(entry).toMatchObject({ actorName: '陈立华' })
  })
})

describe('组织关系转接', () => {
  const apply = {
    action: 'applyTransfer',
    reason: 'graduation',
    destUnit: '上海一家集成电路企业',
    destOrg: '中共上海某集成电路有限公司委员会',
    nation: '汉',
    idNumber: validId('11010820001010002'),
  }
  const wrongCheck = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

  it('a graduating member applies, the branch approves, the committee issues the letter, the 回执 closes it and the member leaves the roster with history kept', async () => {
    // The check digit is verified.
    expect(
      expectError(await call({ ...apply, idNumber: wrongCheck(apply.idNumber) }, sun.openid), 'INVALID_ARGUMENT')
        .message,
    ).toMatch(/身份证/)
    const applied = data(await call<TransferView>(apply, sun.openid))
    expect(applied).toMatchObject({ status: 'applied', statusLabel: '待支部审核', letter: null })
    // The secretary sees how far the dues are paid while checking them.
    expect(applied.duesPaidTo).toMatch(/^\d{4}-\d{2}$/)
    expectError(await call(apply, sun.openid), 'CONFLICT')

    // Nobody decides on their own; approval needs both checks.
    expectError(
      await call(
        { action: 'reviewTransfer', transferId: applied.id, approve: true, duesChecked: true, filesChecked: true },
        sun.openid,
      ),
      'FORBIDDEN',
    )
    expectError(
      await call(
        { action: 'reviewTransfer', transferId: applied.id, approve: true, duesChecked: false, filesChecked: true },
        chen.openid,
      ),
      'INVALID_ARGUMENT',
    )
    expectError(await call({ action: 'issueLetter', transferId: applied.id }, liu.openid), 'FAILED_PRECONDITION')
    const approved = data(
      await call<TransferView>(
        {
          action: 'reviewTransfer',
          transferId: applied.id,
          approve: true,
          duesChecked: true,
          filesChecked: true,
          note: '党费已交清，档案齐全',
        },
        chen.openid,
      ),
    )
    expect(approved.status).toBe('approved')
    expect(approved.duesPaidTo).toMatch(/^\d{4}-\d{2}$/)

    // Only the committee issues letters; the number follows the college's counter (the seed used 001).
    expectError(await call({ action: 'issueLetter', transferId: applied.id }, chen.openid), 'FORBIDDEN')
    const issued = data(await call<TransferView>({ action: 'issueLetter', transferId: applied.id }, liu.openid))
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
    expect(issued.letter).toMatchObject({ no: `〔${year}〕第 002 号`, lapsed: false, issuedCount: 1 })
    expect(issued.letter?.validUntil).toBe(inDays(89))
    expectError(await call({ action: 'issueLetter', transferId: applied.id }, liu.openid), 'FAILED_PRECONDITION')
    const letter = data(await call<LetterResult>({ action: 'letter', transferId: applied.id }, sun.openid))
    expect(letter.no).toBe(issued.letter?.no)
    // The .docx read back: 存根 and 正文 with the number, the person, where to, and the validity.
    const docx = Buffer.from(await (await fetch(letter.docxUrl ?? '')).arrayBuffer())
    const text = xmlText(await docxXml(docx))
    const validUntil = inDays(89).split('-').map(Number)
    const wanted = [
      '中国共产党党员组织关系介绍信',
      '存  根',
      letter.no,
      '孙雅琪同志',
      apply.destOrg,
      '计算机科学本科生党支部',
      `有效期至${validUntil[0]}年${validUntil[1]}月${validUntil[2]}日`,
      '中共计算机与信息工程学院委员会（盖章）',
      '党费已交到',
    ]
    for (const t of wanted) expect(text).toContain(t)
    expect(text.split('中国共产党党员组织关系介绍信')).toHaveLength(3) // stub and body
    const pdf = Buffer.from(await (await fetch(letter.pdfUrl ?? '')).arrayBuffer())
    const pdfChars = (await pdfText(pdf)).text.replace(/\s+/g, '')
    for (const ch of `孙雅琪${apply.destOrg}介绍信有效期`) expect(pdfChars).toContain(ch)
    expect(await audits('care.letterFile', sun.id)).toHaveLength(2)
    expectError(await call({ action: 'letter', transferId: applied.id }, zhang.openid), 'NOT_FOUND')
    expect(await audits('care.readLetter', sun.id)).toHaveLength(1)

    // Someone else's file is not a 回执.
    expectError(
      await call({ action: 'uploadReceipt', transferId: applied.id, file: await uploadOwn(zhang.openid) }, sun.openid),
      'FORBIDDEN',
    )
    const done = data(
      await call<TransferView>(
        { action: 'uploadReceipt', transferId: applied.id, file: await uploadOwn(sun.openid) },
        sun.openid,
      ),
    )
    expect(done).toMatchObject({ status: 'completed', statusLabel: '已转出' })

    const [member] = await findDocs<MemberDoc>(sdk, 'members', { _id: sun.id })
    expect(member.branchId).toBeNull()
    expect(member.leftBranch).toMatchObject({ branchId: 'branch-cs', transferId: applied.id, destOrg: apply.destOrg })
    // Off the branch's active roster ...
    const roster = data(await cloud.call<Result<MembersResult>>('branch', { action: 'members' }, chen.openid))
    expect(roster.members.map((m) => m.id)).not.toContain(sun.id)
    // ... with the history kept: the committee reads the completed transfer and the member's records.
    const history = data(await call<TransfersResult>({ action: 'transfers', branchId: 'branch-cs' }, liu.openid))
    expect(history.completed.map((t) => t.id)).toContain(applied.id)
    expect(await count('reports', { memberId: sun.id })).toBeGreaterThan(0)
    const memberView = await cloud.call<Result<MemberDetail>>(
      'branch',
      { action: 'member', memberId: sun.id },
      liu.openid,
    )
    expect(data(memberView).member.name).toBe('孙雅琪')
    expect(data(memberView).reports.length).toBeGreaterThan(0)
    expect(data(await call<HomeResult>({ action: 'home' }, sun.openid)).pastTransfers.map((t) => t.id)).toContain(
      applied.id,
    )

    for (const action of ['care.applyTransfer', 'care.approveTransfer', 'care.issueLetter', 'care.completeTransfer'])
      expect(await audits(action, sun.id)).toHaveLength(1)
  })

  it('lists a letter past its validity without a 回执, and the committee issues it again with a new number', async () => {
    const list = data(await call<TransfersResult>({ action: 'transfers' }, liu.openid))
    const lapsed = list.lapsed.find((t) => t.name === '沈清妍')
    expect(lapsed?.letter?.lapsed).toBe(true)
    expect(lapsed?.statusLabel).toMatch(/过期/)
    // The branch's secretary sees it too, but cannot issue.
    expect(
      data(await call<TransfersResult>({ action: 'transfers' }, person('周志远').openid)).lapsed.map((t) => t.id),
    ).toContain(lapsed?.id)
    expectError(
      await call(
        { action: 'uploadReceipt', transferId: lapsed?.id, file: await uploadOwn(zhang.openid) },
        zhang.openid,
      ),
      'NOT_FOUND',
    )
    const again = data(await call<TransferView>({ action: 'issueLetter', transferId: lapsed?.id }, liu.openid))
    expect(again.letter).toMatchObject({ lapsed: false, issuedCount: 2 })
    expect(again.letter?.no).not.toBe(lapsed?.letter?.no)
    const [doc] = await findDocs<TransferDoc>(sdk, 'careTransfers', { _id: lapsed?.id })
    expect(doc.pastLetters.map((l) => l.no)).toEqual([lapsed?.letter?.no])
    expect(await audits('care.reissueLetter', shen.id)).toHaveLength(1)
  })

  it('a member withdraws before the review; the secretary returns with a reason', async () => {
    const t = data(await call<TransferView>({ ...apply, idNumber: validId('11010820021212003') }, xu.openid))
    expectError(await call({ action: 'withdrawTransfer', transferId: t.id }, chen.openid), 'FORBIDDEN')
    expect(data(await call<TransferView>({ action: 'withdrawTransfer', transferId: t.id }, xu.openid)).status).toBe(
      'withdrawn',
    )
    const t2 = data(await call<TransferView>({ ...apply, idNumber: validId('11010820021212003') }, xu.openid))
    expectError(
      await call({ action: 'reviewTransfer', transferId: t2.id, approve: false, note: '' }, chen.openid),
      'INVALID_ARGUMENT',
    )
    const returned = data(
      await call<TransferView>(
        { action: 'reviewTransfer', transferId: t2.id, approve: false, note: '请补充接收党组织的全称' },
        chen.openid,
      ),
    )
    expect(returned.status).toBe('returned')
    expect(await audits('care.returnTransfer', xu.id)).toHaveLength(1)
  })
})

describe('谈心谈话', () => {
  it('the secretary records a talk and the duty shows covered; members cannot read talks', async () => {
    const before = data(await call<TalksResult>({ action: 'talks' }, chen.openid))
    const duty = before.duties.find((d) => d.duty === 'secretaryWithCommittee')
    expect(duty?.rows.find((r) => r.memberId === wu.id)?.covered).toBe(false)
    // The seeded talk of 孙雅琪 (组织委员 then) with 徐明轩 still covers him after she transferred out.
    const committeeDuty = before.duties.find((d) => d.duty === 'committeeWithMembers')
    expect(committeeDuty?.rows.find((r) => r.memberId === xu.id)).toMatchObject({ covered: true, withName: '孙雅琪' })

    const talk = data(
      await call<TalkView>(
        {
          action: 'recordTalk',
          aId: chen.id,
          bId: wu.id,
          day: inDays(0),
          topic: '实习期间的思想和学习',
          notes: '了解实习情况，交流了如何在企业中发挥党员作用。',
          followUp: '下季度再次电话联系',
        },
        chen.openid,
      ),
    )
    expect(talk).toMatchObject({ aName: '陈立华', bName: '吴佳怡', recordedByName: '陈立华' })
    const after = data(await call<TalksResult>({ action: 'talks' }, chen.openid))
    expect(
      after.duties.find((d) => d.duty === 'secretaryWithCommittee')?.rows.find((r) => r.memberId === wu.id),
    ).toMatchObject({ covered: true, withName: '陈立华' })
    expect(after.talks[0].id).toBe(talk.id)
    expect(await audits('care.recordTalk', wu.id)).toHaveLength(1)

    const talks = await count('careTalks')
    expectError(await call({ action: 'talks' }, wu.openid), 'FORBIDDEN')
    const ownTalk = { action: 'recordTalk', aId: chen.id, bId: wu.id, day: inDays(0), topic: '谈心' }
    const refused: [string, Record<string, unknown>, string][] = [
      [wu.openid, {}, 'FORBIDDEN'],
      [lin.openid, {}, 'FORBIDDEN'],
      [chen.openid, { bId: person('谢雨萱').id, topic: '跨支部谈心' }, 'INVALID_ARGUMENT'],
      [chen.openid, { bId: chen.id, topic: '自己' }, 'INVALID_ARGUMENT'],
      [chen.openid, { day: inDays(3), topic: '未来的谈话' }, 'INVALID_ARGUMENT'],
    ]
    for (const [openid, changes, code] of refused) expectError(await call({ ...ownTalk, ...changes }, openid), code)
    expect(await count('careTalks')).toBe(talks)
  })
})

describe('培训学时', () => {
  async function code(meetingId: string): Promise<string> {
    const res = data(
      await cloud.call<Result<CheckInCodeResult>>('meeting', { action: 'checkInCode', meetingId }, chen.openid),
    )
    return (res.slots.find((s) => s.slot === slotOf(res.serverNow)) ?? res.slots[0]).code
  }

  it("a member's hours add up from the 党课 they attended, on site or online; other meetings and reading do not count", async () => {
    const start = data(await call<MyHoursResult>({ action: 'myHours' }, xu.openid))
    expect(start.target).toBe(32)
    const now = Date.now()
    // 陈立华 holds a meeting that starts now; 徐明轩 signs in with its code.
    const attended = async (form: Record<string, unknown>): Promise<MeetingDetail> => {
      const meeting = data(
        await cloud.call<Result<MeetingDetail>>(
          'meeting',
          { action: 'create', ...openMeetingForm(form, now) },
          chen.openid,
        ),
      )
      data(
        await cloud.call<Result<CheckInResult>>(
          'meeting',
          { action: 'checkIn', meetingId: meeting.id, code: await code(meeting.id) },
          xu.openid,
        ),
      )
      return meeting
    }
    const lecture = await attended({ type: 'lecture', title: '党的创新理论专题党课' })
    await attended({}) // a 主题党日: no training hours

    const afterLecture = data(await call<MyHoursResult>({ action: 'myHours' }, xu.openid))
    // 20 minutes from now to 140: two hours, the lecture only.
    expect(afterLecture.total).toBe(start.total + 2)
    expect(afterLecture.items.filter((i) => i.title === '党的创新理论专题党课')).toHaveLength(1)

    // An online 专题培训: the member confirms their own attendance within the window.
    expectError(
      await cloud.call('meeting', { action: 'confirmOnline', meetingId: lecture.id }, xu.openid),
      'FAILED_PRECONDITION',
    )
    const online = data(
      await cloud.call<Result<MeetingDetail>>(
        'meeting',
        {
          action: 'create',
          ...openMeetingForm(
            { type: 'training', title: '线上专题培训', online: true, place: '腾讯会议', audience: 'party' },
            now,
          ),
        },
        chen.openid,
      ),
    )
    expect(online.online).toBe(true)
    expectError(
      await cloud.call('meeting', { action: 'confirmOnline', meetingId: online.id }, zhang.openid),
      'FORBIDDEN',
    ) // an activist is not expected at a 党员 meeting
    const confirmed = data(
      await cloud.call<Result<CheckInResult>>('meeting', { action: 'confirmOnline', meetingId: online.id }, xu.openid),
    )
    expect(confirmed.outcome).toBe('checkedIn')
    expect(
      data(
        await cloud.call<Result<CheckInResult>>(
          'meeting',
          { action: 'confirmOnline', meetingId: online.id },
          xu.openid,
        ),
      ).outcome,
    ).toBe('already')
    expect(await findDocs(sdk, 'audit', { action: 'meeting.confirmOnline', targetId: xu.id })).toHaveLength(1)
    expect(data(await call<MyHoursResult>({ action: 'myHours' }, xu.openid)).total).toBe(start.total + 4)

    // Reading points earn no hours.
    expect(
      afterLecture.items.every(
        (i) => i.source === 'meeting' || i.source === 'college' || i.source === 'candidateCourse',
      ),
    ).toBe(true)
  })

  it('the committee records a college training by student number; the branch sees who is short of 32 / 56', async () => {
    const branch = data(await call<HoursResult>({ action: 'hours' }, chen.openid))
    const xuRow = branch.rows.find((r) => r.memberId === xu.id)
    const chenRow = branch.rows.find((r) => r.memberId === chen.id)
    expect(chenRow).toMatchObject({ target: 56, roleLabel: '支部书记' })
    expect(branch.rows[0].short).toBe(true) // short ones first
    // 徐明轩's 短期集中培训 is step 11 of his development file: it counts in the year of its date, once.
    const [course] = await findDocs<{ date: string | null; facts: { trainingHours?: number } }>(sdk, 'devSteps', {
      memberId: xu.id,
      step: 11,
    })
    const mine = data(await call<MyHoursResult>({ action: 'myHours' }, xu.openid))
    const fromFile = mine.items.filter((i) => i.source === 'candidateCourse')
    const thisYear = course?.date?.startsWith(`${mine.year}-`) === true
    expect(fromFile.map((i) => i.hours)).toEqual(thisYear ? [course?.facts.trainingHours] : [])
    expect(xuRow?.total).toBe(mine.total)

    const sessions = await count('trainingSessions')
    expectError(await recordCollegeTraining(chen.openid, [xu.studentNo], 30), 'FORBIDDEN')
    expect(
      expectError(await recordCollegeTraining(liu.openid, [xu.studentNo, '2099999999'], 30), 'INVALID_ARGUMENT')
        .message,
    ).toMatch(/2099999999/)
    expectError(await recordCollegeTraining(liu.openid, [xu.studentNo], 0.3), 'INVALID_ARGUMENT')
    expect(await count('trainingSessions')).toBe(sessions)

    const recorded = data(
      await recordCollegeTraining<RecordTrainingResult>(liu.openid, [xu.studentNo], 30, '学生党员暑期集中轮训'),
    )
    expect(recorded.credited).toBe(1)
    expect(await audits('care.recordTraining', recorded.id)).toHaveLength(1)
    const after = data(await call<HoursResult>({ action: 'hours' }, chen.openid)).rows.find((r) => r.memberId === xu.id)
    expect(after?.total).toBe((xuRow?.total ?? 0) + 30)
    expect(after?.short).toBe(false)
    // The caller with the college's sessions, the Party members with their step 11, the meetings, the attendance.
    expect((await lastLoggedCall(cloud, 'member-care', 'hours')).queries.length).toBeLessThanOrEqual(4)
    const mineAfter = data(await call<MyHoursResult>({ action: 'myHours' }, xu.openid))
    expect(mineAfter.total).toBe(after?.total)
    expect(mineAfter.items.filter((i) => i.title === '学生党员暑期集中轮训').map((i) => i.hours)).toEqual([30])
    expect((await lastLoggedCall(cloud, 'member-care', 'myHours')).queries.length).toBeLessThanOrEqual(4)
    // A member sees only their own hours.
    expectError(await call({ action: 'hours' }, xu.openid), 'FORBIDDEN')
  })
})
