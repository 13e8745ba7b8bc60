import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type {
  AppraisalView,
  ExportResult,
  HonoursResult,
  NominationCard,
  SurveyView,
  VoicesHome,
  VoicesManage,
  VoteView,
} from '../../cloudfunctions/voices/src/contract'
import type { LocalCloud } from '../helpers/cloud'
import { person } from '../helpers/members'
import { data, expectError } from '../helpers/results'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { useLocalCloud, lastLoggedCall } from '../helpers/suite'
import { readWorkbook, sheetValues, sortedColumn, worksheet } from '../helpers/workbook'
import type { MeetingDetail } from '../../cloudfunctions/meeting/src/contract'

/** Voices (issue #20) through the real SDK: 民主评议, anonymous and named votes, surveys, the 榜样 window. */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

// branch-grad: five Party members, no seeded appraisal.
const zhou = person('周志远') // secretary
const deng = person('邓皓轩') // 预备党员
const xu = person('许静怡') // 预备党员
const fu = person('傅晨阳') // full, 组织委员 (支委)
const shen = person('沈清妍') // full, 纪检委员 (支委)
const dong = person('董欣然') // activist of branch-grad, not appraised
// branch-se: full members 林晓雯 (secretary), 谢雨萱, 韩子墨; 预备党员 宋佳琪, 郑凯文.
const lin = person('林晓雯')
const xie = person('谢雨萱') // 组织委员 (支委)
const han = person('韩子墨')
const song = person('宋佳琪')
const zheng = person('郑凯文')
const chen = person('陈立华') // secretary of branch-cs
const sun = person('孙雅琪') // branch-cs full member
const zhang = person('张欣怡') // branch-cs activist
const committee = person('刘建国')

const call = <T>(event: Record<string, unknown>, openid: string | null): Promise<Result<T>> =>
  cloud.call<Result<T>>('voices', event, openid)
const createVote = (form: Record<string, unknown>, openid: string): Promise<Result<VoteView>> =>
  call<VoteView>({ action: 'createVote', ...form }, openid)
const createSurvey = (form: Record<string, unknown>, openid: string): Promise<Result<SurveyView>> =>
  call<SurveyView>({ action: 'createSurvey', ...form }, openid)
/** A ballot on a motion: one choice per subject, in order (s1, s2, …). */
const castMotion = (
  voteId: string,
  choices: ('for' | 'against' | 'abstain')[],
  openid: string,
): Promise<Result<VoteView>> =>
  call<VoteView>(
    { action: 'castVote', voteId, motion: choices.map((choice, i) => ({ subjectId: `s${i + 1}`, choice })) },
    openid,
  )
const awardHonour = (award: Record<string, unknown>, openid: string): Promise<Result<unknown>> =>
  call({ action: 'awardHonour', ...award }, openid)
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4))

/** A nomination for this year's honour `title`, made by `openid`. */
const nominate = <T = unknown>(openid: string, memberId: string, title: string, reason: string) =>
  call<T>({ action: 'nominate', memberId, title, year, reason }, openid)

async function dump(collection: string): Promise<string> {
  const docs = await findDocs(sdk, collection, {})
  return JSON.stringify(docs)
}

async function exportedWorkbook(r: ExportResult): Promise<ExcelJS.Workbook> {
  const res = await fetch(r.url)
  expect(res.ok).toBe(true)
  return readWorkbook(await res.arrayBuffer())
}

function rowsOf(book: ExcelJS.Workbook, sheet: string): string[][] {
  return sheetValues(worksheet(book, sheet))
}

let pointsBefore = ''

useLocalCloud(async (started, admin) => {
  cloud = started
  sdk = admin
  pointsBefore = (await dump('pointsLedger')) + (await dump('pointsTotals'))
})

type MeetingRow = { _id: string; title: string; branchId: string; type: string; startAt: Date; status: string }

