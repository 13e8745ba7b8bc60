import http from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callFn, makeTempDir, startServer, type TestServer } from '../fixtures/local-cloud-server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

function rawRequest(
  url: string,
  opts: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: opts.path, method: opts.method, headers: opts.headers }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

/** A GET that sends exactly these headers and keeps the body as sent (fetch would decompress it). */
function rawGet(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('GET /api/dev/personas', () => {
  it('joins members with bindings, highest role first', async () => {
    expect(((await callFn(server.url, 'devseed', {})).body as { result: { ok: boolean } }).result.ok).toBe(true)
    const personas = (await (await fetch(`${server.url}/api/dev/personas`)).json()) as Array<Record<string, unknown>>
    expect(personas.map((p) => [p.openid, p.role])).toEqual([
      ['oCommittee', 'committee'],
      ['oSecretary', 'secretary'],
      ['oStudent', 'student'],
    ])
    expect(personas[2]).toMatchObject({
      name: '张三',
      branchId: 'b1',
      stage: 'activist',
      branchName: '计算机学院学生第一党支部',
      studentNo: '2023001',
    })
  })
})

describe('GET /api/dev/calls', () => {
  it('lists recent calls newest first, honouring limit', async () => {
    await callFn(server.url, 'whoami', { delayMs: 0, action: 'first' }, 'oCalls')
    await callFn(server.url, 'whoami', { delayMs: 0, action: 'second' }, 'oCalls')
    const calls = (await (await fetch(`${server.url}/api/dev/calls?limit=2`)).json()) as Array<Record<string, unknown>>
    expect(calls.map((c) => c.action)).toEqual(['second', 'first'])
    expect(calls[0]).toMatchObject({ fn: 'whoami', openid: 'oCalls', ok: true, queries: [] })
  })
})

describe('POST /admin', () => {
  it('answers an unknown action with an error the SDK surfaces', async () => {
    const res = await fetch(`${server.url}/admin?env=x`, {
      method: 'POST',
      body: JSON.stringify({ action: 'tcb.nothing' }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ code: 'INVALID_ACTION', message: expect.stringContaining('tcb.nothing') })
  })

  it('refuses browsers (Origin), foreign Host names and other methods', async () => {
    const body = JSON.stringify({ action: 'database.getDocument', collectionName: 'notes', query: '{}' })
    expect(
      (
        await rawRequest(server.url, {
          method: 'POST',
          path: '/admin',
          body,
          headers: { origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(403)
    expect(
      (await rawRequest(server.url, { method: 'POST', path: '/admin', body, headers: { host: 'evil.example:10086' } }))
        .status,
    ).toBe(403)
    expect((await rawRequest(server.url, { method: 'GET', path: '/admin' })).status).toBe(405)
  })
})

describe('static H5 files', () => {
  it('serves index.html, assets with long caching, and falls back to index.html for app routes', async () => {
    const index = await fetch(`${server.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toContain('text/html')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toContain('FIXTURE-H5-INDEX')

    const asset = await fetch(`${server.url}/app.3f9a1c2b.js`)
    expect(asset.headers.get('content-type')).toContain('javascript')
    expect(asset.headers.get('cache-control')).toContain('immutable')

    const route = await fetch(`${server.url}/pages/index/index`, { headers: { accept: 'text/html' } })
    expect(await route.text()).toContain('FIXTURE-H5-INDEX')
    expect((await fetch(`${server.url}/missing.3f9a1c2b.js`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/nothing`)).status).toBe(404)
  })

  it('gzips text assets for clients that accept it, with a validator per encoding', async () => {
    const plain = await rawGet(server.url, '/app.5e6f7a8b.css', {})
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('accept-encoding')
    expect(plain.body.toString()).toContain('FIXTURE-H5-CSS')

    const zipped = await rawGet(server.url, '/app.5e6f7a8b.css', { 'accept-encoding': 'gzip, deflate' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.body.length).toBeLessThan(plain.body.length / 3)
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true)
    expect(zipped.headers.etag).not.toBe(plain.headers.etag)
    const again = await rawGet(server.url, '/app.5e6f7a8b.css', {
      'accept-encoding': 'gzip',
      'if-none-match': String(zipped.headers.etag),
    })
    expect(again.status).toBe(304)

    // Tiny files are sent as they are.
    expect(
      (await rawGet(server.url, '/app.3f9a1c2b.js', { 'accept-encoding': 'gzip' })).headers['content-encoding'],
    ).toBeUndefined()
  })

  it('explains in Chinese how to build when dist/h5 is missing', async () => {
    const bare = await startServer({ env: { H5_DIR: await makeTempDir('no-h5') } })
    try {
      const res = await fetch(`${bare.url}/`)
      expect(res.status).toBe(503)
      expect(await res.text()).toContain('npm start')
    } finally {
      await bare.stop()
    }
  })
})
