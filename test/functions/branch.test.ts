import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type {
  ArchiveResult,
  AuditLogResult,
  BranchesResult,
  BranchDashboard,
  BranchInfo,
  CollegeDashboard,
  DashboardResult,
  ExportResult,
  ImportResult,
  MemberDetail,
  MembersResult,
  RemindersResult,
  SelfCheckResult,
} from '../../cloudfunctions/branch/src/contract'
import type { DevStepDoc } from '../../cloudfunctions/development/src/file'
import { addDays as shift, addMonths } from '../../cloudfunctions/_shared/time'
import { newMemberId } from '../../cloudfunctions/_shared/ids'
import { DEFAULT_COLLEGE_SETTINGS, STAGES } from '../../cloudfunctions/_shared/domain'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { AuditDoc, MemberDoc } from '../../cloudfunctions/_shared/models'
import { owedPeriods, periodOf, shiftPeriod } from '../../cloudfunctions/_shared/periods'
import { chinaDay } from '../../cloudfunctions/_shared/time'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
import { readWorkbook, sheetText, sortedColumn, worksheet } from '../helpers/workbook'
import { data, expectError } from '../helpers/results'
import { openMeetingForm } from '../helpers/meeting-form'
import { lastLoggedCall, useLocalCloud, type CallLog } from '../helpers/suite'
import { COMMITTEE, CS_SECRETARY, SE_SECRETARY } from '../helpers/personas'