describe('民主评议党员', () => {
  const appraisalId = `ap-${year}-branch-grad`
  /** One grade decision on `memberId` in this appraisal, by the caller `openid`. */
  const decideGrade = (openid: string, memberId: string, grade: string, reason?: string) =>
    call<AppraisalView>({ action: 'decideGrade', appraisalId, memberId, grade, ...(reason ? { reason } : {}) }, openid)
  /** The seeded 组织生活会 of this year (January) of branch-grad and branch-se, and another meeting of branch-grad. */
  const meetings = {} as { grad: MeetingRow; se: MeetingRow; gradOther: MeetingRow }

  beforeAll(async () => {
    const all = await findDocs<MeetingRow>(sdk, 'meetings', {
      branchId: sdk.database().command.in(['branch-grad', 'branch-se']),
    })
    const thisYear = (m: MeetingRow) =>
      new Date(new Date(m.startAt).getTime() + 8 * 3_600_000).getUTCFullYear() === year
    const life = (branchId: string) =>
      all.find((m) => m.branchId === branchId && m.type === 'lifeMeeting' && thisYear(m))
    const grad = life('branch-grad')
    const se = life('branch-se')
    const gradOther = all.find((m) => m.branchId === 'branch-grad' && m.type === 'general')
    if (!grad || !se || !gradOther) throw new Error('the seed has no 组织生活会 this year')
    Object.assign(meetings, { grad, se, gradOther })
  })

  it("is held with the branch's own 组织生活会 of that year: another branch's, another kind, a cancelled or a past one is refused and stores nothing", async () => {
    const start = (meetingId: string) => call({ action: 'startAppraisal', closesAt: inDays(7), meetingId }, zhou.openid)
    expectError(await start(meetings.se._id), 'NOT_FOUND')
    expectError(await start('mt-nothing-here'), 'NOT_FOUND')
    const other = expectError(await start(meetings.gradOther._id), 'INVALID_ARGUMENT')
    expect(other.message).toContain('组织生活会')
    // A cancelled one and one of last year: copies of the real meeting, stored through the SDK.
    const { _id: _ignored, ...body } = meetings.grad as MeetingRow & Record<string, unknown>
    const col = sdk.database().collection('meetings')
    await col.doc('mt-grad-life-cancelled').set({ data: { ...body, status: 'cancelled' } })
    await col
      .doc('mt-grad-life-last-year')
      .set({ data: { ...body, startAt: new Date(new Date(meetings.grad.startAt).getTime() - 366 * 86_400_000) } })
    expectError(await start('mt-grad-life-cancelled'), 'FAILED_PRECONDITION')
    expect(expectError(await start('mt-grad-life-last-year'), 'INVALID_ARGUMENT').message).toContain(`${year}年度`)
    expect(await findDocs(sdk, 'appraisals', { _id: appraisalId })).toHaveLength(0)
    expect(await findDocs(sdk, 'ballotTallies', { _id: appraisalId })).toHaveLength(0)
  })

  it("the manage page offers the branch's 组织生活会 in at most 4 database requests", async () => {
    const m = data(await call<VoicesManage>({ action: 'manage' }, zhou.openid))
    expect(m.canStart).toBe(true)
    expect(m.branches[0].lifeMeetings).toEqual([
      { id: meetings.grad._id, title: meetings.grad.title, startAt: new Date(meetings.grad.startAt).toISOString() },
    ])
    expect((await lastLoggedCall(cloud, 'voices', 'manage')).queries.length).toBeLessThanOrEqual(4)
    const all = data(await call<VoicesManage>({ action: 'manage' }, committee.openid))
    expect(all.branches.every((b) => b.lifeMeetings.length === 1)).toBe(true)
    expect((await lastLoggedCall(cloud, 'voices', 'manage')).queries.length).toBeLessThanOrEqual(4)
  })
  const grades = (voter: { id: string }, grade = 'qualified', comment = '') =>
    [zhou, deng, xu, fu, shen]
      .filter((m) => m.id !== voter.id)
      .map((m) => ({
        memberId: m.id,
        grade: m.id === fu.id ? 'excellent' : grade,
        comment: m.id === fu.id ? comment : '',
      }))

  it('only the branch secretary or the committee starts it, once a year, with the branch Party members', async () => {
    expectError(await call({ action: 'startAppraisal' }, deng.openid), 'FORBIDDEN')
    // A 支委 helps with the appraisal but does not start it.
    expectError(await call({ action: 'startAppraisal' }, fu.openid), 'FORBIDDEN')
    expectError(await call({ action: 'startAppraisal', branchId: 'branch-grad' }, lin.openid), 'FORBIDDEN')
    const v = data(
      await call<AppraisalView>(
        { action: 'startAppraisal', closesAt: inDays(7), meetingId: meetings.grad._id },
        zhou.openid,
      ),
    )
    expect(v.id).toBe(appraisalId)
    expect(v).toMatchObject({ meetingId: meetings.grad._id, meetingTitle: meetings.grad.title })
    expect(v.members.map((m) => m.name).sort()).toEqual(['傅晨阳', '周志远', '沈清妍', '许静怡', '邓皓轩'].sort())
    expect(v.excellentMax).toBe(1)
    // The meeting's page shows the link, read from the meeting itself.
    const meeting = data(
      await cloud.call<Result<MeetingDetail>>('meeting', { action: 'get', meetingId: meetings.grad._id }, deng.openid),
    )
    expect(meeting.appraisal).toEqual({ id: appraisalId, title: `${year}年度民主评议党员` })
    const [audit] = await findDocs<{ detail: { after: { meetingId: string } } }>(sdk, 'audit', {
      action: 'voices.startAppraisal',
      targetId: appraisalId,
    })
    expect(audit.detail.after.meetingId).toBe(meetings.grad._id)
    expectError(await call({ action: 'startAppraisal' }, zhou.openid), 'CONFLICT')
    expectError(await call({ action: 'appraisal', appraisalId }, dong.openid), 'NOT_FOUND')
    expectError(await call({ action: 'appraisal', appraisalId }, chen.openid), 'NOT_FOUND')
  })

  it('a member writes a self-appraisal; risky text is refused and stores nothing', async () => {
    expectError(
      await call(
        { action: 'saveSelf', appraisalId, text: '这一年我认真学习，还顺便参与了网络赌博活动的宣传推广工作' },
        fu.openid,
      ),
      'CONTENT_RISKY',
    )
    expect(await findDocs(sdk, 'selfAppraisals', { appraisalId })).toHaveLength(0)
    const text =
      '一年来坚持理论学习，按时参加组织生活，在实验室带领低年级同学完成两个科研项目，不足是与同学谈心交流还不够主动。'
    const v = data(await call<AppraisalView>({ action: 'saveSelf', appraisalId, text }, fu.openid))
    expect(v.me?.selfText).toBe(text)
    // Others read it when they appraise.
    const seen = data(await call<AppraisalView>({ action: 'appraisal', appraisalId }, shen.openid))
    expect(seen.members.find((m) => m.memberId === fu.id)?.selfText).toBe(text)
  })

  it('a sheet must grade every other member, never oneself', async () => {
    expectError(
      await call({ action: 'appraise', appraisalId, grades: grades(deng).slice(1) }, deng.openid),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call(
        { action: 'appraise', appraisalId, grades: [...grades(deng), { memberId: deng.id, grade: 'excellent' }] },
        deng.openid,
      ),
      'INVALID_ARGUMENT',
    )
    expectError(await call({ action: 'appraise', appraisalId, grades: grades(dong) }, dong.openid), 'NOT_FOUND')
    expect(await findDocs(sdk, 'ballotVoters', { boxId: appraisalId })).toHaveLength(0)
  })

  it('five members appraise anonymously; a second sheet is refused; tallies stay hidden until the appraisal closes', async () => {
    for (const m of [zhou, deng, xu, fu, shen]) {
      const v = data(
        await call<AppraisalView>(
          {
            action: 'appraise',
            appraisalId,
            grades: grades(m, 'qualified', m.id === fu.id ? '' : '科研和志愿服务都走在前面'),
          },
          m.openid,
        ),
      )
      expect(v.me?.hasAppraised).toBe(true)
    }
    expectError(await call({ action: 'appraise', appraisalId, grades: grades(deng) }, deng.openid), 'CONFLICT')
    const open = data(await call<AppraisalView>({ action: 'appraisal', appraisalId }, zhou.openid))
    expect(open.tallies).toBeNull()
    expect(open.appraised).toBe(5)
    // The stored tally holds counts and sorted comments, nothing that names a voter.
    const [tally] = await findDocs<Record<string, unknown>>(sdk, 'ballotTallies', { _id: appraisalId })
    const stored = JSON.stringify(tally)
    expect(Object.keys(tally).sort()).toEqual(['_id', 'ballots', 'counts', 'notes'])
    expect(stored).not.toMatch(/openid|o-dev-|"at"|Time|date/i)
    const markers = await findDocs<Record<string, unknown>>(sdk, 'ballotVoters', { boxId: appraisalId })
    expect(markers).toHaveLength(5)
    for (const m of markers) expect(Object.keys(m).sort()).toEqual(['_id', 'boxId', 'memberId'])
    // No audit entry tells who appraised when.
    expect(await findDocs(sdk, 'audit', { targetId: appraisalId, action: 'voices.appraise' })).toHaveLength(0)
  })

  it('grades wait for the close; the secretary closes and sees the tallies', async () => {
    expectError(await decideGrade(zhou.openid, fu.id, 'excellent'), 'FAILED_PRECONDITION')
    expectError(await call({ action: 'closeAppraisal', appraisalId }, fu.openid), 'FORBIDDEN')
    const v = data(await call<AppraisalView>({ action: 'closeAppraisal', appraisalId }, zhou.openid))
    expect(v.status).toBe('deciding')
    const fuRow = v.tallies?.find((t) => t.memberId === fu.id)
    expect(fuRow?.counts).toEqual({ excellent: 4, qualified: 0, basic: 0, unqualified: 0 })
    expect(fuRow?.comments).toEqual([
      '科研和志愿服务都走在前面',
      '科研和志愿服务都走在前面',
      '科研和志愿服务都走在前面',
      '科研和志愿服务都走在前面',
    ])
    expect(v.tallies?.find((t) => t.memberId === shen.id)?.counts.qualified).toBe(4)
    // A member who is not a 支委 does not see the tallies.
    expect(data(await call<AppraisalView>({ action: 'appraisal', appraisalId }, deng.openid)).tallies).toBeNull()
  })

  it('the committee quota of 优秀 holds, 不合格 needs a reason and a follow-up, nobody grades themselves', async () => {
    expectError(await decideGrade(zhou.openid, zhou.id, 'qualified'), 'FORBIDDEN')
    data(await decideGrade(zhou.openid, fu.id, 'excellent'))
    const over = expectError(await decideGrade(zhou.openid, shen.id, 'excellent'), 'FAILED_PRECONDITION')
    expect(over.message).toContain('三分之一')
    expectError(await decideGrade(zhou.openid, deng.id, 'unqualified'), 'INVALID_ARGUMENT')
    expectError(await decideGrade(zhou.openid, deng.id, 'unqualified', '无故连续缺席组织生活'), 'INVALID_ARGUMENT')
    const [doc] = await findDocs<{ decisions: Record<string, { grade: string }> }>(sdk, 'appraisals', {
      _id: appraisalId,
    })
    expect(Object.keys(doc.decisions)).toEqual([fu.id])
    // Publishing needs every grade.
    expectError(await call({ action: 'publishAppraisal', appraisalId }, zhou.openid), 'FAILED_PRECONDITION')
    data(await decideGrade(zhou.openid, deng.id, 'basic', '组织生活参加不够积极'))
    data(await decideGrade(zhou.openid, xu.id, 'qualified'))
    data(await decideGrade(zhou.openid, shen.id, 'qualified'))
    // Changing 优秀 to another member: first free the place.
    expectError(await decideGrade(committee.openid, zhou.id, 'excellent'), 'FAILED_PRECONDITION')
    data(await decideGrade(committee.openid, zhou.id, 'qualified'))
    const audits = await findDocs<{ detail: { before: unknown; after: { grade: string } } }>(sdk, 'audit', {
      action: 'voices.decideGrade',
      targetId: fu.id,
    })
    expect(audits[0]?.detail).toMatchObject({ before: null, after: { grade: 'excellent' } })
  })

  it('a 支委 sees the tallies and records grades, never their own, and does not close, publish or export', async () => {
    const seen = data(await call<AppraisalView>({ action: 'appraisal', appraisalId }, fu.openid))
    expect(seen).toMatchObject({ canDecide: true, canManage: false })
    expect(seen.tallies?.find((t) => t.memberId === shen.id)?.counts.qualified).toBe(4)
    const own = expectError(await decideGrade(fu.openid, fu.id, 'qualified'), 'FORBIDDEN')
    expect(own.message).toContain('不能评定自己')
    expectError(await decideGrade(deng.openid, xu.id, 'qualified'), 'FORBIDDEN')
    const [before] = await findDocs<{ decisions: Record<string, { grade: string; byId: string }> }>(sdk, 'appraisals', {
      _id: appraisalId,
    })
    expect(before.decisions[fu.id].grade).toBe('excellent')
    const v = data(await decideGrade(fu.openid, xu.id, 'qualified', '学习认真，按时参加组织生活'))
    expect(v.tallies?.find((t) => t.memberId === xu.id)?.reason).toBe('学习认真，按时参加组织生活')
    const audits = await findDocs<{ actorId: string; detail: { after: { grade: string } } }>(sdk, 'audit', {
      action: 'voices.decideGrade',
      targetId: xu.id,
    })
    expect(audits.map((a) => a.actorId)).toContain(fu.id)
    expectError(await call({ action: 'publishAppraisal', appraisalId }, fu.openid), 'FORBIDDEN')
    expectError(await call({ action: 'exportAppraisal', appraisalId }, fu.openid), 'FORBIDDEN')
  })

  it('published, each member sees their own grade and nobody else grades', async () => {
    const v = data(await call<AppraisalView>({ action: 'publishAppraisal', appraisalId }, zhou.openid))
    expect(v.status).toBe('published')
    expectError(await decideGrade(zhou.openid, xu.id, 'basic'), 'FAILED_PRECONDITION')
    const mine = data(await call<AppraisalView>({ action: 'appraisal', appraisalId }, fu.openid))
    expect(mine.me).toMatchObject({
      grade: 'excellent',
      counts: { excellent: 4, qualified: 0, basic: 0, unqualified: 0 },
    })
    expect(data(await call<AppraisalView>({ action: 'appraisal', appraisalId }, xu.openid)).tallies).toBeNull()
    expect(JSON.stringify(mine.members)).not.toContain('basic')
    const dengView = data(await call<AppraisalView>({ action: 'appraisal', appraisalId }, deng.openid))
    expect(dengView.me).toMatchObject({ grade: 'basic', reason: '组织生活参加不够积极' })
    expect(JSON.stringify(dengView.members)).not.toContain('basic')
    const home = data(await call<VoicesHome>({ action: 'home' }, fu.openid))
    expect(home.grades[0]).toMatchObject({ year, gradeLabel: '优秀' })
  })

  it('exports the record of the year as .xlsx (audited), read back', async () => {
    expectError(await call({ action: 'exportAppraisal', appraisalId }, fu.openid), 'FORBIDDEN')
    const r = data(await call<ExportResult>({ action: 'exportAppraisal', appraisalId }, zhou.openid))
    const rows = rowsOf(await exportedWorkbook(r), '民主评议')
    const head = rows.findIndex((row) => row[0] === '序号')
    expect(rows[head].slice(0, 5)).toEqual(['序号', '姓名', '班级', '身份', '自我评价'])
    const fuRow = rows.find((row) => row[1] === '傅晨阳')
    expect(fuRow?.slice(5, 10)).toEqual(['4', '0', '0', '0', '优秀'])
    expect(rows.find((row) => row[1] === '邓皓轩')?.[9]).toBe('基本合格')
    expect(await findDocs(sdk, 'audit', { action: 'voices.exportAppraisal', targetId: appraisalId })).toHaveLength(1)
  })

  it('the 优秀 share is the college setting, fixed when the appraisal starts', async () => {
    const colleges = sdk.database().collection('colleges')
    await colleges
      .doc('college-main')
      .update({ data: { 'settings.appraisal': { excellentMaxShare: { num: 2, den: 5 }, defaultDays: 10 } } })
    try {
      const v = data(await call<AppraisalView>({ action: 'startAppraisal' }, lin.openid))
      expect(v.memberCount).toBe(5)
      expect(v.excellentMax).toBe(2)
      expect(v.shareText).toBe('2/5')
      expect(new Date(v.closesAt).getTime() - Date.now()).toBeGreaterThan(9.9 * 86_400_000)
    } finally {
      await colleges
        .doc('college-main')
        .update({ data: { 'settings.appraisal': { excellentMaxShare: { num: 1, den: 3 }, defaultDays: 14 } } })
    }
  })

  it('the seeded branch keeps the published record of last year and one in progress this year', async () => {
    const home = data(await call<VoicesHome>({ action: 'home' }, sun.openid))
    expect(home.appraisal?.status).toBe('appraising')
    expect(home.grades.some((g) => g.year === year - 1)).toBe(true)
  })
})

