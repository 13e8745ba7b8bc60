import { Image, Text, Video, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Card } from '../../../components/Card'
import type { EditorForm } from '../draft'
import { ARTICLE_VIDEO_LIMITS } from '../../../../cloudfunctions/_shared/upload-kinds'
import type { Change, Upload } from './BlocksCard'
import { formatSeconds } from './form'

/** A card for one medium, with 移除 in its corner while it holds one. */
function MediaCard({ title, onRemove, children }: { title: string; onRemove?: () => void; children: ReactNode }) {
  const remove = onRemove ? (
    <Text className='zb-pub-link' onClick={onRemove}>
      移除
    </Text>
  ) : undefined
  return (
    <Card title={title} extra={remove}>
      {children}
    </Card>
  )
}

/** The cover image and the video (微党课) with its upload progress. */
export function MediaCards({
  form,
  change,
  upload,
  uploading,
  videoProgress,
  onAddVideo,
}: {
  form: EditorForm
  change: Change
  upload: Upload
  uploading: boolean
  videoProgress: number | null
  onAddVideo: () => void
}) {
  return (
    <>
      <MediaCard title='封面' onRemove={form.cover ? () => change((f) => ({ ...f, cover: null })) : undefined}>
        {form.cover ? (
          <Image className='zb-pub-cover' src={form.cover.url} mode='aspectFill' />
        ) : (
          <View
            className='zb-pub-upload'
            onClick={() => void upload((img) => change((f) => ({ ...f, cover: img })))}
            data-testid='pub-cover'
          >
            <Text>{uploading ? '上传中…' : '+ 上传封面图（选填）'}</Text>
          </View>
        )}
      </MediaCard>

      <MediaCard
        title='视频（微党课）'
        onRemove={form.video ? () => change((f) => ({ ...f, video: null })) : undefined}
      >
        {form.video ? (
          <View data-testid='pub-video'>
            <View className='zb-pub-video'>
              <Video
                className='zb-pub-video__player'
                src={form.video.url}
                poster={form.cover?.url}
                controls
                objectFit='contain'
              />
            </View>
            <Text className='zb-pub-hint'>
              时长 {formatSeconds(form.video.seconds)} · 成员实际播放满{' '}
              {Math.ceil(form.video.seconds * ARTICLE_VIDEO_LIMITS.watchShare)} 秒可得观看积分
            </Text>
          </View>
        ) : videoProgress !== null ? (
          <View className='zb-pub-upload zb-pub-upload--busy' data-testid='pub-video-progress'>
            <Text>视频上传中 {videoProgress}%</Text>
            <View className='zb-pub-progress'>
              <View className='zb-pub-progress__bar' style={{ width: `${videoProgress}%` }} />
            </View>
          </View>
        ) : (
          <View className='zb-pub-upload' onClick={onAddVideo} data-testid='pub-video-add'>
            <Text>+ 上传视频（选填，mp4，不超过 {ARTICLE_VIDEO_LIMITS.maxBytes / (1024 * 1024)} MB）</Text>
          </View>
        )}
      </MediaCard>
    </>
  )
}
