import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_COLLEGE_SETTINGS } from '../../cloudfunctions/_shared/domain'
import type { ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'
import type { MemberDoc, RateLimitDoc } from '../../cloudfunctions/_shared/models'
import { owedPeriods, toDay } from '../../cloudfunctions/_shared/periods'
import { WRITE_LIMITS } from '../../cloudfunctions/_shared/rate-limit'
import type { CheckInCodeResult, MeetingDetail } from '../../cloudfunctions/meeting/src/contract'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import { demoOpenid, PEOPLE, type SeedPerson } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { openMeetingForm } from '../helpers/meeting-form'
import { adminSdk, findDocs } from '../helpers/sdk'

/** Issue #14 (trust): the local gateway, rate limits, private files and hostile spreadsheets, through the real SDK. */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const person = (name: string): SeedPerson & { openid: string } => {
  const p = PEOPLE.find((x) => x.name === name)
  if (!p) throw new Error(`no seeded person ${name}`)
  return { ...p, openid: demoOpenid(p.studentNo) }
}
const csSecretary = person('陈立华')
const alice = person('张欣怡') // activist, branch-cs
const bob = person('刘子轩') // activist, branch-cs

function expectError(result: Result<unknown>, code: string): ErrorResult {
  if (result.ok) throw new Error(`expected ${code}, got ok`)
  expect(result.code).toBe(code)
  expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
  return result
}

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`)
  return result.data
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${cloud.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
}

async function memberOf(openid: string): Promise<MemberDoc> {
  const [member] = await findDocs<MemberDoc>(sdk, 'members', { openid })
  return member
}

async function limiterCount(key: string): Promise<number> {
  const [doc] = await findDocs<RateLimitDoc>(sdk, 'rateLimits', { _id: key })
  return doc?.count ?? 0
}

const codes = (results: Result<unknown>[]): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const r of results) out[r.ok ? 'ok' : r.code] = (out[r.ok ? 'ok' : r.code] ?? 0) + 1
  return out
}

async function callCount(fn: string, action: string): Promise<number> {
  const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=1000`)).json()) as { fn: string; action: string }[]
  return calls.filter((c) => c.fn === fn && c.action === action).length
}

beforeAll(async () => {
  cloud = await startLocalCloud()
  sdk = adminSdk(cloud.url)
})

afterAll(async () => {
  await cloud?.stop()
})

describe('local gateway (#14.8)', () => {
  it('refuses a POST from a page on another site, and takes same-origin and tool calls', async () => {
    const event = { action: 'login' }
    const foreign = await post('/api/functions/user', event, { origin: 'https://evil.example', 'x-wx-openid': alice.openid })
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/其他网站/)
    // A sandboxed frame or file: page sends "null".
    expect((await post('/api/functions/user', event, { origin: 'null', 'x-wx-openid': alice.openid })).status).toBe(403)
    // Same host name but another port is another origin.
    const otherPort = `http://127.0.0.1:${cloud.port + 1}`
    expect((await post('/api/functions/user', event, { origin: otherPort, 'x-wx-openid': alice.openid })).status).toBe(403)

    const same = await post('/api/functions/user', event, { origin: cloud.url, 'x-wx-openid': alice.openid })
    expect(same.status).toBe(200)
    expect(data(((await same.json()) as { result: Result<{ name: string }> }).result).name).toBe(alice.name)
    const tool = await post('/api/functions/user', event, { 'x-wx-openid': alice.openid })
    expect(tool.status).toBe(200)

    // Uploads and temp URLs are API routes too.
    const form = new FormData()
    form.append('cloudPath', 'uploads/x/a.txt')
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'a.txt')
    const upload = await fetch(`${cloud.url}/api/storage/upload`, { method: 'POST', headers: { origin: 'https://evil.example', 'x-wx-openid': alice.openid }, body: form })
    expect(upload.status).toBe(403)
  })

  it('never runs a timer job for a client: a forged timer event or a job action without a user is refused', async () => {
    const before = await callCount('meeting', 'settle')
    const forged = await post('/api/functions/meeting', { Type: 'Timer', TriggerName: 'meetingTimer', Time: new Date().toISOString() })
    expect(forged.status).toBe(403)
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/定时/)
    // With a user, too.
    expect((await post('/api/functions/branch', { Type: 'Timer' }, { 'x-wx-openid': csSecretary.openid })).status).toBe(403)

    // The job actions, called without a user through the gateway (a client call), are refused in the function.
    expectError(await cloud.call('meeting', { action: 'remind' }, null), 'FORBIDDEN')
    expectError(await cloud.call('meeting', { action: 'settle' }, null), 'FORBIDDEN')
    expectError(await cloud.call('report', { action: 'remind' }, null), 'FORBIDDEN')
    expectError(await cloud.call('branch', { action: 'refreshDashboards' }, null), 'FORBIDDEN')
    expectError(await cloud.call('branch', { action: 'refreshDashboards' }, csSecretary.openid), 'FORBIDDEN')
    // The forged timer event never reached the function; the refused job calls did nothing.
    expect(await callCount('meeting', 'settle')).toBe(before + 1)
    expect(await findDocs(sdk, 'dashboardSnapshots', {})).toHaveLength(0)

    // Server-side (an administrator's SDK, as the timer trigger itself) the job runs.
    expect(data(await cloud.runJob<Result<{ colleges: number }>>('branch', { Type: 'Timer', TriggerName: 'dashboardSnapshot', Time: new Date().toISOString() })).colleges).toBe(1)
    expect(await findDocs(sdk, 'dashboardSnapshots', {})).toHaveLength(1)
  })
})

