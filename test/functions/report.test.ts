import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_COLLEGE_SETTINGS } from '../../cloudfunctions/_shared/domain'
import type { ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'
import { owedPeriods, periodOf, shiftPeriod, toDay, type Period } from '../../cloudfunctions/_shared/periods'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import type {
  GetResult,
  ListMineResult,
  NudgeResult,
  OverdueResult,
  QueueResult,
  RemindResult,
  ReviewResult,
  SaveResult,
  ScheduleResult,
  SubmitResult,
  SubscribeResult,
} from '../../cloudfunctions/report/src/contract'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import { demoOpenid, PEOPLE, type SeedPerson } from '../../local-cloud/src/seed/people'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { useLocalCloud, outbox } from '../helpers/suite'
import { memberIdOf } from '../helpers/members'
import { data, expectError } from '../helpers/results'

/**
 * The report function through the gateway and the real SDK, against a freshly seeded local cloud:
 * authoring, review, scope, validation, concurrency, audit, content check, subscribe messages, and the
 * database requests each action makes.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const current = periodOf(new Date(), DEFAULT_COLLEGE_SETTINGS.reportPeriod)
const previous = shiftPeriod(current, -1)
const owesReports = (p: SeedPerson): boolean =>
  p.bound && p.roles.includes('student') && DEFAULT_COLLEGE_SETTINGS.reportStages.includes(p.stage)
const secretaryOf = (branchId: string | null): SeedPerson =>
  PEOPLE.find((p) => p.roles.includes('secretary') && p.branchId === branchId)!
const committee = PEOPLE.find((p) => p.roles.includes('committee'))!
const applicant = PEOPLE.find((p) => p.bound && p.stage === 'applicant' && p.branchId === 'branch-cs')!
const masses = PEOPLE.find((p) => p.bound && p.stage === 'masses')!
const as = (p: SeedPerson): string => demoOpenid(p.studentNo)
const memberId = (p: SeedPerson): string => memberIdOf(p.studentNo)

/**
 * (student, period) pairs the student owes and has no report for yet (the running period or an overdue
 * one), handed out one per test so tests never touch the same report.
 */
interface Slot {
  student: SeedPerson
  period: Period
}
const slots: Slot[] = []
function freshSlot(opts: { branchId?: string; running?: boolean } = {}): Slot {
  const i = slots.findIndex(
    (s) => (!opts.branchId || s.student.branchId === opts.branchId) && (!opts.running || s.period.id === current.id),
  )
  if (i < 0) throw new Error(`no report slot left (${JSON.stringify(opts)})`)
  return slots.splice(i, 1)[0]
}

function call<T>(who: SeedPerson | string | null, event: Record<string, unknown>): Promise<Result<T>> {
  return cloud.call<Result<T>>('report', event, typeof who === 'string' || who === null ? who : as(who))
}

async function storedReport(id: string): Promise<ReportDoc | null> {
  const [doc] = await findDocs<ReportDoc>(sdk, 'reports', { _id: id })
  return doc ?? null
}

/** Uploads a real PNG into the member's own folder through the H5 upload route; answers its fileID. */
async function upload(owner: SeedPerson, name: string, uploader = owner): Promise<string> {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  )
  const form = new FormData()
  form.append('cloudPath', `uploads/${memberId(owner)}/test/${name}.png`)
  form.append('file', new Blob([png], { type: 'image/png' }), `${name}.png`)
  const res = await fetch(`${cloud.url}/api/storage/upload`, {
    method: 'POST',
    body: form,
    headers: { 'x-wx-openid': as(uploader) },
  })
  const body = (await res.json()) as { fileID: string }
  return body.fileID
}

const BODY =
  '敬爱的党组织：这一季度我认真学习了党章，参加了两次社区志愿服务，帮助班里同学复习数据结构。也看到自己在时间管理上的不足，今后会制定计划、按时完成。'

interface CallRecord {
  fn: string
  action: string | null
  queries: { collection: string; index: string | null; action: string }[]
}

/** One `review` decision on version `version` of report `id`. */
function review(
  who: SeedPerson | string,
  id: string,
  version: number,
  decision: 'approve' | 'return',
  comment?: string,
): Promise<Result<ReviewResult>> {
  return call<ReviewResult>(who, {
    action: 'review',
    id,
    version,
    decision,
    ...(comment === undefined ? {} : { comment }),
  })
}

async function callLog(): Promise<CallRecord[]> {
  return (await (await fetch(`${cloud.url}/api/dev/calls?limit=1000`)).json()) as CallRecord[]
}

