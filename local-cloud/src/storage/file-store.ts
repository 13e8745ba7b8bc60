import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, type ReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { writeFileDurable, writeStreamDurable } from '../fs-durable'
import { KeyedMutex } from '../keyed-mutex'
import { fileIdFor } from './paths'

export interface StoredFileMeta {
  fileID: string
  cloudPath: string
  size: number
  contentType: string
  /** openid of whoever uploaded it; null for uploads by an admin script outside any call. */
  uploader: string | null
  uploadedAt: string
}

export interface PutOptions {
  contentType: string
  uploader: string | null
  maxBytes: number
}

/**
 * Files on disk under `<dataDir>/storage/`. Objects and their metadata are stored under the
 * sha256 of the cloud path, so no cloud path can ever name a file outside this folder.
 */
export class FileStore {
  private readonly mutex = new KeyedMutex()

  private constructor(
    private readonly root: string,
    readonly envId: string,
    private readonly secret: Buffer,
  ) {}

  static async open(dataDir: string, envId: string): Promise<FileStore> {
    const root = path.join(dataDir, 'storage')
    await fs.mkdir(root, { recursive: true })
    return new FileStore(root, envId, await loadOrCreateSecret(path.join(root, 'url-signing.key')))
  }

  fileIdFor(cloudPath: string): string {
    return fileIdFor(this.envId, cloudPath)
  }

  async put(cloudPath: string, content: Buffer | Readable, opts: PutOptions): Promise<StoredFileMeta> {
    return this.mutex.run(cloudPath, async () => {
      const source = Buffer.isBuffer(content) ? Readable.from([content]) : content
      const size = await writeStreamDurable(this.objectFile(cloudPath), source, opts.maxBytes)
      const meta: StoredFileMeta = {
        fileID: this.fileIdFor(cloudPath),
        cloudPath,
        size,
        contentType: opts.contentType,
        uploader: opts.uploader,
        uploadedAt: new Date().toISOString(),
      }
      // Object first, metadata second: a crash in between leaves an invisible object, never a dangling record.
      await writeFileDurable(this.metaFile(cloudPath), JSON.stringify(meta))
      return meta
    })
  }

  async meta(cloudPath: string): Promise<StoredFileMeta | null> {
    try {
      return JSON.parse(await fs.readFile(this.metaFile(cloudPath), 'utf8')) as StoredFileMeta
    } catch (e) {
      if (isNotFound(e)) return null
      throw e
    }
  }

  openRead(cloudPath: string): ReadStream {
    return createReadStream(this.objectFile(cloudPath))
  }

  async remove(cloudPath: string): Promise<boolean> {
    return this.mutex.run(cloudPath, async () => {
      const existed = (await this.meta(cloudPath)) !== null
      await fs.rm(this.metaFile(cloudPath), { force: true })
      await fs.rm(this.objectFile(cloudPath), { force: true })
      return existed
    })
  }

  /** Signature for a temp download URL: HMAC over path and expiry, so URLs can't be forged or extended. */
  sign(cloudPath: string, expiresAtSec: number): string {
    return createHmac('sha256', this.secret).update(`${expiresAtSec}\n${cloudPath}`).digest('hex').slice(0, 32)
  }

  verify(cloudPath: string, expiresAtSec: number, signature: string): boolean {
    if (!Number.isFinite(expiresAtSec) || expiresAtSec * 1000 < Date.now()) return false
    const expected = Buffer.from(this.sign(cloudPath, expiresAtSec))
    const given = Buffer.from(signature)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }

  private key(cloudPath: string): string {
    return createHash('sha256').update(cloudPath).digest('hex')
  }

  private objectFile(cloudPath: string): string {
    const k = this.key(cloudPath)
    return path.join(this.root, 'objects', k.slice(0, 2), k)
  }

  private metaFile(cloudPath: string): string {
    const k = this.key(cloudPath)
    return path.join(this.root, 'meta', k.slice(0, 2), `${k}.json`)
  }
}

async function loadOrCreateSecret(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file)
  } catch (e) {
    if (!isNotFound(e)) throw e
  }
  const secret = randomBytes(32)
  await writeFileDurable(file, secret)
  return secret
}

export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT'
}
