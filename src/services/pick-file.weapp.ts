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

/** Documents of the given extensions from a chat (a scanned PDF); [] when cancelled. */
export async function chooseDocuments(count: number, extensions: readonly string[]): Promise<PickedFile[]> {
  try {
    const res = await Taro.chooseMessageFile({ count, type: 'file', extension: [...extensions] })
    return res.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size }))
  } catch {
    // Cancelled by the user.
    return []
  }
}

/** The document viewer's types; a spreadsheet unless the name says otherwise (a letter: .docx or .pdf). */
function fileTypeOf(fileName: string): 'xlsx' | 'docx' | 'pdf' {
  const ext = /\.(docx|pdf)$/i.exec(fileName)?.[1]?.toLowerCase()
  return ext === 'docx' || ext === 'pdf' ? ext : 'xlsx'
}

export async function openDownload(url: string, fileName: string): Promise<void> {
  const res = await Taro.downloadFile({ url })
  // The document viewer cannot open a .zip (a branch's files): it is sent on to a chat, where it can be saved.
  if (/\.zip$/i.test(fileName)) {
    await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName })
    return
  }
  // showMenu lets the committee forward the template to a chat or open it in another app.
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: fileTypeOf(fileName), showMenu: true })
}
