/**
 * The files of a development material: photos of signed pages or a PDF. Their type and size are checked on
 * the server when the material is saved (a PDF is read back: its size and its %PDF header), and they are read
 * only through `materialFiles`, which hands out temporary links to the member and those who manage their file.
 */
import { getCloud } from '../../_shared/cloud'
import { AppError } from '../../_shared/envelope'
import { cloudPathOf } from '../../_shared/files'
import { tempUrls } from '../../_shared/storage'
import { MATERIAL_EXTENSIONS, MAX_MATERIAL_PDF_BYTES } from '../../_shared/upload-kinds'
import type { MaterialFile } from './contract'

const NOT_ALLOWED = '材料只能是照片（jpg、png、webp）或 PDF 文件，请重新选择'

function extensionOf(fileID: string): string {
  const path = cloudPathOf(fileID) ?? ''
  return path.slice(path.lastIndexOf('.') + 1).toLowerCase()
}

async function assertPdf(fileID: string): Promise<void> {
  let content: Buffer
  try {
    const res = await getCloud().downloadFile({ fileID })
    content = Buffer.from(res.fileContent as Buffer)
  } catch {
    throw new AppError('NOT_FOUND', '没有找到上传的 PDF 文件，请重新上传')
  }
  if (content.length > MAX_MATERIAL_PDF_BYTES)
    throw new AppError(
      'INVALID_ARGUMENT',
      `PDF 文件不能超过 ${MAX_MATERIAL_PDF_BYTES / 1024 / 1024} MB，请压缩后重新上传`,
    )
  if (content.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new AppError('INVALID_ARGUMENT', '上传的文件不是有效的 PDF，请重新选择')
}

/** Refuses (nothing stored) a file that is neither a photo nor a readable PDF within the size limit. */
export async function assertMaterialFiles(fileIDs: readonly string[]): Promise<void> {
  const allowed: readonly string[] = MATERIAL_EXTENSIONS
  if (fileIDs.some((f) => !allowed.includes(extensionOf(f)))) throw new AppError('INVALID_ARGUMENT', NOT_ALLOWED)
  await Promise.all(fileIDs.filter((f) => extensionOf(f) === 'pdf').map(assertPdf))
}

/** Temporary links to a material's files, in their order, with what kind each is. */
export async function materialLinks(fileIDs: readonly string[]): Promise<MaterialFile[]> {
  const urls = await tempUrls(fileIDs, 30 * 60)
  return fileIDs.map((fileID, i) => {
    const pdf = extensionOf(fileID) === 'pdf'
    return {
      kind: pdf ? 'pdf' : 'image',
      name: `${pdf ? '文件' : '照片'} ${i + 1}${pdf ? '.pdf' : ''}`,
      url: urls.get(fileID) ?? null,
    }
  })
}