useLocalCloud(async (started, admin) => {
  cloud = started
  sdk = admin
  const [members, reports] = await Promise.all([
    findDocs<MemberDoc>(sdk, 'members', {}),
    findDocs<ReportDoc>(sdk, 'reports', {}),
  ])
  const taken = new Set(reports.map((r) => r._id))
  const today = toDay(new Date())
  for (const person of PEOPLE.filter(owesReports)) {
    const member = members.find((m) => m._id === memberId(person))!
    for (const period of owedPeriods(member, DEFAULT_COLLEGE_SETTINGS, today).reverse()) {
      if (!taken.has(`${member._id}:${period.id}`)) slots.push({ student: person, period })
    }
  }
  // The running period first: most tests read best with it.
  slots.sort((a, b) => Number(b.period.id === current.id) - Number(a.period.id === current.id))
})

describe('the seed', () => {
  it('has reports in every state, with reviews signed and audited, and photo reports with real images', async () => {
    const all = await findDocs<ReportDoc>(sdk, 'reports', {})
    const states = new Set(all.map((r) => r.status))
    expect([...states].sort()).toEqual(['approved', 'draft', 'pending', 'returned'])
    const approved = all.find((r) => r.status === 'approved' && r.lastReview?.comment)!
    expect(approved.versions.at(-1)?.review?.reviewerName).toBe(secretaryOf(approved.branchId).name)
    expect(all.some((r) => r.versions.length > 1 && r.status === 'approved')).toBe(true)
    expect(await findDocs(sdk, 'audit', { action: 'report.review', targetId: approved._id })).not.toHaveLength(0)
    // Nothing pending in the software engineering branch: a new submission there tops the queue.
    expect(all.filter((r) => r.branchId === 'branch-se' && r.status === 'pending')).toEqual([])

    const withPhotos = all.find((r) => r.versions.some((v) => v.photos.length > 0))!
    const got = data(await call<GetResult>(secretaryOf(withPhotos.branchId), { action: 'get', id: withPhotos._id }))
    const photo = got.report!.versions.find((v) => v.photos.length > 0)!.photos[0]
    const image = await fetch(photo.url)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(5000)
  })
})

describe('writing and submitting', () => {
  it('saves a draft on the server, refuses a stale copy from another phone, and keeps the newer one', async () => {
    const { student, period } = freshSlot()
    const first = data(
      await call<SaveResult>(student, { action: 'saveDraft', period: period.id, title: '草稿', body: '第一段' }),
    )
    expect(first).toMatchObject({ revision: 1, status: 'draft', id: `${memberId(student)}:${period.id}` })
    const second = data(
      await call<SaveResult>(student, {
        action: 'saveDraft',
        period: period.id,
        revision: 1,
        title: '草稿',
        body: '第一段，第二段',
      }),
    )
    expect(second.revision).toBe(2)

    // Another phone still holds revision 1 (or none at all): refused, the newer draft is untouched.
    expectError(
      await call(student, { action: 'saveDraft', period: period.id, revision: 1, body: '旧手机上的内容' }),
      'CONFLICT',
    )
    expectError(await call(student, { action: 'saveDraft', period: period.id, body: '新手机上的内容' }), 'CONFLICT')
    const got = data(await call<GetResult>(student, { action: 'get', period: period.id }))
    expect(got.report?.draft?.body).toBe('第一段，第二段')
    expect(got.report?.revision).toBe(2)
    expect(got.report?.versions).toEqual([])
  })

  it('submits, shows it pending in the calendar and the timeline, and refuses edits while it waits', async () => {
    const { student, period } = freshSlot()
    const photos = [await upload(student, 'p1'), await upload(student, 'p2')]
    const res = data(await call<SubmitResult>(student, { action: 'submit', period: period.id, body: BODY, photos }))
    expect(res).toMatchObject({ status: 'pending', version: 1, revision: 1 })
    expect(res.templates.result).toBeTruthy()

    const mine = data(await call<ListMineResult>(student, { action: 'listMine' }))
    const entry = mine.calendar.entries.find((e) => e.period.id === period.id)!
    expect(entry).toMatchObject({ state: 'submitted', reportStatus: 'pending', reportId: res.id })
    expect(mine.reports.find((r) => r.id === res.id)).toMatchObject({
      status: 'pending',
      photoCount: 2,
      title: `${period.label}思想汇报`,
    })

    const got = data(await call<GetResult>(student, { action: 'get', id: res.id }))
    expect(got.report?.versions[0].photos.map((p) => p.fileID)).toEqual(photos)
    expect(got.report?.versions[0].photos.every((p) => p.url.startsWith('http'))).toBe(true)
    expect(got.report?.timeline.map((t) => t.kind)).toEqual(['submitted'])
    expect(got.report?.canEdit).toBe(false)

    expectError(
      await call(student, { action: 'saveDraft', period: period.id, revision: 1, body: '改一改' }),
      'FAILED_PRECONDITION',
    )
    expectError(
      await call(student, { action: 'submit', period: period.id, revision: 1, body: BODY }),
      'FAILED_PRECONDITION',
    )
    expect((await storedReport(res.id))?.versions).toHaveLength(1)
  })

  it('creates one report, not two, when the same draft is submitted twice at once', async () => {
    const { student, period } = freshSlot()
    const saved = data(await call<SaveResult>(student, { action: 'saveDraft', period: period.id, body: BODY }))
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        call<SubmitResult>(student, { action: 'submit', period: period.id, revision: saved.revision, body: BODY }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok))
      expect(['CONFLICT', 'FAILED_PRECONDITION']).toContain((r as ErrorResult).code)
    const docs = await findDocs<ReportDoc>(sdk, 'reports', { memberId: memberId(student), period: period.id })
    expect(docs).toHaveLength(1)
    expect(docs[0].versions).toHaveLength(1)
    expect(docs[0].timeline.filter((t) => t.kind === 'submitted')).toHaveLength(1)

    // The same race on a report never saved before.
    const other = freshSlot()
    const raced = await Promise.all(
      Array.from({ length: 4 }, () =>
        call<SubmitResult>(other.student, { action: 'submit', period: other.period.id, body: BODY }),
      ),
    )
    expect(raced.filter((r) => r.ok)).toHaveLength(1)
    const created = await findDocs<ReportDoc>(sdk, 'reports', {
      memberId: memberId(other.student),
      period: other.period.id,
    })
    expect(created).toHaveLength(1)
    expect(created[0].versions).toHaveLength(1)
  })

  it('lets an applicant write a voluntary report for the running period only, and nobody write for 群众', async () => {
    data(await call<SaveResult>(applicant, { action: 'saveDraft', period: current.id, body: '自愿提交的思想汇报' }))
    expectError(await call(applicant, { action: 'saveDraft', period: previous.id, body: '补交' }), 'INVALID_ARGUMENT')
    expectError(await call(masses, { action: 'saveDraft', period: current.id, body: '内容' }), 'INVALID_ARGUMENT')
  })
})