/**
 * The branch function through the gateway and the real SDK, against a freshly seeded local cloud:
 * authorization scope, validation, the member page, 自查 and reminders read from the development file's
 * steps, roster import (through the steps), dashboard numbers against the database, exports opened with
 * exceljs, archive, audit log search, and the request budget. The rules of the development process are
 * the file's: development.test.ts.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const STUDENT = demoOpenid('2022010107') // 张欣怡, activist of 11 months in branch-cs
const today = chinaDay(new Date())

type Call = <T>(event: Record<string, unknown>, openid: string | null) => Promise<Result<T>>
const call: Call = (event, openid) => cloud.call('branch', event, openid)

async function memberDoc(studentNo: string): Promise<MemberDoc> {
  const [m] = await findDocs<MemberDoc>(sdk, 'members', { studentNo })
  return m
}

async function auditsOf(targetId: string, action?: string): Promise<AuditDoc[]> {
  return findDocs<AuditDoc>(sdk, 'audit', action ? { targetId, action } : { targetId })
}

async function fetchBuffer(url: string): Promise<Buffer> {
  const res = await fetch(url.startsWith('http') ? url : `${cloud.url}${url}`)
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

async function openWorkbook(url: string): Promise<ExcelJS.Workbook> {
  return readWorkbook(await fetchBuffer(url))
}

async function upload(openid: string, cloudPath: string, content: Buffer, type: string): Promise<string> {
  const form = new FormData()
  form.append('cloudPath', cloudPath)
  form.append('file', new Blob([new Uint8Array(content)], { type }), cloudPath.split('/').pop() ?? 'file')
  const res = await fetch(`${cloud.url}/api/storage/upload`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid },
    body: form,
  })
  const body = (await res.json()) as { fileID?: string; error?: { message: string } }
  if (!body.fileID) throw new Error(`upload failed: ${JSON.stringify(body)}`)
  return body.fileID
}

const lastCall = (action: string): Promise<CallLog> => lastLoggedCall(cloud, 'branch', action)

/** The dashboard's answer as the view expected: one branch in detail, or the college side by side. */
function viewOf(result: Result<DashboardResult>, scope: 'branch'): BranchDashboard
function viewOf(result: Result<DashboardResult>, scope: 'college'): CollegeDashboard
function viewOf(result: Result<DashboardResult>, scope: DashboardResult['scope']): DashboardResult {
  const d = data(result)
  expect(d.scope).toBe(scope)
  return d
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('authorization scope', () => {
  it('refuses callers without an identity or a roster entry', async () => {
    expectError(await call({ action: 'members' }, null), 'UNAUTHENTICATED')
    expectError(await call({ action: 'dashboard' }, 'o-stranger'), 'UNAUTHENTICATED')
  })

  it('keeps students out of the workspace but lets them see their own self-check', async () => {
    for (const action of ['members', 'branches', 'reminders', 'dashboard', 'auditLog'])
      expectError(await call({ action }, STUDENT), 'FORBIDDEN')
    expectError(await call({ action: 'member', memberId: memberIdOf('2022010112') }, STUDENT), 'FORBIDDEN')
    expectError(await call({ action: 'export', kind: 'members' }, STUDENT), 'FORBIDDEN')
    expectError(await call({ action: 'importRoster', step: 'template' }, STUDENT), 'FORBIDDEN')
    const own = data(await call<SelfCheckResult>({ action: 'selfCheck' }, STUDENT))
    expect(own.member.name).toBe('张欣怡')
  })

  it('keeps a secretary to their own branch; the committee sees every branch', async () => {
    expectError(await call({ action: 'member', memberId: memberIdOf('2022020109') }, CS_SECRETARY), 'NOT_FOUND')
    expectError(await call({ action: 'dashboard', branchId: 'branch-se' }, CS_SECRETARY), 'FORBIDDEN')
    expectError(await call({ action: 'members', branchId: 'branch-se' }, CS_SECRETARY), 'FORBIDDEN')
    expectError(await call({ action: 'export', kind: 'members', branchId: 'branch-se' }, CS_SECRETARY), 'FORBIDDEN')
    expectError(await call({ action: 'auditLog' }, CS_SECRETARY), 'FORBIDDEN')
    expectError(await call({ action: 'importRoster', step: 'template' }, CS_SECRETARY), 'FORBIDDEN')
    expectError(await call({ action: 'saveBranch', name: '某某测试党支部' }, CS_SECRETARY), 'FORBIDDEN')

    const all = data(await call<BranchesResult>({ action: 'branches' }, COMMITTEE))
    expect(all.branches.map((b) => b.id)).toEqual(['branch-cs', 'branch-se', 'branch-grad'])
    const mine = data(await call<BranchesResult>({ action: 'branches' }, CS_SECRETARY))
    expect(mine.branches.map((b) => b.id)).toEqual(['branch-cs'])
    expect(
      data(await call<MemberDetail>({ action: 'member', memberId: memberIdOf('2022020109') }, COMMITTEE)).member.name,
    ).toBe('何嘉豪')
    expectError(await call({ action: 'dashboard', branchId: 'branch-nowhere' }, COMMITTEE), 'NOT_FOUND')
  })

  it('takes identity from the platform only, never from event fields', async () => {
    const r = await call<SelfCheckResult>(
      { action: 'selfCheck', openid: COMMITTEE, userInfo: { openId: COMMITTEE } },
      STUDENT,
    )
    expect(data(r).member.name).toBe('张欣怡')
  })
})

describe('validation', () => {
  it('refuses malformed requests with a Chinese message and changes nothing', async () => {
    const m = await memberDoc('2023010102')
    const bad: Record<string, unknown>[] = [
      { action: 'members', stage: 'boss' },
      { action: 'members', cursor: { $gt: '' } },
      { action: 'auditLog', from: '2026-13-01' },
      { action: 'auditLog', operation: '$ne' },
      { action: 'export', kind: 'everything' },
      { action: 'importRoster', step: 'preview', fileID: 'http://evil.example/x.xlsx' },
    ]
    for (const event of bad) expectError(await call(event, CS_SECRETARY), 'INVALID_ARGUMENT')
    // The five-stage actions are gone: a member's development is recorded in the file's steps only.
    for (const action of ['moveStage', 'correctStage', 'timeline']) {
      const gone = { action, kind: 'advance', memberId: m._id, to: 'activist', date: today, basis: '支委会研究' }
      expect(expectError(await call(gone, CS_SECRETARY), 'INVALID_ARGUMENT').message).toBe('不支持的操作')
    }
    const after = await memberDoc('2023010102')
    expect(after.stage).toBe(m.stage)
    expect(after.stageDates).toEqual(m.stageDates)
  })
})

// Before any test below converts 郑凯文.
describe('reminder badges', () => {
  it('labels a 转正 reminder whose day has passed 已逾期 (郑凯文, due a month ago), never 今天, for every kind', async () => {
    const r = data(await call<RemindersResult>({ action: 'reminders' }, COMMITTEE))
    const zheng = r.reminders.find((x) => x.name === '郑凯文' && x.kind === 'conversion')
    expect(zheng?.daysLeft).toBeLessThan(0)
    expect(zheng?.overdue).toBe(true)
    expect(zheng?.badge).toBe('已逾期')
    for (const x of r.reminders) {
      expect(x.overdue).toBe(x.daysLeft < 0 || x.overdue)
      if (x.daysLeft < 0) expect([x.overdue, x.badge]).toEqual([true, '已逾期'])
      if (x.badge === '今天') expect(x.daysLeft).toBe(0)
    }
    expect(r.counts.overdue).toBe(r.reminders.filter((x) => x.daysLeft < 0 || x.overdue).length)
  })
})

describe('assessments and reminders', () => {
  it('lists activists due for assessment and probationary members due to apply, computed from their steps', async () => {
    const r = data(await call<RemindersResult>({ action: 'reminders' }, CS_SECRETARY))
    const members = await findDocs<MemberDoc>(sdk, 'members', { branchId: 'branch-cs' })
    const steps = await findDocs<DevStepDoc>(sdk, 'devSteps', { branchId: 'branch-cs' })
    const stepOf = (memberId: string, no: number) => steps.find((s) => s.memberId === memberId && s.step === no)
    const horizon = shift(today, 30)
    const expected: string[] = []
    for (const m of members) {
      if (m.stage === 'activist') {
        const activist = stepOf(m._id, 3)?.date
        const assessed = (stepOf(m._id, 6)?.facts.assessments ?? []).filter((d) => d >= (activist ?? ''))
        const last = [...assessed, activist ?? ''].sort().pop()
        if (last && addMonths(last, 6) <= horizon) expected.push(`assessment:${m.name}`)
      }
      if (m.stage === 'probationary') {
        const start = stepOf(m._id, 15)?.date
        const extended = stepOf(m._id, 21)?.facts.extensionMonths ?? 0
        const ends = start ? shift(addMonths(start, 12 + extended), -1) : null
        if (ends && shift(ends, -30) <= horizon) expected.push(`conversion:${m.name}`)
      }
    }
    expect(r.reminders.map((x) => `${x.kind}:${x.name}`).sort()).toEqual(expected.sort())
    // The seed leaves 赵一鸣's second assessment unrecorded: overdue.
    expect(r.reminders.find((x) => x.name === '赵一鸣')?.overdue).toBe(true)
    expect(r.reminders.some((x) => x.kind === 'conversion' && x.name === '吴佳怡')).toBe(true)
  })

  it('an assessment recorded in the file (step 6) clears the reminder; the late one needs a reason', async () => {
    const zhao = memberIdOf('2022010219')
    const [step6] = await findDocs<DevStepDoc>(sdk, 'devSteps', { memberId: zhao, step: 6 })
    const assessments = [...(step6.facts.assessments ?? []), today]
    const record = (override?: { reason: string }) =>
      cloud.call<Result<unknown>>(
        'development',
        { action: 'recordStep', memberId: zhao, step: 6, date: today, facts: { assessments }, override },
        CS_SECRETARY,
      )
    const late = expectError(await record(), 'FAILED_PRECONDITION')
    expect(late.reason).toBe('stageRuleBroken')
    expect(late.message).toMatch(/间隔超过 6 个月/)
    data(await record({ reason: '培养联系人外出实习，考察顺延' }))
    const r = data(await call<RemindersResult>({ action: 'reminders' }, CS_SECRETARY))
    expect(r.reminders.some((x) => x.name === '赵一鸣' && x.kind === 'assessment')).toBe(false)
    const detail = data(await call<MemberDetail>({ action: 'member', memberId: zhao }, CS_SECRETARY))
    expect(detail.facts.assessment).toMatchObject({ count: assessments.length, last: today })
    expect(detail.events[0]).toMatchObject({ kind: 'assess', date: today, actorName: '陈立华' })
    expect(detail.events[0].override?.reason).toBe('培养联系人外出实习，考察顺延')
    // The committee sees every branch's reminders at once.
    const committee = data(await call<RemindersResult>({ action: 'reminders' }, COMMITTEE))
    const perBranch = await Promise.all(
      [CS_SECRETARY, SE_SECRETARY, demoOpenid('2021110101')].map((who) =>
        call<RemindersResult>({ action: 'reminders' }, who),
      ),
    )
    const key = (x: { memberId: string; kind: string }) => `${x.memberId}:${x.kind}`
    expect(committee.reminders.map(key).sort()).toEqual(perBranch.flatMap((r) => data(r).reminders.map(key)).sort())
  })
})

describe('self-check', () => {
  it('tells a student where they are, when they become eligible and which reports they owe', async () => {
    const own = data(await call<SelfCheckResult>({ action: 'selfCheck' }, demoOpenid('2022010203'))) // 杨梦琪, activist of 5 months
    const m = await memberDoc('2022010203')
    expect(own.member.stage).toBe('activist')
    expect(own.next?.to).toBe('candidate')
    expect(own.next?.eligibleOn).toBe(addMonths(m.stageDates.activist as string, 12))
    expect(own.advice.join('')).toContain('发展对象')
    const reports = await findDocs<{ period: string; status: string }>(sdk, 'reports', { memberId: m._id })
    const settings = DEFAULT_COLLEGE_SETTINGS
    const owed = owedPeriods(m, settings, today).filter((p) => p.end < today)
    const missing = owed.filter((p) => !reports.some((r) => r.period === p.id && r.status !== 'draft')).map((p) => p.id)
    expect(own.reports.overdue.map((p) => p.id)).toEqual(missing.reverse())
  })

  it('says a stage date is missing and who records it, instead of 「你于 （日期未登记）」', async () => {
    const now = new Date()
    const openid = 'o-selfcheck-undated'
    const memberId = newMemberId()
    await sdk
      .database()
      .collection('members')
      .add({
        data: {
          _id: memberId,
          collegeId: 'college-main',
          branchId: 'branch-cs',
          studentNo: '2026990101',
          name: '日期未登',
          className: '计科2601',
          gender: 'female',
          stage: 'activist',
          stageDates: {},
          roles: ['student'],
          openid,
          boundAt: now,
          createdAt: now,
          updatedAt: now,
        },
      })
    await sdk
      .database()
      .collection('bindings')
      .add({ data: { _id: openid, memberId, boundAt: now } })
    const own = data(await call<SelfCheckResult>({ action: 'selfCheck' }, openid))
    expect(own.advice[0]).toBe('你已被确定为入党积极分子（日期未登记，请联系支部书记补登）。')
    expect(own.advice.join('')).not.toContain('你于')
  })
})

describe('members', () => {
  it('lists, filters and searches the roster, page by page by cursor', async () => {
    const all: string[] = []
    let cursor: string | null | undefined
    let first: MembersResult | null = null
    do {
      const page = data(await call<MembersResult>({ action: 'members', ...(cursor ? { cursor } : {}) }, COMMITTEE))
      first ??= page
      all.push(...page.members.map((m) => m.studentNo))
      cursor = page.nextCursor
    } while (cursor)
    const docs = await findDocs<MemberDoc>(sdk, 'members', { collegeId: 'college-main' })
    expect(all).toEqual(docs.map((d) => d.studentNo).sort())
    expect(first?.total).toBe(docs.length)

    const activists = data(await call<MembersResult>({ action: 'members', stage: 'activist' }, CS_SECRETARY))
    const expected = docs.filter((d) => d.branchId === 'branch-cs' && d.stage === 'activist').map((d) => d.name)
    expect(activists.members.map((m) => m.name).sort()).toEqual(expected.sort())
    const byName = data(await call<MembersResult>({ action: 'members', q: '欣怡' }, CS_SECRETARY))
    expect(byName.members.map((m) => m.name)).toEqual(['张欣怡'])
    const byNo = data(await call<MembersResult>({ action: 'members', q: '20220102' }, CS_SECRETARY))
    expect(byNo.members.map((m) => m.studentNo).every((n) => n.startsWith('20220102'))).toBe(true)
    expect(byNo.members.length).toBe(
      docs.filter((d) => d.branchId === 'branch-cs' && d.studentNo.startsWith('20220102')).length,
    )
    const regexSafe = data(await call<MembersResult>({ action: 'members', q: '.*' }, CS_SECRETARY))
    expect(regexSafe.members).toEqual([])
  })

  it('opens one member: timeline, reports, attendance and points', async () => {
    const detail = data(
      await call<MemberDetail>({ action: 'member', memberId: memberIdOf('2021010208') }, CS_SECRETARY),
    ) // 吴佳怡
    expect(detail.member.name).toBe('吴佳怡')
    expect(detail.steps.filter((s) => s.state !== 'upcoming').every((s) => s.date)).toBe(true)
    const reports = await findDocs<{ status: string }>(sdk, 'reports', { memberId: memberIdOf('2021010208') })
    expect(detail.reports.length).toBe(reports.filter((r) => r.status !== 'draft').length)
    const attendance = await findDocs<{ meetingId: string }>(sdk, 'attendance', { memberId: memberIdOf('2021010208') })
    expect(detail.attendance.present).toBeLessThanOrEqual(attendance.length)
    expect(detail.attendance.lines.length).toBe(
      detail.attendance.present + detail.attendance.leave + detail.attendance.absent,
    )
    const [totals] = await findDocs<{ total: number }>(sdk, 'pointsTotals', { _id: memberIdOf('2021010208') })
    expect(detail.points.total).toBe(totals?.total ?? 0)
  })
})

describe('roster import', () => {
  async function rosterFile(rows: (string | Date)[][]): Promise<Buffer> {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('名册')
    sheet.addRow([
      '学号',
      '姓名',
      '性别',
      '班级',
      '所在支部',
      '发展阶段',
      '递交入党申请书日期',
      '确定为积极分子日期',
      '列为发展对象日期',
      '接收为预备党员日期',
      '转为正式党员日期',
    ])
    for (const r of rows) sheet.addRow(r)
    return Buffer.from(await book.xlsx.writeBuffer())
  }

  it('offers a real .xlsx template with the branches to choose from', async () => {
    const t = data(await call<ImportResult>({ action: 'importRoster', step: 'template' }, COMMITTEE))
    if (t.step !== 'template') throw new Error('not a template')
    const book = await openWorkbook(t.url)
    const sheet = worksheet(book, '名册')
    expect(sheetText(sheet)[0].slice(0, 6)).toEqual(['学号', '姓名', '性别', '班级', '所在支部', '发展阶段'])
    expect(JSON.stringify(sheet.getCell('E2').dataValidation)).toContain('计算机科学本科生党支部')
    expect(book.getWorksheet('填写说明')).toBeTruthy()
  })

  it('previews per-row errors, imports the valid rows, and updates instead of duplicating on re-import', async () => {
    const wang = await memberDoc('2023010101')
    const li = await memberDoc('2023010102')
    const activistDay = addMonths(today, -1)
    const file = await rosterFile([
      ['2025010199', '宋知微', '女', '计科2501', '计算机科学本科生党支部', '入党申请人', '2025-10-10', '', '', '', ''],
      [
        li.studentNo,
        li.name,
        '女',
        li.className,
        '计算机科学本科生党支部',
        '入党积极分子',
        li.stageDates.applicant as string,
        activistDay,
        '',
        '',
        '',
      ],
      ['2025010198', '韩一诺', '男', '计科2501', '计算机科学本科生党支部', '积极份子', '2025-10-12', '', '', '', ''],
      ['2025010197', '邹明远', '男', '软工2501', '软件工程本科生党支部', '入党申请人', '2025/10/20', '', '', '', ''],
      ['2025010196', '陆清扬', '男', '软工2501', '网络工程党支部', '入党申请人', '2025-10-21', '', '', '', ''],
      [
        wang.studentNo,
        wang.name,
        '男',
        wang.className,
        '计算机科学本科生党支部',
        '入党申请人',
        wang.stageDates.applicant as string,
        '',
        '',
        '',
        '',
      ],
    ])
    const fileID = await upload(
      COMMITTEE,
      `uploads/${memberIdOf('T2009001')}/202611/roster-test.xlsx`,
      file,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const before = (await findDocs(sdk, 'members', { collegeId: 'college-main' })).length
    // 李雨桐 (applicant) has a report waiting for review: the import moves her to 入党积极分子.
    const liOpenid = demoOpenid(li.studentNo)
    const mine = data(
      await cloud.call<Result<{ calendar: { current: { id: string } } }>>('report', { action: 'listMine' }, liOpenid),
    )
    const liReport = data(
      await cloud.call<Result<{ id: string }>>(
        'report',
        {
          action: 'submit',
          period: mine.calendar.current.id,
          title: '学习党章的体会',
          body: '近期认真学习了党章，对党的性质和宗旨有了更深的认识，决心以实际行动争取早日入党。',
        },
        liOpenid,
      ),
    )

    const preview = data(await call<ImportResult>({ action: 'importRoster', step: 'preview', fileID }, COMMITTEE))
    if (preview.step !== 'preview') throw new Error('not a preview')
    expect(preview.errors.map((e) => e.row)).toEqual([4, 6])
    expect(preview.errors[0].message).toBe('第 4 行：阶段「积极份子」无法识别')
    expect(preview.errors[1].message).toContain('支部「网络工程党支部」不存在')
    expect(preview.counts).toEqual({ create: 2, update: 1, unchanged: 1 })
    expect((await findDocs(sdk, 'members', { collegeId: 'college-main' })).length).toBe(before)

    expectError(await call({ action: 'importRoster', step: 'commit', fileID }, CS_SECRETARY), 'FORBIDDEN')
    const done = data(
      await call<ImportResult>(
        { action: 'importRoster', step: 'commit', fileID, fileName: 'roster-test.xlsx' },
        COMMITTEE,
      ),
    )
    expect(done).toMatchObject({ step: 'commit', created: 2, updated: 1, unchanged: 1, stageChanges: 1 })
    expect((await findDocs(sdk, 'members', { collegeId: 'college-main' })).length).toBe(before + 2)
    const created = await memberDoc('2025010199')
    expect(created).toMatchObject({
      name: '宋知微',
      gender: 'female',
      branchId: 'branch-cs',
      stage: 'applicant',
      roles: ['student'],
      openid: null,
    })
    expect(created.stageDates).toEqual({ applicant: '2025-10-10' })
    expect((await memberDoc('2025010197')).stageDates.applicant).toBe('2025-10-20')
    const moved = await memberDoc(li.studentNo)
    expect(moved.stage).toBe('activist')
    expect(moved.stageDates.activist).toBe(activistDay)
    // The roster's dates are the steps' (the file is the one record): the new activist date is step 3.
    const stepsOf = async (memberId: string) =>
      (await findDocs<DevStepDoc>(sdk, 'devSteps', { memberId })).map((d) => [d.step, d.date]).sort()
    expect(await stepsOf(li._id)).toEqual(expect.arrayContaining([[3, activistDay]]))
    expect(await stepsOf(created._id)).toEqual([[1, '2025-10-10']])
    // Her report shows, and is filtered by, the new stage in the review queue (issue #16).
    expect((await findDocs<{ stage: string }>(sdk, 'reports', { _id: liReport.id }))[0].stage).toBe('activist')
    const queue = data(
      await cloud.call<Result<{ items: { id: string; member: { stageLabel: string } }[] }>>(
        'report',
        { action: 'listForReview', stage: 'activist' },
        CS_SECRETARY,
      ),
    )
    expect(queue.items.find((i) => i.id === liReport.id)?.member.stageLabel).toBe('入党积极分子')
    const [entry] = await findDocs<AuditDoc>(sdk, 'audit', { action: 'branch.importRoster' })
    expect(entry.detail.created).toEqual(['2025010199', '2025010197'])
    expect(entry.detail.skippedRows).toEqual([4, 6])

    // The same file again: nothing new, nothing duplicated.
    const again = data(
      await call<ImportResult>(
        { action: 'importRoster', step: 'commit', fileID, fileName: 'roster-test.xlsx' },
        COMMITTEE,
      ),
    )
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 })
    expect((await findDocs(sdk, 'members', { collegeId: 'college-main' })).length).toBe(before + 2)
    expect(await findDocs(sdk, 'members', { studentNo: '2025010199' })).toHaveLength(1)
  })

  it('reads a CSV saved by Excel on Chinese Windows (GB18030) and refuses files that are not the caller’s', async () => {
    const csv = [
      '学号,姓名,性别,班级,所在支部,发展阶段,递交入党申请书日期',
      '2025110190,欧阳晨曦,女,计算机硕2501,研究生第一党支部,入党申请人,2025年10月8日',
      // A sitting secretary cannot be moved to another branch by a roster file.
      '2020020102,林晓雯,女,软工2001,计算机科学本科生党支部,正式党员,',
    ].join('\r\n')
    const fileID = await upload(
      COMMITTEE,
      `uploads/${memberIdOf('T2009001')}/202611/roster.csv`,
      encodeGb18030(csv),
      'text/csv',
    )
    const preview = data(await call<ImportResult>({ action: 'importRoster', step: 'preview', fileID }, COMMITTEE))
    if (preview.step !== 'preview') throw new Error('not a preview')
    expect(preview.errors).toEqual([
      { row: 3, message: '第 3 行：林晓雯是现任支部书记，调整所在支部前请先在支部管理中更换书记' },
    ])
    expect(preview.rows[0]).toMatchObject({ name: '欧阳晨曦', branchName: '研究生第一党支部', action: 'create' })

    const others = await upload(
      CS_SECRETARY,
      `uploads/${memberIdOf('T2016003')}/202611/roster.csv`,
      encodeGb18030(csv),
      'text/csv',
    )
    expectError(await call({ action: 'importRoster', step: 'preview', fileID: others }, COMMITTEE), 'FORBIDDEN')
    const junk = await upload(
      COMMITTEE,
      `uploads/${memberIdOf('T2009001')}/202611/notes.txt`,
      Buffer.from('随便写的一段话'),
      'text/plain',
    )
    expectError(await call({ action: 'importRoster', step: 'preview', fileID: junk }, COMMITTEE), 'INVALID_ARGUMENT')
  })
})

