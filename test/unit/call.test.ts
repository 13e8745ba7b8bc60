import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeTransport } from './fake-transport'
import { taroDouble } from './taro-double'

const { Taro } = taroDouble()
const fake = fakeTransport()
vi.mock('@tarojs/taro', () => ({ default: Taro }))
vi.mock('../../src/services/cloud', () => ({ transport: fake.transport }))

const { callFunction, isRetryable, toResult, NETWORK_MESSAGE, BROKEN_ANSWER_MESSAGE } = await import(
  '../../src/services/call'
)
const { TransportError } = await import('../../src/services/transport')

describe('callFunction', () => {
  beforeEach(() => {
    fake.calls.length = 0
  })

  it('sends the action with the params and returns the data of an ok envelope', async () => {
    fake.answer(() => Promise.resolve({ ok: true, data: { name: '张欣怡' } }))
    const result = await callFunction('user', 'bind', { studentNo: '2022010107', name: '张欣怡', code: 'ZB7K3M9Q' })
    expect(fake.calls).toEqual([
      { name: 'user', data: { action: 'bind', studentNo: '2022010107', name: '张欣怡', code: 'ZB7K3M9Q' } },
    ])
    expect(result).toEqual({ ok: true, data: { name: '张欣怡' } })
  })

  it('calls an action without params with only the action', async () => {
    fake.answer(() => Promise.resolve({ ok: true, data: {} }))
    await callFunction('user', 'login')
    expect(fake.calls[0]?.data).toEqual({ action: 'login' })
  })

  it("passes the server's error code and Chinese message through", async () => {
    fake.answer(() => Promise.resolve({ ok: false, code: 'NOT_FOUND', message: '学号或姓名不正确，请核对后重试' }))
    expect(await callFunction('user', 'login')).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      message: '学号或姓名不正确，请核对后重试',
    })
  })

  it('turns a request that got no answer into NETWORK with a message to retry', async () => {
    fake.answer(() => Promise.reject(new TransportError('offline')))
    const result = await callFunction('user', 'login')
    expect(result).toEqual({ ok: false, code: 'NETWORK', message: NETWORK_MESSAGE })
    expect(!result.ok && isRetryable(result)).toBe(true)
  })

  it('turns any other failure (HTTP 500, bad JSON) into INTERNAL, never a stack trace', async () => {
    fake.answer(() => Promise.reject(new Error('HTTP 500')))
    expect(await callFunction('user', 'login')).toEqual({ ok: false, code: 'INTERNAL', message: BROKEN_ANSWER_MESSAGE })
  })
})

describe('toResult', () => {
  it.each([undefined, null, 'ok', { ok: true }, { ok: false, code: 'NOPE', message: 'x' }, { data: 1 }])(
    'treats %j as a broken answer',
    (raw) => {
      expect(toResult(raw)).toEqual({ ok: false, code: 'INTERNAL', message: BROKEN_ANSWER_MESSAGE })
    },
  )

  it('fills in a message when an error envelope has none', () => {
    expect(toResult({ ok: false, code: 'FORBIDDEN', message: '' })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: BROKEN_ANSWER_MESSAGE,
    })
  })

  it('keeps a known refusal reason and drops anything else', () => {
    const refused = { ok: false, code: 'FAILED_PRECONDITION', message: '不符合发展程序' }
    expect(toResult({ ...refused, reason: 'stageRuleBroken' })).toEqual({ ...refused, reason: 'stageRuleBroken' })
    expect(toResult({ ...refused, reason: 'somethingElse' })).toEqual(refused)
  })

  it('only offers 重试 where trying again can help', () => {
    expect(isRetryable({ ok: false, code: 'FORBIDDEN', message: '' })).toBe(false)
    expect(isRetryable({ ok: false, code: 'INVALID_ARGUMENT', message: '' })).toBe(false)
    expect(isRetryable({ ok: false, code: 'INTERNAL', message: '' })).toBe(true)
  })
})
