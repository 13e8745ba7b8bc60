import { Text } from '@tarojs/components'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { callFunction, type CallResult } from '../../../services/call'
import { toastFailure } from '../../../services/feedback'
import { openDownload } from '../../../services/pick-file'

type Format = 'docx' | 'pdf'

const FORMATS: readonly (readonly [Format, string])[] = [
  ['docx', 'Word'],
  ['pdf', 'PDF'],
]

/**
 * A card offering one document as Word or PDF: `make` has the function generate it, then it opens from its
 * temporary link. One file at a time: a tap while one is being made does nothing.
 */
export function FormatDownloads({
  title,
  note,
  verb,
  make,
  testIdPrefix,
}: {
  title: string
  note: string
  /** 下载 or 导出, before the format's name on the buttons. */
  verb: string
  make: (format: Format) => Promise<CallResult<{ url: string; fileName: string }>>
  testIdPrefix: string
}) {
  const [busy, setBusy] = useState<Format | null>(null)
  const download = async (format: Format) => {
    if (busy) return
    setBusy(format)
    const res = await make(format)
    setBusy(null)
    if (!res.ok) return toastFailure(res)
    await openDownload(res.data.url, res.data.fileName)
  }
  return (
    <Card title={title}>
      <Text className='zbd-muted'>{note}</Text>
      <ActionBar
        inline
        actions={FORMATS.map(([format, name]) => ({
          text: `${verb} ${name}`,
          loading: busy === format,
          onClick: () => void download(format),
          testId: `${testIdPrefix}-${format}`,
        }))}
      />
    </Card>
  )
}

/** The 全程纪实表 as Word or PDF. */
export function Downloads({ memberId }: { memberId: string | undefined }) {
  return (
    <FormatDownloads
      title='全程纪实表'
      note='由登记的步骤、材料和审阅通过的思想汇报（含正文）生成，可打印存档。'
      verb='下载'
      make={(format) => callFunction('development', 'exportFile', memberId ? { memberId, format } : { format })}
      testIdPrefix='download'
    />
  )
}
