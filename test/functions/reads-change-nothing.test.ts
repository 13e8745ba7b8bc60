import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ActionKind } from '../../cloudfunctions/_shared/contract'
import { encodeCursor } from '../../cloudfunctions/_shared/cursor'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import type { ArchiveResult } from '../../cloudfunctions/branch/src/contract'
import { branchActionKinds } from '../../cloudfunctions/branch/src/contract'
import { developmentActionKinds } from '../../cloudfunctions/development/src/contract'
import { duesActionKinds } from '../../cloudfunctions/dues/src/contract'
import { meetingActionKinds } from '../../cloudfunctions/meeting/src/contract'
import { memberCareActionKinds } from '../../cloudfunctions/member-care/src/contract'
import { quizActionKinds } from '../../cloudfunctions/quiz/src/contract'
import { reportActionKinds } from '../../cloudfunctions/report/src/contract'
import { studyActionKinds } from '../../cloudfunctions/study/src/contract'
import { userActionKinds } from '../../cloudfunctions/user/src/contract'
import { voicesActionKinds } from '../../cloudfunctions/voices/src/contract'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT, type LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { useLocalCloud } from '../helpers/suite'

/**
 * Reads change nothing (issue #12). A secretary opening a member's profile once deleted the text, photos
 * and review of every approved report of that member: the local cloud's engine let an aggregate's
 * `$project` delete fields from the stored documents a `$lookup` had joined. Here every action that its
 * contract names `read` or `audited-read` is called by each role, with plausible parameters from the
 * seeded data, and the database must be identical afterwards (a digest of every collection, read through
 * the real SDK); an audited read may add its audit entries and nothing else. A new read action is
 * covered as soon as its contract names it: this test then fails until it has parameters below.
 */

type Params = Record<string, unknown>
type Role = 'student' | 'member' | 'secretary' | 'committee'

const KINDS: Record<string, Record<string, ActionKind>> = {
  user: userActionKinds,
  study: studyActionKinds,
  report: reportActionKinds,
  meeting: meetingActionKinds,
  quiz: quizActionKinds,
  branch: branchActionKinds,
  dues: duesActionKinds,
  voices: voicesActionKinds,
  development: developmentActionKinds,
  'member-care': memberCareActionKinds,
}

const OPENIDS: Record<Role, string> = {
  student: demoOpenid('2022010107'), // 张欣怡, activist, branch-cs
  member: demoOpenid('2020010111'), // 孙雅琪, full member with 12 approved reports, branch-cs
  secretary: demoOpenid('T2016003'), // 陈立华, secretary of branch-cs
  committee: demoOpenid('T2009001'), // 刘建国, college committee
}

/** Seeded ids the parameters refer to, read once through the SDK. */
interface Seeded {
  sun: MemberDoc
  reportId: string
  period: string
  meetingId: string
  articleId: string
  columnId: string
  commentArticleId: string
  quizId: string
  attemptId: string
  questionId: string
  month: string
  dashboardCursor: string
}

