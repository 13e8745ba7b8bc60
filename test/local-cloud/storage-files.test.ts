import fs from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callFn, startServer, type TestServer } from '../fixtures/local-cloud-server'

let server: TestServer

beforeAll(async () => {
  server = await startServer({ env: { MAX_UPLOAD_BYTES: String(64 * 1024) } })
})

afterAll(async () => {
  await server?.stop()
})

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake png body')])

async function files<T>(event: Record<string, unknown>): Promise<T> {
  const reply = await callFn(server.url, 'files', event, 'oStorage')
  const result = (reply.body as { result: { ok: boolean; data: T; message?: string } }).result
  if (!result.ok) throw new Error(`files fixture failed: ${JSON.stringify(result)}`)
  return result.data
}

/** A raw GET, so dot segments reach the server as typed (fetch would normalize them away). */
function rawGet(url: string, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

function h5Upload(cloudPath: string, bytes: Buffer, type: string, openid?: string): Promise<Response> {
  const form = new FormData()
  form.set('cloudPath', cloudPath)
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), path.basename(cloudPath))
  return fetch(`${server.url}/api/storage/upload`, {
    method: 'POST',
    body: form,
    headers: openid ? { 'x-wx-openid': openid } : {},
  })
}

async function metaFor(cloudPath: string): Promise<Record<string, unknown> | null> {
  const root = path.join(server.dataDir, 'storage', 'meta')
  for (const dir of await fs.readdir(root)) {
    for (const f of await fs.readdir(path.join(root, dir))) {
      const meta = JSON.parse(await fs.readFile(path.join(root, dir, f), 'utf8')) as Record<string, unknown>
      if (meta.cloudPath === cloudPath) return meta
    }
  }
  return null
}

describe('storage through the real SDK', () => {
  it('uploads, serves a temp URL, downloads and deletes', async () => {
    const bytes = Buffer.from(`报告内容 ${Date.now()} \u0000\u00ff binary`, 'utf8')
    const { fileID } = await files<{ fileID: string }>({
      action: 'upload',
      cloudPath: 'reports/2026/思想汇报 1.txt',
      base64: bytes.toString('base64'),
    })
    expect(fileID).toBe('cloud://zhibutong-local.7a68-zhibutong-local-1250000000/reports/2026/思想汇报 1.txt')

    const entry = await files<{ tempFileURL: string; status: number }>({ action: 'tempUrl', fileID })
    expect(entry.status).toBe(0)
    expect(entry.tempFileURL.startsWith(`${server.url}/storage/download/`)).toBe(true)
    const fetched = await fetch(entry.tempFileURL)
    expect(fetched.status).toBe(200)
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true)

    const downloaded = await files<{ base64: string }>({ action: 'download', fileID })
    expect(Buffer.from(downloaded.base64, 'base64').equals(bytes)).toBe(true)
    expect((await metaFor('reports/2026/思想汇报 1.txt'))?.uploader).toBe('oStorage')

    const removed = await files<{ status: number }>({ action: 'remove', fileID })
    expect(removed.status).toBe(0)
    expect((await fetch(entry.tempFileURL)).status).toBe(404)
    const gone = await files<{ status: number }>({ action: 'tempUrl', fileID })
    expect(gone.status).not.toBe(0)
  })

  it('refuses a cloudPath that climbs out', async () => {
    const reply = await callFn(
      server.url,
      'files',
      { action: 'upload', cloudPath: '../../etc/passwd', base64: 'eA==' },
      'oStorage',
    )
    expect((reply.body as { result: { ok: boolean } }).result.ok).toBe(false)
  })
})

