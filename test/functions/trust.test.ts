import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { AuditDoc, MemberDoc } from '../../cloudfunctions/_shared/models'
import type { FileView, RecordResult } from '../../cloudfunctions/development/src/contract'
import type { ExportResult, LeaveView, MeetingDetail, SignInResult } from '../../cloudfunctions/meeting/src/contract'
import type { BankQuestion } from '../../cloudfunctions/quiz/src/contract'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import type { LocalCloud } from '../helpers/cloud'
import { person } from '../helpers/members'
import { openMeetingForm } from '../helpers/meeting-form'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { data, expectError } from '../helpers/results'
import { articleFields } from '../helpers/study'
import { useLocalCloud } from '../helpers/suite'

/**
 * Issue 14, items 4 and 5, through the gateway and the real SDK: nobody acts on their own record
 * (leave, sign-in, stage dates, reports), and every sensitive change is audited with what it was
 * before and after; corrections of a meeting that has ended need a reason and are shown on it.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const csSecretary = person('陈立华')
const committee = person('刘建国')
const student = person('徐明轩') // branch-cs, probationary
const other = person('马天宇') // branch-cs, 群众

const MIN = 60_000

function call<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<Result<T>> {
  return cloud.call<Result<T>>(fn, event, openid)
}

/** A meeting the 陈立华 secretary creates from the usual form, with `form` overriding it. */
async function createMeeting(form: Parameters<typeof openMeetingForm>[0]): Promise<MeetingDetail> {
  return data(await call<MeetingDetail>('meeting', { action: 'create', ...openMeetingForm(form) }, csSecretary.openid))
}

async function auditsOf(targetId: string, action: string): Promise<AuditDoc[]> {
  const entries = await findDocs<AuditDoc>(sdk, 'audit', { targetId, action })
  return entries.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
}

async function meetingDoc(id: string): Promise<Record<string, unknown>> {
  const [doc] = await findDocs<Record<string, unknown>>(sdk, 'meetings', { _id: id })
  return doc
}

useLocalCloud((started, admin) => {
  cloud = started
  sdk = admin
})

