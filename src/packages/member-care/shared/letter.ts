/** Opening the 介绍信: the function hands out temporary links after its own check (and audits the read). */
import Taro from '@tarojs/taro'
import { callFunction } from '../../../services/call'
import { toastFailure } from '../../../services/feedback'
import { openDownload } from '../../../services/pick-file'

export async function openLetter(transferId: string, kind: 'docx' | 'pdf'): Promise<void> {
  const res = await callFunction('member-care', 'letter', { transferId })
  if (!res.ok) return toastFailure(res)
  const url = kind === 'docx' ? res.data.docxUrl : res.data.pdfUrl
  if (!url) {
    void Taro.showToast({ title: '介绍信文件正在生成，请稍后再试', icon: 'none', duration: 2500 })
    return
  }
  await openDownload(url, `组织关系介绍信${res.data.no}.${kind}`)
}
