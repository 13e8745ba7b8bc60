import { randomBytes } from 'node:crypto'
import { audit } from '../audit'
import type { Caller } from '../auth'
import { store } from '../spreadsheet'
import { renderDocx } from './docx'
import type { DocumentSpec } from './model'
import { renderPdf } from './pdf'

export type DocumentFormat = 'docx' | 'pdf'

export interface SavedDocument {
  fileID: string
  /** Temporary download link (an hour). */
  url: string
  /** What to call the file when it is downloaded, e.g. 张三发展党员全程纪实表.pdf. */
  fileName: string
}

export interface ExportAudit {
  /** e.g. 'branch.exportRecord'; give it a Chinese label in branch/src/audit-log.ts. */
  action: string
  targetId: string | null
  /** One sentence for the audit log, e.g. 导出张三的发展党员全程纪实表. */
  summary: string
  detail?: Record<string, unknown>
}

export function renderDocument(spec: DocumentSpec, format: DocumentFormat): Promise<Buffer> {
  return format === 'pdf' ? renderPdf(spec) : renderDocx(spec)
}

/**
 * Puts a generated file into storage under `exports/<college>/<folder>/<random>.<ext>` (the bucket lets no
 * client read it; the link handed back expires), records the export in the audit log, and answers the link.
 */
export async function saveGeneratedFile(input: {
  caller: Caller
  content: Buffer
  /** The file's extension: a rendered document, or a .zip of several. */
  format: DocumentFormat | 'zip'
  /** A folder name for this kind of document, e.g. 'records' or 'letters'. */
  folder: string
  /** Download name without the extension. */
  fileName: string
  audit: ExportAudit
  now: Date
}): Promise<SavedDocument> {
  if (!/^[a-z0-9-]+$/.test(input.folder)) throw new Error(`bad export folder: ${input.folder}`)
  const extension = input.format
  const cloudPath = `exports/${input.caller.member.collegeId}/${input.folder}/${input.now.getTime().toString(36)}${randomBytes(8).toString('hex')}.${extension}`
  const { fileID, url } = await store(cloudPath, input.content)
  const fileName = `${input.fileName.replace(/[\\/:*?"<>|\n\r]/g, '_')}.${extension}`
  await audit(
    input.caller,
    input.audit.action,
    input.audit.targetId,
    {
      ...input.audit.detail,
      summary: input.audit.summary,
      format: input.format,
      fileID,
      fileName,
      bytes: input.content.length,
    },
    input.now,
  )
  return { fileID, url, fileName }
}

/** Renders the document, saves it and audits the export: what an export action calls. */
export async function exportDocument(input: {
  spec: DocumentSpec
  format: DocumentFormat
  caller: Caller
  folder: string
  fileName: string
  audit: ExportAudit
  now: Date
}): Promise<SavedDocument> {
  const content = await renderDocument(input.spec, input.format)
  return saveGeneratedFile({ ...input, content })
}