describe('nobody acts on their own record', () => {
  it('refuses a secretary approving their own leave; the committee decides it', async () => {
    const meeting = await createMeeting({ title: '书记请假测试' })
    data(
      await call<LeaveView>(
        'meeting',
        { action: 'requestLeave', meetingId: meeting.id, reason: '参加学校辅导员培训' },
        csSecretary.openid,
      ),
    )
    const refused = expectError(
      await call(
        'meeting',
        { action: 'decideLeave', meetingId: meeting.id, memberId: csSecretary.id, approve: true },
        csSecretary.openid,
      ),
      'FORBIDDEN',
      /自己的请假/,
    )
    expect(refused.message).toContain('院党委')
    const [leave] = await findDocs<{ status: string }>(sdk, 'meetingLeaves', {
      meetingId: meeting.id,
      memberId: csSecretary.id,
    })
    expect(leave.status).toBe('pending')
    expect(await auditsOf(csSecretary.id, 'meeting.approveLeave')).toHaveLength(0)
    expect(
      data(
        await call<LeaveView>(
          'meeting',
          { action: 'decideLeave', meetingId: meeting.id, memberId: csSecretary.id, approve: true },
          committee.openid,
        ),
      ).status,
    ).toBe('approved')
  })

  it('refuses a secretary signing themselves in by hand; they use the code, or the committee signs them in', async () => {
    const meeting = await createMeeting({ title: '书记补签测试' })
    expectError(
      await call(
        'meeting',
        { action: 'signInMember', meetingId: meeting.id, memberId: csSecretary.id },
        csSecretary.openid,
      ),
      'FORBIDDEN',
      /自己/,
    )
    expect(await findDocs(sdk, 'attendance', { meetingId: meeting.id })).toHaveLength(0)
    const res = data(
      await call<SignInResult>(
        'meeting',
        { action: 'signInMember', meetingId: meeting.id, memberId: csSecretary.id },
        committee.openid,
      ),
    )
    expect(res.outcome).toBe('signedIn')
    // Signing others in still works.
    expect(
      data(
        await call<SignInResult>(
          'meeting',
          { action: 'signInMember', meetingId: meeting.id, memberId: student.id },
          csSecretary.openid,
        ),
      ).outcome,
    ).toBe('signedIn')
  })

  it('refuses a secretary amending their own 转正 date or recording their own assessment; no buttons on their own file', async () => {
    const [before] = await findDocs<MemberDoc>(sdk, 'members', { _id: csSecretary.id })
    const stepsBefore = await findDocs(sdk, 'devSteps', { memberId: csSecretary.id })
    const own = data(await call<FileView>('development', { action: 'file' }, csSecretary.openid))
    const conversion = own.phases[4].steps.find((s) => s.no === 23)
    const amend = {
      action: 'recordStep',
      memberId: csSecretary.id,
      step: 23,
      date: conversion?.date ?? '2019-06-30',
      facts: { vote: conversion?.raw.vote ?? { expected: 20, present: 18, for: 18, against: 0, abstain: 0 } },
    }
    expectError(await call('development', amend, csSecretary.openid), 'FORBIDDEN', /自己的发展材料/)
    const assess = { action: 'recordStep', memberId: csSecretary.id, step: 6, date: '2026-01-05', facts: {} }
    expectError(await call('development', assess, csSecretary.openid), 'FORBIDDEN', /自己/)
    const [after] = await findDocs<MemberDoc>(sdk, 'members', { _id: csSecretary.id })
    expect(after.stageDates).toEqual(before.stageDates)
    expect(await findDocs(sdk, 'devSteps', { memberId: csSecretary.id })).toEqual(stepsBefore)
    expect(await auditsOf(csSecretary.id, 'development.recordStep')).toHaveLength(0)
    expect(own.isOwn).toBe(true)
    expect(own.phases.flatMap((p) => p.steps).some((s) => s.canRecord)).toBe(false)
    // The committee may record it (with the rules of any step).
    data(await call<RecordResult>('development', amend, committee.openid))
    expect(await auditsOf(csSecretary.id, 'development.recordStep')).toHaveLength(1)
  })

  it('refuses a secretary reviewing their own thought report', async () => {
    const [doc] = await findDocs<ReportDoc>(sdk, 'reports', { branchId: 'branch-cs', status: 'pending' })
    await sdk
      .database()
      .collection('reports')
      .doc(doc._id)
      .update({ data: { memberId: csSecretary.id } })
    expectError(
      await call(
        'report',
        { action: 'review', id: doc._id, version: doc.currentVersion, decision: 'approve', comment: '' },
        csSecretary.openid,
      ),
      'FORBIDDEN',
      /自己的思想汇报/,
    )
    await sdk
      .database()
      .collection('reports')
      .doc(doc._id)
      .update({ data: { memberId: doc.memberId } })
  })
})

