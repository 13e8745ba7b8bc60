import { canManageBranch, hasRole, type Caller } from '../../_shared/auth'
import { stageSetKeys } from './keys'
import type { ArticleDoc } from './model'

/**
 * The audience keys a caller reads, or null for "everything" (the committee). A secretary reads what
 * any stage of their branch reads, so they see what their students see.
 */
export function readerKeys(caller: Caller): string[] | null {
  if (hasRole(caller, 'committee')) return null
  const keys = ['all']
  if (caller.branchId) keys.push(`branch:${caller.branchId}`)
  const secretary = hasRole(caller, 'secretary')
  return [...keys, ...stageSetKeys(secretary ? null : caller.member.stage)]
}

/** Published and for this reader. Anything else answers NOT_FOUND, as if it did not exist. */
export function canRead(caller: Caller, article: Pick<ArticleDoc, 'status' | 'audienceKey'>): boolean {
  if (article.status !== 'published') return false
  const keys = readerKeys(caller)
  return keys === null || keys.includes(article.audienceKey)
}

/** The publisher of the article: its branch's secretary, or the committee. */
export function canManage(caller: Caller, article: Pick<ArticleDoc, 'ownerBranchId'>): boolean {
  if (hasRole(caller, 'committee')) return true
  return article.ownerBranchId !== null && canManageBranch(caller, article.ownerBranchId)
}
