/** File upload through the runtime's transport, as an envelope like every other call. */
import { transport } from './cloud'
import { toFailure, type CallResult } from './call'
import { chinaTime } from '../utils/time'

export async function uploadFile(cloudPath: string, filePath: string, onProgress?: (percent: number) => void): Promise<CallResult<{ fileID: string }>> {
  try {
    return { ok: true, data: { fileID: await transport.upload(cloudPath, filePath, onProgress) } }
  } catch (error) {
    return toFailure(error)
  }
}

/**
 * Where the signed-in member's uploads go: `uploads/<memberId>/<yyyyMM>/<random>.<ext>`. The server
 * accepts in a document only files under the caller's own folder (cloudfunctions/_shared/files.ts).
 */
export function ownUploadPath(memberId: string, extension: string, now = new Date()): string {
  const month = chinaTime(now).format('YYYYMM')
  const random = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  const ext = extension.replace(/^\./, '').toLowerCase() || 'bin'
  return `uploads/${memberId}/${month}/${random}.${ext}`
}
