import { QrCode } from '../../../components/Icon'
import { Text, View } from '@tarojs/components'
import { useCallback, useRef, useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { NoticeView, Pending } from '../../../ui'
import { meetingTime } from '../../../utils/meeting'
import { callFunction } from '../../../services/call'
import { QrImage } from '../shared/QrImage'
import { useRotatingCodes } from '../shared/useRotatingCodes'
import '../../../styles/meeting.scss'
import '../code/index.scss'

/**
 * 我的签到码: a personal QR code, bound to this member and to one meeting, that changes every 15
 * seconds. The secretary scans it to sign the member in when they cannot scan the meeting's code.
 */
function MyCode() {
  const [index, setIndex] = useState(0)
  // Read by `load` at call time, so switching meetings refetches for the new one at once.
  const chosenIndex = useRef(0)
  const load = useCallback(async () => {
    const result = await callFunction('meeting', 'memberCode', {})
    if (!result.ok) return result
    const chosen = result.data.meetings[Math.min(chosenIndex.current, result.data.meetings.length - 1)]
    return { ok: true as const, data: { ...result.data, slots: chosen?.slots ?? [] } }
  }, [])
  const { data, failure, current, msLeft, slotMs, reload } = useRotatingCodes(load)
  const choose = (i: number) => {
    chosenIndex.current = i
    setIndex(i)
    reload()
  }

  if (!data) return <Pending failure={failure} onRetry={reload} />
  if (data.meetings.length === 0) {
    return (
      <NoticeView
        testId='mycode-empty'
        icon={<QrCode size={36} />}
        title='当前没有正在签到的会议'
        text='会议签到开放后，这里会显示你的个人签到码。无法扫描会场签到码时，请支部书记扫此码为你签到。'
      />
    )
  }
  const meeting = data.meetings[Math.min(index, data.meetings.length - 1)].meeting
  return (
    <View className='zb-code' data-testid='mycode'>
      <Text className='zb-code__title'>{data.name}</Text>
      <Text className='zb-code__sub'>请支部书记扫描此码为你签到</Text>
      {data.meetings.length > 1 ? (
        <View className='zb-chips zb-mycode__switch'>
          {data.meetings.map((m, i) => (
            <Text
              key={m.meeting.id}
              className={`zb-mycode__chip ${i === index ? 'zb-mycode__chip--on' : ''}`}
              onClick={() => choose(i)}
            >
              {m.meeting.title}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='zb-code__card'>
        {current ? (
          <>
            <QrImage className='zb-code__qr' text={current.qr} />
            <View className='zb-code__bar'>
              <View
                className='zb-code__bar-fill'
                style={{ width: `${Math.max(0, Math.min(100, (msLeft / slotMs) * 100))}%` }}
              />
            </View>
            <Text className='zb-code__hint'>
              {Math.ceil(msLeft / 1000)} 秒后刷新 · 仅限本人本场会议使用，截图转发无效
            </Text>
          </>
        ) : (
          <Text className='zb-code__hint zb-code__hint--warn'>签到码已用完，请连接网络后刷新</Text>
        )}
      </View>
      <Text className='zb-code__net'>
        {meeting.typeLabel} · {meeting.title} · {meetingTime(meeting)}
      </Text>
    </View>
  )
}

export default sessionPage('page-mycode', MyCode)
