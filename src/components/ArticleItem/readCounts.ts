import { create } from 'zustand'

/**
 * Read counts the reader saw when opening articles in this session. A list loaded before the open (a column,
 * the feed, search) shows the newer count when the reader comes back, without loading the list again.
 */
const useSeenCounts = create<{ counts: Record<string, number> }>(() => ({ counts: {} }))

export function sawReadCount(articleId: string, readCount: number): void {
  const { counts } = useSeenCounts.getState()
  if ((counts[articleId] ?? 0) < readCount) useSeenCounts.setState({ counts: { ...counts, [articleId]: readCount } })
}

/** The larger of the listed count and the one last seen on the article. */
export function useReadCount(articleId: string, listed: number): number {
  const seen = useSeenCounts((s) => s.counts[articleId])
  return Math.max(listed, seen ?? 0)
}
