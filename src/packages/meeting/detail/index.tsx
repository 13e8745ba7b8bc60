import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useShownQuery } from '../../../hooks/useShownQuery'
import { clock, dateTime, meetingTime, PHASE_LABELS } from '../../../utils/meeting'
import { ROUTES } from '../../../routes'
import type { MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { previewPhotos } from '../shared/files'
import '../shared/meeting-pages.scss'
import { MyPart } from './StudentPart'
import { Counts, Sheet } from './ManagerPart'
import { Corrections, ManagerActions } from './ManagerActions'
import { LeaveRequests } from './LeaveRequests'
import { AppraisalLink } from './AppraisalLink'

function Header({ meeting }: { meeting: MeetingDetail }) {
  return (
    <View className='zb-mhead' data-testid='meeting-header'>
      <View className='zb-mhead__tags'>
        <Text className='zb-mhead__type'>{meeting.typeLabel}</Text>
        <Text className='zb-mhead__phase'>{PHASE_LABELS[meeting.phase]}</Text>
      </View>
      <Text className='zb-mhead__title'>{meeting.title}</Text>
      <Text className='zb-mhead__line'>时间：{meetingTime(meeting)}</Text>
      <Text className='zb-mhead__line'>
        {meeting.online ? '线上会议' : '地点'}：{meeting.place}
      </Text>
      <Text className='zb-mhead__line'>
        参会：{meeting.audienceLabel}（{meeting.expectedCount} 人）
      </Text>
      <Text className='zb-mhead__line'>
        签到：{clock(meeting.checkInOpensAt)} 开放，{clock(meeting.checkInClosesAt)} 截止
      </Text>
      {meeting.cancelReason ? <Text className='zb-mhead__cancel'>会议已取消：{meeting.cancelReason}</Text> : null}
    </View>
  )
}

function Agenda({ meeting }: { meeting: MeetingDetail }) {
  if (!meeting.agenda) return null
  return (
    <Card title='会议议程'>
      <Text className='zb-mtext'>{meeting.agenda}</Text>
    </Card>
  )
}

function Minutes({ meeting, canEdit }: { meeting: MeetingDetail; canEdit: boolean }) {
  const minutes = meeting.minutes
  const started = meeting.phase === 'running' || meeting.phase === 'ended'
  if (!minutes && !(canEdit && started)) return null
  const edit = () => void Taro.navigateTo({ url: `${ROUTES.meetingMinutes}?id=${meeting.id}` })
  return (
    <Card
      title='会议纪要'
      extra={
        canEdit && started ? (
          <Text className='zb-mlink' onClick={edit}>
            {minutes ? '修改' : '记录纪要'}
          </Text>
        ) : undefined
      }
    >
      {minutes ? (
        <View data-testid='minutes'>
          <Text className='zb-mtext'>{minutes.text}</Text>
          {minutes.photos.length > 0 ? (
            <View className='zb-photos'>
              {minutes.photos.map((p) => (
                <Image
                  key={p.fileID}
                  className='zb-photos__item'
                  src={p.url}
                  mode='aspectFill'
                  onClick={() =>
                    previewPhotos(
                      minutes.photos.map((x) => x.url),
                      p.url,
                    )
                  }
                />
              ))}
            </View>
          ) : null}
          <Text className='zb-mnote'>
            {minutes.recordedBy} 记录于 {dateTime(minutes.recordedAt)}
          </Text>
        </View>
      ) : (
        <Text className='zb-mnote'>会议已开始，请在会后及时记录会议纪要，可附现场照片。</Text>
      )}
    </Card>
  )
}

function DetailBody({ meetingId }: { meetingId: string }) {
  const query = useShownQuery(() => callFunction('meeting', 'get', { meetingId }), [meetingId])
  return <QueryView query={query}>{(data) => <Detail data={data} reload={query.reload} />}</QueryView>
}

function Detail({ data, reload }: { data: MeetingDetail; reload: () => void }) {
  return (
    <>
      <Header meeting={data} />
      {data.canManage ? <ManagerActions meeting={data} reload={reload} /> : null}
      {data.canManage ? <Counts meeting={data} /> : null}
      {data.canManage ? null : <MyPart meeting={data} reload={reload} />}
      <Agenda meeting={data} />
      <AppraisalLink meeting={data} reload={reload} />
      {data.canManage ? <LeaveRequests meeting={data} reload={reload} /> : null}
      <Minutes meeting={data} canEdit={data.canManage} />
      <Corrections meeting={data} />
      {data.canManage ? <Sheet meeting={data} reload={reload} /> : null}
      <Text className='zb-mfoot'>
        由 {data.createdByName} 发起 · {data.branchName}
      </Text>
    </>
  )
}

export default sessionPage('page-meeting-detail', ({ params }) => <DetailBody meetingId={params.id ?? ''} />)
