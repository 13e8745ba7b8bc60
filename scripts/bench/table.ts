/** One figure of the bench: its value beside its budget. `info` rows have no budget. */
export interface Row {
  section: string
  figure: string
  value: string
  budget: string
  status: 'ok' | 'over' | 'info'
}

export function row(section: string, figure: string, value: string, budget: string, within: boolean | null): Row {
  return { section, figure, value, budget, status: within === null ? 'info' : within ? 'ok' : 'over' }
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1
  return w
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)))
}

export function formatTable(rows: Row[]): string {
  const head = ['section', 'figure', 'value', 'budget', 'status']
  const cells = rows.map((r) => [r.section, r.figure, r.value, r.budget, r.status])
  const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))))
  const line = (c: string[]) =>
    c
      .map((s, i) => pad(s, widths[i]))
      .join('  ')
      .trimEnd()
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

export function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