/** GB18030 bytes of `text` (Node decodes GB18030 but cannot encode it): a reverse table of the two-byte range. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030')
  const table = new Map<string, number[]>()
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = decoder.decode(new Uint8Array([hi, lo]))
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
    }
  }
  const bytes: number[] = []
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0))
    else bytes.push(...(table.get(ch) ?? []))
  }
  return Buffer.from(bytes)
}

describe('branches and secretaries', () => {
  it('lets the committee create a branch, appoint and remove a secretary, all audited', async () => {
    const created = data(
      await call<BranchInfo>({ action: 'saveBranch', name: '网络工程本科生党支部', secretaryNos: [] }, COMMITTEE),
    )
    expect(created.name).toBe('网络工程本科生党支部')
    expectError(await call({ action: 'saveBranch', name: '网络工程本科生党支部' }, COMMITTEE), 'CONFLICT')
    const refused = expectError(
      await call(
        { action: 'saveBranch', branchId: created.id, name: '网络工程本科生党支部', secretaryNos: ['2020010111'] },
        COMMITTEE,
      ),
      'FAILED_PRECONDITION',
    )
    expect(refused.message).toContain('孙雅琪')

    const appointed = data(
      await call<BranchInfo>(
        {
          action: 'saveBranch',
          branchId: 'branch-cs',
          name: '计算机科学本科生党支部',
          secretaryNos: ['T2016003', '2020010111'],
        },
        COMMITTEE,
      ),
    )
    expect(appointed.secretaries.map((s) => s.name).sort()).toEqual(['孙雅琪', '陈立华'].sort())
    expect((await memberDoc('2020010111')).roles).toContain('secretary')
    // The branch lists its secretaries with the roles it mirrors (user.me reads them from there).
    const listed = async (): Promise<string[] | undefined> =>
      (await findDocs<{ secretaryIds?: string[] }>(sdk, 'branches', { _id: 'branch-cs' }))[0].secretaryIds
    expect(await listed()).toEqual([memberIdOf('T2016003'), memberIdOf('2020010111')])
    expect((await findDocs<{ secretaryIds?: string[] }>(sdk, 'branches', { _id: created.id }))[0].secretaryIds).toEqual(
      [],
    )
    data(
      await call<BranchInfo>(
        { action: 'saveBranch', branchId: 'branch-cs', name: '计算机科学本科生党支部', secretaryNos: ['T2016003'] },
        COMMITTEE,
      ),
    )
    expect((await memberDoc('2020010111')).roles).not.toContain('secretary')
    expect(await listed()).toEqual([memberIdOf('T2016003')])
    expect((await findDocs<AuditDoc>(sdk, 'audit', { action: 'branch.saveBranch' })).length).toBe(3)
    const list = data(await call<BranchesResult>({ action: 'branches' }, COMMITTEE))
    expect(list.branches.map((b) => b.name)).toContain('网络工程本科生党支部')
    expect(list.branches.find((b) => b.id === 'branch-cs')?.secretaries.map((x) => x.name)).toEqual(['陈立华'])
  })
})

describe('dashboard', () => {
  interface Expected {
    byStage: Record<string, number>
    owing: number
    submitted: number
    overdue: string[]
    present: number
    expected: number
    points: number
    quizParticipants: number
  }

  interface StoredMeeting {
    _id: string
    status: string
    startAt: Date
    endAt: Date
    attendees: { memberId: string }[]
  }

  const meetingsOf = (branchId: string): Promise<StoredMeeting[]> =>
    findDocs<StoredMeeting>(sdk, 'meetings', { branchId })

  /** Check-ins of expected attendees, recounted from the stored attendance. */
  async function attendanceOf(meetings: StoredMeeting[]): Promise<{ present: number; expected: number }> {
    let present = 0
    let expected = 0
    for (const mt of meetings) {
      const ids = new Set(mt.attendees.map((a) => a.memberId))
      expected += ids.size
      present += (await findDocs<{ memberId: string }>(sdk, 'attendance', { meetingId: mt._id })).filter((a) =>
        ids.has(a.memberId),
      ).length
    }
    return { present, expected }
  }

  /** The numbers computed independently from the stored documents. */
  async function expectedFor(branchId: string): Promise<Expected> {
    const members = await findDocs<MemberDoc>(sdk, 'members', { branchId })
    const current = periodOf(today, 'quarter')
    const previous = shiftPeriod(current, -1)
    const reports = await findDocs<{ memberId: string; period: string; status: string }>(sdk, 'reports', { branchId })
    const submittedFor = (memberId: string, period: string) =>
      reports.some((r) => r.memberId === memberId && r.period === period && r.status !== 'draft')
    const owes = (m: MemberDoc, id: string) => owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).some((p) => p.id === id)
    const owing = members.filter((m) => owes(m, current.id))
    const meetings = await meetingsOf(branchId)
    const month = Number(today.slice(5, 7))
    const year = Number(today.slice(0, 4))
    const autumn = month >= 8 || month === 1
    const semesterStart = autumn ? `${month === 1 ? year - 1 : year}-08-01` : `${year}-02-01`
    const start = Date.parse(`${semesterStart}T00:00:00+08:00`)
    const ended = meetings.filter(
      (m) =>
        m.status !== 'cancelled' && new Date(m.endAt).getTime() <= Date.now() && new Date(m.startAt).getTime() >= start,
    )
    const { present, expected } = await attendanceOf(ended)
    const totals = await findDocs<{ _id: string; total: number; quiz?: { updatedAt: Date } }>(sdk, 'pointsTotals', {
      branchId,
    })
    const monthStart = Date.parse(`${today.slice(0, 7)}-01T00:00:00+08:00`)
    const mine = totals.filter((t) => members.some((m) => m._id === t._id))
    return {
      byStage: Object.fromEntries(STAGES.map((s) => [s, members.filter((m) => m.stage === s).length])),
      owing: owing.length,
      submitted: owing.filter((m) => submittedFor(m._id, current.id)).length,
      overdue: members
        .filter((m) => owes(m, previous.id) && !submittedFor(m._id, previous.id))
        .map((m) => m.name)
        .sort(),
      present,
      expected,
      points: mine.reduce((n, t) => n + t.total, 0),
      // Quiz participation this month: the figures kept in the members' totals.
      quizParticipants: mine.filter((t) => t.quiz && new Date(t.quiz.updatedAt).getTime() >= monthStart).length,
    }
  }

  it('shows a secretary the numbers of their branch, matching the stored data', async () => {
    const d = viewOf(await call<DashboardResult>({ action: 'dashboard' }, CS_SECRETARY), 'branch')
    const [b] = d.branches
    const want = await expectedFor('branch-cs')
    expect(Object.fromEntries(b.byStage.map((s) => [s.stage, s.count]))).toEqual(want.byStage)
    expect(b.reports.owing).toBe(want.owing)
    expect(b.reports.submitted).toBe(want.submitted)
    expect(b.reports.overdue.map((o) => o.name).sort()).toEqual(want.overdue)
    expect(b.attendance.present).toBe(want.present)
    expect(b.attendance.expected).toBe(want.expected)
    expect(b.points.total).toBe(want.points)
    expect(b.quiz.participants).toBe(want.quizParticipants)
    expect(want.quizParticipants).toBeGreaterThan(0)
    expect(b.compliance.rows.length).toBe(Object.keys(DEFAULT_COLLEGE_SETTINGS.meetingRules).length)
  })

  it('shows the trend over months, computed on the server: attendance per month and reports on time per period', async () => {
    const d = viewOf(await call<DashboardResult>({ action: 'dashboard' }, CS_SECRETARY), 'branch')
    const { trend } = d.branches[0]
    expect(trend.attendance).toHaveLength(6)
    expect(trend.reports).toHaveLength(4)
    // Attendance per month, recounted from the stored meetings and check-ins.
    const meetings = await meetingsOf('branch-cs')
    for (const point of trend.attendance) {
      const inMonth = meetings.filter(
        (m) =>
          m.status !== 'cancelled' &&
          new Date(m.endAt).getTime() <= Date.now() &&
          chinaDay(new Date(m.startAt)).slice(0, 7) === point.key,
      )
      const { present, expected } = await attendanceOf(inMonth)
      expect([point.key, point.meetings, point.part, point.whole]).toEqual([
        point.key,
        inMonth.length,
        present,
        expected,
      ])
    }
    expect(trend.attendance.some((p) => p.whole > 0)).toBe(true)
    expect(trend.attendance[5].key).toBe(today.slice(0, 7))
    // Reports on time per ended period: owed, and first submitted by the period's last day.
    const members = await findDocs<MemberDoc>(sdk, 'members', { branchId: 'branch-cs' })
    const reports = await findDocs<{ memberId: string; period: string; versions: { submittedAt: Date }[] }>(
      sdk,
      'reports',
      { branchId: 'branch-cs' },
    )
    const current = periodOf(today, 'quarter')
    for (const [i, point] of trend.reports.entries()) {
      const period = shiftPeriod(current, i - 4)
      const owing = members.filter((m) =>
        owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).some((p) => p.id === period.id),
      )
      const came = owing.filter((m) => {
        const r = reports.find((x) => x.memberId === m._id && x.period === period.id)
        const first = r?.versions?.[0]?.submittedAt
        return first !== undefined && chinaDay(new Date(first)) <= period.end
      })
      expect([point.key, point.label, point.part, point.whole]).toEqual([
        period.id,
        period.label,
        came.length,
        owing.length,
      ])
    }
    expect(trend.reports.some((p) => p.whole > 0)).toBe(true)
    // The college view adds the branches up point by point (each branch's trend is on its own dashboard).
    const college = viewOf(await call<DashboardResult>({ action: 'dashboard', fresh: true }, COMMITTEE), 'college')
    const branches = await findDocs<{ _id: string }>(sdk, 'branches', { collegeId: 'college-main' })
    const own = await Promise.all(
      branches.map(async (b) =>
        viewOf(await call<DashboardResult>({ action: 'dashboard', branchId: b._id }, COMMITTEE), 'branch'),
      ),
    )
    expect(college.total.trend.attendance.map((p) => p.whole)).toEqual(
      trend.attendance.map((_, i) => own.reduce((n, b) => n + b.branches[0].trend.attendance[i].whole, 0)),
    )
  })

  it('shows the committee every branch side by side, with a college total', async () => {
    const d = viewOf(await call<DashboardResult>({ action: 'dashboard' }, COMMITTEE), 'college')
    // The seeded college fits on the first page (paging: dashboard-snapshot.test.ts).
    expect(d.branches).toHaveLength(d.branchCount)
    expect(d.nextCursor).toBeNull()
    expect(d.branches.map((b) => b.branchId)).toEqual(expect.arrayContaining(['branch-cs', 'branch-se', 'branch-grad']))
    for (const b of d.branches.filter((x) => x.branchId.startsWith('branch-') && x.memberCount > 0)) {
      const want = await expectedFor(b.branchId)
      expect(b.reports.owing).toBe(want.owing)
      expect(b.reports.overdueCount).toBe(want.overdue.length)
      expect(b.reports.overdue).toEqual([])
      expect(b.attendance.present).toBe(want.present)
    }
    expect(d.total.memberCount).toBe(d.branches.reduce((n, b) => n + b.memberCount, 0))
    const members = await findDocs<MemberDoc>(sdk, 'members', { collegeId: 'college-main' })
    expect(d.total.memberCount).toBe(members.filter((m) => m.branchId).length)
  })

  it('serves the committee the college view from its snapshot in one request; 刷新 and the timer compute it again', async () => {
    const computed = data(await call<DashboardResult>({ action: 'dashboard', fresh: true }, COMMITTEE))
    // 刷新: the college's members come with the caller; then reports, meetings and the snapshot's two writes
    // (its branch rows in one insert, then the summary).
    const refreshed = (await lastCall('dashboard')).queries.map((q) => q.collection)
    expect(refreshed.slice(0, 3).sort()).toEqual(['meetings', 'members', 'reports'])
    expect(refreshed.slice(3)).toEqual(['dashboardRows', 'dashboardSnapshots'])
    const served = data(await call<DashboardResult>({ action: 'dashboard' }, COMMITTEE))
    expect(served).toEqual(computed)
    const { queries } = await lastCall('dashboard')
    expect(queries.length).toBe(1)
    // The caller, the college and the snapshot: not the college's branches, so the read does not grow with them.
    expect(queries[0].docsExamined).toBe(3)

    // Only the timer may run the job; a firing (no user) computes every college's view again.
    expectError(await call({ action: 'refreshDashboards' }, COMMITTEE), 'FORBIDDEN')
    await new Promise((r) => setTimeout(r, 5))
    const fired = await cloud.runJob<Result<{ colleges: number }>>('branch', {
      Type: 'Timer',
      TriggerName: 'dashboardSnapshot',
      Time: new Date().toISOString(),
    })
    expect(data(fired).colleges).toBe(1)
    const after = data(await call<DashboardResult>({ action: 'dashboard' }, COMMITTEE))
    expect(Date.parse(after.generatedAt)).toBeGreaterThan(Date.parse(computed.generatedAt))
    expect({ ...after, generatedAt: computed.generatedAt }).toEqual(computed)

    // No usable snapshot: the college's branches are read in one more request, the view computed and stored.
    await sdk.database().collection('dashboardSnapshots').doc('college-main').remove()
    const recomputed = data(await call<DashboardResult>({ action: 'dashboard' }, COMMITTEE))
    expect(recomputed.branches.map((b) => b.branchId)).toEqual(computed.branches.map((b) => b.branchId))
    expect({ ...recomputed, generatedAt: computed.generatedAt }).toEqual(computed)
    expect((await lastCall('dashboard')).queries.map((q) => q.collection)).toContain('branches')
    expect((await findDocs(sdk, 'dashboardSnapshots', { _id: 'college-main' })).length).toBe(1)

    // A secretary's own branch is always computed live, never from the college snapshot.
    const branch = data(await call<DashboardResult>({ action: 'dashboard' }, CS_SECRETARY))
    expect(branch.scope).toBe('branch')
    expect((await lastCall('dashboard')).queries.length).toBe(4)
    expectError(await call({ action: 'dashboard', fresh: 'yes' }, COMMITTEE), 'INVALID_ARGUMENT')
  })
})

