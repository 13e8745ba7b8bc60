/**
 * Competition ranking, the one way every leaderboard ranks (quiz boards, study points): rows already
 * sorted best first; equal values share a rank and the next rank skips (1, 2, 2, 4).
 */
export function ranked<T>(rows: readonly T[], value: (row: T) => number): (T & { rank: number })[] {
  let rank = 0
  let previous: number | null = null
  return rows.map((row, i) => {
    const v = value(row)
    if (previous === null || v !== previous) rank = i + 1
    previous = v
    return { ...row, rank }
  })
}
