/** Grading an answer (pure code, server only): what counts as chosen, what counts as right, the score. */

/** Right only when exactly the right options were chosen (no partial credit on multiple choice). */
export function isCorrect(answerIds: readonly string[], chosen: readonly string[] | null): boolean {
  if (!chosen || chosen.length !== answerIds.length) return false
  const set = new Set(chosen)
  return set.size === answerIds.length && answerIds.every((id) => set.has(id))
}

/** Keeps only ids that belong to the question (a forged id is not an answer); null when nothing is left. */
export function cleanChoice(item: { shown: readonly { id: string }[] }, choice: readonly string[]): string[] | null {
  const valid = new Set(item.shown.map((o) => o.id))
  const chosen = [...new Set(choice.filter((id) => valid.has(id)))]
  return chosen.length === 0 ? null : chosen
}

/** 0–100, rounded. */
export function percent(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((correct * 100) / total)
}