describe('exports', () => {
  it('exports the roster with stages and dates, in the import template’s columns', async () => {
    const r = data(await call<ExportResult>({ action: 'export', kind: 'members' }, CS_SECRETARY))
    expect(r.fileName).toMatch(/\.xlsx$/)
    const rows = sheetText(worksheet(await openWorkbook(r.url), '名册'))
    const members = await findDocs<MemberDoc>(sdk, 'members', { branchId: 'branch-cs' })
    expect(rows[0].slice(0, 6)).toEqual(['学号', '姓名', '性别', '班级', '所在支部', '发展阶段'])
    expect(sortedColumn(rows, 0)).toEqual(members.map((m) => m.studentNo).sort())
    const zhang = rows.find((row) => row[1] === '张欣怡') as string[]
    const doc = members.find((m) => m.name === '张欣怡') as MemberDoc
    expect(zhang[5]).toBe('入党积极分子')
    expect(zhang[7]).toBe(doc.stageDates.activist)
    expect(zhang[8] ?? '').toBe('')
    expect(r.rows).toBe(members.length)
    expect((await findDocs<AuditDoc>(sdk, 'audit', { action: 'branch.export' })).length).toBeGreaterThan(0)
  })

  it('exports report status per period', async () => {
    const r = data(await call<ExportResult>({ action: 'export', kind: 'reports' }, CS_SECRETARY))
    const book = await openWorkbook(r.url)
    const rows = sheetText(worksheet(book, '汇报情况'))
    const current = periodOf(today, 'quarter')
    expect(rows[0]).toContain(current.label)
    const members = await findDocs<MemberDoc>(sdk, 'members', { branchId: 'branch-cs' })
    const owing = members.filter((m) =>
      owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).some((p) => p.start >= shiftPeriod(current, -3).start),
    )
    expect(rows.length - 1).toBe(owing.length)
    const col = rows[0].indexOf(current.label)
    const reports = await findDocs<{ memberId: string; period: string; status: string }>(sdk, 'reports', {
      branchId: 'branch-cs',
      period: current.id,
    })
    for (const row of rows.slice(1)) {
      const m = members.find((x) => x.studentNo === row[0]) as MemberDoc
      const status = reports.find((x) => x.memberId === m._id)?.status
      const want =
        status === 'approved' ? '已完成' : status === 'pending' ? '待审阅' : status === 'returned' ? '待修改' : '待提交'
      if (owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).some((p) => p.id === current.id)) expect(row[col]).toBe(want)
    }
    expect(sheetText(worksheet(book, '汇总'))).toHaveLength(5)
  })

  it('exports attendance per meeting, only of meetings whose check-in has closed (no one counted absent who may still come)', async () => {
    // Ended half an hour ago, check-in open for another hour: not in the sheet yet.
    const MIN = 60_000
    const t = Date.now()
    const stillOpen = await cloud.call<Result<{ id: string }>>(
      'meeting',
      {
        action: 'create',
        ...openMeetingForm({
          type: 'group',
          title: '签到仍开放的党小组会',
          startAt: new Date(t - 150 * MIN).toISOString(),
          endAt: new Date(t - 30 * MIN).toISOString(),
          agenda: '',
          checkInOpensAt: new Date(t - 160 * MIN).toISOString(),
          checkInClosesAt: new Date(t + 60 * MIN).toISOString(),
        }),
      },
      CS_SECRETARY,
    )
    data(stillOpen)
    const r = data(await call<ExportResult>({ action: 'export', kind: 'attendance' }, CS_SECRETARY))
    const book = await openWorkbook(r.url)
    const rows = sheetText(worksheet(book, '会议出勤'))
    const yearAgo = Date.now() - 365 * 86_400_000
    const meetings = (
      await findDocs<{
        _id: string
        title: string
        status: string
        endAt: Date
        checkInClosesAt: Date
        attendees: { memberId: string }[]
      }>(sdk, 'meetings', { branchId: 'branch-cs' })
    ).filter(
      (m) =>
        m.status !== 'cancelled' &&
        new Date(m.endAt).getTime() <= Date.now() &&
        new Date(m.checkInClosesAt).getTime() <= Date.now() &&
        new Date(m.endAt).getTime() >= yearAgo,
    )
    expect(rows.some((x) => x[3] === '签到仍开放的党小组会')).toBe(false)
    expect(rows.length - 1).toBe(meetings.length)
    expect(r.rows).toBe(meetings.length)
    const sample = meetings[0]
    const row = rows.find((x) => x[3] === sample.title) as string[]
    const present = await findDocs(sdk, 'attendance', { meetingId: sample._id })
    expect(Number(row[4])).toBe(sample.attendees.length)
    expect(Number(row[5])).toBe(present.length)
    expect(sheetText(worksheet(book, '个人出勤')).length).toBeGreaterThan(1)
  })
})

