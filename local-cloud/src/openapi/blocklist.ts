import fs from 'node:fs'

export interface BlockedTerm {
  term: string
  /** msgSecCheck label, e.g. 20006 违法犯罪. */
  label: number
}

const DEFAULT_LABEL = 21000

/**
 * The words msgSecCheck flags locally, read from a text file: one word or phrase per line,
 * `#` comments, and `# label: <n>` lines that set the label for the words below them.
 * Reloaded when the file changes.
 */
export class Blocklist {
  private terms: BlockedTerm[] = []
  private loadedMtimeMs = -1

  constructor(private readonly file: string) {}

  /** The first blocked term found in `text` (ignoring case, width, spaces and punctuation), or null. */
  match(text: string): BlockedTerm | null {
    this.reloadIfChanged()
    const haystack = normalize(text)
    return this.terms.find((t) => haystack.includes(normalize(t.term))) ?? null
  }

  private reloadIfChanged(): void {
    let mtimeMs: number
    try {
      mtimeMs = fs.statSync(this.file).mtimeMs
    } catch {
      this.terms = []
      return
    }
    if (mtimeMs === this.loadedMtimeMs) return
    this.terms = parseBlocklist(fs.readFileSync(this.file, 'utf8'))
    this.loadedMtimeMs = mtimeMs
  }
}

export function parseBlocklist(text: string): BlockedTerm[] {
  const terms: BlockedTerm[] = []
  let label = DEFAULT_LABEL
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '') continue
    const labelLine = /^#\s*label\s*:\s*(\d+)/i.exec(line)
    if (labelLine) {
      label = Number(labelLine[1])
      continue
    }
    if (line.startsWith('#')) continue
    if (normalize(line) !== '') terms.push({ term: line, label })
  }
  return terms
}

/** Folds the easy evasions: full-width forms, case, and spaces or punctuation between characters. */
function normalize(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}
