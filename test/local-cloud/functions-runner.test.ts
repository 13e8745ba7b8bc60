import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callFn, startServer, type TestServer } from '../fixtures/local-cloud-server'

interface Envelope<T> {
  ok: boolean
  data: T
  code?: string
  message?: string
}
type WhoAmI = { openid: string | null; before: string | null; env: string; userInfo: unknown }

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

function resultOf<T>(body: unknown): Envelope<T> {
  return (body as { result: Envelope<T> }).result
}

describe('function runner: identity', () => {
  it('gives each of 50 concurrent calls its own caller', async () => {
    const openids = Array.from({ length: 50 }, (_, i) => `oUser${i}`)
    const replies = await Promise.all(openids.map((id) => callFn(server.url, 'whoami', {}, id)))
    for (const [i, reply] of replies.entries()) {
      expect(reply.status).toBe(200)
      const data = resultOf<WhoAmI>(reply.body).data
      expect(data.openid).toBe(openids[i])
      expect(data.before).toBe(openids[i])
    }
  })

  it('runs a call without x-wx-openid with no OPENID, even on a worker reused from another caller', async () => {
    // Sequential calls land on the same idle worker, so the previous caller's WX_OPENID must be cleared.
    for (const header of [undefined, '']) {
      await callFn(server.url, 'whoami', { delayMs: 0 }, 'oPrevious')
      const reply = await callFn(server.url, 'whoami', { delayMs: 0 }, header)
      expect(resultOf<WhoAmI>(reply.body).data.openid).toBeNull()
    }
  })

  it('resolves DYNAMIC_CURRENT_ENV and adds userInfo like production', async () => {
    const data = resultOf<WhoAmI>(
      (await callFn(server.url, 'whoami', { delayMs: 0, userInfo: { openId: 'forged' } }, 'oReal')).body,
    ).data
    expect(data.env).toBe('zhibutong-local')
    expect(data.userInfo).toEqual({ appId: 'wx0000000000000000', openId: 'oReal' })
  })

  it('does not deadlock when every worker is a caller waiting for a callee', async () => {
    // The test server has 4 workers: 12 callers at once can only finish if callees get workers of their own.
    await Promise.all(Array.from({ length: 8 }, () => callFn(server.url, 'whoami', { delayMs: 100 }, 'oWarm')))
    const ids = Array.from({ length: 12 }, (_, i) => `oBusy${i}`)
    const replies = await Promise.all(ids.map((id) => callFn(server.url, 'caller', {}, id)))
    for (const [i, reply] of replies.entries()) {
      expect(resultOf<{ callee: Envelope<WhoAmI> }>(reply.body).data.callee.data.openid).toBe(ids[i])
    }
  }, 10_000)

  it("keeps the caller's identity through cloud.callFunction", async () => {
    const replies = await Promise.all(['oNestA', 'oNestB', 'oNestC'].map((id) => callFn(server.url, 'caller', {}, id)))
    for (const [i, id] of ['oNestA', 'oNestB', 'oNestC'].entries()) {
      const data = resultOf<{ me: string; callee: Envelope<WhoAmI> }>(replies[i].body).data
      expect(data.me).toBe(id)
      expect(data.callee.data.openid).toBe(id)
    }
  })
})

describe('function runner: database through the SDK', () => {
  it('adds and reads back a document', async () => {
    const reply = await callFn(server.url, 'dbtest', { n: 7 }, 'oWriter')
    const data = resultOf<{ id: string; doc: { owner: string; n: number; _id: string } }>(reply.body).data
    expect(data.id).toMatch(/\S/)
    expect(data.doc).toMatchObject({ owner: 'oWriter', n: 7, _id: data.id })
  })

  it("logs the call's database requests under its callId", async () => {
    const reply = await callFn(server.url, 'dbtest', { n: 1, action: 'note.add' }, 'oLogged')
    expect(reply.callId).toBeTruthy()
    const calls = (await (await fetch(`${server.url}/api/dev/calls?limit=20`)).json()) as Array<Record<string, unknown>>
    const record = calls.find((c) => c.callId === reply.callId)
    expect(record).toMatchObject({ fn: 'dbtest', action: 'note.add', openid: 'oLogged', ok: true, parentCallId: null })
    expect(typeof record?.startedAt).toBe('number')
    expect(typeof record?.ms).toBe('number')
    const queries = record?.queries as Array<{ tag: string; action: string; collection: string }>
    expect(queries.map((q) => q.action)).toEqual(
      expect.arrayContaining(['database.insertDocument', 'database.getDocument']),
    )
    expect(queries.every((q) => q.tag === reply.callId && q.collection === 'notes')).toBe(true)
  })
})