describe('storage routes for the H5 client', () => {
  it('uploads with the caller recorded; temp URLs follow the bucket rules for clients, the SDK (admin) always gets them', async () => {
    const res = await h5Upload('avatars/oH5.png', PNG, 'image/png', 'oH5')
    expect(res.status).toBe(200)
    const { fileID } = (await res.json()) as { fileID: string }
    expect(fileID).toMatch(/^cloud:\/\/zhibutong-local\.[^/]+\/avatars\/oH5\.png$/)
    expect(await metaFor('avatars/oH5.png')).toMatchObject({
      uploader: 'oH5',
      size: PNG.length,
      contentType: 'image/png',
    })

    const tempUrls = (openid?: string): Promise<Response> =>
      fetch(`${server.url}/api/storage/temp-urls`, {
        method: 'POST',
        headers: openid ? { 'x-wx-openid': openid } : {},
        body: JSON.stringify({ fileList: [fileID, 'cloud://x.y/missing.png'] }),
      })
    expect((await tempUrls()).status).toBe(401)
    // The checked-in rules (cloudfunctions/storage-rules.json) give clients no read at all, not even the uploader.
    for (const openid of ['oH5', 'oOther']) {
      const { fileList } = (await (await tempUrls(openid)).json()) as {
        fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg: string }>
      }
      expect(fileList[0]).toMatchObject({ fileID, tempFileURL: '', status: -503002 })
      expect(fileList[0].errMsg).toMatch(/没有权限/)
      expect(fileList[1].status).not.toBe(0)
    }

    const viaSdk = await files<{ tempFileURL: string; status: number }>({ action: 'tempUrl', fileID })
    expect(viaSdk.status).toBe(0)
    const img = await fetch(viaSdk.tempFileURL)
    expect(img.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true)
  })

  it('applies a rules file like production (here: signed-in users read, creators write) and refuses to start on a rule it cannot read', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zbt-rules-'))
    const rulesFile = path.join(dir, 'rules.json')
    await fs.writeFile(rulesFile, JSON.stringify({ read: 'auth != null', write: 'resource.openid == auth.openid' }))
    const open = await startServer({ env: { STORAGE_RULES_FILE: rulesFile } })
    try {
      const form = new FormData()
      form.set('cloudPath', 'pub/a.png')
      form.set('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'a.png')
      const up = await fetch(`${open.url}/api/storage/upload`, {
        method: 'POST',
        headers: { 'x-wx-openid': 'oA' },
        body: form,
      })
      const { fileID } = (await up.json()) as { fileID: string }
      const res = await fetch(`${open.url}/api/storage/temp-urls`, {
        method: 'POST',
        headers: { 'x-wx-openid': 'oB' },
        body: JSON.stringify({ fileList: [fileID] }),
      })
      const { fileList } = (await res.json()) as { fileList: Array<{ status: number; tempFileURL: string }> }
      expect(fileList[0].status).toBe(0)
      expect((await fetch(fileList[0].tempFileURL)).status).toBe(200)
    } finally {
      await open.stop()
    }
    await fs.writeFile(rulesFile, JSON.stringify({ read: 'resource.path.startsWith(1)', write: false }))
    await expect(startServer({ env: { STORAGE_RULES_FILE: rulesFile } })).rejects.toThrow()
  })

  it('requires a caller, an allowed type, content that matches it, and a size within the limit', async () => {
    expect((await h5Upload('a/x.png', PNG, 'image/png')).status).toBe(401)
    expect((await h5Upload('a/x.html', Buffer.from('<script>'), 'text/html', 'oH5')).status).toBe(415)
    expect((await h5Upload('a/x.jpg', PNG, 'image/jpeg', 'oH5')).status).toBe(415)
    expect(
      (await h5Upload('a/big.png', Buffer.concat([PNG, Buffer.alloc(70 * 1024)]), 'image/png', 'oH5')).status,
    ).toBe(413)
  })

  it("refuses to overwrite another user's file", async () => {
    expect((await h5Upload('shared/photo.png', PNG, 'image/png', 'oOwner')).status).toBe(200)
    expect((await h5Upload('shared/photo.png', PNG, 'image/png', 'oOther')).status).toBe(403)
    expect((await h5Upload('shared/photo.png', PNG, 'image/png', 'oOwner')).status).toBe(200)
  })

  it('refuses path traversal in uploads, downloads and static files', async () => {
    for (const p of ['../outside.png', 'a/../../outside.png', '/abs.png', 'a//b.png']) {
      const res = await h5Upload(p, PNG, 'image/png', 'oH5')
      expect(res.status, p).toBe(400)
    }
    expect(await rawGet(server.url, '/storage/download/../../url-signing.key?expires=9999999999&sign=x')).toBe(400)
    expect(await rawGet(server.url, '/storage/download/%2e%2e/%2e%2e/x?expires=9999999999&sign=x')).toBe(400)
    expect(await rawGet(server.url, '/../../../etc/passwd')).toBe(400)
    expect(await rawGet(server.url, '/%2e%2e/%2e%2e/etc/passwd')).toBe(400)
  })

  it('refuses forged or expired download signatures', async () => {
    await h5Upload('signed/a.png', PNG, 'image/png', 'oH5')
    const future = Math.floor(Date.now() / 1000) + 3600
    expect(
      await rawGet(
        server.url,
        `/storage/download/signed/a.png?expires=${future}&sign=00000000000000000000000000000000`,
      ),
    ).toBe(403)
    expect(
      await rawGet(server.url, `/storage/download/signed/a.png?expires=1000&sign=00000000000000000000000000000000`),
    ).toBe(403)
  })
})
