/** One photo chosen and uploaded into the member's own folder (a check-in photo, a scanned 回执). */
import Taro from '@tarojs/taro'
import type { CallResult } from '../../../services/call'
import { uploadOwnFile } from '../../../services/upload'
import { isCancelled } from '../../../services/cancelled'

/** Null when the member closed the picker. */
export async function pickAndUploadPhoto(): Promise<CallResult<{ fileID: string }> | null> {
  let picked: Taro.chooseMedia.ChooseMedia
  try {
    const res: Partial<Taro.chooseMedia.SuccessCallbackResult> | undefined = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    })
    const first = res?.tempFiles?.[0]
    if (!first) return null
    picked = first
  } catch (error) {
    if (isCancelled(error)) return null
    return { ok: false, code: 'INTERNAL', message: '没能打开相册，请重试' }
  }
  const ext = /\.(png|jpe?g|webp|gif)(?:\?|$)/i.exec(picked.tempFilePath)?.[1]?.toLowerCase() ?? 'jpg'
  return uploadOwnFile(ext, picked.tempFilePath)
}
