/** One finding of the weapp check: which tool, which built file (and where), and where it comes from in src/. */
export interface Problem {
  tool: 'wcc' | 'wcsc' | 'miniprogram-ci'
  severity: 'error' | 'warning'
  /** Path of the built file, relative to the mini program root (dist/weapp). */
  file: string
  line?: number
  column?: number
  message: string
  /** Where the offending code was written, e.g. `src/pages/study/index.scss:12`. */
  source?: string
}

export function formatProblem(p: Problem): string {
  const at = p.line ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}` : p.file
  const from = p.source ? ` (source: ${p.source})` : ''
  return `${p.severity} [${p.tool}] ${at}${from}: ${p.message}`
}
