/** Opening what the functions hand back: a spreadsheet by temp URL, photos for preview. */
import Taro from '@tarojs/taro'
import { openDownload } from '../../../services/pick-file'

/** Opens the spreadsheet (WeChat's document viewer; a download in the browser); false when that failed. */
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
