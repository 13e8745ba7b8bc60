/** Opening what the functions hand back: a spreadsheet by temp URL, photos for preview. */
import Taro from '@tarojs/taro'
import { openDownload } from '../../../services/pick-file'

/**
 * WeChat: download to a temp file and open it with the system viewer (share or save from there).
 * Browser: an ordinary download link. False when it could not be opened.
 */
export async function openSpreadsheet(url: string, fileName: string): Promise<boolean> {
  try {
    await openDownload(url, fileName)
    return true
  } catch {
    return false
  }
}

export function previewPhotos(urls: string[], current: string): void {
  void Taro.previewImage({ urls, current })
}
