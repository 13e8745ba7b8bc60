/**
 * File upload through the runtime's transport, as an envelope like every other call. The path comes from
 * the server (`user.uploadSlot`): a fresh one in the caller's own folder, counted against their quota, so
 * the folder convention lives in one place (cloudfunctions/_shared/files.ts) for H5 and weapp alike.
 */
import type { UploadExtension } from '../../cloudfunctions/_shared/upload-kinds'
import { transport } from './cloud'
import { callFunction, toFailure, type CallResult } from './call'

export async function uploadOwnFile(
  extension: string,
  filePath: string,
  onProgress?: (percent: number) => void,
): Promise<CallResult<{ fileID: string }>> {
  let size: number
  try {
    size = await transport.fileSize(filePath)
  } catch (error) {
    return toFailure(error)
  }
  // The server checks the extension against what may be uploaded and answers in Chinese.
  const ext = (extension.replace(/^\./, '').toLowerCase() || 'bin') as UploadExtension
  const slot = await callFunction('user', 'uploadSlot', { ext, size })
  if (!slot.ok) return slot
  try {
    return { ok: true, data: { fileID: await transport.upload(slot.data.cloudPath, filePath, onProgress) } }
  } catch (error) {
    return toFailure(error)
  }
}
