import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/** The QR code of `text` as a GIF data URL (qrcode-generator: tiny, works on weapp and H5). */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(8, 2)
}

export function QrImage({ text, className }: { text: string; className?: string }) {
  const src = useMemo(() => qrDataUrl(text), [text])
  return <Image className={className} src={src} mode='aspectFit' data-testid='qr-image' data-qr={text} />
}
