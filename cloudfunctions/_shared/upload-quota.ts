import { command, getDb, isDuplicateKeyError, updateWhere } from './db'
import { AppError } from './envelope'

/** `uploadUsage/<memberId>`: what a member's uploads take, counted when a function hands out an upload path. */
export interface UploadUsageDoc {
  _id: string
  bytes: number
  files: number
  updatedAt: Date
}

/**
 * Counts `size` bytes against the member's quota in one conditional write (`bytes <= quota - size`), so
 * parallel requests can't overshoot it; the first upload creates the document. FAILED_PRECONDITION, in
 * Chinese with the quota, when the file does not fit.
 */
export async function reserveUploadSpace(memberId: string, size: number, quotaMb: number, now: Date): Promise<void> {
  const quota = quotaMb * 1024 * 1024
  const full = new AppError(
    'FAILED_PRECONDITION',
    `你的文件空间已满（每人 ${quotaMb} MB），这个文件放不下了，请联系支部书记`,
  )
  if (size > quota) throw full
  const _ = command()
  for (let round = 0; round < 2; round++) {
    const counted = await updateWhere(
      'uploadUsage',
      { _id: memberId, bytes: _.lte(quota - size) },
      { bytes: _.inc(size), files: _.inc(1), updatedAt: now },
    )
    if (counted === 1) return
    try {
      await getDb()
        .collection('uploadUsage')
        .add({ data: { _id: memberId, bytes: size, files: 1, updatedAt: now } })
      return
    } catch (error) {
      // The document exists: it was full (refuse) or a parallel first upload created it (count again).
      if (!isDuplicateKeyError(error)) throw error
    }
  }
  throw full
}
