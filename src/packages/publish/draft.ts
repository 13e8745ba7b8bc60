/**
 * An article being written, kept on this device while the publisher types (Taro storage), so closing
 * the app or the tab loses nothing. Images are kept as the fileIDs they were uploaded to.
 */
import { clearDraft, draftKey, readDraft, writeDraft } from '../../services/drafts'
import type { Study } from '../../services/api'

export type EditorBlock =
  | { key: string; type: 'paragraph' | 'heading' | 'quote'; text: string }
  | { key: string; type: 'image'; fileID: string; url: string; caption: string }

export interface EditorForm {
  title: string
  columnId: string
  cover: { fileID: string; url: string } | null
  /** 微党课: the uploaded video and its length (absent in drafts kept before videos). */
  video?: { fileID: string; url: string; seconds: number } | null
  summary: string
  blocks: EditorBlock[]
  audience: Study.ArticleAudience
  pinned: boolean
}

export interface LocalArticleDraft {
  form: EditorForm
  savedAt: string
  /** The stored article's updatedAt this draft started from (null for a new article). */
  baseUpdatedAt: string | null
}

function key(memberId: string, articleId: string | null): string {
  return draftKey('study-publish', memberId, articleId ?? 'new')
}

function isArticleDraft(stored: unknown): stored is LocalArticleDraft {
  if (typeof stored !== 'object' || stored === null) return false
  const d = stored as Partial<LocalArticleDraft>
  return Boolean(d.form) && typeof d.savedAt === 'string' && Array.isArray(d.form?.blocks)
}

export function readArticleDraft(memberId: string, articleId: string | null): LocalArticleDraft | null {
  return readDraft(key(memberId, articleId), isArticleDraft)
}

export function writeArticleDraft(memberId: string, articleId: string | null, draft: LocalArticleDraft): void {
  writeDraft(key(memberId, articleId), draft)
}

export function clearArticleDraft(memberId: string, articleId: string | null): void {
  clearDraft(key(memberId, articleId))
}

let counter = 0
export function blockKey(): string {
  counter += 1
  return `b${Date.now().toString(36)}${counter}`
}

export function isBlankForm(form: EditorForm): boolean {
  return (
    !form.title.trim() && form.blocks.every((b) => b.type !== 'image' && !b.text.trim()) && !form.cover && !form.video
  )
}

/** The title's shortest length (the publish contract's `text('标题', 40, 4)`). */
const ARTICLE_TITLE_MIN = 4

/**
 * Why the article cannot be published yet, or null: checked before asking 「发布这篇文章？」, so an empty
 * article is told it is empty first. The function checks again (and more).
 */
export function publishProblem(form: EditorForm): string | null {
  const hasBody = form.blocks.some((b) => (b.type === 'image' ? Boolean(b.fileID) : b.text.trim() !== ''))
  if (!form.title.trim() && !hasBody) return '文章还是空的，请先写标题和正文'
  if (form.title.trim().length < ARTICLE_TITLE_MIN) return `标题至少 ${ARTICLE_TITLE_MIN} 个字`
  if (!hasBody) return '正文还是空的，请先写正文'
  if (!form.columnId) return '请选择栏目'
  return null
}