describe('bad input changes nothing', () => {
  // These store nothing, so they share one slot.
  let slot: Slot
  beforeAll(() => {
    slot = freshSlot({ running: true })
  })

  it('refuses empty reports, long text, too many photos, bad or unknown periods, with a clear message', async () => {
    const { student } = slot
    const before = await findDocs(sdk, 'reports', { memberId: memberId(student) })
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'submit', period: current.id }, '空'],
      [{ action: 'submit', period: current.id, title: '  ', body: '   ' }, '空'],
      [{ action: 'submit', period: current.id, body: '太短了' }, '至少'],
      [{ action: 'saveDraft', period: current.id, body: '长'.repeat(10_001) }, '不能超过'],
      [{ action: 'saveDraft', period: current.id, title: '题'.repeat(51), body: BODY }, '标题'],
      [
        {
          action: 'saveDraft',
          period: current.id,
          photos: Array.from({ length: 10 }, (_, i) => `cloud://env.b/uploads/${memberId(student)}/x/${i}.png`),
        },
        '9',
      ],
      [{ action: 'saveDraft', period: '2026-Q5', body: BODY }, '周期'],
      [
        { action: 'saveDraft', period: `${current.year}-${String(current.index).padStart(2, '0')}`, body: BODY },
        '周期',
      ], // a month id: wrong period kind
      [{ action: 'saveDraft', period: shiftPeriod(current, 1).id, body: BODY }, '还没有开始'],
      [{ action: 'saveDraft', period: '2015-Q1', body: BODY }, '不需要'],
      [{ action: 'saveDraft', period: current.id, body: 42 }, ''],
      [{ action: 'saveDraft', period: current.id, revision: -1, body: BODY }, '版本'],
      [{ action: 'saveDraft', period: current.id, photos: ['https://evil.example/x.png'] }, '文件'],
    ]
    for (const [event, words] of cases) {
      const error = expectError(await call(student, event), 'INVALID_ARGUMENT')
      expect(error.message).toContain(words)
    }
    expect(await findDocs(sdk, 'reports', { memberId: memberId(student) })).toEqual(before)
  })

  it('refuses a photo uploaded by someone else, and a photo that was never uploaded', async () => {
    const { student } = slot
    const classmate = PEOPLE.find((p) => p.bound && p.roles.includes('student') && p !== student)!
    const theirs = await upload(classmate, 'their-page')
    const error = expectError(
      await call(student, { action: 'submit', period: current.id, body: BODY, photos: [theirs] }),
      'FORBIDDEN',
    )
    expect(error.message).toContain('自己上传')
    // A path dressed up to look like the student's own folder is still someone else's.
    const sneaky = theirs.replace(
      `uploads/${memberId(classmate)}/`,
      `uploads/${memberId(student)}/../${memberId(classmate)}/`,
    )
    expectError(await call(student, { action: 'saveDraft', period: current.id, photos: [sneaky] }), 'FORBIDDEN')
    // Uploading into someone else's folder does not make the file theirs to use either.
    const planted = await upload(student, 'planted', classmate)
    expectError(await call(classmate, { action: 'saveDraft', period: current.id, photos: [planted] }), 'FORBIDDEN')
    const missing = `${theirs.split('/uploads/')[0]}/uploads/${memberId(student)}/test/never-uploaded.png`
    expectError(
      await call(student, { action: 'submit', period: current.id, body: BODY, photos: [missing] }),
      'INVALID_ARGUMENT',
    )
    expect(await storedReport(`${memberId(student)}:${current.id}`)).toBeNull()
  })

  it('refuses risky text with CONTENT_RISKY and stores nothing, however long the text', async () => {
    const { student } = slot
    const error = expectError(
      await call(student, { action: 'submit', period: current.id, body: `${BODY}欢迎访问赌博网站` }),
      'CONTENT_RISKY',
    )
    expect(error.message).toContain('不当')
    // Past the 2500 characters one msgSecCheck request takes, and right across a piece boundary.
    const long = `${'好'.repeat(2498)}赌博网站${'好'.repeat(3000)}`
    expectError(await call(student, { action: 'saveDraft', period: current.id, body: long }), 'CONTENT_RISKY')
    expect(await storedReport(`${memberId(student)}:${current.id}`)).toBeNull()
  })
})

