import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaTime } from '../../../utils/time'
import { useCallback, useEffect } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { Pending } from '../../../ui'
import { callFunction } from '../../../services/call'
import { QrImage } from '../shared/QrImage'
import { useRotatingCodes } from '../shared/useRotatingCodes'
import './index.scss'

/** The live counts under the code: which, its words, its look. */
const COUNTS = [
  ['present', '已签到', 'zb-code__n'],
  ['leave', '请假', 'zb-code__n'],
  ['missing', '未签到', 'zb-code__n zb-code__n--missing'],
] as const

/**
 * The secretary's full-screen check-in code: a QR code that changes every 15 seconds, the 6 digits
 * under it for anyone whose camera fails, and live counts. Legible from the back of a classroom.
 */
function CodeScreen({ meetingId }: { meetingId: string }) {
  const load = useCallback(() => callFunction('meeting', 'checkInCode', { meetingId }), [meetingId])
  const { data, failure, current, msLeft, slotMs, offline, minutesLeft, serverTime, reload } = useRotatingCodes(load)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return undefined
    void Taro.setKeepScreenOn({ keepScreenOn: true })
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false })
  }, [])

  if (!data) return <Pending failure={failure} onRetry={reload} />
  const { meeting, counts } = data
  const notOpen = serverTime < chinaTime(meeting.checkInOpensAt).valueOf()
  const closed = serverTime > chinaTime(meeting.checkInClosesAt).valueOf()
  const seconds = Math.ceil(msLeft / 1000)
  return (
    <View className='zb-code' data-testid='code-screen'>
      <Text className='zb-code__title'>{meeting.title}</Text>
      <Text className='zb-code__sub'>
        {meeting.typeLabel} · {meeting.place}
      </Text>
      <View className='zb-code__card'>
        {current ? (
          <>
            <QrImage className='zb-code__qr' text={current.qr} />
            <Text className='zb-code__digits' data-testid='code-digits'>
              {current.code}
            </Text>
            <View className='zb-code__bar'>
              <View
                className='zb-code__bar-fill'
                style={{ width: `${Math.max(0, Math.min(100, (msLeft / slotMs) * 100))}%` }}
              />
            </View>
            <Text className='zb-code__hint'>{seconds} 秒后刷新 · 扫码或在“签到”页输入 6 位数字</Text>
          </>
        ) : (
          <Text className='zb-code__hint zb-code__hint--warn'>签到码已用完，请连接网络后刷新</Text>
        )}
        {notOpen ? (
          <Text className='zb-code__state'>签到将于 {chinaTime(meeting.checkInOpensAt).format('HH:mm')} 开放</Text>
        ) : null}
        {closed ? (
          <Text className='zb-code__state'>签到已于 {chinaTime(meeting.checkInClosesAt).format('HH:mm')} 截止</Text>
        ) : null}
      </View>
      <View className='zb-code__counts' data-testid='code-counts'>
        {COUNTS.map(([key, label, look]) => (
          <View key={key} className='zb-code__count'>
            <Text className={look} data-testid={`count-${key}`}>
              {counts[key]}
            </Text>
            <Text className='zb-code__label'>{label}</Text>
          </View>
        ))}
      </View>
      <Text className={`zb-code__net ${offline ? 'zb-code__net--off' : ''}`}>
        {offline
          ? `网络已断开，签到码仍在刷新（还可使用约 ${minutesLeft} 分钟），人数暂停更新`
          : `应到 ${counts.expected} 人 · 人数每 5 秒更新`}
      </Text>
    </View>
  )
}

export default sessionPage('page-meeting-code', ({ params }) => <CodeScreen meetingId={params.id ?? ''} />)