describe('支委 (branch committee members)', () => {
  const setPost = (memberId: string, post: string | null, openid: string | null) =>
    cloud.call<Result<{ memberId: string; post: string | null }>>(
      'branch',
      { action: 'setPost', memberId, post },
      openid,
    )

  it('the secretary designates a post; only full members, never the secretary or oneself; audited', async () => {
    expectError(await setPost(shen.id, null, fu.openid), 'FORBIDDEN')
    expectError(await setPost(shen.id, null, lin.openid), 'NOT_FOUND')
    expectError(await setPost(zhou.id, '组织委员', zhou.openid), 'FORBIDDEN')
    expectError(await setPost(deng.id, '宣传委员', zhou.openid), 'FAILED_PRECONDITION')
    expectError(await setPost(shen.id, '书记', zhou.openid), 'INVALID_ARGUMENT')
    const [before] = await findDocs<{ branchPost: string | null }>(sdk, 'members', { _id: shen.id })
    expect(before.branchPost).toBe('纪检委员')
    // Taken away: she no longer helps run the branch's appraisal.
    expect(data(await setPost(shen.id, null, zhou.openid))).toEqual({ memberId: shen.id, post: null })
    expectError(await call({ action: 'manage' }, shen.openid), 'FORBIDDEN')
    const home = data(await call<VoicesHome>({ action: 'home' }, shen.openid))
    expect(home.isManager).toBe(false)
    // Designated again by the committee.
    data(await setPost(shen.id, '纪检委员', committee.openid))
    const m = data(await call<VoicesManage>({ action: 'manage' }, shen.openid))
    expect(m).toMatchObject({ canStart: false, post: '纪检委员', committee: false })
    expect(m.branches.map((b) => b.id)).toEqual(['branch-grad'])
    const audits = await findDocs<{ actorId: string; detail: { before: unknown; after: unknown } }>(sdk, 'audit', {
      action: 'branch.setPost',
      targetId: shen.id,
    })
    expect(audits.map((a) => [a.actorId, a.detail.before, a.detail.after])).toEqual(
      expect.arrayContaining([
        [zhou.id, { post: '纪检委员' }, { post: null }],
        [committee.id, { post: null }, { post: '纪检委员' }],
      ]),
    )
  })

  it('a 支委 manages the votes and surveys of their own branch, never another branch or the college', async () => {
    const survey = {
      action: 'createSurvey',
      title: '支部学习安排意见',
      audience: 'branch',
      questions: [{ type: 'single', title: '学习时间安排在', options: ['周三晚上', '周五下午'] }],
      closesAt: inDays(5),
    }
    expectError(await call({ ...survey, branchId: 'branch-se' }, fu.openid), 'FORBIDDEN')
    expectError(await call({ ...survey, audience: 'all' }, fu.openid), 'FORBIDDEN')
    expectError(await call({ ...survey, branchId: 'branch-grad' }, deng.openid), 'FORBIDDEN')
    const v = data(await call<SurveyView>(survey, fu.openid))
    expect(v).toMatchObject({ canManage: true, scopeLabel: '研究生第一党支部' })
    expect(data(await call<SurveyView>({ action: 'survey', surveyId: v.id }, zhou.openid)).canManage).toBe(true)
    expect(data(await call<SurveyView>({ action: 'survey', surveyId: v.id }, deng.openid)).canManage).toBe(false)
    expectError(await call({ action: 'closeSurvey', surveyId: v.id }, deng.openid), 'FORBIDDEN')
    data(await call({ action: 'closeSurvey', surveyId: v.id }, shen.openid))
    const vote = {
      action: 'createVote',
      kind: 'motion',
      title: '支部读书会时间安排',
      subjects: ['同意每月第二周周三举行'],
      electorate: 'party',
      closesAt: inDays(3),
    }
    expectError(await call({ ...vote, college: true }, fu.openid), 'FORBIDDEN')
    const created = data(await call<VoteView>(vote, fu.openid))
    expect(created.canManage).toBe(true)
    expectError(await call({ action: 'closeVote', voteId: created.id }, deng.openid), 'FORBIDDEN')
  })
})