/** Plausible parameter sets per read action; every role is called with each of them. */
const PARAMS: Record<string, (s: Seeded) => Params[]> = {
  'user.login': () => [{}],
  'user.me': () => [{}],
  'study.columns': () => [{}],
  'study.feed': () => [{}],
  'study.list': (s) => [{ columnId: s.columnId }, { keyword: '党' }],
  'study.get': (s) => [{ id: s.articleId }],
  'study.favorites': () => [{}],
  'study.history': () => [{}],
  'study.comments': (s) => [{ articleId: s.commentArticleId }],
  'study.managed': () => [{ status: 'published' }, { status: 'draft' }, { status: 'withdrawn' }],
  'study.clockInCalendar': (s) => [{}, { month: s.month }],
  'study.points': () => [{}],
  'study.pointsHistory': () => [{}],
  'study.ranking': () => [
    { scope: 'branch', period: 'week' },
    { scope: 'college', period: 'all' },
  ],
  'report.listMine': () => [{}],
  'report.get': (s) => [{ id: s.reportId }, { period: s.period }],
  'report.listForReview': () => [{ status: 'pending' }, { status: 'approved' }, { status: 'all' }],
  'report.schedule': (s) => [{}, { memberId: s.sun._id }],
  'report.overdue': () => [{}, { branchId: 'branch-cs' }],
  'meeting.list': () => [{ scope: 'upcoming' }, { scope: 'past' }],
  'meeting.get': (s) => [{ meetingId: s.meetingId }],
  'meeting.checkInCode': (s) => [{ meetingId: s.meetingId }],
  'meeting.attendance': (s) => [{ meetingId: s.meetingId }],
  'meeting.exportAttendance': (s) => [{ meetingId: s.meetingId }],
  'meeting.compliance': () => [{}],
  'meeting.myAttendance': () => [{}],
  'meeting.memberCode': () => [{}],
  'meeting.roster': () => [{}, { branchId: 'branch-cs' }],
  'quiz.daily': () => [{}],
  'quiz.listQuizzes': () => [{ scope: 'mine' }, { scope: 'manage' }],
  'quiz.result': (s) => [{ attemptId: s.attemptId }],
  'quiz.mistakes': () => [{}, { mastered: true }],
  'quiz.ranking': (s) => [{ board: 'overall' }, { board: 'streak' }, { board: 'quiz', quizId: s.quizId }],
  'quiz.quizStats': (s) => [{ quizId: s.quizId }],
  'quiz.questions': (s) => [{}, { keyword: '党' }, { id: s.questionId }],
  'branch.branches': () => [{}],
  'branch.members': () => [{}, { branchId: 'branch-cs', q: '孙' }],
  'branch.member': (s) => [{ memberId: s.sun._id }],
  'branch.selfCheck': () => [{}],
  'branch.reminders': () => [{}],
  'branch.dashboard': () => [{}, { branchId: 'branch-cs' }],
  'branch.dashboardBranches': (s) => [{ cursor: s.dashboardCursor }],
  'branch.export': () => [{ kind: 'members' }, { kind: 'reports' }, { kind: 'attendance' }],
  'branch.archive': (s) => [{}, { memberId: s.sun._id }, { memberId: s.sun._id, format: 'file' }],
  'branch.auditLog': () => [{}, { operation: 'report.' }],
  'dues.home': (s) => [{}, { forMemberId: s.sun._id }],
  'dues.orderStatus': () => [{ outTradeNo: 'DFSEED0000000000001' }],
  'dues.branch': () => [{}, { branchId: 'branch-cs', year: 2026 }],
  'dues.exportBranch': () => [{}, { branchId: 'branch-cs' }],
  'dues.exemptions': () => [{}],
  'dues.statement': (s) => [{ year: Number(s.month.slice(0, 4)) }, { year: Number(s.month.slice(0, 4)), quarter: 4 }],
  'dues.reconciliation': () => [{}],
  'voices.home': () => [{}],
  'voices.manage': () => [{}, { branchId: 'branch-cs' }],
  'voices.appraisal': (s) => [
    { appraisalId: `ap-${s.month.slice(0, 4)}-branch-cs` },
    { appraisalId: `ap-${Number(s.month.slice(0, 4)) - 1}-branch-cs` },
  ],
  'voices.exportAppraisal': (s) => [{ appraisalId: `ap-${Number(s.month.slice(0, 4)) - 1}-branch-cs` }],
  'voices.vote': () => [{ voteId: 'vtseed0000000000000001' }],
  'voices.survey': () => [{ surveyId: 'svseed0000000000000001' }],
  'voices.exportSurvey': () => [{ surveyId: 'svseed0000000000000001' }],
  'voices.honours': () => [{}],
  'development.file': (s) => [{}, { memberId: s.sun._id }],
  'development.upcoming': () => [{}, { branchId: 'branch-cs' }],
  'development.problems': () => [{}, { branchId: 'branch-cs' }],
  'development.rules': () => [{}],
  'development.materialFiles': (s) => [
    { step: 1, item: 'application' },
    { memberId: s.sun._id, step: 1, item: 'application' },
  ],
  'development.calendar': () => [{ year: 2026 }, { year: 2027 }],
  'development.exportFile': (s) => [{ format: 'docx' }, { memberId: s.sun._id, format: 'pdf' }],
  'development.exportBranch': () => [{ format: 'docx' }, { branchId: 'branch-cs', format: 'docx' }],
  'member-care.home': () => [{}],
  'member-care.awayList': () => [{}, { branchId: 'branch-cs' }],
  // Seeded: 沈清妍's letter (branch-grad), past its validity.
  'member-care.letter': () => [{ transferId: 'transfer-2022110113' }],
  'member-care.transfers': () => [{}, { branchId: 'branch-grad' }],
  'member-care.talks': () => [{}, { branchId: 'branch-cs', year: new Date().getFullYear() }],
  'member-care.myHours': () => [{}],
  'member-care.hours': () => [{}, { branchId: 'branch-se' }],
}

let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>
let seeded: Seeded

interface CollectionsFile {
  collections: Record<string, { derived?: boolean }>
}

/** Every collection but the derived caches (a read may refresh those). */
function digestedCollections(): string[] {
  const file = JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as CollectionsFile
  return Object.entries(file.collections)
    .filter(([, spec]) => spec.derived !== true)
    .map(([name]) => name)
}

type Digest = Map<string, Map<string, string>>

