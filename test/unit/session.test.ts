import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from './fake-transport'
import { taroDouble } from './taro-double'

const { Taro, storage } = taroDouble()
const fake = fakeTransport(true) // H5-like: identity is picked by hand
vi.mock('@tarojs/taro', () => ({ default: Taro }))
vi.mock('../../src/services/cloud', () => ({ transport: fake.transport }))

const { useSession } = await import('../../src/stores/session')
const { setIdentity } = await import('../../src/services/identity')

const profile = { memberId: 'm-1', name: '张欣怡', roles: ['student'], stage: 'activist' }

describe('session store', () => {
  beforeEach(() => {
    storage.clear()
    fake.calls.length = 0
    useSession.getState().reset()
    setIdentity({ openid: 'o-dev-1', name: '张欣怡', role: 'student' })
  })

  it('asks for a persona before calling anything when none was picked (H5)', async () => {
    storage.clear()
    await useSession.getState().ensure()
    expect(useSession.getState().status).toBe('no-identity')
    expect(fake.calls).toEqual([])
  })

  it('logs in once, however many pages ask at the same time', async () => {
    fake.answer(() => Promise.resolve({ ok: true, data: profile }))
    await Promise.all([useSession.getState().ensure(), useSession.getState().ensure(), useSession.getState().ensure()])
    await useSession.getState().ensure()
    expect(fake.calls.map((c) => c.data.action)).toEqual(['login'])
    expect(useSession.getState()).toMatchObject({ status: 'ready', profile })
  })

  it('loads 我的 through user.me, which also fills the profile for the other tabs', async () => {
    fake.answer(() =>
      Promise.resolve({ ok: true, data: { profile, secretaries: ['陈立华'], boundAt: '2026-09-01T00:00:00.000Z' } }),
    )
    await useSession.getState().ensure('details')
    await useSession.getState().ensure('profile')
    expect(fake.calls.map((c) => c.data.action)).toEqual(['me'])
    expect(useSession.getState().details).toEqual({ secretaries: ['陈立华'], boundAt: '2026-09-01T00:00:00.000Z' })
    expect(useSession.getState().profile).toEqual(profile)
  })

  it('marks an unbound WeChat user (UNAUTHENTICATED) and stops asking', async () => {
    fake.answer(() => Promise.resolve({ ok: false, code: 'UNAUTHENTICATED', message: '请先绑定学号' }))
    await useSession.getState().ensure()
    await useSession.getState().ensure()
    expect(useSession.getState().status).toBe('unbound')
    expect(fake.calls).toHaveLength(1)
  })

  it('keeps the failure for the page to show with 重试, and retries when asked', async () => {
    fake.answer(() => Promise.resolve({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }))
    await useSession.getState().ensure()
    expect(useSession.getState()).toMatchObject({
      status: 'error',
      failure: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' },
    })
    fake.answer(() => Promise.resolve({ ok: true, data: profile }))
    await useSession.getState().ensure()
    expect(useSession.getState()).toMatchObject({ status: 'ready', failure: null })
  })

  it('takes the profile from the bind page and forgets everything on reset', () => {
    useSession.getState().accept(profile as never)
    expect(useSession.getState()).toMatchObject({ status: 'ready', profile })
    useSession.getState().reset()
    expect(useSession.getState()).toMatchObject({ status: 'idle', profile: null, details: null })
  })
})
