import type { Caller } from '../../_shared/auth'
import { AppError } from '../../_shared/envelope'
import { assertOwnFiles, cloudPathOf } from '../../_shared/files'
import { tempUrls } from '../../_shared/storage'
import type { FileView } from './contract'
import type { StoredContent } from './model'

const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp']
const VIDEO_EXTENSIONS = ['mp4', 'mov', 'm4v']

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
  if (new Set(content.photos).size !== content.photos.length)
    throw new AppError('INVALID_ARGUMENT', '同一张照片不能重复添加')
  if (content.video && !VIDEO_EXTENSIONS.includes(extensionOf(content.video))) {
    throw new AppError('INVALID_ARGUMENT', '视频只支持 MP4 或 MOV 格式')
  }
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
