import { STAGE_LABELS, STAGES, type Stage } from '../../_shared/domain'
import type { ArticleAudience, Block } from './contract'

/**
 * Pure rules of stored articles, shared with the local cloud's seed: audience keys, sort keys, text length.
 *
 * Who may read an article is one indexable string per article (`audienceKey`):
 *   everyone → `all`;  one branch → `branch:<branchId>`;  some stages → `stages:<stage>,<stage>` (in STAGES order).
 * A reader matches a short list of keys (see `readerKeys` in audience.ts), so every read path is one
 * equality `$in` on an index, never a scan.
 */
export function audienceKey(audience: ArticleAudience): string {
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

/** Every non-empty set of stages as keys; only the sets containing `stage` when it is given. */
export function stageSetKeys(stage: Stage | null): string[] {
  const keys: string[] = []
  for (let mask = 1; mask < 1 << STAGES.length; mask++) {
    const set = STAGES.filter((_, i) => mask & (1 << i))
    if (stage === null || set.includes(stage)) keys.push(`stages:${set.join(',')}`)
  }
  return keys
}

/** Shown on cards when an article is not for everyone. */
export function audienceLabelOf(audience: ArticleAudience, branchName: string | null): string | null {
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

/** `<ISO time>|<id>`: a unique key that sorts like the time. */
export function sortKey(at: Date, id: string): string {
  return `${at.toISOString()}|${id}`
}

/** Characters of readable text (scales the reading time that earns points). */
export function textLengthOf(body: Block[], title: string): number {
  return body.reduce((n, b) => n + (b.type === 'image' ? (b.caption?.length ?? 0) : b.text.length), title.length)
}
