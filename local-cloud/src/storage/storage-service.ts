import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError } from '../http/errors'
import { isJsonObject, parseJsonObject, readBody, sendJson, type JsonObject } from '../http/io'
import { parseMultipart } from '../http/multipart'
import { newRequestId, newToken } from '../ids'
import { StreamTooLargeError } from '../fs-durable'
import { UPLOADABLE_TYPES, baseType, contentTypeForPath, headMatchesType } from './content-types'
import type { FileStore, StoredFileMeta } from './file-store'
import { cloudPathOf, cloudPathProblem } from './paths'
import type { StorageRules } from './storage-rules'

export interface StorageLimits {
  /** Files the H5 client uploads (photos, documents). */
  maxH5UploadBytes: number
  /** Files a cloud function uploads with the SDK. */
  maxSdkUploadBytes: number
}

interface PendingUpload {
  cloudPath: string
  uploader: string | null
  expiresAt: number
}

const UPLOAD_TOKEN_TTL_MS = 10 * 60 * 1000
const DEFAULT_TEMP_URL_SECONDS = 2 * 60 * 60
const MAX_TEMP_URL_SECONDS = 24 * 60 * 60
export const DOWNLOAD_PREFIX = '/storage/download/'
export const SDK_UPLOAD_PREFIX = '/storage/upload/'

/** Storage as the SDK (`storage.*` actions) and the H5 client (`/api/storage/*`) see it. */
export class StorageService {
  private readonly pending = new Map<string, PendingUpload>()

  constructor(
    private readonly store: FileStore,
    private readonly baseUrl: () => string,
    private readonly limits: StorageLimits,
    /** The bucket's security rules, as set in production: they govern the client routes, never the SDK (admin). */
    private readonly rules: StorageRules,
  ) {}

  // ---- SDK actions (POST /admin) ----

  /** First step of `cloud.uploadFile`: tell the SDK where to PUT the bytes. */
  getUploadMetadata(body: JsonObject, uploader: string | null): JsonObject {
    const cloudPath = typeof body.path === 'string' ? body.path : ''
    const problem = cloudPathProblem(cloudPath)
    if (problem) return sdkError('INVALID_PARAM', `cloudPath 不合法：${problem}`)
    this.forgetExpiredUploads()
    const token = newToken()
    this.pending.set(token, { cloudPath, uploader, expiresAt: Date.now() + UPLOAD_TOKEN_TTL_MS })
    return {
      requestId: newRequestId(),
      data: {
        url: `${this.baseUrl()}${SDK_UPLOAD_PREFIX}${token}`,
        token,
        authorization: token,
        fileId: this.store.fileIdFor(cloudPath),
        cosFileId: token,
        download_url: '',
      },
    }
  }

  async batchGetDownloadUrl(body: JsonObject): Promise<JsonObject> {
    const list = Array.isArray(body.file_list) ? body.file_list : []
    const downloadList = await Promise.all(list.map((item) => this.downloadEntry(item)))
    return { requestId: newRequestId(), data: { download_list: downloadList } }
  }

  async batchDeleteFile(body: JsonObject): Promise<JsonObject> {
    const ids = Array.isArray(body.fileid_list) ? body.fileid_list : []
    const deleteList = await Promise.all(
      ids.map(async (fileID: unknown) => {
        const cloudPath = typeof fileID === 'string' ? cloudPathOf(fileID) : null
        if (!cloudPath) return { fileID, code: 'INVALID_PARAM', message: 'fileID 不合法' }
        const existed = await this.store.remove(cloudPath)
        return existed ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' }
      }),
    )
    return { requestId: newRequestId(), data: { delete_list: deleteList } }
  }

  private async downloadEntry(item: unknown): Promise<JsonObject> {
    const fileID = isJsonObject(item) && typeof item.fileid === 'string' ? item.fileid : ''
    const maxAge = isJsonObject(item) ? clampMaxAge(item.max_age) : DEFAULT_TEMP_URL_SECONDS
    const cloudPath = cloudPathOf(fileID)
    const meta = cloudPath ? await this.store.meta(cloudPath) : null
    if (!cloudPath || !meta) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' }
    return { fileID, tempFileURL: this.tempUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge }
  }

