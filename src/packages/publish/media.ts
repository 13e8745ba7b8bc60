/** Picking a photo or a video and uploading it into the publisher's own folder (the server accepts only those). */
import { pickPhotos, pickVideo as chooseVideo, uploadPicked } from '../../hooks/useMediaPicker'
import type { CallResult } from '../../services/call'
import { ARTICLE_VIDEO_LIMITS } from '../../../cloudfunctions/_shared/upload-kinds'

export interface UploadedImage {
  fileID: string
  /** What to show meanwhile: the local file. */
  url: string
}

/** null when the user cancelled. */
export async function pickAndUploadImage(): Promise<CallResult<UploadedImage> | null> {
  const [picked] = await pickPhotos(1)
  if (!picked) return null
  const uploaded = await uploadPicked(picked)
  return uploaded.ok ? { ok: true, data: { fileID: uploaded.data.fileID, url: picked.path } } : uploaded
}

/** An uploaded video with its length, and the frame or picture proposed as the cover. */
export interface UploadedVideo {
  fileID: string
  /** What to show meanwhile: the local file. */
  url: string
  seconds: number
  /** A still of the video, uploaded, for the cover when the article has none. */
  cover: UploadedImage | null
}

interface PickedVideo {
  path: string
  size: number
  ext: string
  seconds: number
  /** weapp: the still WeChat made; H5: a frame drawn on a canvas. */
  thumb: string | null
}

const MB = 1024 * 1024

/** H5: waits for a media element event, or gives up after a while (a file the browser cannot decode). */
function once(el: HTMLVideoElement, event: string, ms = 8000): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    el.addEventListener(event, () => (clearTimeout(timer), resolve(true)), { once: true })
    el.addEventListener('error', () => (clearTimeout(timer), resolve(false)), { once: true })
  })
}

/** H5: the video's length and a JPEG of its first half second, drawn on a canvas; nulls when the browser cannot. */
async function probeOnH5(path: string): Promise<{ seconds: number | null; thumb: string | null }> {
  const el = document.createElement('video')
  el.muted = true
  el.preload = 'auto'
  el.src = path
  if (!(await once(el, 'loadeddata'))) return { seconds: null, thumb: null }
  const seconds = Number.isFinite(el.duration) ? el.duration : null
  el.currentTime = Math.min(0.5, (seconds ?? 1) / 2)
  if (!(await once(el, 'seeked')) || !el.videoWidth) return { seconds, thumb: null }
  const canvas = document.createElement('canvas')
  canvas.width = el.videoWidth
  canvas.height = el.videoHeight
  canvas.getContext('2d')?.drawImage(el, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
  return { seconds, thumb: blob ? URL.createObjectURL(blob) : null }
}

async function pickVideo(): Promise<PickedVideo | null> {
  const file = await chooseVideo()
  if (!file) return null
  const ext = file.ext === 'mov' ? 'mov' : 'mp4'
  if (process.env.TARO_ENV === 'h5') {
    const probed = await probeOnH5(file.path)
    return { path: file.path, size: file.size, ext, seconds: probed.seconds ?? 0, thumb: probed.thumb }
  }
  return { path: file.path, size: file.size, ext, seconds: file.seconds, thumb: file.thumb }
}

/**
 * Picks a video and uploads it into the publisher's own folder with progress, then its still as a
 * proposed cover. null when the user cancelled; a failure when the video is too large or too long.
 */
export async function pickAndUploadVideo(
  onProgress: (percent: number) => void,
): Promise<CallResult<UploadedVideo> | null> {
  const picked = await pickVideo()
  if (!picked) return null
  if (picked.size > ARTICLE_VIDEO_LIMITS.maxBytes) {
    return {
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: `视频不能超过 ${ARTICLE_VIDEO_LIMITS.maxBytes / MB} MB，请压缩或剪短后再传`,
    }
  }
  const seconds = Math.round(picked.seconds)
  if (seconds < 1) return { ok: false, code: 'INVALID_ARGUMENT', message: '读不出这个视频的时长，请换一个 mp4 视频' }
  if (seconds > ARTICLE_VIDEO_LIMITS.maxSeconds)
    return { ok: false, code: 'INVALID_ARGUMENT', message: `视频不能超过 ${ARTICLE_VIDEO_LIMITS.maxSeconds / 60} 分钟` }
  const uploaded = await uploadPicked(picked, onProgress)
  if (!uploaded.ok) return uploaded
  // The still is a convenience: without it the publisher picks a cover picture as usual.
  const still = picked.thumb ? await uploadPicked({ ext: 'jpg', path: picked.thumb }) : null
  return {
    ok: true,
    data: {
      fileID: uploaded.data.fileID,
      url: picked.path,
      seconds,
      cover: still?.ok && picked.thumb ? { fileID: still.data.fileID, url: picked.thumb } : null,
    },
  }
}
