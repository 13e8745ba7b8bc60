/**
 * An article being written, kept on this device while the publisher types (Taro storage), so closing
 * the app or the tab loses nothing. Images are kept as the fileIDs they were uploaded to.
 */
import Taro from '@tarojs/taro'
import type { Audience } from '../../pages/study/parts/types'

export type EditorBlock =
  | { key: string; type: 'paragraph' | 'heading' | 'quote'; text: string }
  | { key: string; type: 'image'; fileID: string; url: string; caption: string }

export interface EditorForm {
  title: string
  columnId: string
  cover: { fileID: string; url: string } | null
  summary: string
  blocks: EditorBlock[]
  audience: Audience
  pinned: boolean
}

export interface LocalArticleDraft {
  form: EditorForm
  savedAt: string
  /** The stored article's updatedAt this draft started from (null for a new article). */
  baseUpdatedAt: string | null
}

function key(memberId: string, articleId: string | null): string {
  return `zbt:study-publish:${memberId}:${articleId ?? 'new'}`
}

export function readArticleDraft(memberId: string, articleId: string | null): LocalArticleDraft | null {
  const stored: unknown = Taro.getStorageSync(key(memberId, articleId))
  if (typeof stored !== 'object' || stored === null) return null
  const d = stored as Partial<LocalArticleDraft>
  return d.form && typeof d.savedAt === 'string' && Array.isArray(d.form.blocks) ? (d as LocalArticleDraft) : null
}

export function writeArticleDraft(memberId: string, articleId: string | null, draft: LocalArticleDraft): void {
  Taro.setStorageSync(key(memberId, articleId), draft)
}

export function clearArticleDraft(memberId: string, articleId: string | null): void {
  Taro.removeStorageSync(key(memberId, articleId))
}

let counter = 0
export function blockKey(): string {
  counter += 1
  return `b${Date.now().toString(36)}${counter}`
}

export function isBlankForm(form: EditorForm): boolean {
  return !form.title.trim() && form.blocks.every((b) => b.type !== 'image' && !b.text.trim()) && !form.cover
}
