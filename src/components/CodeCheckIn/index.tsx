import { Scan } from '../Icon'
import { Button, Input } from '../../ui'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { useAction } from '../../hooks/useCall'
import { callFunction } from '../../services/call'
import { toastSuccess } from '../../services/feedback'
import '../../styles/meeting.scss'
import { FailureLine } from '../FailureLine'

/** The in-app scanner exists in WeChat only; in the browser the 6-digit code is the way in. */
export const canScan = process.env.TARO_ENV === 'weapp'

/** Scans a QR code with the camera; null when the user backs out. */
export async function scanQr(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return res.result
  } catch {
    return null
  }
}

/**
 * Check in to one meeting: type the 6 digits under the QR code, or scan it (WeChat). The refusal
 * reason (expired, wrong, not on the list…) is shown right under the field.
 */
export function CodeCheckIn({ meetingId, onDone }: { meetingId: string; onDone: () => void }) {
  const [code, setCode] = useState('')
  const send = useCallback(
    (params: { code: string } | { qr: string }) => callFunction('meeting', 'checkIn', { meetingId, ...params }),
    [meetingId],
  )
  const { run, pending, failure } = useAction(send, { toast: false })

  const finish = async (params: { code: string } | { qr: string }) => {
    const result = await run(params)
    if (!result.ok) return
    toastSuccess(result.data.outcome === 'already' ? '你已签到' : '签到成功')
    setCode('')
    onDone()
  }

  const scan = async () => {
    const qr = await scanQr()
    if (qr) await finish({ qr })
  }

  const digits = code.replace(/\D/g, '').slice(0, 6)
  return (
    <View className='zb-checkin-code' data-testid='checkin-form'>
      <View className='zb-checkin-code__row'>
        <Input
          className='zb-checkin-code__input'
          type='number'
          placeholder='输入屏幕上的 6 位签到码'
          value={digits}
          onChange={(v) => setCode(v)}
          maxLength={6}
          data-testid='checkin-code'
        />
        <Button
          type='primary'
          size='small'
          loading={pending}
          disabled={digits.length !== 6}
          onClick={() => void finish({ code: digits })}
          data-testid='checkin-submit'
        >
          签到
        </Button>
      </View>
      {canScan ? (
        <View className='zb-checkin-code__scan' onClick={() => void scan()}>
          <Scan size={16} />
          <Text>扫码签到</Text>
        </View>
      ) : null}
      <FailureLine failure={failure} className='zb-checkin-code__error' testId='checkin-error' />
    </View>
  )
}
