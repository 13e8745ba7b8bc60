import { runInNewContext } from 'node:vm'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { inlineScript } from '../../config/inline-script'
import { studentProfile } from './profile-fixture'
import type { EarlyCall } from '../../src/services/h5-gateway'
import { taroDouble } from './taro-double'

/**
 * index.html's early call (src/services/early-call.h5.ts, inlined by config/inline-script.ts) against the
 * app's own H5 transport: the same request for the same caller, adopted once, and none when the app would
 * not start from a cached profile.
 */
const { Taro, storage } = taroDouble()
vi.mock('@tarojs/taro', () => ({ default: Taro }))
// services/cloud picks the H5 transport (cloud.h5.ts) as the H5 build does.
vi.stubEnv('TARO_ENV', 'h5')

const { callFunction } = await import('../../src/services/call')
const { setIdentity } = await import('../../src/services/identity')
const { saveProfile } = await import('../../src/services/profile-cache')

const SCRIPT = inlineScript(join(__dirname, '..', '..', 'src', 'services', 'early-call.h5.ts'), 6144)
const OPENID = 'o-dev-2022010107'
const profile = studentProfile({ memberId: 'mb654c84092f87a5113c27' })

interface Sent {
  url: string
  method: string | undefined
  headers: Record<string, string>
  body: string
}

function sentOf(url: string, init: RequestInit | undefined): Sent {
  return {
    url,
    method: init?.method,
    headers: Object.fromEntries(new Headers(init?.headers).entries()),
    body: String(init?.body),
  }
}

/** Runs the inline script as index.html would, over what the app stored (Taro H5 keeps `{ data }` as JSON). */
function runEarlyCall(pathname: string): Sent[] {
  const sent: Sent[] = []
  const window: Record<string, unknown> = {}
  const localStorage = {
    getItem: (key: string) => (storage.has(key) ? JSON.stringify({ data: storage.get(key) }) : null),
  }
  const fetch = (url: string, init?: RequestInit) => {
    sent.push(sentOf(url, init))
    return Promise.resolve(new Response(JSON.stringify({ result: { ok: true, data: { early: true } } })))
  }
  runInNewContext(SCRIPT, { window, localStorage, location: { pathname }, fetch, Date })
  globalThis.__zbtEarlyCall = window.__zbtEarlyCall as typeof globalThis.__zbtEarlyCall
  return sent
}

declare global {
  var __zbtEarlyCall: EarlyCall | undefined
}

/** What the app's own transport sends for the same call. */
async function appSends(run: () => Promise<unknown>): Promise<Sent[]> {
  const sent: Sent[] = []
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((url, init) => {
    sent.push(sentOf(String(url), init))
    return Promise.resolve(new Response(JSON.stringify({ result: { ok: true, data: { late: true } } })))
  })
  try {
    await run()
  } finally {
    spy.mockRestore()
  }
  return sent
}

beforeEach(() => {
  storage.clear()
  delete globalThis.__zbtEarlyCall
  setIdentity({ openid: OPENID, name: '张欣怡', role: 'student' })
  saveProfile(profile)
})

describe('the early call of index.html', () => {
  it.each([
    ['/', () => callFunction('study', 'feed')],
    ['/pages/study/index', () => callFunction('study', 'feed')],
    ['/pages/checkin/index', () => callFunction('meeting', 'list', { scope: 'upcoming' })],
    ['/pages/quiz/index/', () => callFunction('quiz', 'daily')],
  ])('on %s sends what the app sends, and the app adopts it once', async (path, call) => {
    const early = runEarlyCall(path)
    delete globalThis.__zbtEarlyCall
    const expected = await appSends(call)
    expect(early).toHaveLength(1)
    expect(early).toEqual(expected)
    expect(early[0].headers['x-wx-openid']).toBe(OPENID)

    runEarlyCall(path)
    let answer: unknown
    expect(await appSends(async () => (answer = await call()))).toEqual([])
    expect(answer).toEqual({ ok: true, data: { early: true } })
    expect(await appSends(call)).toHaveLength(1)
  })

  it.each<[string, () => void]>([
    ['a page without a first call', () => undefined],
    ['no persona picked', () => storage.delete('zbt:dev-identity')],
    ['no cached profile', () => storage.delete('zbt:profile')],
    ['another persona’s profile', () => setIdentity({ openid: 'o-dev-other', name: '李明', role: 'student' })],
    ['a profile older than 12 hours', () => saveProfile(profile, Date.now() - 12 * 3600_000 - 1000)],
    ['a profile of a legacy member id', () => saveProfile({ ...profile, memberId: 'm-2022010107' })],
    ['unreadable storage', () => storage.set('zbt:profile', undefined)],
  ])('sends nothing for %s', (_case, arrange) => {
    arrange()
    const path = _case === 'a page without a first call' ? '/packages/study/points/index' : '/'
    expect(runEarlyCall(path)).toEqual([])
    expect(globalThis.__zbtEarlyCall).toBeUndefined()
  })

  it('is left alone by another call, and by the same call of another persona', async () => {
    runEarlyCall('/')
    expect(await appSends(() => callFunction('quiz', 'daily'))).toHaveLength(1)
    setIdentity({ openid: 'o-dev-other', name: '李明', role: 'student' })
    expect(await appSends(() => callFunction('study', 'feed'))).toHaveLength(1)
  })
})
