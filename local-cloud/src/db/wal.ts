/**
 * Write-ahead log files. A record is one line `<crc32 hex> <json>\n`; a line that is incomplete or fails
 * its checksum marks the torn tail of a crash. Appends are group-committed: records that arrive while an
 * fsync is in flight are written and synced together by the next one, and every caller's promise
 * resolves only after the fsync covering its record.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import path from 'node:path'
import { fsyncDir, writeAll } from './fsutil'

export function formatRecord(json: string): string {
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
}

/** Parses one line; undefined when it is torn or corrupt. */
export function parseRecordLine(line: string): string | undefined {
  if (line.length < 10 || line[8] !== ' ') return undefined
  const json = line.slice(9)
  const expected = Number.parseInt(line.slice(0, 8), 16)
  return crc32(json) === expected ? json : undefined
}

interface Pending {
  readonly data: string
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

export class WalWriter {
  private handle: FileHandle | undefined
  private readonly ready: Promise<void>
  private queue: Pending[] = []
  private flushing: Promise<void> | undefined
  private failure: Error | undefined
  /** Bytes appended to this file, synced or not. */
  bytes: number

  /**
   * @param after a promise to wait for before the first write: the previous WAL file's final fsync,
   *   so that no record in this file becomes durable before an older record in the previous one.
   */
  constructor(
    readonly file: string,
    initialBytes: number,
    after: Promise<void>,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.bytes = initialBytes
    this.ready = (async () => {
      await after
      this.handle = await open(file, 'a')
      await fsyncDir(path.dirname(file)) // the new file's directory entry must survive a crash too
    })()
    this.ready.catch((error: unknown) => this.fail(asError(error)))
  }

  /** Queues a record; resolves once it is on disk. */
  append(json: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    const data = formatRecord(json)
    this.bytes += Buffer.byteLength(data)
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ data, resolve, reject })
      this.flushing ??= this.flushLoop()
    })
  }

  /** Resolves when everything appended so far is durable. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing
    if (this.failure) throw this.failure
  }

  async close(): Promise<void> {
    try {
      await this.ready
      await this.drain()
    } finally {
      await this.handle?.close()
      this.handle = undefined
    }
  }

  private async flushLoop(): Promise<void> {
    try {
      await this.ready
      while (this.queue.length > 0 && !this.failure) {
        const batch = this.queue
        this.queue = []
        try {
          if (!this.handle) throw new Error(`WAL ${this.file} is closed`)
          await writeAll(this.handle, batch.map((p) => p.data).join(''))
          await this.handle.datasync()
        } catch (error) {
          for (const pending of batch) pending.reject(asError(error))
          this.fail(asError(error))
          return
        }
        for (const pending of batch) pending.resolve()
      }
    } catch {
      // `ready` failed: fail() has already rejected everything queued.
    } finally {
      this.flushing = undefined
    }
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    for (const pending of this.queue) pending.reject(error)
    this.queue = []
    this.onFailure(error)
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