  /** A URL served by this server, valid for `maxAgeSec`. The path is left raw like production's (the SDK encodeURI's it). */
  tempUrl(cloudPath: string, maxAgeSec: number): string {
    const expires = Math.floor(Date.now() / 1000) + maxAgeSec
    return `${this.baseUrl()}${DOWNLOAD_PREFIX}${cloudPath}?expires=${expires}&sign=${this.store.sign(cloudPath, expires)}`
  }

  // ---- HTTP routes ----

  /** Second step of `cloud.uploadFile`: the SDK PUTs the raw bytes to the URL from getUploadMetadata. */
  async handleSdkUpload(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const upload = this.pending.get(token)
    if (!upload || upload.expiresAt < Date.now()) {
      req.resume()
      sendCosError(res, 403, 'AccessDenied', 'upload url is invalid or expired')
      return
    }
    this.pending.delete(token)
    try {
      await this.store.put(upload.cloudPath, req, {
        contentType: contentTypeForPath(upload.cloudPath),
        uploader: upload.uploader,
        maxBytes: this.limits.maxSdkUploadBytes,
      })
    } catch (e) {
      if (!(e instanceof StreamTooLargeError)) throw e
      sendCosError(res, 400, 'EntityTooLarge', `file exceeds ${this.limits.maxSdkUploadBytes} bytes`)
      return
    }
    res.writeHead(200, { 'content-length': 0, etag: `"${token}"` })
    res.end()
  }

  /** POST /api/storage/upload — the H5 client's `uploadFile`: multipart `file` + `cloudPath`. */
  async handleH5Upload(req: IncomingMessage, res: ServerResponse, openid: string | null): Promise<void> {
    if (!openid) {
      req.resume()
      throw new HttpError(401, 'UNAUTHENTICATED', '请先登录后再上传文件')
    }
    const form = await parseMultipart(req, {
      maxFileBytes: this.limits.maxH5UploadBytes,
      maxFiles: 1,
      maxFields: 8,
      maxFieldBytes: 2048,
    })
    const cloudPath = form.fields.cloudPath ?? ''
    const problem = cloudPathProblem(cloudPath)
    if (problem) throw new HttpError(400, 'INVALID_ARGUMENT', problem)
    const file = form.files.file
    if (!file || file.data.length === 0) throw new HttpError(400, 'INVALID_ARGUMENT', '请选择要上传的文件')
    const contentType = acceptedContentType(file.mimeType, cloudPath, file.data)
    await this.assertMayWrite(cloudPath, openid)
    const meta = await this.store.put(cloudPath, file.data, {
      contentType,
      uploader: openid,
      maxBytes: this.limits.maxH5UploadBytes,
    })
    sendJson(res, 200, { fileID: meta.fileID })
  }

  /**
   * POST /api/storage/temp-urls — `{ fileList: string[] }` → the shape `wx.cloud.getTempFileURL` resolves with.
   * A client call: only signed-in users, and only files the bucket's `read` rule lets them read.
   */
  async handleH5TempUrls(req: IncomingMessage, res: ServerResponse, openid: string | null): Promise<void> {
    if (!openid) {
      req.resume()
      throw new HttpError(401, 'UNAUTHENTICATED', '请先登录后再查看文件')
    }
    const body = parseJsonObject(await readBody(req, 64 * 1024))
    const list = body.fileList
    if (!Array.isArray(list) || list.length > 50)
      throw new HttpError(400, 'INVALID_ARGUMENT', 'fileList 必须是不超过 50 个文件 ID 的数组')
    const fileList = await Promise.all(list.map((id: unknown) => this.h5TempUrl(id, openid)))
    sendJson(res, 200, { fileList })
  }

  private async h5TempUrl(fileID: unknown, openid: string): Promise<JsonObject> {
    const cloudPath = typeof fileID === 'string' ? cloudPathOf(fileID) : null
    const meta = cloudPath ? await this.store.meta(cloudPath) : null
    if (
      cloudPath &&
      meta &&
      !this.rules.read({ auth: { openid }, resource: { openid: meta.uploader, path: cloudPath } })
    ) {
      return { fileID, tempFileURL: '', status: -503002, errMsg: '没有权限读取该文件', maxAge: 0 }
    }
    const entry = await this.downloadEntry({
      fileid: typeof fileID === 'string' ? fileID : '',
      max_age: DEFAULT_TEMP_URL_SECONDS,
    })
    if (entry.code !== 'SUCCESS') return { fileID, tempFileURL: '', status: -503003, errMsg: '文件不存在', maxAge: 0 }
    return { fileID, tempFileURL: entry.tempFileURL, status: 0, errMsg: 'ok', maxAge: entry.maxAge }
  }

