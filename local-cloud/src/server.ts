import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { handleAdmin, type AdminDeps } from './admin'
import { handleApi, type GatewayDeps } from './gateway/gateway'
import { isHttpError } from './http/errors'
import { sendError } from './http/io'
import { serveStatic } from './static-files'
import { DOWNLOAD_PREFIX, SDK_UPLOAD_PREFIX, type StorageService } from './storage/storage-service'

export interface ServerDeps {
  admin: AdminDeps
  gateway: GatewayDeps
  storage: StorageService
  h5Dir: string
}

const ADMIN_PATH = /^\/admin(?:\/([A-Za-z0-9_-]{1,64}))?\/?$/

export function createHttpServer(deps: ServerDeps): http.Server {
  const server = http.createServer((req, res) => {
    void handleRequest(req, res, deps).catch((e: unknown) => answerFailure(req, res, e))
  })
  server.keepAliveTimeout = 10_000
  return server
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  if (!isLoopbackHost(req.headers.host)) {
    // Only names of this machine: a page on another domain re-pointed at 127.0.0.1 (DNS rebinding) gets nothing.
    req.resume()
    sendError(res, 403, 'FORBIDDEN', '只接受发往本机地址（127.0.0.1 / localhost）的请求')
    return
  }
  const { rawPath, url } = splitUrl(req.url ?? '/')
  const admin = ADMIN_PATH.exec(rawPath)
  if (admin) return handleAdmin(req, res, admin[1] ?? null, deps.admin)
  if (rawPath.startsWith('/api/')) return handleApi(req, res, url, deps.gateway)
  if (rawPath.startsWith(SDK_UPLOAD_PREFIX) && (req.method === 'PUT' || req.method === 'POST')) {
    return deps.storage.handleSdkUpload(req, res, rawPath.slice(SDK_UPLOAD_PREFIX.length))
  }
  if (rawPath.startsWith(DOWNLOAD_PREFIX))
    return deps.storage.handleDownload(req, res, rawPath.slice(DOWNLOAD_PREFIX.length), url.searchParams)
  return serveStatic(req, res, rawPath, deps.h5Dir)
}

/**
 * The path exactly as sent (still percent-encoded, dot segments kept) so traversal attempts are
 * seen and refused rather than silently normalized by the URL parser.
 */
function splitUrl(reqUrl: string): { rawPath: string; url: URL } {
  const url = new URL(reqUrl, 'http://127.0.0.1')
  const pathPart = reqUrl.startsWith('/') ? reqUrl.split('?')[0] : url.pathname
  return { rawPath: pathPart, url }
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return true
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]'
}

function answerFailure(req: IncomingMessage, res: ServerResponse, e: unknown): void {
  if (isHttpError(e)) {
    sendError(res, e.status, e.code, e.message)
  } else {
    console.error(`[local-cloud] ${req.method} ${req.url} failed:`, e)
    sendError(res, 500, 'INTERNAL', '本地云内部错误，请查看服务端日志')
  }
  // Stop reading a body we no longer want (e.g. an upload refused half-way).
  if (!req.complete) req.resume()
}
