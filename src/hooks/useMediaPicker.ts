/**
 * Choosing photos or a video from the album or camera, or PDF documents (weapp: from a chat; H5: a file
 * input), and uploading them into the user's own folder (`uploadOwnFile`): one way for every feature
 * (report pages, meeting minutes, published articles, development materials).
 * Cancelling is not an error; a picker that cannot open says so once.
 */
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { MAX_MATERIAL_PDF_BYTES } from '../../cloudfunctions/_shared/upload-kinds'
import type { CallFailure, CallResult } from '../services/call'
import { chooseDocuments } from '../services/pick-file'
import { uploadOwnFile } from '../services/upload'
import { isCancelled } from '../services/cancelled'

export interface PickedMedia {
  path: string
  size: number
  /** Lower-case extension without the dot. */
  ext: string
  /** A video's length as WeChat reports it; 0 when unknown (photos, H5). */
  seconds: number
  /** weapp: the still WeChat made of a video; null otherwise. */
  thumb: string | null
}

const EXT_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
}

/** The file's extension: from its MIME type (H5 gives one), else its path, else the kind's usual one. */
function extOf(path: string, type: string | undefined, fallback: string): string {
  if (type && EXT_BY_TYPE[type]) return EXT_BY_TYPE[type]
  const match = /\.([a-z0-9]+)(?:\?|$)/i.exec(path)
  return match ? match[1].toLowerCase() : fallback
}

async function choose(kind: 'image' | 'video', count: number): Promise<PickedMedia[]> {
  try {
    const res =
      kind === 'image'
        ? await Taro.chooseMedia({
            count,
            mediaType: ['image'],
            sizeType: ['compressed'],
            sourceType: ['album', 'camera'],
          })
        : await Taro.chooseMedia({ count: 1, mediaType: ['video'], maxDuration: 60, sourceType: ['album', 'camera'] })
    return res.tempFiles.slice(0, count).map((f) => ({
      path: f.tempFilePath,
      size: f.size,
      ext: extOf(f.tempFilePath, (f as { fileType?: string }).fileType, kind === 'image' ? 'jpg' : 'mp4'),
      seconds: f.duration ?? 0,
      thumb: kind === 'video' ? f.thumbTempFilePath || null : null,
    }))
  } catch (error) {
    if (!isCancelled(error)) void Taro.showToast({ title: '没能打开相册，请重试', icon: 'none' })
    return []
  }
}

/** Up to `count` photos, compressed by WeChat; [] when the user cancelled. */
export function pickPhotos(count: number): Promise<PickedMedia[]> {
  return count > 0 ? choose('image', count) : Promise.resolve([])
}

/** One video of at most a minute; null when the user cancelled. */
export async function pickVideo(): Promise<PickedMedia | null> {
  return (await choose('video', 1))[0] ?? null
}

/** Up to `count` PDF files within the material size limit; [] when the user cancelled or none fits. */
export async function pickPdfs(count: number): Promise<PickedMedia[]> {
  const files = await chooseDocuments(count, ['pdf'])
  const fitting = files.filter((f) => f.size <= MAX_MATERIAL_PDF_BYTES && /\.pdf$/i.test(f.name))
  if (fitting.length < files.length)
    void Taro.showToast({ title: `只能选择 ${MAX_MATERIAL_PDF_BYTES / 1024 / 1024} MB 以内的 PDF 文件`, icon: 'none' })
  return fitting.map((f) => ({ path: f.path, size: f.size, ext: 'pdf', seconds: 0, thumb: null }))
}

/** Uploads a picked file into the user's own folder. */
export function uploadPicked(
  file: Pick<PickedMedia, 'ext' | 'path'>,
  onProgress?: (percent: number) => void,
): Promise<CallResult<{ fileID: string }>> {
  return uploadOwnFile(file.ext, file.path, onProgress)
}

type Upload = Pick<PickedMedia, 'ext' | 'path'>

/**
 * The pickers, and uploads that say whether any is under way (a page's busy state): `upload` one file,
 * or `uploadAll` in order, stopping at the first failure (busy throughout).
 */
export function useMediaPicker(): {
  pickPhotos: typeof pickPhotos
  pickVideo: typeof pickVideo
  pickPdfs: typeof pickPdfs
  upload: typeof uploadPicked
  uploadAll: <T extends Upload>(
    files: T[],
  ) => Promise<{ done: { file: T; fileID: string }[]; failure: CallFailure | null }>
  uploading: boolean
} {
  const [inFlight, setInFlight] = useState(0)
  const busy = useCallback(async <R>(work: () => Promise<R>): Promise<R> => {
    setInFlight((n) => n + 1)
    try {
      return await work()
    } finally {
      setInFlight((n) => n - 1)
    }
  }, [])
  const upload = useCallback(
    (file: Upload, onProgress?: (percent: number) => void) => busy(() => uploadPicked(file, onProgress)),
    [busy],
  )
  const uploadAll = useCallback(
    <T extends Upload>(files: T[]) =>
      busy(async () => {
        const done: { file: T; fileID: string }[] = []
        for (const file of files) {
          const result = await uploadPicked(file)
          if (!result.ok) return { done, failure: result }
          done.push({ file, fileID: result.data.fileID })
        }
        return { done, failure: null }
      }),
    [busy],
  )
  return { pickPhotos, pickVideo, pickPdfs, upload, uploadAll, uploading: inFlight > 0 }
}
