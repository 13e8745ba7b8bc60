/** Amounts are integers in fen everywhere; shown in 元 with two decimals. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2)
}

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}
