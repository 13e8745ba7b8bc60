/** Amounts are integers in fen everywhere; shown in 元 with two decimals. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2)
}

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}

/** 2026年3月 至 2026年5月, or one month alone. */
export function monthRange(from: string, to: string): string {
  return to !== from ? `${monthLabel(from)} 至 ${monthLabel(to)}` : monthLabel(from)
}
