import { Clock, Location } from '../Icon'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { go, withQuery } from '../../hooks/useParams'
import { ROUTES } from '../../routes'
import type { MeetingSummary } from '../../services/api'
import { meetingTime, PHASE_LABELS } from '../../utils/meeting'
import '../../styles/meeting.scss'

/**
 * One meeting in a list: type, title, time and place, a phase badge, and what the caller may do. `linked`: a tap
 * opens the meeting's page (not where the card holds controls of its own, such as the check-in code).
 */
export function MeetingCard({
  meeting,
  status,
  linked = false,
  children,
}: {
  meeting: MeetingSummary
  status?: ReactNode
  linked?: boolean
  children?: ReactNode
}) {
  return (
    <View
      className={`zb-meeting-card zb-meeting-card--${meeting.phase}`}
      data-testid='meeting-card'
      onClick={linked ? () => go(withQuery(ROUTES.meetingDetail, { id: meeting.id })) : undefined}
    >
      <View className='zb-meeting-card__head'>
        <Text className={`zb-meeting-card__type zb-meeting-card__type--${meeting.type}`}>{meeting.typeLabel}</Text>
        <Text className={`zb-meeting-card__phase zb-meeting-card__phase--${meeting.phase}`}>
          {PHASE_LABELS[meeting.phase]}
        </Text>
      </View>
      <Text className='zb-meeting-card__title'>{meeting.title}</Text>
      <View className='zb-meeting-card__meta'>
        <Clock size={12} />
        <Text>{meetingTime(meeting)}</Text>
      </View>
      <View className='zb-meeting-card__meta'>
        <Location size={12} />
        <Text>{meeting.place}</Text>
      </View>
      {status ? <View className='zb-meeting-card__status'>{status}</View> : null}
      {children}
    </View>
  )
}