describe('who sees what', () => {
  let report: SubmitResult
  let author: SeedPerson
  beforeAll(async () => {
    const slot = freshSlot({ branchId: 'branch-cs' })
    author = slot.student
    report = data(await call<SubmitResult>(author, { action: 'submit', period: slot.period.id, body: BODY }))
  })

  it('shows a report to its author, their branch secretary and the committee only', async () => {
    expect(
      data(await call<GetResult>(secretaryOf('branch-cs'), { action: 'get', id: report.id })).report?.canReview,
    ).toBe(true)
    expect(data(await call<GetResult>(committee, { action: 'get', id: report.id })).report?.member.name).toBe(
      author.name,
    )
    const classmate = PEOPLE.find(
      (p) => p.branchId === 'branch-cs' && p.bound && p !== author && p.roles.includes('student'),
    )!
    for (const outsider of [classmate, secretaryOf('branch-se')]) {
      const error = expectError(await call(outsider, { action: 'get', id: report.id }), 'NOT_FOUND')
      expect(error.message).toContain('无权')
    }
    expectError(await call(null, { action: 'get', id: report.id }), 'UNAUTHENTICATED')
    // Same answer as for a report that does not exist: nothing is revealed.
    expectError(await call(classmate, { action: 'get', id: 'm-nobody:2026-Q1' }), 'NOT_FOUND')
  })

  it('keeps drafts private, even from the branch secretary', async () => {
    const { student, period } = freshSlot({ branchId: 'branch-grad' })
    const secretary = secretaryOf('branch-grad')
    const saved = data(
      await call<SaveResult>(student, { action: 'saveDraft', period: period.id, body: '只给自己看的草稿' }),
    )
    expectError(await call(secretary, { action: 'get', id: saved.id }), 'NOT_FOUND')
    const queue = data(await call<QueueResult>(secretary, { action: 'listForReview', status: 'all', limit: 50 }))
    expect(queue.items.some((i) => i.id === saved.id)).toBe(false)
    expectError(await review(secretary, saved.id, 1, 'approve'), 'FAILED_PRECONDITION')
    const schedule = data(await call<ScheduleResult>(secretary, { action: 'schedule', memberId: memberId(student) }))
    expect(schedule.calendar.entries.find((e) => e.period.id === period.id)?.reportId).toBeNull()
  })

  it('gives the queue, schedules and overdue lists to those who manage the branch only', async () => {
    expectError(await call(author, { action: 'listForReview' }), 'FORBIDDEN')
    expectError(await call(author, { action: 'overdue' }), 'FORBIDDEN')
    expectError(await call(secretaryOf('branch-cs'), { action: 'listForReview', branchId: 'branch-se' }), 'FORBIDDEN')
    expectError(await call(secretaryOf('branch-cs'), { action: 'overdue', branchId: 'branch-se' }), 'FORBIDDEN')
    expectError(await call(committee, { action: 'listForReview', branchId: 'branch-nowhere' }), 'NOT_FOUND')

    expect(
      data(await call<ScheduleResult>(secretaryOf('branch-cs'), { action: 'schedule', memberId: memberId(author) }))
        .member.name,
    ).toBe(author.name)
    expectError(await call(secretaryOf('branch-se'), { action: 'schedule', memberId: memberId(author) }), 'NOT_FOUND')
    const classmate = PEOPLE.find(
      (p) => p.branchId === 'branch-cs' && p.bound && p !== author && p.roles.includes('student'),
    )!
    expectError(await call(classmate, { action: 'schedule', memberId: memberId(author) }), 'NOT_FOUND')
    expect(data(await call<ScheduleResult>(author, { action: 'schedule' })).member.id).toBe(memberId(author))
  })

  it('lets only reviewers keep quick-comment phrases', async () => {
    const secretary = secretaryOf('branch-cs')
    const saved = data(
      await call<{ phrases: string[] }>(secretary, {
        action: 'savePhrases',
        phrases: ['写得很实在，继续保持。', '请补充具体事例。'],
      }),
    )
    expect(saved.phrases).toHaveLength(2)
    expect(data(await call<GetResult>(secretary, { action: 'get', id: report.id })).phrases).toEqual(saved.phrases)
    expect(data(await call<GetResult>(author, { action: 'get', id: report.id })).phrases).toBeNull()
    expectError(await call(author, { action: 'savePhrases', phrases: ['好'] }), 'FORBIDDEN')
    expectError(await call(secretary, { action: 'savePhrases', phrases: ['长'.repeat(61)] }), 'INVALID_ARGUMENT')
  })
})

