/**
 * Photos and video for a report (chosen and uploaded through `hooks/useMediaPicker`): photos are
 * compressed before upload, Taro.compressImage on weapp, a canvas on H5.
 */
import Taro from '@tarojs/taro'

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

/** A smaller JPEG of the photo; the original when it cannot be compressed. */
export async function compressPhoto(photo: Picked): Promise<Picked> {
  try {
    if (process.env.TARO_ENV === 'h5') return await compressOnCanvas(photo)
    const res = await Taro.compressImage({
      src: photo.path,
      quality: 75,
      compressedWidth: MAX_SIDE,
    } as Taro.compressImage.Option)
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