describe('votes', () => {
  let motionId = ''

  it('a secretary calls a vote of the full members; 预备党员 have no vote', async () => {
    const motion = { kind: 'motion', title: '支部活动经费使用方案', electorate: 'full', closesAt: inDays(3) }
    expectError(await createVote({ ...motion, subjects: ['同意方案'] }, song.openid), 'FORBIDDEN')
    const v = data(
      await createVote(
        {
          ...motion,
          description: '本学期活动经费 1200 元用于红色教育基地参观。',
          subjects: ['同意经费使用方案', '同意参观安排'],
        },
        lin.openid,
      ),
    )
    motionId = v.id
    expect(v.expected).toBe(3)
    expect(v.result).toBeNull()
    expectError(await castMotion(motionId, ['for', 'for'], song.openid), 'FORBIDDEN')
    expectError(await call({ action: 'vote', voteId: motionId }, sun.openid), 'NOT_FOUND')
  })

  it('an anonymous ballot stores nothing that identifies the voter, and a second ballot is refused', async () => {
    expectError(await castMotion(motionId, ['for'], xie.openid), 'INVALID_ARGUMENT')
    // Two taps at once: one ballot counts.
    const ballot = () => castMotion(motionId, ['against', 'abstain'], xie.openid)
    const both = await Promise.all([ballot(), ballot()])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    expectError(await ballot(), 'CONFLICT')
    const [tally] = await findDocs<Record<string, unknown>>(sdk, 'ballotTallies', { _id: motionId })
    expect(tally).toEqual({ _id: motionId, ballots: 1, counts: { s1: { against: 1 }, s2: { abstain: 1 } }, notes: {} })
    const markers = await findDocs<Record<string, unknown>>(sdk, 'ballotVoters', { boxId: motionId })
    expect(markers).toEqual([{ _id: `${xie.id}:${motionId}`, boxId: motionId, memberId: xie.id }])
    // Nowhere else: no ballot document, no audit entry of the ballot.
    for (const c of ['votes', 'audit']) expect(await dump(c)).not.toContain('against')
    const view = data(await call<VoteView>({ action: 'vote', voteId: motionId }, lin.openid))
    expect(view.ballots).toBe(1)
    expect(view.result).toBeNull()
  })

  it('without a quorum no result is declared', async () => {
    const v = data(await call<VoteView>({ action: 'closeVote', voteId: motionId }, lin.openid))
    expect(v.status).toBe('closed')
    expect(v.result?.declared).toBe(false)
    expect(v.result?.summary).toContain('实到 1 人')
    expectError(await castMotion(motionId, ['for', 'for'], han.openid), 'FAILED_PRECONDITION')
  })

  it('with a quorum, a majority of those present passes a motion; a named vote shows names to the manager', async () => {
    const v = data(
      await createVote(
        {
          kind: 'motion',
          title: '推选支部宣传委员',
          subjects: ['同意韩子墨任宣传委员'],
          electorate: 'full',
          anonymous: false,
          closesAt: inDays(2),
        },
        lin.openid,
      ),
    )
    data(await castMotion(v.id, ['for'], xie.openid))
    data(await castMotion(v.id, ['abstain'], han.openid))
    const [marker] = await findDocs<{ name: string; ballot: unknown }>(sdk, 'ballotVoters', {
      boxId: v.id,
      memberId: xie.id,
    })
    expect(marker).toMatchObject({ name: '谢雨萱', ballot: { motion: { s1: 'for' } } })
    const closed = data(await call<VoteView>({ action: 'closeVote', voteId: v.id }, lin.openid))
    // 2 of 3 took part (quorum), 1 for of 2 present is not more than half.
    expect(closed.result).toMatchObject({ expected: 3, present: 2, quorumMet: true, declared: true })
    expect(closed.result?.subjects[0]).toMatchObject({ for: 1, abstain: 1, passed: false })
    expect(closed.result?.named?.map((n) => n.name).sort()).toEqual(['谢雨萱', '韩子墨'].sort())
    // A member who does not run the branch sees the result without names (谢雨萱, a 支委, sees them).
    const member = data(await call<VoteView>({ action: 'vote', voteId: v.id }, song.openid))
    expect(member.result?.named).toBeNull()
    expect(data(await call<VoteView>({ action: 'vote', voteId: v.id }, xie.openid)).result?.named).toHaveLength(2)
  })

  it('a motion passes with more than half of those present', async () => {
    const v = data(
      await createVote(
        { kind: 'motion', title: '支部党员大会议程', subjects: ['同意议程'], electorate: 'party', closesAt: inDays(2) },
        lin.openid,
      ),
    )
    expect(v.expected).toBe(5)
    for (const m of [lin, xie, han]) data(await castMotion(v.id, ['for'], m.openid))
    data(await castMotion(v.id, ['against'], zheng.openid))
    const closed = data(await call<VoteView>({ action: 'closeVote', voteId: v.id }, lin.openid))
    expect(closed.result?.subjects[0]).toMatchObject({ for: 3, against: 1, passed: true })
    expect(closed.result?.summary).toContain('通过')
  })
})

