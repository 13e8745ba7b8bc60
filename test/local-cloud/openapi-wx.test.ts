import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callFn, startServer, type TestServer } from '../fixtures/local-cloud-server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

interface Reply<T> {
  ok: boolean
  data: T
  message?: string
  errCode?: number | null
}

async function openapi<T>(event: Record<string, unknown>, openid = 'oOpenApi'): Promise<Reply<T>> {
  return ((await callFn(server.url, 'openapi', event, openid)).body as { result: Reply<T> }).result
}

type SecCheck = {
  result: { suggest: string; label: number }
  detail: Array<Record<string, unknown>>
  traceId: string
  errCode: number
}

describe('security.msgSecCheck', () => {
  it('answers pass for ordinary text in the v2 shape', async () => {
    const r = await openapi<SecCheck>({ action: 'check', content: '本周三下午组织党史学习，请准时参加。' })
    expect(r.ok).toBe(true)
    expect(r.data.errCode).toBe(0)
    expect(r.data.result).toEqual({ suggest: 'pass', label: 100 })
    expect(r.data.detail[0]).toMatchObject({ strategy: 'content_model', suggest: 'pass' })
    expect(r.data.traceId).toMatch(/\S/)
  })

  it('answers risky with a label for text containing a blocklisted word, even spaced out', async () => {
    const r = await openapi<SecCheck>({ action: 'check', content: '加我微信，带你玩网 络 赌 博' })
    expect(r.data.result).toEqual({ suggest: 'risky', label: 20006 })
    expect(r.data.detail).toEqual(
      expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '网络赌博' })]),
    )
  })

  it('rejects risky text with errCode 87014 in v1', async () => {
    const risky = await openapi<unknown>({ action: 'checkV1', content: '违规测试词' })
    expect(risky).toMatchObject({ ok: false, errCode: 87014 })
    expect((await openapi<unknown>({ action: 'checkV1', content: '正常内容' })).ok).toBe(true)
  })
})

describe('subscribeMessage.send', () => {
  const message = {
    touser: 'oReceiver',
    templateId: 'TPL_REVIEW',
    page: 'packages/report/detail/index?id=1',
    data: { thing1: { value: '思想汇报已审阅' } },
  }

  it('records the message in the outbox, durably across a restart', async () => {
    const r = await openapi<{ errCode: number; msgid: number }>({ action: 'send', ...message })
    expect(r.ok).toBe(true)
    expect(r.data.errCode).toBe(0)
    const outbox = (await (await fetch(`${server.url}/api/dev/outbox`)).json()) as Array<Record<string, unknown>>
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      touser: 'oReceiver',
      templateId: 'TPL_REVIEW',
      page: message.page,
      data: message.data,
    })
    expect(Number.isNaN(Date.parse(String(outbox[0].sentAt)))).toBe(false)

    await server.stop()
    server = await startServer({ dataDir: server.dataDir, functionsDir: server.functionsDir })
    const after = (await (await fetch(`${server.url}/api/dev/outbox`)).json()) as Array<Record<string, unknown>>
    expect(after).toEqual(outbox)
  })

  it('refuses a message without touser, template or data', async () => {
    for (const missing of ['touser', 'templateId', 'data']) {
      const r = await openapi<unknown>({ action: 'send', ...message, [missing]: undefined })
      expect(r.ok, missing).toBe(false)
      expect(r.errCode, missing).toBeGreaterThan(0)
    }
  })
})

describe('wxacode.getUnlimited', () => {
  it('returns a PNG whose QR code holds the page and scene', async () => {
    const r = await openapi<{ contentType: string; isBuffer: boolean; base64: string }>({
      action: 'qr',
      scene: 'act=42',
      page: 'packages/activity/checkin/index',
    })
    expect(r.ok).toBe(true)
    expect(r.data.contentType).toBe('image/png')
    expect(r.data.isBuffer).toBe(true)
    const png = PNG.sync.read(Buffer.from(r.data.base64, 'base64'))
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(code?.data).toBe('packages/activity/checkin/index?scene=act%3D42')
  })

  it('refuses a missing or too long scene', async () => {
    expect((await openapi<unknown>({ action: 'qr', scene: '', page: 'pages/index/index' })).ok).toBe(false)
    expect((await openapi<unknown>({ action: 'qr', scene: 'x'.repeat(33), page: 'pages/index/index' })).ok).toBe(false)
  })
})

describe('openapi the local cloud does not emulate', () => {
  it('fails with a clear error', async () => {
    const r = await openapi<unknown>({ action: 'unknown' })
    expect(r).toMatchObject({ ok: false, errCode: 48001 })
    expect(r.message).toContain('customerServiceMessage.send')
  })
})