describe('review', () => {
  it('returns with a comment, takes a revision as version 2, approves it; signed, audited, one message per consent', async () => {
    const { student, period } = freshSlot()
    const secretary = secretaryOf(student.branchId)
    const outboxBefore = (await outbox(cloud)).length
    const submitted = data(await call<SubmitResult>(student, { action: 'submit', period: period.id, body: BODY }))
    const consent = data(
      await call<SubscribeResult>(student, { action: 'subscribe', reportId: submitted.id, kinds: ['result'] }),
    )
    expect(consent.resultConsents).toBe(1)

    expectError(await review(secretary, submitted.id, 1, 'return'), 'INVALID_ARGUMENT') // no comment
    const returned = data(await review(secretary, submitted.id, 1, 'return', '请补充参加党课学习的体会。'))
    expect(returned).toMatchObject({
      status: 'returned',
      notified: true,
      review: { decision: 'return', reviewerName: secretary.name },
    })
    expect(Date.now() - Date.parse(returned.review.at)).toBeLessThan(60_000)

    // Reviewing twice is refused and changes nothing.
    const afterReturn = await storedReport(submitted.id)
    expectError(await review(secretary, submitted.id, 1, 'approve'), 'FAILED_PRECONDITION')
    expect(await storedReport(submitted.id)).toEqual(afterReturn)

    // The student sees the comment, revises (draft first), resubmits as version 2.
    const mine = data(await call<GetResult>(student, { action: 'get', id: submitted.id }))
    expect(mine.report).toMatchObject({ status: 'returned', canEdit: true })
    expect(mine.report?.versions[0].review?.comment).toBe('请补充参加党课学习的体会。')
    const draft = data(
      await call<SaveResult>(student, {
        action: 'saveDraft',
        period: period.id,
        revision: mine.report!.revision,
        body: `${BODY}补充：参加了两次党课。`,
      }),
    )
    expect(draft.status).toBe('returned')
    const resubmitted = data(
      await call<SubmitResult>(student, {
        action: 'submit',
        period: period.id,
        revision: draft.revision,
        body: `${BODY}补充：参加了两次党课，收获很大。`,
      }),
    )
    expect(resubmitted.version).toBe(2)

    expectError(await review(secretary, submitted.id, 1, 'approve'), 'CONFLICT') // read the old version
    const approved = data(await review(secretary, submitted.id, 2, 'approve', ''))
    expect(approved).toMatchObject({ status: 'approved', notified: false }) // the only consent was used

    const final = data(await call<GetResult>(student, { action: 'get', id: submitted.id })).report!
    expect(final.versions.map((v) => [v.no, v.review?.decision])).toEqual([
      [1, 'return'],
      [2, 'approve'],
    ])
    expect(final.versions[0].body).toBe(BODY) // the old version is kept as it was
    expect(final.timeline.map((t) => t.kind)).toEqual(['submitted', 'returned', 'resubmitted', 'approved'])
    expect(final.draft).toBeNull()

    const audits = await findDocs<{ actorName: string; detail: { decision: string; version: number } }>(sdk, 'audit', {
      action: 'report.review',
      targetId: submitted.id,
    })
    expect(
      audits.map((a) => [a.actorName, a.detail.decision, a.detail.version]).sort((x, y) => Number(x[2]) - Number(y[2])),
    ).toEqual([
      [secretary.name, 'return', 1],
      [secretary.name, 'approve', 2],
    ])
    const sent = (await outbox(cloud)).slice(outboxBefore).filter((m) => m.touser === as(student))
    expect(sent).toHaveLength(1)
    expect(sent[0].data.phrase2.value).toBe('退回修改')
    expect(sent[0].page).toContain(encodeURIComponent(submitted.id))

    const calendar = data(await call<ListMineResult>(student, { action: 'listMine' })).calendar
    expect(calendar.entries.find((e) => e.period.id === period.id)?.state).toBe('done')
  })

  it('lets exactly one of two reviewers deciding at once win', async () => {
    const { student, period } = freshSlot()
    const submitted = data(await call<SubmitResult>(student, { action: 'submit', period: period.id, body: BODY }))
    const [a, b] = await Promise.all([
      review(secretaryOf(student.branchId), submitted.id, 1, 'approve'),
      review(committee, submitted.id, 1, 'return', '请再充实一些。'),
    ])
    expect([a, b].filter((r) => r.ok)).toHaveLength(1)
    const doc = (await storedReport(submitted.id))!
    expect(doc.timeline.filter((t) => t.kind === 'approved' || t.kind === 'returned')).toHaveLength(1)
    expect(await findDocs(sdk, 'audit', { action: 'report.review', targetId: submitted.id })).toHaveLength(1)
  })

  it('refuses reviewers outside the branch and risky comments, changing nothing', async () => {
    const { student, period } = freshSlot({ branchId: 'branch-cs' })
    const submitted = data(await call<SubmitResult>(student, { action: 'submit', period: period.id, body: BODY }))
    const before = await storedReport(submitted.id)
    expectError(await review(secretaryOf('branch-se'), submitted.id, 1, 'approve'), 'NOT_FOUND')
    expectError(await review(student, submitted.id, 1, 'approve'), 'FORBIDDEN')
    expectError(await review(secretaryOf('branch-cs'), submitted.id, 1, 'return', '六合彩'), 'CONTENT_RISKY')
    expect(await storedReport(submitted.id)).toEqual(before)
    expect(await findDocs(sdk, 'audit', { action: 'report.review', targetId: submitted.id })).toHaveLength(0)
  })
})

