// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from './fake-transport'
import { studentProfile } from './profile-fixture'
import { taroDouble } from './taro-double'

const { Taro, storage } = taroDouble()
const fake = fakeTransport(true) // H5-like: identity is picked by hand
vi.mock('@tarojs/taro', () => ({ default: Taro }))
vi.mock('../../src/services/cloud', () => ({ transport: fake.transport }))

const { useQuery } = await import('../../src/hooks/useCall')
const { prefetchEntryPage, studyFeedCall, upcomingMeetingsCall } = await import('../../src/services/entry-calls')
const { adoptPrefetched, MAX_AGE_MS } = await import('../../src/services/prefetch')
const { setIdentity } = await import('../../src/services/identity')
const { readCachedProfile, saveProfile } = await import('../../src/services/profile-cache')

const profile = studentProfile()

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const feedAnswer = { ok: true, data: { latest: [], pinned: [], columns: [] } }

/** The study tab's query, as the page makes it. */
function useFeed() {
  return useQuery(studyFeedCall.load, ['m-1'], { prefetched: studyFeedCall })
}

describe('first call of the entry tab started at app start', () => {
  beforeEach(() => {
    storage.clear()
    fake.calls.length = 0
    // Whatever an earlier test left unadopted is dropped.
    adoptPrefetched(studyFeedCall)
    adoptPrefetched(upcomingMeetingsCall)
    setIdentity({ openid: 'o-dev-1', name: '张欣怡', role: 'student' })
    saveProfile(profile)
    fake.answer(() => Promise.resolve(feedAnswer))
  })

  it('is adopted by the page: one call, and an answer that already arrived renders without loading', async () => {
    prefetchEntryPage('/')
    expect(fake.calls.map((c) => `${c.name}.${String(c.data.action)}`)).toEqual(['study.feed'])
    await Promise.resolve()
    await Promise.resolve()
    const { result } = renderHook(useFeed)
    expect(result.current.loading).toBe(false)
    expect(result.current.data).toEqual(feedAnswer.data)
    await new Promise((r) => setTimeout(r, 0))
    expect(fake.calls).toHaveLength(1)
  })

  it('is adopted while still on its way', async () => {
    const answer = deferred<unknown>()
    fake.answer(() => answer.promise)
    prefetchEntryPage('/pages/study/index')
    const { result } = renderHook(useFeed)
    expect(result.current.loading).toBe(true)
    answer.resolve(feedAnswer)
    await waitFor(() => expect(result.current.data).toEqual(feedAnswer.data))
    expect(fake.calls).toHaveLength(1)
  })

  it('is adopted once: the next mount of the page calls again', async () => {
    prefetchEntryPage('/')
    renderHook(useFeed)
    const second = renderHook(useFeed)
    await waitFor(() => expect(second.result.current.data).toEqual(feedAnswer.data))
    expect(fake.calls).toHaveLength(2)
  })

  it('is not started without a cached profile (the session calls user.login first) or for a page without one', () => {
    prefetchEntryPage('/pages/me/index')
    prefetchEntryPage('/packages/study/article/index')
    storage.delete('zbt:profile')
    prefetchEntryPage('/')
    expect(fake.calls).toEqual([])
  })

  it('starts the page named by weapp launch options, with its params', () => {
    prefetchEntryPage('pages/checkin/index')
    expect(fake.calls).toEqual([{ name: 'meeting', data: { action: 'list', scope: 'upcoming' } }])
  })

  it('is not adopted by another persona or once stale', async () => {
    prefetchEntryPage('/')
    setIdentity({ openid: 'o-dev-2', name: '李明', role: 'student' })
    const other = renderHook(useFeed)
    await waitFor(() => expect(other.result.current.data).toEqual(feedAnswer.data))
    expect(fake.calls).toHaveLength(2)

    setIdentity({ openid: 'o-dev-1', name: '张欣怡', role: 'student' })
    prefetchEntryPage('/')
    expect(adoptPrefetched(studyFeedCall, Date.now() + MAX_AGE_MS + 1)).toBeNull()
  })
})

describe('cached profile', () => {
  it('is not used when it carries a member id from before opaque ids (m-<studentNo>)', () => {
    storage.clear()
    setIdentity({ openid: 'o-dev-1', name: '张欣怡', role: 'student' })
    saveProfile(profile)
    expect(readCachedProfile()?.memberId).toBe('m-1')
    saveProfile({ ...profile, memberId: 'm-2023010101' })
    expect(readCachedProfile()).toBeNull()
  })
})
