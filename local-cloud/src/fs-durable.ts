import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'

/** A temp name beside the target so the final rename stays on one file system (and is atomic). */
function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; some file systems refuse to open a directory, which is harmless.
  try {
    const fh = await fs.open(dir, 'r')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch {
    /* best effort */
  }
}

/** Writes a whole file so that a crash leaves either the old or the new content, never a mix. */
export async function writeFileDurable(file: string, data: Buffer | string): Promise<void> {
  const dir = path.dirname(file)
  await fs.mkdir(dir, { recursive: true })
  const tmp = tempNameFor(file)
  const fh = await fs.open(tmp, 'w')
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
  await renameOrCleanUp(tmp, file)
  await fsyncDir(dir)
}

async function renameOrCleanUp(tmp: string, file: string): Promise<void> {
  try {
    await fs.rename(tmp, file)
  } catch (e) {
    await fs.rm(tmp, { force: true })
    throw e
  }
}

export class StreamTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`stream exceeds ${maxBytes} bytes`)
    this.name = 'StreamTooLargeError'
  }
}

/**
 * Streams `source` into `file` durably (tmp + fsync + rename), aborting once more than
 * `maxBytes` arrive. Resolves with the number of bytes written.
 */
export async function writeStreamDurable(file: string, source: Readable, maxBytes: number): Promise<number> {
  const dir = path.dirname(file)
  await fs.mkdir(dir, { recursive: true })
  const tmp = tempNameFor(file)
  let size = 0
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(tmp)
      const fail = (e: Error): void => {
        source.unpipe(out)
        out.destroy()
        source.resume()
        reject(e)
      }
      source.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) fail(new StreamTooLargeError(maxBytes))
      })
      source.on('error', fail)
      out.on('error', fail)
      out.on('finish', () => resolve())
      source.pipe(out)
    })
    const fh = await fs.open(tmp, 'r+')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch (e) {
    await fs.rm(tmp, { force: true })
    throw e
  }
  await renameOrCleanUp(tmp, file)
  await fsyncDir(dir)
  return size
}

/** Appends one line and fsyncs before resolving, so an acknowledged record survives a crash. */
export async function appendLineDurable(file: string, line: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const fh = await fs.open(file, 'a')
  try {
    await fh.write(line.endsWith('\n') ? line : `${line}\n`)
    await fh.sync()
  } finally {
    await fh.close()
  }
}