describe('the review queue', () => {
  it('lists pending first and oldest first, counts per status from the data, and pages by cursor without gaps', async () => {
    const secretary = secretaryOf('branch-grad')
    const docs = (await findDocs<ReportDoc>(sdk, 'reports', { branchId: 'branch-grad' })).filter(
      (d) => d.status !== 'draft',
    )
    const first = data(await call<QueueResult>(secretary, { action: 'listForReview', status: 'all', limit: 3 }))
    expect(first.counts).toEqual({
      pending: docs.filter((d) => d.status === 'pending').length,
      returned: docs.filter((d) => d.status === 'returned').length,
      approved: docs.filter((d) => d.status === 'approved').length,
      all: docs.length,
    })
    const seen = [...first.items]
    let cursor = first.nextCursor
    while (cursor) {
      const page = data(
        await call<QueueResult>(secretary, { action: 'listForReview', status: 'all', limit: 3, cursor }),
      )
      seen.push(...page.items)
      cursor = page.nextCursor
    }
    expect(seen.map((i) => i.id).sort()).toEqual(docs.map((d) => d._id).sort())
    const statuses = seen.map((i) => i.status)
    const lastPending = statuses.lastIndexOf('pending')
    expect(statuses.slice(0, lastPending + 1).every((s) => s === 'pending')).toBe(true)
    const pendingTimes = seen.filter((i) => i.status === 'pending').map((i) => Date.parse(i.submittedAt!))
    expect(pendingTimes).toEqual([...pendingTimes].sort((a, b) => a - b))
    const reviewTimes = seen.filter((i) => i.status !== 'pending').map((i) => Date.parse(i.reviewedAt!))
    expect(reviewTimes).toEqual([...reviewTimes].sort((a, b) => b - a))
  })

  it('filters by status, stage and period', async () => {
    const secretary = secretaryOf('branch-grad')
    const returned = data(
      await call<QueueResult>(secretary, { action: 'listForReview', status: 'returned', limit: 50 }),
    )
    expect(returned.items.length).toBe(returned.counts.returned)
    expect(returned.items.every((i) => i.status === 'returned')).toBe(true)
    const byStage = data(
      await call<QueueResult>(secretary, { action: 'listForReview', status: 'all', stage: 'candidate', limit: 50 }),
    )
    expect(byStage.items.length).toBeGreaterThan(0)
    expect(byStage.items.every((i) => i.member.stage === 'candidate')).toBe(true)
    expect(byStage.counts.all).toBe(byStage.items.length)
    const byPeriod = data(
      await call<QueueResult>(secretary, { action: 'listForReview', status: 'all', period: previous.id, limit: 50 }),
    )
    expect(byPeriod.items.every((i) => i.period.id === previous.id)).toBe(true)
    expectError(await call(secretary, { action: 'listForReview', cursor: 'garbage' }), 'INVALID_ARGUMENT')
  })

  it('shows the committee every branch, with branch names', async () => {
    const queue = data(await call<QueueResult>(committee, { action: 'listForReview', status: 'all', limit: 50 }))
    expect(queue.branches?.map((b) => b.id)).toEqual(['branch-cs', 'branch-se', 'branch-grad'])
    expect(new Set(queue.items.map((i) => i.branchName)).size).toBeGreaterThan(1)
  })
})

