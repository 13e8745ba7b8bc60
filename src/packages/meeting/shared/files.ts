/** Opening what the functions hand back: a spreadsheet by temp URL, photos for preview. */
import Taro from '@tarojs/taro'

/**
 * WeChat: download to a temp file and open it with the system viewer (share or save from there).
 * Browser: an ordinary download link.
 */
export async function openSpreadsheet(url: string, fileName: string): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return true
  }
  try {
    const { tempFilePath } = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    return true
  } catch {
    return false
  }
}

export function previewPhotos(urls: string[], current: string): void {
  void Taro.previewImage({ urls, current })
}
