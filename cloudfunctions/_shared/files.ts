import { randomBytes } from 'node:crypto'
import type { Caller } from './auth'
import { AppError } from './envelope'
import { chinaMonth } from './time'
import type { UploadExtension } from './upload-kinds'

/**
 * Who owns an uploaded file. Clients upload only to paths a function hands out (`newUploadPath`, through
 * `user.uploadSlot`, which also counts the member's quota): `uploads/<memberId>/<yyyyMM>/<random>.<ext>`. A document
 * may reference only files under the caller's own folder, so a fileID copied from someone else's
 * report is refused. The path is checked on the server from the caller's identity, never trusted
 * from a field. The bucket's rule (cloudfunctions/storage-rules.json) lets a client write only its own files
 * and read none: functions hand out temp URLs after their own checks.
 */
export const UPLOAD_ROOT = 'uploads'

/** The folder a member uploads into. */
export function uploadFolder(memberId: string): string {
  return `${UPLOAD_ROOT}/${memberId}/`
}

/** A fresh path in the member's own folder, e.g. `uploads/m-x/202612/lq2x7k3f9a1b2c3d.jpg`. */
export function newUploadPath(memberId: string, extension: UploadExtension, now: Date): string {
  const month = chinaMonth(now).replace('-', '')
  return `${uploadFolder(memberId)}${month}/${now.getTime().toString(36)}${randomBytes(6).toString('hex')}.${extension}`
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`, or null if it is not a cloud file ID. */
export function cloudPathOf(fileID: string): string | null {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  if (!match) return null
  const path = match[1]
  return path.split('/').some((part) => part === '..' || part === '.' || part === '') ? null : path
}

export function isOwnFile(fileID: string, memberId: string): boolean {
  const path = cloudPathOf(fileID)
  return path !== null && path.startsWith(uploadFolder(memberId))
}

/** Refuses (FORBIDDEN, nothing stored) unless every file is the caller's own upload. */
export function assertOwnFiles(fileIDs: readonly string[], caller: Caller): void {
  for (const fileID of fileIDs) {
    if (!isOwnFile(fileID, caller.memberId)) {
      throw new AppError('FORBIDDEN', '只能使用你自己上传的文件，请重新上传')
    }
  }
}