describe('overdue list', () => {
  it('lists members who owe the last period and submitted nothing (a draft does not count)', async () => {
    const secretary = secretaryOf('branch-cs')
    const res = data(await call<OverdueResult>(secretary, { action: 'overdue' }))
    expect(res.period.id).toBe(previous.id)
    expect(res.ended).toBe(true)
    const reports = await findDocs<ReportDoc>(sdk, 'reports', { branchId: 'branch-cs', period: previous.id })
    const submitted = new Set(reports.filter((r) => r.status !== 'draft').map((r) => r.memberId))
    expect(res.members.length).toBeGreaterThan(0)
    for (const m of res.members) expect(submitted.has(m.id)).toBe(false)
    expect(res.owing - res.submitted).toBe(res.members.length)
    // The committee must say which branch.
    expectError(await call(committee, { action: 'overdue' }), 'INVALID_ARGUMENT')
    expect(data(await call<OverdueResult>(committee, { action: 'overdue', branchId: 'branch-cs' })).members).toEqual(
      res.members,
    )
    expectError(await call(secretary, { action: 'overdue', period: shiftPeriod(current, 1).id }), 'INVALID_ARGUMENT')
  })
})

describe('reminding an overdue member (提醒)', () => {
  it("sends the subscribe reminder through the member's consent, audited, once a day per member, only within the branch", async () => {
    const secretary = secretaryOf('branch-cs')
    const list = data(await call<OverdueResult>(secretary, { action: 'overdue' }))
    const reports = await findDocs<ReportDoc>(sdk, 'reports', { branchId: 'branch-cs' })
    const target = list.members.find(
      (m) => PEOPLE.some((p) => memberId(p) === m.id && p.bound) && reports.some((r) => r.memberId === m.id),
    )
    if (!target) throw new Error('no bound overdue member with a report to hold a consent')
    const person = PEOPLE.find((p) => memberId(p) === target.id)!
    const nudge = (who: SeedPerson, id = target.id) =>
      call<NudgeResult>(who, { action: 'nudge', memberId: id, period: previous.id })
    const toPerson = async () => (await outbox(cloud)).filter((m) => m.touser === as(person))

    expectError(await nudge(person), 'FORBIDDEN')
    expectError(await nudge(secretaryOf('branch-se')), 'NOT_FOUND')
    const submittedOne = reports.find((r) => r.period === previous.id && r.status !== 'draft')
    if (submittedOne) expectError(await nudge(secretary, submittedOne.memberId), 'FAILED_PRECONDITION')

    // No consent: nothing can be sent, and the answer says to remind in person; no day's claim is used.
    for (const r of reports.filter((x) => x.memberId === target.id))
      await sdk
        .database()
        .collection('reports')
        .doc(r._id)
        .update({ data: { reminderConsents: 0 } })
    const none = data(await nudge(secretary))
    expect(none.sent).toBe(false)
    expect(none.message).toContain('当面或电话')

    // A consent given on one of the member's reports, as the subscribe action stores it.
    const holder = reports.find((r) => r.memberId === target.id)!
    await sdk
      .database()
      .collection('reports')
      .doc(holder._id)
      .update({ data: { reminderConsents: 1 } })
    const before = (await toPerson()).length
    const done = data(await nudge(secretary))
    expect(done).toEqual({ sent: true, message: `已通过微信提醒${target.name}` })
    const sent = (await toPerson()).slice(before)
    expect(sent).toHaveLength(1)
    expect(sent[0].data.thing1.value).toContain(previous.label)
    expect((await storedReport(holder._id))?.reminderConsents).toBe(0)
    const [entry] = await findDocs<{ actorName: string; detail: { summary: string } }>(sdk, 'audit', {
      action: 'report.nudge',
      targetId: target.id,
    })
    expect(entry.actorName).toBe(secretary.name)
    expect(entry.detail.summary).toBe(`提醒${target.name}提交${previous.label}思想汇报`)

    // Once a day per member, whoever asks: the committee is refused too, and nothing more is sent.
    await sdk
      .database()
      .collection('reports')
      .doc(holder._id)
      .update({ data: { reminderConsents: 1 } })
    expectError(await nudge(secretary), 'RATE_LIMITED')
    expectError(await nudge(committee), 'RATE_LIMITED')
    expect((await toPerson()).length).toBe(before + 1)
    expect((await storedReport(holder._id))?.reminderConsents).toBe(1)
  })
})

