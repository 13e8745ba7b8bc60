import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, errorBody } from './errors'

export type JsonObject = Record<string, unknown>

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // Encoded once: a string would be measured for content-length, then encoded again by the socket write.
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(bytes)
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  sendJson(res, status, errorBody(code, message))
}

/** Reads the whole request body, refusing (413) anything over `maxBytes` without buffering it. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume()
    return Promise.reject(tooLarge(maxBytes))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        req.removeAllListeners('data')
        req.resume()
        reject(tooLarge(maxBytes))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `请求内容过大（上限 ${formatBytes(maxBytes)}）`)
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} B`
}

/** Parses a JSON body; an empty body counts as `{}` (what callFunction sends without data). */
export function parseJsonObject(buf: Buffer): JsonObject {
  const text = buf.toString('utf8').trim()
  if (text === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'INVALID_JSON', '请求内容不是合法的 JSON')
  }
  if (!isJsonObject(parsed)) {
    throw new HttpError(400, 'INVALID_ARGUMENT', '请求内容必须是 JSON 对象')
  }
  return parsed
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()]
  if (Array.isArray(v)) return v[0]
  return v
}