describe('surveys (征求意见)', () => {
  let surveyId = ''
  const questions = [
    {
      type: 'single',
      title: '你希望主题党日多安排哪类活动？',
      options: ['红色教育基地参观', '志愿服务', '专题学习研讨'],
    },
    { type: 'multiple', title: '你常用哪些方式学习党的理论？', options: ['支部通学习专栏', '纸质读本', '党课讲座'] },
    { type: 'rating', title: '你对本学期组织生活的满意度' },
    { type: 'text', title: '对支部工作还有哪些建议？', required: false },
  ]

  it('the committee asks a stage; secretaries ask only their branch', async () => {
    const form = { title: '组织生活意见征求', audience: 'branch', questions, closesAt: inDays(5) }
    expectError(await createSurvey({ ...form, audience: 'all' }, chen.openid), 'FORBIDDEN')
    const oneOption = [{ type: 'single', title: '只有一个选项', options: ['是'] }]
    expectError(await createSurvey({ ...form, questions: oneOption }, chen.openid), 'INVALID_ARGUMENT')
    const v = data(await createSurvey({ ...form, intro: '请如实填写，问卷匿名。' }, chen.openid))
    surveyId = v.id
    expect(v.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4'])
    expectError(await call({ action: 'survey', surveyId }, xie.openid), 'NOT_FOUND')
  })

  it('answers are checked, risky text refused, counted anonymously, a second sheet refused', async () => {
    const sheet = (choice: number, rating: number, text = '') => ({
      action: 'answerSurvey',
      surveyId,
      answers: [
        { questionId: 'q1', choices: [choice] },
        { questionId: 'q2', choices: [0, 2] },
        { questionId: 'q3', rating },
        ...(text ? [{ questionId: 'q4', text }] : []),
      ],
    })
    expectError(
      await call({ action: 'answerSurvey', surveyId, answers: [{ questionId: 'q1', choices: [0, 1] }] }, zhang.openid),
      'INVALID_ARGUMENT',
    )
    expectError(
      await call({ action: 'answerSurvey', surveyId, answers: [{ questionId: 'q1', choices: [0] }] }, zhang.openid),
      'INVALID_ARGUMENT',
    )
    expectError(await call(sheet(0, 4, '希望多组织网络赌博主题活动'), zhang.openid), 'CONTENT_RISKY')
    expect(await findDocs(sdk, 'ballotVoters', { boxId: surveyId })).toHaveLength(0)
    data(await call(sheet(0, 5, '希望组织生活形式更活泼一些'), zhang.openid))
    data(await call(sheet(1, 4), sun.openid))
    data(await call(sheet(0, 3, '建议提前一周发布学习材料'), chen.openid))
    expectError(await call(sheet(0, 5), zhang.openid), 'CONFLICT')
    const [tally] = await findDocs<{ notes: Record<string, string[]> }>(sdk, 'ballotTallies', { _id: surveyId })
    expect(tally.notes.q4).toEqual(['希望组织生活形式更活泼一些', '建议提前一周发布学习材料'].sort())
    expect(JSON.stringify(tally)).not.toMatch(new RegExp(`${zhang.id}|${sun.id}|${chen.id}`))
  })

  it('results render as bars and export as .xlsx (audited)', async () => {
    const v = data(await call<SurveyView>({ action: 'survey', surveyId }, chen.openid))
    expect(v.answers).toBe(3)
    expect(v.results?.[0].bars.map((b) => b.count)).toEqual([2, 1, 0])
    expect(v.results?.[1].bars.map((b) => b.count)).toEqual([3, 0, 3])
    expect(v.results?.[2].average).toBe(4)
    // 张欣怡 is asked but does not run the branch; 孙雅琪, its 组织委员, does.
    expect(data(await call<SurveyView>({ action: 'survey', surveyId }, zhang.openid)).results).toBeNull()
    expectError(await call({ action: 'exportSurvey', surveyId }, zhang.openid), 'FORBIDDEN')
    expect(data(await call<SurveyView>({ action: 'survey', surveyId }, sun.openid)).results).not.toBeNull()
    const r = data(await call<ExportResult>({ action: 'exportSurvey', surveyId }, chen.openid))
    const book = await exportedWorkbook(r)
    const rows = rowsOf(book, '统计')
    expect(rows[1]).toEqual(['题号', '题目', '题型', '选项', '人数', '占比'])
    expect(rows.find((row) => row[3] === '红色教育基地参观')?.slice(4)).toEqual(['2', '66.7%'])
    expect(rows.find((row) => row[3] === '平均分')?.[4]).toBe('4')
    expect(sortedColumn(rowsOf(book, '文字回答'), 1)).toEqual(
      ['希望组织生活形式更活泼一些', '建议提前一周发布学习材料'].sort(),
    )
    expect(book.getWorksheet('实名答卷')).toBeUndefined()
    expect(await findDocs(sdk, 'audit', { action: 'voices.exportSurvey', targetId: surveyId })).toHaveLength(1)
  })

  it('a named survey exports who answered what', async () => {
    const v = data(
      await createSurvey(
        {
          title: '党员志愿服务意向',
          audience: 'stages',
          stages: ['probationary', 'full'],
          anonymous: false,
          questions: [questions[0]],
          closesAt: inDays(5),
        },
        committee.openid,
      ),
    )
    expectError(
      await call(
        { action: 'answerSurvey', surveyId: v.id, answers: [{ questionId: 'q1', choices: [1] }] },
        zhang.openid,
      ),
      'FORBIDDEN',
    )
    data(
      await call({ action: 'answerSurvey', surveyId: v.id, answers: [{ questionId: 'q1', choices: [1] }] }, sun.openid),
    )
    const book = await exportedWorkbook(
      data(await call<ExportResult>({ action: 'exportSurvey', surveyId: v.id }, committee.openid)),
    )
    expect(rowsOf(book, '实名答卷')[1]).toEqual(['孙雅琪', '志愿服务'])
  })
})

describe('榜样', () => {
  let nomination: NominationCard

  it('a secretary nominates a member of their branch, never themselves or another branch', async () => {
    expectError(await nominate(chen.openid, xie.id, '优秀共产党员', '热心社区志愿服务，带动支部党员参与'), 'NOT_FOUND')
    expectError(await nominate(chen.openid, chen.id, '优秀党务工作者', '支部工作认真负责，成效明显'), 'FORBIDDEN')
    nomination = data(
      await nominate<NominationCard>(
        chen.openid,
        sun.id,
        '优秀学生党员',
        '担任支教队长两年，组织支教 40 余次，学业成绩专业前列',
      ),
    )
    const waiting = data(await call<HonoursResult>({ action: 'honours' }, chen.openid))
    expect(waiting.nominations?.map((n) => n.id)).toContain(nomination.id)
    expect(data(await call<HonoursResult>({ action: 'honours' }, zhang.openid)).nominations).toBeNull()
  })

  it('the committee awards it with a citation; the window shows it to everyone', async () => {
    const award = { nominationId: nomination.id, citation: '担任支教队长两年，带领团队坚持支教。' }
    expectError(await awardHonour(award, chen.openid), 'FORBIDDEN')
    const othersPhoto = `cloud://local.bucket/uploads/${sun.id}/202612/x.jpg`
    expectError(await awardHonour({ ...award, photo: othersPhoto }, committee.openid), 'FORBIDDEN')
    const citation = '担任支教队长两年，带领团队坚持支教，获评校级优秀志愿者。'
    data(await awardHonour({ ...award, citation, articleId: 'a-models-01' }, committee.openid))
    expectError(await awardHonour(award, committee.openid), 'FAILED_PRECONDITION')
    // Directly, without a nomination; never to oneself.
    expectError(
      await awardHonour(
        { memberId: committee.id, title: '优秀党务工作者', year, citation: '长期负责学院组织员工作，认真细致。' },
        committee.openid,
      ),
      'FORBIDDEN',
    )
    data(
      await awardHonour(
        {
          memberId: han.id,
          title: '党员先锋岗',
          year,
          citation: '退伍返校后担任班长，组织晨读和体能训练，带动班级学风。',
        },
        committee.openid,
      ),
    )
    const window = data(await call<HonoursResult>({ action: 'honours' }, zhang.openid))
    expect(window.honours.find((h) => h.name === '韩子墨' && h.title === '党员先锋岗')).toBeTruthy()
    expect(window.honours.find((h) => h.id === nomination.id)).toMatchObject({
      name: '孙雅琪',
      title: '优秀学生党员',
      articleId: 'a-models-01',
    })
  })

  it('a shortlist vote uses the vote engine: the committee puts nominations to the college', async () => {
    const a = data(
      await nominate<NominationCard>(
        lin.openid,
        xie.id,
        '优秀共产党员',
        '组织社区老人手机课 30 余次，带动支部党员参与志愿服务',
      ),
    )
    const b = data(
      await nominate<NominationCard>(
        zhou.openid,
        fu.id,
        '优秀共产党员',
        '科研攻关中带领课题组党员同学完成两个重点项目',
      ),
    )
    const v = data(
      await createVote(
        {
          college: true,
          kind: 'choice',
          title: '优秀共产党员推选',
          honourIds: [a.id, b.id],
          maxChoices: 1,
          electorate: 'party',
          closesAt: inDays(3),
        },
        committee.openid,
      ),
    )
    expect(v.subjects.map((s) => s.label)).toEqual(['谢雨萱（软件工程本科生党支部）', '傅晨阳（研究生第一党支部）'])
    expectError(await call({ action: 'castVote', voteId: v.id, options: ['s1', 's2'] }, sun.openid), 'INVALID_ARGUMENT')
    data(await call({ action: 'castVote', voteId: v.id, options: ['s1'] }, sun.openid))
    const home = data(await call<VoicesHome>({ action: 'home' }, sun.openid))
    expect(home.votes.find((x) => x.id === v.id)?.voted).toBe(true)
    const manage = data(await call<VoicesManage>({ action: 'manage' }, committee.openid))
    expect(manage.votes.map((x) => x.id)).toContain(v.id)
    expect(manage.branches).toHaveLength(3)
  })

  it('no appraisal, vote or survey here touched study points', async () => {
    expect((await dump('pointsLedger')) + (await dump('pointsTotals'))).toBe(pointsBefore)
  })
})
