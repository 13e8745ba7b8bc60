import type { Caller } from '../../_shared/auth'
import { getCloud } from '../../_shared/cloud'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles, cloudPathOf } from '../../_shared/files'
import type { FileView } from './contract'
import type { StoredContent } from './model'

const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp']
const VIDEO_EXTENSIONS = ['mp4', 'mov', 'm4v']
/** getTempFileURL takes at most 50 files a call. */
const TEMP_URL_BATCH = 50
/** Long enough to read a report and flip through its pages. */
const TEMP_URL_SECONDS = 2 * 60 * 60

function extensionOf(fileID: string): string {
  const path = cloudPathOf(fileID) ?? ''
  const dot = path.lastIndexOf('.')
  return dot < 0 ? '' : path.slice(dot + 1).toLowerCase()
}

/**
 * A report may hold only the caller's own uploads (FORBIDDEN otherwise), photos that are images and a
 * video that is a video, each photo once.
 */
export function assertReportFiles(content: StoredContent, caller: Caller): void {
  const files = content.video ? [...content.photos, content.video] : content.photos
  assertOwnFiles(files, caller)
  if (content.photos.some((f) => !PHOTO_EXTENSIONS.includes(extensionOf(f)))) {
    throw new AppError('INVALID_ARGUMENT', '照片只支持 JPG、PNG 或 WebP 格式')
  }
  if (new Set(content.photos).size !== content.photos.length) throw new AppError('INVALID_ARGUMENT', '同一张照片不能重复添加')
  if (content.video && !VIDEO_EXTENSIONS.includes(extensionOf(content.video))) {
    throw new AppError('INVALID_ARGUMENT', '视频只支持 MP4 或 MOV 格式')
  }
}

interface TempUrlAnswer {
  fileList?: { fileID: string; tempFileURL?: string; status?: number }[]
}

/** Temporary URLs for files (storage requests, not database ones); a missing file answers ''. */
export async function tempUrls(fileIDs: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs)]
  const urls = new Map<string, string>()
  const batches: string[][] = []
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) batches.push(unique.slice(i, i + TEMP_URL_BATCH))
  const answers = await Promise.all(
    batches.map((batch) =>
      getCloud().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: TEMP_URL_SECONDS })) }) as Promise<TempUrlAnswer>,
    ),
  )
  for (const answer of answers) {
    for (const f of answer.fileList ?? []) urls.set(f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : '')
  }
  return urls
}

/** Refuses a submit whose files are not all in storage (an upload that never finished). */
export async function assertFilesExist(content: StoredContent): Promise<void> {
  const files = content.video ? [...content.photos, content.video] : content.photos
  if (files.length === 0) return
  const urls = await tempUrls(files)
  if (files.some((f) => !urls.get(f))) throw new AppError('INVALID_ARGUMENT', '有文件没有上传成功，请删除后重新上传')
}

export function fileView(fileID: string, urls: Map<string, string>): FileView {
  return { fileID, url: urls.get(fileID) ?? '' }
}
