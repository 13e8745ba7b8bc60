/** What members may upload: photos, short videos, documents and import spreadsheets (shared with the app). */
export const UPLOAD_EXTENSIONS = [
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'mp4',
  'mov',
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'csv',
  'txt',
] as const
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number]
/** The largest single file (a short video). */
export const MAX_UPLOAD_FILE_BYTES = 50 * 1024 * 1024

/** Limits of an article's video (微党课, shared with the editor): a short lesson, not a lecture recording. */
export const ARTICLE_VIDEO_LIMITS = {
  /** The largest video file a publisher may upload. */
  maxBytes: MAX_UPLOAD_FILE_BYTES,
  /** The longest video, in seconds. */
  maxSeconds: 30 * 60,
  /** The share of the video that must actually be played to earn the video points. */
  watchShare: 0.9,
  /** The most played time one progress report may carry (the player reports every few seconds). */
  maxSegmentSeconds: 60,
} as const

/** What a development material may be (photos of signed pages, or a scanned PDF), shared with the picker. */
export const MATERIAL_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'pdf'] as const
/** The largest PDF of a material (a scanned 志愿书 of a dozen pages fits well within it). */
export const MAX_MATERIAL_PDF_BYTES = 20 * 1024 * 1024