describe('archive', () => {
  it('collects a member’s approved reports for print, as data and as a print-ready file', async () => {
    const approved = await findDocs<{
      memberId: string
      period: string
      versions: { title: string; body: string; review: { decision: string } | null }[]
    }>(sdk, 'reports', {
      branchId: 'branch-cs',
      status: 'approved',
    })
    const real = approved.filter((r) => (r.versions ?? []).some((v) => v.review?.decision === 'approve'))
    expect(real.length).toBeGreaterThan(0)
    const memberId = real[0].memberId
    const mine = real.filter((r) => r.memberId === memberId)
    const view = data(await call<ArchiveResult>({ action: 'archive', memberId }, CS_SECRETARY))
    expect(view.reports.map((r) => r.period)).toEqual(mine.map((r) => r.period).sort())
    expectError(await call({ action: 'archive', memberId }, SE_SECRETARY), 'NOT_FOUND')
    const file = data(await call<ArchiveResult>({ action: 'archive', memberId, format: 'file' }, CS_SECRETARY))
    const html = (await fetchBuffer(file.file?.url as string)).toString('utf8')
    expect(html).toContain('思想汇报存档')
    expect(html).toContain(view.reports[0].title)
    expect(html).toContain('@page')
    expect((await auditsOf(memberId, 'branch.archive')).length).toBe(2)
    const own = data(await call<ArchiveResult>({ action: 'archive' }, demoOpenid(view.member.studentNo)))
    expect(own.reports.length).toBe(view.reports.length)
  })
})

