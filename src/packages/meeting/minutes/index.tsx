import { Close, Photograph } from '../../../components/Icon'
import { TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { MeetingDetail } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { useMediaPicker } from '../../../hooks/useMediaPicker'
import { useDraft } from '../../../hooks/useDraft'
import { ActionBar } from '../../../components/ActionBar'
import '../shared/meeting-pages.scss'
import './index.scss'

const MAX_PHOTOS = 9

interface Photo {
  fileID: string
  url: string
}

function MinutesEditor({ meeting }: { meeting: MeetingDetail }) {
  const {
    value: draft,
    set: setDraft,
    clear: clearDraft,
  } = useDraft<{ text: string; photos: Photo[] }>('minutes', meeting.id, {
    text: meeting.minutes?.text ?? '',
    photos: meeting.minutes?.photos ?? [],
  })
  const media = useMediaPicker()
  const save = useCallback(
    (d: { text: string; photos: Photo[] }) =>
      callFunction('meeting', 'minutes', {
        meetingId: meeting.id,
        text: d.text.trim(),
        photos: d.photos.map((p) => p.fileID),
      }),
    [meeting.id],
  )
  const { run, pending, failure } = useAction(save, { toast: false })

  const addPhotos = async () => {
    const room = MAX_PHOTOS - draft.photos.length
    const { done, failure } = await media.uploadAll(await media.pickPhotos(room))
    if (failure) toastFailure(failure)
    const added: Photo[] = done.map(({ file, fileID }) => ({ fileID, url: file.path }))
    setDraft((d) => ({ ...d, photos: [...d.photos, ...added] }))
  }

  const submit = async () => {
    const result = await run(draft)
    if (!result.ok) return
    clearDraft()
    toastSuccess('纪要已保存')
    void Taro.navigateBack()
  }

  return (
    <>
      <Card title={meeting.title}>
        <Text className='zb-mnote'>
          {meeting.typeLabel} · {meeting.place}
        </Text>
      </Card>
      <Card title='纪要内容'>
        <TextArea
          className='zb-minutes__text'
          placeholder='记录主持人、出席情况、议程、发言要点和形成的决定（至少 10 个字）'
          value={draft.text}
          onChange={(text) => setDraft({ ...draft, text })}
          maxLength={5000}
          showCount
          // Fixed rows, not autoSize: a restored or stored text taller than the first measure overflowed onto the counter.
          rows={8}
          data-testid='minutes-text'
        />
      </Card>
      <Card
        title='现场照片'
        extra={
          <Text className='zb-mnote'>
            {draft.photos.length}/{MAX_PHOTOS}
          </Text>
        }
      >
        <View className='zb-photos'>
          {draft.photos.map((p) => (
            <View className='zb-minutes__photo' key={p.fileID}>
              <Image className='zb-photos__item' src={p.url} mode='aspectFill' />
              <View
                className='zb-minutes__remove'
                onClick={() => setDraft({ ...draft, photos: draft.photos.filter((x) => x.fileID !== p.fileID) })}
              >
                <Close size={10} />
              </View>
            </View>
          ))}
          {draft.photos.length < MAX_PHOTOS ? (
            <View className='zb-photos__item zb-minutes__add' onClick={() => !media.uploading && void addPhotos()}>
              <Photograph size={28} />
              <Text>{media.uploading ? '上传中…' : '添加照片'}</Text>
            </View>
          ) : null}
        </View>
      </Card>
      {failure ? <Text className='zb-form-error zb-minutes__error'>{failure.message}</Text> : null}
      <ActionBar
        actions={[
          {
            text: '保存纪要',
            primary: true,
            loading: pending,
            waitsFor: media.uploading
              ? '照片正在上传，请稍候'
              : draft.text.trim().length < 10
                ? `纪要内容至少 10 个字（现在 ${draft.text.trim().length} 个）`
                : null,
            onClick: () => void submit(),
            testId: 'minutes-submit',
          },
        ]}
      />
    </>
  )
}

function MinutesBody({ meetingId }: { meetingId: string }) {
  const query = useQuery(() => callFunction('meeting', 'get', { meetingId }), [meetingId])
  return <QueryView query={query}>{(data) => <MinutesEditor meeting={data} />}</QueryView>
}

export default sessionPage('page-meeting-minutes', ({ params }) => <MinutesBody meetingId={params.id ?? ''} />)
