import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'
import { demoOpenid, PEOPLE, type SeedPerson } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
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
