/** WeChat: files come from a chat (chooseMessageFile); a downloaded template opens in the document viewer. */
import Taro from '@tarojs/taro'
import type { PickedFile } from './pick-file.types'

export async function chooseSpreadsheet(): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    const file = res.tempFiles[0]
    return file ? { path: file.path, name: file.name, size: file.size } : null
  } catch {
    // Cancelled by the user.
    return null
  }
}

export async function openDownload(url: string, _fileName: string): Promise<void> {
  const res = await Taro.downloadFile({ url })
  // showMenu lets the committee forward the template to a chat or open it in another app.
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}
