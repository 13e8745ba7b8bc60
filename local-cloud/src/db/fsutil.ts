/** Small filesystem helpers for crash-safe file replacement. */
import { open, rename, type FileHandle } from 'node:fs/promises'
import path from 'node:path'

/** fsync a directory so that creations, renames and deletions in it survive a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Atomically moves a fully written and fsynced file into place, then makes the rename durable. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to)
  await fsyncDir(path.dirname(to))
}

/** Writes all of `data` at the handle's position (a single write may be partial). */
export async function writeAll(handle: FileHandle, data: string | Buffer): Promise<void> {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data
  let offset = 0
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset)
    offset += bytesWritten
  }
}