/** Every document of every collection, by _id, as the SDK reads it (hash of its JSON). */
async function digest(): Promise<Digest> {
  const db = sdk.database()
  const out: Digest = new Map()
  for (const name of digestedCollections()) {
    const docs = new Map<string, string>()
    for (let skip = 0; ; skip += 1000) {
      const res = (await db.collection(name).orderBy('_id', 'asc').skip(skip).limit(1000).get()) as { data: Params[] }
      for (const doc of res.data)
        docs.set(String(doc._id), createHash('sha1').update(JSON.stringify(doc)).digest('hex'))
      if (res.data.length < 1000) break
    }
    out.set(name, docs)
  }
  return out
}

/** What changed between two digests, as readable lines; new audit entries are allowed for audited reads. */
function differences(before: Digest, after: Digest, allowNewAudit: boolean): string[] {
  const lines: string[] = []
  for (const [name, docs] of before) {
    const now = after.get(name) ?? new Map<string, string>()
    for (const [id, hash] of docs) {
      if (!now.has(id)) lines.push(`${name}/${id} removed`)
      else if (now.get(id) !== hash) lines.push(`${name}/${id} changed`)
    }
    for (const id of now.keys()) {
      if (!docs.has(id) && !(allowNewAudit && name === 'audit')) lines.push(`${name}/${id} added`)
    }
  }
  return lines
}

function newAuditEntries(before: Digest, after: Digest): number {
  const old = before.get('audit') ?? new Map<string, string>()
  return [...(after.get('audit') ?? new Map<string, string>()).keys()].filter((id) => !old.has(id)).length
}

async function first<T>(collection: string, where: Params): Promise<T> {
  const [doc] = await findDocs<T>(sdk, collection, where)
  if (!doc) throw new Error(`no seeded ${collection} matching ${JSON.stringify(where)}`)
  return doc
}

/** The student's finished daily quiz: started and submitted here (before any digest is taken). */
async function finishedAttempt(): Promise<string> {
  const started = await cloud.call<Result<{ attemptId: string }>>(
    'quiz',
    { action: 'start', kind: 'daily' },
    OPENIDS.student,
  )
  if (!started.ok) throw new Error(`quiz.start: ${started.code} ${started.message}`)
  const submitted = await cloud.call<Result<unknown>>(
    'quiz',
    { action: 'submit', attemptId: started.data.attemptId, answers: [] },
    OPENIDS.student,
  )
  if (!submitted.ok) throw new Error(`quiz.submit: ${submitted.code} ${submitted.message}`)
  return started.data.attemptId
}

/**
 * A cursor into the committee's dashboard snapshot, stored by a 刷新. The seeded college's three branches fit
 * on the first page, so the cursor is the one after its first branch (paging itself: dashboard-snapshot.test.ts).
 */
async function dashboardCursor(): Promise<string> {
  const refreshed = await cloud.call<Result<{ generatedAt: string }>>(
    'branch',
    { action: 'dashboard', fresh: true },
    OPENIDS.committee,
  )
  if (!refreshed.ok) throw new Error(`branch.dashboard: ${refreshed.code} ${refreshed.message}`)
  return encodeCursor(Date.parse(refreshed.data.generatedAt), ['0'])
}

async function readSeeded(): Promise<Seeded> {
  const sun = await first<MemberDoc>('members', { studentNo: '2020010111' })
  const report = await first<{ _id: string; period: string }>('reports', { memberId: sun._id, status: 'approved' })
  const meeting = await first<{ _id: string }>('meetings', { branchId: 'branch-cs' })
  const article = await first<{ _id: string; columnId: string }>('articles', { status: 'published' })
  const comment = await first<{ articleId: string }>('studyComments', {})
  const quiz = await first<{ _id: string }>('quizzes', {})
  const attemptId = await finishedAttempt()
  const question = await first<{ _id: string }>('questions', {})
  return {
    sun,
    reportId: report._id,
    period: report.period,
    meetingId: meeting._id,
    articleId: article._id,
    columnId: article.columnId,
    commentArticleId: comment.articleId,
    quizId: quiz._id,
    attemptId,
    questionId: question._id,
    month: new Date().toISOString().slice(0, 7),
    dashboardCursor: await dashboardCursor(),
  }
}

useLocalCloud(async (started, admin) => {
  cloud = started
  sdk = admin
  seeded = await readSeeded()
})

const READS = Object.entries(KINDS).flatMap(([fn, kinds]) =>
  Object.entries(kinds)
    .filter(([, kind]) => kind !== 'write')
    .map(([action, kind]) => ({ fn, action, kind })),
)