describe('rate limits under parallel guessing (#14.7)', () => {
  it('30 parallel wrong binds judge exactly 5; then even the right pair waits', async () => {
    const guesser = 'oTrustGuesser01'
    const target = PEOPLE.find((p) => !p.bound)!
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => cloud.call<Result<unknown>>('user', { action: 'bind', studentNo: target.studentNo, name: `不对${i}` }, guesser)),
    )
    expect(codes(results)).toEqual({ NOT_FOUND: 5, RATE_LIMITED: 25 })
    expect(await limiterCount(`bind:${guesser}`)).toBe(5)
    expectError(await cloud.call('user', { action: 'bind', studentNo: target.studentNo, name: target.name }, guesser), 'RATE_LIMITED')
    expect((await findDocs<MemberDoc>(sdk, 'members', { studentNo: target.studentNo }))[0].openid ?? null).toBeNull()
  })

  it('a window that has run out starts again, once, however many race for it', async () => {
    const guesser = 'oTrustGuesser02'
    const target = PEOPLE.find((p) => !p.bound)!
    await sdk.database().collection('rateLimits').add({ data: { _id: `bind:${guesser}`, count: 5, resetAt: new Date(Date.now() - 1000) } })
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => cloud.call<Result<unknown>>('user', { action: 'bind', studentNo: target.studentNo, name: `不对${i}` }, guesser)),
    )
    expect(codes(results)).toEqual({ NOT_FOUND: 5, RATE_LIMITED: 25 })
    const [doc] = await findDocs<RateLimitDoc>(sdk, 'rateLimits', { _id: `bind:${guesser}` })
    expect(doc.count).toBe(5)
    expect(new Date(doc.resetAt).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000)
  })

  it('30 parallel wrong check-in codes judge exactly 10; the right code is then refused too', async () => {
    const meeting = data(await cloud.call<Result<MeetingDetail>>('meeting', { action: 'create', ...openMeetingForm() }, csSecretary.openid))
    const screen = data(await cloud.call<Result<CheckInCodeResult>>('meeting', { action: 'checkInCode', meetingId: meeting.id }, csSecretary.openid))
    const valid = new Set(screen.slots.map((s) => s.code))
    let n = 0
    const wrong = (): string => {
      let code: string
      do code = String(100000 + ((n++ * 7919) % 900000)).padStart(6, '0')
      while (valid.has(code))
      return code
    }
    const guesses = Array.from({ length: 30 }, wrong)
    const results = await Promise.all(guesses.map((code) => cloud.call<Result<unknown>>('meeting', { action: 'checkIn', meetingId: meeting.id, code }, bob.openid)))
    expect(codes(results)).toEqual({ INVALID_ARGUMENT: 10, RATE_LIMITED: 20 })
    const member = await memberOf(bob.openid)
    expect(await limiterCount(`${member._id}:checkin:${meeting.id}`)).toBe(10)
    expectError(await cloud.call('meeting', { action: 'checkIn', meetingId: meeting.id, code: screen.slots[0].code }, bob.openid), 'RATE_LIMITED')
    expect(await findDocs(sdk, 'attendance', { meetingId: meeting.id, memberId: member._id })).toHaveLength(0)
  })

  it('comments: 12 at once from one member, 10 posted', async () => {
    const [article] = await findDocs<{ _id: string }>(sdk, 'articles', { 'audience.kind': 'all', status: 'published' })
    const member = await memberOf(alice.openid)
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => cloud.call<Result<unknown>>('study', { action: 'comment', articleId: article._id, text: `学习了，第 ${i + 1} 条体会` }, alice.openid)),
    )
    expect(codes(results)).toEqual({ ok: WRITE_LIMITS.comment.max, RATE_LIMITED: 2 })
    expect(await findDocs(sdk, 'studyComments', { articleId: article._id, memberId: member._id })).toHaveLength(WRITE_LIMITS.comment.max)
  })

  it('draft saves: the one past the limit is refused and changes nothing', async () => {
    // A student with a report period still unwritten.
    const [members, reports] = await Promise.all([findDocs<MemberDoc>(sdk, 'members', {}), findDocs<ReportDoc>(sdk, 'reports', {})])
    const today = toDay(new Date())
    const slot = members
      .filter((m) => m.openid && m.roles.includes('student') && DEFAULT_COLLEGE_SETTINGS.reportStages.includes(m.stage))
      .flatMap((m) => owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).map((p) => ({ member: m, period: p })))
      .find(({ member, period }) => !reports.some((r) => r.memberId === member._id && r.period === period.id))!
    const { member, period } = slot
    const author = member.openid!
    let revision: number | undefined
    for (let i = 0; i < WRITE_LIMITS.draftSave.max; i++) {
      revision = data(await cloud.call<Result<{ revision: number }>>('report', { action: 'saveDraft', period: period.id, revision, body: `第 ${i + 1} 稿` }, author)).revision
    }
    expectError(await cloud.call('report', { action: 'saveDraft', period: period.id, revision, body: '再保存一次' }, author), 'RATE_LIMITED')
    const [doc] = await findDocs<ReportDoc>(sdk, 'reports', { _id: `${member._id}:${period.id}` })
    expect(doc.revision).toBe(WRITE_LIMITS.draftSave.max)
  })
})
