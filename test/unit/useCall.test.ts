// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { CallResult } from '../../src/services/call'
import { taroDouble } from './taro-double'

const { Taro, toasts } = taroDouble()
vi.mock('@tarojs/taro', () => ({ default: Taro }))

const { useAction, useQuery } = await import('../../src/hooks/useCall')

const networkDown: CallResult<never> = { ok: false, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' }

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('useQuery', () => {
  it('loads on mount and exposes the data', async () => {
    const { result } = renderHook(() => useQuery(() => Promise.resolve({ ok: true as const, data: 42 }), []))
    expect(result.current.loading).toBe(true)
    await waitFor(() => expect(result.current.loading).toBe(false))
    expect(result.current.data).toBe(42)
    expect(result.current.failure).toBeUndefined()
  })

  it('keeps the failure for an inline error (no toast) and loads again on reload', async () => {
    const load = vi
      .fn<() => Promise<CallResult<string>>>()
      .mockResolvedValueOnce(networkDown)
      .mockResolvedValueOnce({ ok: true, data: '好了' })
    const { result } = renderHook(() => useQuery(load, []))
    await waitFor(() => expect(result.current.failure?.code).toBe('NETWORK'))
    expect(toasts).toHaveLength(0)
    act(() => result.current.reload())
    await waitFor(() => expect(result.current.data).toBe('好了'))
    expect(result.current.failure).toBeUndefined()
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('ignores a slow answer that a newer request overtook', async () => {
    const slow = deferred<CallResult<string>>()
    const fast = deferred<CallResult<string>>()
    const answers = [slow.promise, fast.promise]
    const { result, rerender } = renderHook(({ key }) => useQuery(() => answers.shift() ?? fast.promise, [key]), {
      initialProps: { key: 'a' },
    })
    rerender({ key: 'b' })
    await act(async () => fast.resolve({ ok: true, data: 'new' }))
    await act(async () => slow.resolve({ ok: true, data: 'old' }))
    expect(result.current.data).toBe('new')
  })

  it('does not call while disabled', () => {
    const load = vi.fn(() => Promise.resolve({ ok: true as const, data: 1 }))
    const { result } = renderHook(() => useQuery(load, [], { enabled: false }))
    expect(load).not.toHaveBeenCalled()
    expect(result.current.loading).toBe(false)
  })
})

describe('useAction', () => {
  it("toasts the envelope's Chinese message on failure", async () => {
    toasts.length = 0
    const { result } = renderHook(() =>
      useAction(() =>
        Promise.resolve<CallResult<number>>({
          ok: false,
          code: 'CONFLICT',
          message: '你的微信已绑定过学号，无需重复绑定',
        }),
      ),
    )
    await act(async () => {
      await result.current.run()
    })
    expect(toasts).toEqual([expect.objectContaining({ title: '你的微信已绑定过学号，无需重复绑定', icon: 'none' })])
    expect(result.current.failure?.code).toBe('CONFLICT')
    expect(result.current.pending).toBe(false)
  })

  it('can leave the message to the page (no toast)', async () => {
    toasts.length = 0
    const { result } = renderHook(() => useAction(() => Promise.resolve(networkDown), { toast: false }))
    await act(async () => {
      await result.current.run()
    })
    expect(toasts).toHaveLength(0)
    expect(result.current.failure?.message).toBe('网络连接失败，请检查网络后重试')
  })

  it('ignores a double tap while the first call is pending', async () => {
    const gate = deferred<CallResult<string>>()
    const action = vi.fn(() => gate.promise)
    const { result } = renderHook(() => useAction(action))
    let first!: Promise<CallResult<string>>
    let second!: Promise<CallResult<string>>
    act(() => {
      first = result.current.run()
      second = result.current.run()
    })
    expect(result.current.pending).toBe(true)
    await act(async () => gate.resolve({ ok: true, data: 'done' }))
    expect(await first).toEqual(await second)
    expect(action).toHaveBeenCalledTimes(1)
    expect(result.current.pending).toBe(false)
  })
})
