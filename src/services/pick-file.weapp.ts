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

export async function openDownload(url: string, fileName: string): Promise<void> {
  const res = await Taro.downloadFile({ url })
  // The viewer needs the type: a spreadsheet template, or a generated .docx / PDF (全程纪实表).
  const ext = fileName.split('.').pop()?.toLowerCase()
  const fileType = ext === 'docx' || ext === 'pdf' ? ext : 'xlsx'
  // showMenu lets the committee forward the file to a chat or open it in another app.
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true })
}
