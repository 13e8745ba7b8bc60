/**
 * Photos and video for a report: choose, compress (photos), upload into the member's own folder with
 * progress. Photos are compressed before upload: Taro.compressImage on weapp, a canvas on H5.
 */
import Taro from '@tarojs/taro'
import type { CallResult } from '../../services/call'
import { uploadOwnFile } from '../../services/upload'

/** Longest side of an uploaded page photo: handwriting stays readable, a page stays ~300–600 KB. */
const MAX_SIDE = 1600
const JPEG_QUALITY = 0.8
export const MAX_VIDEO_BYTES = 10 * 1024 * 1024

export interface Picked {
  path: string
  size: number
  /** Lower-case extension without the dot. */
  ext: string
}

function extOf(path: string, type?: string): string {
  const byType: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/quicktime': 'mov' }
  if (type && byType[type]) return byType[type]
  const match = /\.([a-z0-9]+)(?:\?|$)/i.exec(path)
  return match ? match[1].toLowerCase() : ''
}

export async function pickPhotos(count: number): Promise<Picked[]> {
  const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  return res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size, ext: extOf(f.tempFilePath, (f as { fileType?: string }).fileType) }))
}

export async function pickVideo(): Promise<Picked | null> {
  const res = await Taro.chooseMedia({ count: 1, mediaType: ['video'], maxDuration: 60, sourceType: ['album', 'camera'] })
  const f = res.tempFiles[0]
  return f ? { path: f.tempFilePath, size: f.size, ext: extOf(f.tempFilePath, (f as { fileType?: string }).fileType) || 'mp4' } : null
}

/** Whether choosing was merely cancelled by the user (not an error to show). */
export function isCancel(error: unknown): boolean {
  const msg = typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : String(error)
  return /cancel|abort/i.test(msg)
}

/** A smaller JPEG of the photo; the original when it cannot be compressed. */
export async function compressPhoto(photo: Picked): Promise<Picked> {
  try {
    if (process.env.TARO_ENV === 'h5') return await compressOnCanvas(photo)
    const res = await Taro.compressImage({ src: photo.path, quality: 75, compressedWidth: MAX_SIDE } as Taro.compressImage.Option)
    return { path: res.tempFilePath, size: photo.size, ext: 'jpg' }
  } catch {
    return photo
  }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image did not load'))
    img.src = src
  })
}

async function compressOnCanvas(photo: Picked): Promise<Picked> {
  const img = await loadImage(photo.path)
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) return photo
  // JPEG has no transparency: paper-white behind a transparent PNG instead of black.
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY))
  if (!blob) return photo
  return { path: URL.createObjectURL(blob), size: blob.size, ext: 'jpg' }
}

export function uploadMedia(file: Picked, onProgress: (percent: number) => void): Promise<CallResult<{ fileID: string }>> {
  return uploadOwnFile(file.ext, file.path, onProgress)
}
