import { canManageBranch, hasRole, type Caller } from '../../_shared/auth'
import { STAGE_LABELS, STAGES, type Stage } from '../../_shared/domain'
import type { Audience } from './contract'
import type { ArticleDoc } from './model'

/**
 * Who may read an article, as one indexable string per article (`audienceKey`):
 *   everyone → `all`;  one branch → `branch:<branchId>`;  some stages → `stages:<stage>,<stage>` (in STAGES order).
 * A reader matches the keys `readerKeys` lists: `all`, their branch, and every stage set that contains
 * their stage (32 of them), so every read path is one equality `$in` on an index, never a scan.
 */
export function audienceKey(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return 'all'
    case 'branch':
      return `branch:${audience.branchId}`
    case 'stages':
      return `stages:${canonicalStages(audience.stages).join(',')}`
  }
}

export function canonicalStages(stages: readonly Stage[]): Stage[] {
  return STAGES.filter((s) => stages.includes(s))
}

/** Every non-empty set of stages, as keys; only those containing `stage` when given. */
function stageSetKeys(stage: Stage | null): string[] {
  const keys: string[] = []
  for (let mask = 1; mask < 1 << STAGES.length; mask++) {
    const set = STAGES.filter((_, i) => mask & (1 << i))
    if (stage === null || set.includes(stage)) keys.push(`stages:${set.join(',')}`)
  }
  return keys
}

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

/** Shown on cards when an article is not for everyone. */
export function audienceLabelOf(audience: Audience, branchName: string | null): string | null {
  switch (audience.kind) {
    case 'all':
      return null
    case 'branch':
      return branchName ?? '本支部'
    case 'stages':
      return canonicalStages(audience.stages)
        .map((s) => STAGE_LABELS[s])
        .join('、')
  }
}