  /** GET/HEAD /storage/download/<cloudPath>?expires=&sign= — where temp URLs point. */
  async handleDownload(
    req: IncomingMessage,
    res: ServerResponse,
    rawPath: string,
    query: URLSearchParams,
  ): Promise<void> {
    const cloudPath = decodePathSegments(rawPath)
    const problem = cloudPath === null ? '文件路径编码不正确' : cloudPathProblem(cloudPath)
    if (problem || cloudPath === null) throw new HttpError(400, 'INVALID_ARGUMENT', problem ?? '文件路径不合法')
    const expires = Number(query.get('expires'))
    if (!this.store.verify(cloudPath, expires, query.get('sign') ?? '')) {
      throw new HttpError(403, 'FORBIDDEN', '下载链接无效或已过期，请重新获取')
    }
    const meta = await this.store.meta(cloudPath)
    if (!meta) throw new HttpError(404, 'NOT_FOUND', '文件不存在或已被删除')
    this.streamFile(req, res, meta, expires)
  }

  private streamFile(req: IncomingMessage, res: ServerResponse, meta: StoredFileMeta, expires: number): void {
    const secondsLeft = Math.max(0, expires - Math.floor(Date.now() / 1000))
    res.writeHead(200, {
      'content-type': meta.contentType,
      'content-length': meta.size,
      'cache-control': `private, max-age=${secondsLeft}`,
      'last-modified': new Date(meta.uploadedAt).toUTCString(),
      'x-content-type-options': 'nosniff',
      // Stored files are data, never a page that runs in this origin.
      'content-security-policy': "default-src 'none'; sandbox",
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    const stream = this.store.openRead(meta.cloudPath)
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  }

  /** The bucket's `write` rule; a new file's owner is its uploader, an existing file keeps its creator. */
  private async assertMayWrite(cloudPath: string, openid: string): Promise<void> {
    const existing = await this.store.meta(cloudPath)
    const owner = existing ? existing.uploader : openid
    if (!this.rules.write({ auth: { openid }, resource: { openid: owner, path: cloudPath } })) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        existing ? '该路径的文件由其他用户上传，不能覆盖' : '云存储权限不允许上传这个文件',
      )
    }
  }

  private forgetExpiredUploads(): void {
    const now = Date.now()
    for (const [token, p] of this.pending) if (p.expiresAt < now) this.pending.delete(token)
  }
}

function acceptedContentType(declared: string, cloudPath: string, data: Buffer): string {
  const declaredBase = baseType(declared)
  const type =
    declaredBase === '' || declaredBase === 'application/octet-stream'
      ? baseType(contentTypeForPath(cloudPath))
      : declaredBase
  if (!UPLOADABLE_TYPES.has(type))
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      '只能上传图片（JPG/PNG/GIF/WebP）、短视频（MP4/MOV）、PDF、Word、Excel 或文本文件',
    )
  if (!headMatchesType(data.subarray(0, 16), type))
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '文件内容与文件类型不符')
  return type === 'text/plain' ? 'text/plain; charset=utf-8' : type
}

function clampMaxAge(v: unknown): number {
  const n = typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : DEFAULT_TEMP_URL_SECONDS
  return Math.min(MAX_TEMP_URL_SECONDS, Math.max(60, n))
}

function decodePathSegments(raw: string): string | null {
  try {
    return raw
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/')
  } catch {
    return null
  }
}

function sdkError(code: string, message: string): JsonObject {
  return { requestId: newRequestId(), code, message }
}

/** COS answers upload failures with this XML; the SDK reads Code, Message, RequestId and TraceId from it. */
function sendCosError(res: ServerResponse, status: number, code: string, message: string): void {
  const id = newRequestId()
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>upload</Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) })
  res.end(xml)
}
