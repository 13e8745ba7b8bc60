import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../../components/Card'
import { swapped } from '../../../utils/move'
import { REPORT_LIMITS } from '../../../services/domain'
import { pickPhotos, pickVideo, uploadPicked } from '../../../hooks/useMediaPicker'
import { compressPhoto, MAX_VIDEO_BYTES, type Picked } from '../media'
import { newKey, type Change, type Form, type MediaItem } from './form'

/** The handwritten pages (in order) and the optional video: picked, uploaded with progress, retried, moved, removed. */
export function MediaCards({ form, change }: { form: Form; change: Change }) {
  const setItem = (key: string, patch: Partial<MediaItem>): void =>
    change(
      (f) => ({
        ...f,
        photos: f.photos.map((p) => (p.key === key ? { ...p, ...patch } : p)),
        video: f.video?.key === key ? { ...f.video, ...patch } : f.video,
      }),
      patch.status !== undefined && patch.status !== 'uploading',
    )

  const upload = async (item: MediaItem, file: Picked): Promise<void> => {
    setItem(item.key, { status: 'uploading', progress: 0 })
    const res = await uploadPicked(file, (progress) => setItem(item.key, { progress }))
    if (res.ok) setItem(item.key, { status: 'done', progress: 100, fileID: res.data.fileID })
    else setItem(item.key, { status: 'failed' })
  }

  const addPhotos = async (): Promise<void> => {
    const room = REPORT_LIMITS.photosMax - form.photos.length
    if (room <= 0) return void Taro.showToast({ title: `最多上传 ${REPORT_LIMITS.photosMax} 张照片`, icon: 'none' })
    const picked = await pickPhotos(room)
    const files = await Promise.all(picked.map(compressPhoto))
    const items = files.map(
      (file): MediaItem => ({
        key: newKey(),
        fileID: null,
        url: file.path,
        local: file,
        progress: 0,
        status: 'uploading',
      }),
    )
    change((f) => ({ ...f, photos: [...f.photos, ...items] }), true)
    await Promise.all(items.map((item) => upload(item, item.local as Picked)))
  }

  const addVideo = async (): Promise<void> => {
    const picked = await pickVideo()
    if (!picked) return
    if (picked.size > MAX_VIDEO_BYTES)
      return void Taro.showToast({ title: '视频不能超过 10MB，请剪短后再上传', icon: 'none' })
    const local: Picked = { path: picked.path, size: picked.size, ext: picked.ext }
    const item: MediaItem = { key: newKey(), fileID: null, url: picked.path, local, progress: 0, status: 'uploading' }
    change((f) => ({ ...f, video: item }))
    await upload(item, local)
  }

  const movePhoto = (index: number, by: -1 | 1): void =>
    change((f) => {
      const photos = swapped(f.photos, index, by)
      return photos ? { ...f, photos } : f
    }, true)

  return (
    <>
      <Card
        title='手写稿照片'
        extra={<Text className='zb-edit-extra'>按页码顺序，最多 {REPORT_LIMITS.photosMax} 张</Text>}
      >
        <View className='zb-edit-photos' data-testid='edit-photos'>
          {form.photos.map((p, i) => (
            <View
              className='zb-edit-photo'
              key={p.key}
              data-testid='edit-photo'
              data-status={p.status}
              data-file={p.fileID ?? ''}
            >
              <View className='zb-edit-photo__img' style={p.url ? { backgroundImage: `url("${p.url}")` } : undefined} />
              <Text className='zb-edit-photo__no'>第 {i + 1} 页</Text>
              <Text
                className='zb-edit-photo__remove'
                onClick={() => change((f) => ({ ...f, photos: f.photos.filter((x) => x.key !== p.key) }), true)}
              >
                ✕
              </Text>
              {p.status === 'uploading' ? (
                <View className='zb-edit-photo__cover'>
                  <Text>{p.progress}%</Text>
                  <View className='zb-edit-photo__bar'>
                    <View className='zb-edit-photo__fill' style={{ width: `${p.progress}%` }} />
                  </View>
                </View>
              ) : null}
              {p.status === 'failed' ? (
                <View
                  className='zb-edit-photo__cover zb-edit-photo__cover--failed'
                  onClick={() => p.local && void upload(p, p.local)}
                >
                  <Text>上传失败</Text>
                  <Text className='zb-edit-photo__retry'>点此重试</Text>
                </View>
              ) : null}
              <View className='zb-edit-photo__move'>
                <Text
                  className={i === 0 ? 'zb-edit-photo__arrow--off' : ''}
                  onClick={() => movePhoto(i, -1)}
                  data-testid='photo-left'
                >
                  ◀
                </Text>
                <Text
                  className={i === form.photos.length - 1 ? 'zb-edit-photo__arrow--off' : ''}
                  onClick={() => movePhoto(i, 1)}
                  data-testid='photo-right'
                >
                  ▶
                </Text>
              </View>
            </View>
          ))}
          {form.photos.length < REPORT_LIMITS.photosMax ? (
            <View className='zb-edit-add' onClick={() => void addPhotos()} data-testid='add-photos'>
              <Text className='zb-edit-add__plus'>＋</Text>
              <Text className='zb-edit-add__text'>添加照片</Text>
            </View>
          ) : null}
        </View>
      </Card>

      <Card title='视频' extra={<Text className='zb-edit-extra'>可选，1 分钟以内</Text>}>
        {form.video ? (
          <View className='zb-edit-video' data-testid='edit-video' data-status={form.video.status}>
            <Text className='zb-edit-video__name'>
              {form.video.status === 'uploading'
                ? `视频上传中 ${form.video.progress}%`
                : form.video.status === 'failed'
                  ? '视频上传失败'
                  : '已添加 1 段视频'}
            </Text>
            {form.video.status === 'failed' && form.video.local ? (
              <Text
                className='zb-edit-link'
                onClick={() => form.video?.local && void upload(form.video, form.video.local)}
              >
                重试
              </Text>
            ) : null}
            <Text className='zb-edit-link' onClick={() => change((f) => ({ ...f, video: null }), true)}>
              删除
            </Text>
          </View>
        ) : (
          <Text className='zb-edit-link zb-edit-link--add' onClick={() => void addVideo()}>
            ＋ 添加一段短视频
          </Text>
        )}
      </Card>
    </>
  )
}
