/** What members may upload: photos, short videos, documents and import spreadsheets (shared with the app). */
export const UPLOAD_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'mp4', 'mov', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'txt'] as const
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number]
/** The largest single file (a short video). */
export const MAX_UPLOAD_FILE_BYTES = 50 * 1024 * 1024