describe('audit log', () => {
  it('searches by actor, action, target and date, a page at a time without gaps or repeats', async () => {
    const seen: string[] = []
    let cursor: string | null | undefined
    do {
      const page = data(await call<AuditLogResult>({ action: 'auditLog', ...(cursor ? { cursor } : {}) }, COMMITTEE))
      seen.push(...page.entries.map((e) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    const all = await findDocs<AuditDoc & { _id: string }>(sdk, 'audit', {})
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(all.map((a) => a._id).sort())

    const byActor = data(await call<AuditLogResult>({ action: 'auditLog', actor: '陈立华' }, COMMITTEE))
    expect(byActor.entries.length).toBeGreaterThan(0)
    expect(byActor.entries.every((e) => e.actorName === '陈立华')).toBe(true)
    const onZhang = data(await call<AuditLogResult>({ action: 'auditLog', target: '张欣怡' }, COMMITTEE))
    expect(onZhang.entries.length).toBe(all.filter((a) => a.targetId === memberIdOf('2022010107')).length)
    expect(onZhang.entries[0].targetName).toBe('张欣怡')
    const none = data(await call<AuditLogResult>({ action: 'auditLog', actor: '查无此人' }, COMMITTEE))
    expect(none.entries).toEqual([])
    expect(none.notice).toContain('查无此人')
    const todays = data(await call<AuditLogResult>({ action: 'auditLog', from: today, to: today }, COMMITTEE))
    expect(todays.entries.every((e) => chinaDay(new Date(e.at)) === today)).toBe(true)
  })

  it('filters by an action or by every action of a feature', async () => {
    const moves = data(await call<AuditLogResult>({ action: 'auditLog', operation: 'branch.moveStage' }, COMMITTEE))
    expect(moves.entries.length).toBeGreaterThan(0)
    expect(moves.entries.every((e) => e.action === 'branch.moveStage' && e.actionLabel === '发展阶段变更')).toBe(true)
    const feature = data(await call<AuditLogResult>({ action: 'auditLog', operation: 'branch.' }, COMMITTEE))
    expect(new Set(feature.entries.map((e) => e.action.split('.')[0]))).toEqual(new Set(['branch']))
    expect(moves.actions.some((a) => a.action === 'report.')).toBe(true)
  })
})

describe('request budget', () => {
  it('serves every read action with at most four database requests, each from a declared index', async () => {
    const reads: [string, Record<string, unknown>, string][] = [
      ['members', {}, CS_SECRETARY],
      ['member', { memberId: memberIdOf('2021010208') }, CS_SECRETARY],
      ['selfCheck', {}, STUDENT],
      ['reminders', {}, CS_SECRETARY],
      ['branches', {}, COMMITTEE],
      ['dashboard', {}, COMMITTEE],
      ['auditLog', { actor: '陈立华' }, COMMITTEE],
      ['export', { kind: 'attendance' }, CS_SECRETARY],
    ]
    for (const [action, params, who] of reads) {
      data(await call({ action, ...params }, who))
      const logged = await lastCall(action)
      expect(logged.queries.length, action).toBeLessThanOrEqual(4)
      for (const q of logged.queries.filter((x) => !x.action.includes('Transaction') && !x.action.includes('insert')))
        expect(q.index, `${action} ${q.collection}`).not.toBeNull()
    }
  })
})
