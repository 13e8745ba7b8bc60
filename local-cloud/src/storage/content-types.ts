import path from 'node:path'

const BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
}

export function contentTypeForPath(p: string): string {
  return BY_EXTENSION[path.extname(p).toLowerCase()] ?? 'application/octet-stream'
}

/** What the H5 upload route accepts: photos and the documents Party work produces. */
export const UPLOADABLE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  // Spreadsheets saved as CSV (roster and question-bank imports).
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // Short videos of thought reports (domain.md).
  'video/mp4',
  'video/quicktime',
])

const MAGIC: Array<{ type: string; bytes: number[]; offset?: number }> = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  // ISO base media files (MP4, MOV) carry an `ftyp` box right after its 4-byte size.
  { type: 'video/mp4', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { type: 'video/quicktime', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
]

/**
 * True when the first bytes agree with the declared type. Only types with a reliable signature
 * are checked; a PNG declared as JPEG is refused, a .docx is taken at its word.
 */
export function headMatchesType(head: Buffer, declared: string): boolean {
  const rule = MAGIC.find((m) => m.type === declared)
  if (!rule) return true
  const offset = rule.offset ?? 0
  if (head.length < offset + rule.bytes.length) return false
  return rule.bytes.every((b, i) => head[offset + i] === b)
}

export function baseType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase()
}
