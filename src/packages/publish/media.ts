/** Picking a photo and uploading it into the publisher's own folder (the server accepts only those). */
import Taro from '@tarojs/taro'
import type { CallResult } from '../../services/call'
import { uploadOwnFile } from '../../services/upload'

export interface UploadedImage {
  fileID: string
  /** What to show meanwhile: the local file. */
  url: string
}

function extOf(path: string, type?: string): string {
  const byType: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' }
  if (type && byType[type]) return byType[type]
  const match = /\.([a-z0-9]+)(?:\?|$)/i.exec(path)
  return match ? match[1].toLowerCase() : 'jpg'
}

/** null when the user cancelled. */
export async function pickAndUploadImage(): Promise<CallResult<UploadedImage> | null> {
  let picked: { path: string; type?: string }
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    const file = res.tempFiles[0]
    if (!file) return null
    picked = { path: file.tempFilePath, type: (file as { fileType?: string }).fileType }
  } catch {
    return null // cancelled
  }
  const uploaded = await uploadOwnFile(extOf(picked.path, picked.type), picked.path)
  return uploaded.ok ? { ok: true, data: { fileID: uploaded.data.fileID, url: picked.path } } : uploaded
}
