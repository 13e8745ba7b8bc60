/**
 * Makes the two fonts the documents toolkit embeds in PDFs (cloudfunctions/_shared/documents/fonts/):
 * Noto Serif CJK SC Regular (body) and Noto Sans CJK SC Bold (title, headings), cut down to ASCII and
 * GB 2312 (its symbols and 6,763 hanzi) so a function package carries ~3.7 MB instead of ~45 MB.
 * Needs `pyftsubset` (Debian: fonttools) and the Noto CJK collections (Debian: fonts-noto-cjk).
 * Run once when the fonts change: `npx tsx scripts/subset-cjk-fonts.ts`; the results are committed.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gb2312Characters } from '../cloudfunctions/_shared/documents/charset'

const SOURCE = '/usr/share/fonts/opentype/noto'
/** Index of the Simplified Chinese face in Noto's .ttc collections (JP, KR, SC, TC, HK). */
const SC_FACE = 2
const OUT = resolve(__dirname, '..', 'cloudfunctions', '_shared', 'documents', 'fonts')

const FONTS = [
  { source: 'NotoSerifCJK-Regular.ttc', output: 'NotoSerifCJKsc-Regular-GB2312.otf' },
  { source: 'NotoSansCJK-Bold.ttc', output: 'NotoSansCJKsc-Bold-GB2312.otf' },
]

if (require.main === module) {
  const textFile = join(mkdtempSync(join(tmpdir(), 'cjk-')), 'gb2312.txt')
  writeFileSync(textFile, gb2312Characters())
  for (const font of FONTS) {
    execFileSync('pyftsubset', [
      join(SOURCE, font.source),
      `--font-number=${SC_FACE}`,
      `--text-file=${textFile}`,
      // PDF text is laid out glyph by glyph: no shaping tables, no hinting.
      '--layout-features=',
      '--no-hinting',
      `--output-file=${join(OUT, font.output)}`,
    ])
    console.log(`wrote ${font.output}`)
  }
}