describe('every read action of every function changes nothing', () => {
  it('every cloud function declares its action kinds here', () => {
    const functions = readdirSync(join(ROOT, 'cloudfunctions'), { withFileTypes: true })
      .filter(
        (d) =>
          d.isDirectory() &&
          !d.name.startsWith('_') &&
          existsSync(join(ROOT, 'cloudfunctions', d.name, 'src', 'contract.ts')),
      )
      .map((d) => d.name)
    expect(Object.keys(KINDS).sort()).toEqual(functions.sort())
  })

  it('every read action has plausible parameters', () => {
    const missing = READS.map((r) => `${r.fn}.${r.action}`).filter((name) => !(name in PARAMS))
    expect(missing).toEqual([])
    const stale = Object.keys(PARAMS).filter((name) => !READS.some((r) => `${r.fn}.${r.action}` === name))
    expect(stale).toEqual([])
  })

  for (const { fn, action, kind } of READS)
    it(`${fn}.${action} (${kind})`, async () => {
      const make = PARAMS[`${fn}.${action}`]
      if (!make) throw new Error(`no parameters for ${fn}.${action}`)
      const before = await digest()
      const answers: string[] = []
      for (const params of make(seeded)) {
        for (const role of Object.keys(OPENIDS) as Role[]) {
          const result = await cloud.call<Result<unknown>>(fn, { action, ...params }, OPENIDS[role])
          answers.push(`${role} ${JSON.stringify(params)}: ${result.ok ? 'ok' : result.code}`)
        }
      }
      // Not vacuous: some role reaches the action's real path, and nothing breaks inside it.
      expect(
        answers.some((a) => a.endsWith(': ok')),
        answers.join('\n'),
      ).toBe(true)
      expect(
        answers.filter((a) => a.endsWith(': INTERNAL')),
        answers.join('\n'),
      ).toEqual([])
      const after = await digest()
      expect(
        differences(before, after, kind === 'audited-read'),
        `${fn}.${action} changed stored data\n${answers.join('\n')}`,
      ).toEqual([])
      if (kind === 'audited-read') expect(newAuditEntries(before, after)).toBeGreaterThan(0)
    })
})

describe('a secretary opening a member keeps the member’s reports whole (the reproduction)', () => {
  interface StoredReport {
    _id: string
    versions?: unknown[]
  }

  async function approvedReports(memberId: string): Promise<StoredReport[]> {
    return findDocs<StoredReport>(sdk, 'reports', { memberId, status: 'approved' })
  }

  it('branch.member, development.file and selfCheck leave every version of 孙雅琪’s 12 approved reports', async () => {
    const before = await approvedReports(seeded.sun._id)
    expect(before).toHaveLength(12)
    for (const r of before) expect(r.versions?.length ?? 0).toBeGreaterThan(0)
    expect(
      (await cloud.call<Result<unknown>>('branch', { action: 'member', memberId: seeded.sun._id }, OPENIDS.secretary))
        .ok,
    ).toBe(true)
    expect(
      (
        await cloud.call<Result<unknown>>(
          'development',
          { action: 'file', memberId: seeded.sun._id },
          OPENIDS.secretary,
        )
      ).ok,
    ).toBe(true)
    expect((await cloud.call<Result<unknown>>('branch', { action: 'selfCheck' }, OPENIDS.member)).ok).toBe(true)
    expect(await approvedReports(seeded.sun._id)).toEqual(before)
  })

  it('the archive of every seeded member with approved reports holds all of them, for the member and their secretary', async () => {
    const members = await findDocs<MemberDoc>(sdk, 'members', { openid: sdk.database().command.neq(null) })
    let checked = 0
    for (const member of members) {
      const approved = await approvedReports(member._id)
      if (approved.length === 0 || !member.branchId) continue
      const [secretary] = await findDocs<MemberDoc>(sdk, 'members', { branchId: member.branchId, roles: 'secretary' })
      if (!secretary?.openid || !member.openid || secretary._id === member._id) continue
      expect(
        (await cloud.call<Result<unknown>>('branch', { action: 'member', memberId: member._id }, secretary.openid)).ok,
      ).toBe(true)
      for (const [who, openid, params] of [
        ['member', member.openid, {}],
        ['secretary', secretary.openid, { memberId: member._id }],
      ] as const) {
        const result = await cloud.call<Result<ArchiveResult>>('branch', { action: 'archive', ...params }, openid)
        if (!result.ok) throw new Error(`${member.name}'s archive as ${who}: ${result.code} ${result.message}`)
        expect(result.data.reports.map((r) => r.id).sort(), `${member.name} as ${who}`).toEqual(
          approved.map((r) => r._id).sort(),
        )
      }
      checked++
    }
    expect(checked).toBeGreaterThanOrEqual(3)
  }, 120_000)
})
