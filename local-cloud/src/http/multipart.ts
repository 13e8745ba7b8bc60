import type { IncomingMessage } from 'node:http'
import busboy from 'busboy'
import { HttpError } from './errors'
import { formatBytes } from './io'

export interface UploadedPart {
  data: Buffer
  filename: string | undefined
  mimeType: string
}

export interface MultipartBody {
  fields: Record<string, string>
  files: Record<string, UploadedPart>
}

export interface MultipartLimits {
  maxFileBytes: number
  maxFiles: number
  maxFields: number
  maxFieldBytes: number
}

/**
 * Reads a multipart/form-data body into memory within the given limits (413 past them).
 * Parts sent as application/octet-stream arrive as files even without a filename, which is
 * how the SDK sends its protobuf `requestData`.
 */
export function parseMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: limits.maxFields,
          fieldSize: limits.maxFieldBytes,
        },
      })
    } catch {
      reject(new HttpError(400, 'INVALID_MULTIPART', '请求不是合法的 multipart/form-data'))
      return
    }
    const body: MultipartBody = { fields: {}, files: {} }
    let failure: HttpError | null = null
    const fail = (e: HttpError): void => {
      if (!failure) failure = e
    }

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', `表单字段 ${name} 过长`))
      body.fields[name] = value
    })
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () =>
        fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${formatBytes(limits.maxFileBytes)}）`)),
      )
      stream.on('close', () => {
        body.files[name] = { data: Buffer.concat(chunks), filename: info.filename, mimeType: info.mimeType }
      })
    })
    parser.on('filesLimit', () => fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', '文件数量过多')))
    parser.on('fieldsLimit', () => fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', '表单字段过多')))
    // busboy does not always emit 'close' after 'error', so an error settles the promise itself.
    parser.on('error', () =>
      reject(failure ?? new HttpError(400, 'INVALID_MULTIPART', '请求不是合法的 multipart/form-data')),
    )
    parser.on('close', () => (failure ? reject(failure) : resolve(body)))
    req.on('error', () => reject(new HttpError(400, 'INVALID_MULTIPART', '上传中断')))
    req.pipe(parser)
  })
}
