import type { Block, DocumentSpec } from './model'

/**
 * What the PDF fonts can show: ASCII and every character of GB 2312 (its symbols and 6,763 hanzi), the set
 * `scripts/subset-cjk-fonts.ts` cuts the fonts down to. A rarer character (e.g. 喆 in a name) prints blank in
 * the PDF; the .docx shows it with the reader's own fonts.
 */
export function gb2312Characters(): string {
  const decoder = new TextDecoder('gb18030')
  const chars = new Set<string>()
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c))
  const rows = (from: number, to: number) => {
    for (let hi = from; hi <= to; hi++) {
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        const ch = decoder.decode(Uint8Array.from([hi, lo]))
        if (ch.length === 1 && ch !== '\ufffd') chars.add(ch)
      }
    }
  }
  rows(0xa1, 0xa9)
  rows(0xb0, 0xf7)
  return [...chars].join('')
}

let printable: Set<string> | null = null

function blockTexts(block: Block): string[] {
  switch (block.kind) {
    case 'fields':
      return block.fields.flatMap((f) => [f.label, f.value])
    case 'grid':
      return [...block.header, ...block.rows.flat()]
    case 'signature':
      return block.lines
    case 'cut':
      return [block.text ?? '']
    case 'pageBreak':
      return []
    default:
      return [block.text]
  }
}

/** Characters of the document the PDF cannot show (each once), so a caller can offer the .docx instead. */
export function unprintableCharacters(spec: DocumentSpec): string[] {
  printable ??= new Set(gb2312Characters())
  const missing = new Set<string>()
  for (const text of spec.blocks.flatMap(blockTexts)) {
    for (const ch of text) if (!printable.has(ch) && !/\s/.test(ch)) missing.add(ch)
  }
  return [...missing]
}