describe('sensitive changes are audited with before and after', () => {
  it('audits meeting creation, edits, minutes, the attendance export and cancellation', async () => {
    const meeting = await createMeeting({ title: '审计测试主题党日' })
    const [created] = await auditsOf(meeting.id, 'meeting.create')
    expect(created).toMatchObject({
      actorId: csSecretary.id,
      detail: { before: null, after: { title: '审计测试主题党日', place: '学院党员活动室' } },
    })

    data(
      await call(
        'meeting',
        {
          action: 'update',
          meetingId: meeting.id,
          ...openMeetingForm({ title: '审计测试主题党日（改地点）', place: '图书馆五楼研讨间' }),
        },
        csSecretary.openid,
      ),
    )
    const [updated] = await auditsOf(meeting.id, 'meeting.update')
    expect(updated.detail).toMatchObject({
      before: { title: '审计测试主题党日', place: '学院党员活动室' },
      after: { title: '审计测试主题党日（改地点）', place: '图书馆五楼研讨间' },
    })

    // Minutes once the meeting has started: the second recording keeps the first as "before".
    await sdk
      .database()
      .collection('meetings')
      .doc(meeting.id)
      .update({ data: { startAt: new Date(Date.now() - 10 * MIN) } })
    data(
      await call(
        'meeting',
        { action: 'minutes', meetingId: meeting.id, text: '学习了党章第一章总纲部分内容。', photos: [] },
        csSecretary.openid,
      ),
    )
    data(
      await call(
        'meeting',
        { action: 'minutes', meetingId: meeting.id, text: '学习了党章第一章和第二章的全部内容。', photos: [] },
        csSecretary.openid,
      ),
    )
    const minutes = (await auditsOf(meeting.id, 'meeting.minutes')).map((a) => a.detail)
    expect(minutes).toHaveLength(2)
    expect(minutes[0]).toMatchObject({ before: null, after: { text: '学习了党章第一章总纲部分内容。' } })
    expect(minutes[1]).toMatchObject({
      before: { text: '学习了党章第一章总纲部分内容。' },
      after: { text: '学习了党章第一章和第二章的全部内容。' },
    })

    const exported = data(
      await call<ExportResult>('meeting', { action: 'exportAttendance', meetingId: meeting.id }, csSecretary.openid),
    )
    const [exportAudit] = await auditsOf(meeting.id, 'meeting.exportAttendance')
    expect(exportAudit.detail).toMatchObject({ fileID: exported.fileID })
    expect(exportAudit.detail.rows).toBeGreaterThan(5)

    data(
      await call('meeting', { action: 'cancel', meetingId: meeting.id, reason: '与学院活动冲突' }, csSecretary.openid),
    )
    const [cancelled] = await auditsOf(meeting.id, 'meeting.cancel')
    expect(cancelled.detail).toMatchObject({
      before: { status: 'scheduled' },
      after: { status: 'cancelled', cancelReason: '与学院活动冲突' },
    })
  })

  it('needs a reason to change who attended or the times of a meeting that has ended, and shows the correction on the meeting', async () => {
    const now = Date.now()
    const past = {
      title: '已结束的支委会',
      type: 'committee',
      audience: 'chosen',
      memberIds: [csSecretary.id, student.id, other.id],
      startAt: new Date(now - 3 * 60 * MIN).toISOString(),
      endAt: new Date(now - 2 * 60 * MIN).toISOString(),
      checkInOpensAt: new Date(now - 3 * 60 * MIN - 10 * MIN).toISOString(),
      checkInClosesAt: new Date(now - 2 * 60 * MIN).toISOString(),
    }
    const meeting = await createMeeting(past)
    const stored = await meetingDoc(meeting.id)
    const edit = {
      action: 'update',
      meetingId: meeting.id,
      ...openMeetingForm({ ...past, memberIds: [csSecretary.id, student.id] }),
    }

    // No reason (or a blank one): refused, nothing changes.
    expectError(await call('meeting', edit, csSecretary.openid), 'INVALID_ARGUMENT', /更正原因/)
    expectError(await call('meeting', { ...edit, reason: '  ' }, csSecretary.openid), 'INVALID_ARGUMENT', /更正原因/)
    expectError(
      await call('meeting', { ...edit, reason: '改'.repeat(201) }, csSecretary.openid),
      'INVALID_ARGUMENT',
      /200/,
    )
    expectError(
      await call(
        'meeting',
        { ...edit, startAt: new Date(now - 4 * 60 * MIN).toISOString(), memberIds: past.memberIds },
        csSecretary.openid,
      ),
      'INVALID_ARGUMENT',
      /更正原因/,
    )
    expect(await meetingDoc(meeting.id)).toEqual(stored)
    // Nobody corrects their own attendance.
    expectError(
      await call(
        'meeting',
        { ...edit, memberIds: [student.id, other.id], reason: '书记当天出差未到会' },
        csSecretary.openid,
      ),
      'FORBIDDEN',
      /自己/,
    )
    expect(await meetingDoc(meeting.id)).toEqual(stored)
    // A title alone is no correction.
    data(
      await call(
        'meeting',
        { ...edit, memberIds: past.memberIds, title: '已结束的支委会（十一月）' },
        csSecretary.openid,
      ),
    )
    expect((await meetingDoc(meeting.id)).corrections).toBeUndefined()

    const corrected = data(
      await call<MeetingDetail>(
        'meeting',
        { ...edit, title: '已结束的支委会（十一月）', reason: '马天宇不是支委，误列入名单' },
        csSecretary.openid,
      ),
    )
    expect(corrected.corrections).toEqual([
      {
        at: expect.any(String),
        byName: '陈立华',
        reason: '马天宇不是支委，误列入名单',
        changes: ['参会人员移除：马天宇'],
      },
    ])
    const [audit] = await auditsOf(meeting.id, 'meeting.correct')
    expect(audit.detail).toMatchObject({ reason: '马天宇不是支委，误列入名单', changes: ['参会人员移除：马天宇'] })
    expect((audit.detail.before as { attendees: string[] }).attendees).toHaveLength(3)
    expect((audit.detail.after as { attendees: string[] }).attendees).toHaveLength(2)

    // Everyone who sees the meeting sees the correction: who, when, why.
    const seen = data(await call<MeetingDetail>('meeting', { action: 'get', meetingId: meeting.id }, student.openid))
    expect(seen.corrections.map((c) => c.reason)).toEqual(['马天宇不是支委，误列入名单'])
  })

  it('audits study publishing and withdrawal with before and after', async () => {
    const article = articleFields(
      '十一月支部学习安排',
      'col-notice',
      [{ type: 'paragraph', text: '本月支部集中学习党章第一章至第三章，请大家提前阅读。' }],
      { pinned: false },
    )
    const { id } = data(await call<{ id: string }>('study', { action: 'publish', ...article }, csSecretary.openid))
    const [published] = await auditsOf(id, 'study.publish')
    expect(published.detail).toMatchObject({
      before: null,
      after: { title: '十一月支部学习安排', status: 'published' },
    })
    data(
      await call(
        'study',
        { action: 'publish', id, ...article, title: '十一月支部学习安排（更新）' },
        csSecretary.openid,
      ),
    )
    const [edited] = await auditsOf(id, 'study.edit')
    expect(edited.detail).toMatchObject({
      before: { title: '十一月支部学习安排' },
      after: { title: '十一月支部学习安排（更新）' },
    })
    data(await call('study', { action: 'withdraw', id }, csSecretary.openid))
    const [withdrawn] = await auditsOf(id, 'study.withdraw')
    expect(withdrawn.detail).toMatchObject({ before: { status: 'published' }, after: { status: 'withdrawn' } })
  })

  it('audits quiz creation and every question edit with before and after', async () => {
    const { id } = data(
      await call<{ id: string }>(
        'quiz',
        {
          action: 'createQuiz',
          title: '审计用党章小测',
          description: '',
          mode: 'fixed',
          questionIds: ['q-010', 'q-011'],
          tags: [],
          count: 2,
          timeLimitMinutes: 5,
          opensAt: new Date(Date.now() - MIN).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          attemptsAllowed: 1,
          audience: ['activist'],
        },
        csSecretary.openid,
      ),
    )
    const [created] = await auditsOf(id, 'quiz.create')
    expect(created).toMatchObject({
      actorId: csSecretary.id,
      detail: {
        before: null,
        after: { title: '审计用党章小测', mode: 'fixed', questionIds: ['q-010', 'q-011'], branchId: 'branch-cs' },
      },
    })

    const question = {
      action: 'editQuestion',
      op: 'save',
      type: 'judge',
      stem: '审计测试：党的基层组织每届任期三年至五年。',
      options: ['正确', '错误'],
      answer: [0],
      explanation: '党章第三十条。',
      tags: ['党章'],
      difficulty: 2,
    }
    const saved = data(await call<BankQuestion>('quiz', question, committee.openid))
    expect((await auditsOf(saved.id, 'quiz.question.create'))[0].detail).toMatchObject({
      before: null,
      after: { answer: [0], explanation: '党章第三十条。' },
    })
    data(await call('quiz', { ...question, id: saved.id, explanation: '党章第三十条规定。' }, committee.openid))
    expect((await auditsOf(saved.id, 'quiz.question.edit'))[0].detail).toMatchObject({
      before: { explanation: '党章第三十条。' },
      after: { explanation: '党章第三十条规定。' },
    })
    data(await call('quiz', { action: 'editQuestion', op: 'retire', id: saved.id }, committee.openid))
    expect((await auditsOf(saved.id, 'quiz.question.retire'))[0].detail).toMatchObject({
      before: { status: 'active' },
      after: { status: 'retired' },
    })
  })

  it('names the student in the audit of a report review', async () => {
    const [doc] = await findDocs<ReportDoc>(sdk, 'reports', { branchId: 'branch-cs', status: 'pending' })
    data(
      await call(
        'report',
        { action: 'review', id: doc._id, version: doc.currentVersion, decision: 'approve', comment: '' },
        csSecretary.openid,
      ),
    )
    const [entry] = await auditsOf(doc._id, 'report.review')
    expect(entry.detail).toMatchObject({
      memberId: doc.memberId,
      memberName: doc.memberName,
      before: { status: 'pending' },
      after: { status: 'approved' },
    })
    expect(entry.detail.summary).toContain(doc.memberName)
  })
})
