import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { HttpError } from './http/errors'
import { contentTypeForPath } from './storage/content-types'

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>支部通 · 本地云</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#333;line-height:1.7}code{background:#f3f3f3;padding:.1em .4em;border-radius:4px}</style>
</head><body>
<h1>H5 页面还没有构建</h1>
<p>本地云已经在运行，但还找不到 H5 版本的页面（<code>dist/h5</code>）。</p>
<p>请在项目根目录运行 <code>npm start</code>（会先构建 H5 再启动本地云），构建完成后刷新本页即可。</p>
<p lang="en" style="color:#888">The H5 build (dist/h5) is missing. Run <code>npm start</code> at the repo root, then reload.</p>
</body></html>`

/** Files whose names carry a content hash (app.3f9a1c2b.js) never change: cache them for a year. */
const HASHED_NAME = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i

/** Text formats shrink 3-5x under gzip; images and videos are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|wasm)|image\/svg)/
/** Below this a gzip header and an extra round of work cost more than they save. */
const MIN_GZIP_BYTES = 1024

const gzipAsync = promisify(gzip)
/** Gzipped bodies by file, valid while the file's size and mtime are unchanged (a rebuild replaces them). */
const gzipped = new Map<string, { version: string; body: Promise<Buffer> }>()

function gzippedBody(file: string, version: string): Promise<Buffer> {
  const hit = gzipped.get(file)
  if (hit && hit.version === version) return hit.body
  const body = fs.readFile(file).then((raw) => gzipAsync(raw, { level: 9 }))
  // A failed read or compression is not cached: the next request tries again.
  body.catch(() => {
    if (gzipped.get(file)?.body === body) gzipped.delete(file)
  })
  gzipped.set(file, { version, body })
  return body
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
}

/** GET of any non-API path: the H5 build, with SPA fallback to index.html. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  h5Dir: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'METHOD_NOT_ALLOWED', '只支持 GET 请求')
  const indexFile = path.join(h5Dir, 'index.html')
  if (!(await isFile(indexFile))) {
    sendHtml(res, 503, NOT_BUILT_PAGE)
    return
  }
  const file = await resolveFile(pathname, h5Dir)
  if (file) return sendFile(req, res, file)
  if (path.extname(pathname) !== '' && !acceptsHtml(req)) throw new HttpError(404, 'NOT_FOUND', '文件不存在')
  return sendFile(req, res, indexFile)
}

/** Maps a URL path into h5Dir, or null. Refuses anything that would leave h5Dir. */
async function resolveFile(pathname: string, h5Dir: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    throw new HttpError(400, 'INVALID_PATH', '路径编码不正确')
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..'))
    throw new HttpError(400, 'INVALID_PATH', '路径不合法')
  const root = path.resolve(h5Dir)
  let file = path.resolve(root, `.${decoded}`)
  if (file !== root && !file.startsWith(root + path.sep)) throw new HttpError(400, 'INVALID_PATH', '路径不合法')
  if (decoded.endsWith('/')) file = path.join(file, 'index.html')
  return (await isFile(file)) ? file : null
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  const st = await fs.stat(file)
  const version = `${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}`
  const type = contentTypeForPath(file)
  const compress = COMPRESSIBLE.test(type) && st.size >= MIN_GZIP_BYTES
  const gzipIt = compress && acceptsGzip(req)
  // Each encoding is its own representation: its own validator.
  const etag = `W/"${version}${gzipIt ? '-gz' : ''}"`
  const headers: Record<string, string | number> = {
    'content-type': type,
    'cache-control': HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'last-modified': st.mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
  }
  if (compress) headers.vary = 'accept-encoding'
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  if (gzipIt) {
    const body = await gzippedBody(file, version)
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length })
    res.end(req.method === 'HEAD' ? undefined : body)
    return
  }
  res.writeHead(200, { ...headers, 'content-length': st.size })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  })
  res.end(html)
}

function acceptsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html')
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile()
  } catch {
    return false
  }
}