describe('function runner: failures', () => {
  it('answers INTERNAL for a function that throws and keeps the stack server-side', async () => {
    const reply = await callFn(server.url, 'boom', {}, 'oX')
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ result: { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } })
    expect(JSON.stringify(reply.body)).not.toContain('SECRET-INTERNAL-DETAIL')
    expect(server.output()).toContain('SECRET-INTERNAL-DETAIL')
  })

  it('reports a failing callee to the caller as an SDK error', async () => {
    const data = resultOf<{ calleeFailed: boolean; errMsg: string }>(
      (await callFn(server.url, 'caller', { target: 'boom' }, 'oY')).body,
    ).data
    expect(data.calleeFailed).toBe(true)
    expect(data.errMsg).toContain('boom')
  })

  it('answers INTERNAL when a function times out, and the pool keeps working', async () => {
    const quick = await startServer({ env: { FUNCTION_TIMEOUT_MS: '1000' }, functionsDir: server.functionsDir })
    try {
      const started = Date.now()
      const reply = await callFn(quick.url, 'slow', { ms: 10_000 }, 'oZ')
      expect(Date.now() - started).toBeLessThan(5000)
      expect(resultOf<unknown>(reply.body)).toMatchObject({ ok: false, code: 'INTERNAL' })
      const after = await callFn(quick.url, 'whoami', { delayMs: 0 }, 'oAfter')
      expect(resultOf<WhoAmI>(after.body).data.openid).toBe('oAfter')
    } finally {
      await quick.stop()
    }
  })

  it('survives a function that ends its worker thread', async () => {
    const reply = await callFn(server.url, 'crash', {}, 'oCrash')
    expect(resultOf<unknown>(reply.body)).toMatchObject({ ok: false, code: 'INTERNAL' })
    const after = await callFn(server.url, 'whoami', { delayMs: 0 }, 'oAfterCrash')
    expect(resultOf<WhoAmI>(after.body).data.openid).toBe('oAfterCrash')
  })

  it('answers 404 JSON for an unknown function and for names that are not functions', async () => {
    for (const name of ['nope', '_shared', '..%2Fboom']) {
      const reply = await callFn(server.url, name, {}, 'o1')
      expect(reply.status).toBe(404)
      expect(reply.body).toMatchObject({ error: { code: 'FUNCTION_NOT_FOUND' } })
    }
  })

  it('answers 400 JSON for a body that is not a JSON object', async () => {
    for (const body of ['{not json', '[1,2]']) {
      const res = await fetch(`${server.url}/api/functions/whoami`, {
        method: 'POST',
        body,
        headers: { 'x-wx-openid': 'o1' },
      })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/INVALID/)
    }
  })

  it('refuses an oversized body with 413', async () => {
    const res = await fetch(`${server.url}/api/functions/whoami`, {
      method: 'POST',
      body: JSON.stringify({ big: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(res.status).toBe(413)
  })

  it('refuses a malformed x-wx-openid', async () => {
    const reply = await callFn(server.url, 'whoami', {}, 'bad openid!')
    expect(reply.status).toBe(400)
  })
})

describe('function runner: dev loop', () => {
  it('reloads a function when its index.js changes', async () => {
    const file = path.join(server.functionsDir, 'slow', 'index.js')
    const before = resultOf<{ waited: number }>((await callFn(server.url, 'slow', { ms: 1 })).body)
    expect(before.data.waited).toBe(1)
    await fs.writeFile(file, 'exports.main = async () => ({ ok: true, data: { version: 2 } });\n')
    const after = resultOf<{ version: number }>((await callFn(server.url, 'slow', {})).body)
    expect(after.data.version).toBe(2)
  })
})