describe('due reminders', () => {
  it('sends one reminder per consent when the day comes, only from the timer, and never twice', async () => {
    const { student, period } = freshSlot()
    const submitted = data(await call<SubmitResult>(student, { action: 'submit', period: period.id, body: BODY }))
    const consent = data(
      await call<SubscribeResult>(student, {
        action: 'subscribe',
        reportId: submitted.id,
        kinds: ['result', 'reminder'],
      }),
    )
    // After writing the running period's report the next one is due; after a late one, the running one.
    const target = period.id === current.id ? shiftPeriod(current, 1) : current
    expect(consent.reminder?.period.id).toBe(target.id)
    expect(consent.reminder!.remindOn >= toDay(new Date())).toBe(true)
    expectError(
      await call(student, {
        action: 'subscribe',
        reportId: `${memberIdOf('2021010105')}:${previous.id}`,
        kinds: ['result'],
      }),
      'NOT_FOUND',
    )

    // Users cannot run the job.
    expectError(await call(student, { action: 'remind' }), 'FORBIDDEN')
    expectError(await call(committee, { action: 'remind' }), 'FORBIDDEN')

    // The day comes (moved here rather than waiting a quarter); the timer trigger fires.
    await sdk
      .database()
      .collection('reports')
      .doc(submitted.id)
      .update({ data: { remindOn: toDay(new Date()) } })
    const outboxBefore = (await outbox(cloud)).length
    const run = data(
      await cloud.runJob<Result<RemindResult>>('report', {
        Type: 'Timer',
        TriggerName: 'reportReminder',
        Time: new Date().toISOString(),
      }),
    )
    expect(run.sent).toBeGreaterThanOrEqual(1)
    const reminders = (await outbox(cloud)).slice(outboxBefore).filter((m) => m.touser === as(student))
    expect(reminders).toHaveLength(1)
    expect(reminders[0].data.thing1.value).toContain(target.label)
    const doc = (await storedReport(submitted.id))!
    expect(doc).toMatchObject({ reminderConsents: 0, remindOn: null, resultConsents: 1 })

    const again = data(await cloud.runJob<Result<RemindResult>>('report', { action: 'remind' }))
    expect(again.sent).toBe(0)
  })
})

describe('cost of each action', () => {
  it('makes at most 4 database requests per call, each served by a declared index', async () => {
    const calls = (await callLog()).filter((c) => c.fn === 'report')
    const actions = new Set(calls.map((c) => c.action))
    for (const action of [
      'saveDraft',
      'submit',
      'listMine',
      'get',
      'listForReview',
      'review',
      'schedule',
      'overdue',
      'subscribe',
      'savePhrases',
      'remind',
    ]) {
      expect(actions.has(action), action).toBe(true)
    }
    for (const c of calls) {
      expect(c.queries.length, `${c.action}: ${c.queries.map((q) => q.collection).join(', ')}`).toBeLessThanOrEqual(4)
      for (const q of c.queries) {
        // An insert needs no index; every read, count, aggregate and conditional write names the one it used.
        if (q.action === 'database.insertDocument') continue
        expect(q.index, `${c.action} ${q.action} on ${q.collection}`).not.toBeNull()
      }
    }
  })
})
