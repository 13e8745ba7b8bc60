import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderDocx, renderPdf, unprintableCharacters } from '../../cloudfunctions/_shared/documents'
import { docxXml, pdfText, xmlText } from '../helpers/documents'
import { SAMPLE, SAMPLE_TEXTS } from '../fixtures/documents/sample'

const dir = mkdtempSync(join(tmpdir(), 'zbt-docs-'))

/** Written to disk and read back, as a person would open the file. */
function roundTrip(name: string, data: Buffer): Buffer {
  const file = join(dir, name)
  writeFileSync(file, data)
  return readFileSync(file)
}

describe('documents toolkit', () => {
  it('renders a .docx in 公文 layout that holds every text', async () => {
    const data = roundTrip('sample.docx', await renderDocx(SAMPLE))
    const xml = await docxXml(data)
    const text = xmlText(xml)
    for (const t of [...SAMPLE_TEXTS, '培养考察意见']) expect(text).toContain(t)
    // A4, margins top 37 / bottom 35 / left 28 / right 26 mm in twips.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/)
    expect(xml).toContain('w:eastAsia="方正小标宋简体"')
    expect(xml).toContain('w:eastAsia="黑体"')
    expect(xml).toContain('w:eastAsia="楷体_GB2312"')
    expect(await docxXml(data, 'word/styles.xml')).toContain('w:eastAsia="仿宋_GB2312"')
    // Two tables (the form and the grid), a page break, a page number field in the footer.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(2)
    expect(xml).toContain('<w:br w:type="page"/>')
    expect(await docxXml(data, 'word/footer1.xml')).toContain('PAGE')
  })

  it('renders a PDF whose Chinese is embedded, subset and extractable', async () => {
    const data = roundTrip('sample.pdf', await renderPdf(SAMPLE))
    expect(data.subarray(0, 5).toString()).toBe('%PDF-')
    const { text, via, pages, fonts } = await pdfText(data)
    expect(pages).toBeGreaterThanOrEqual(2)
    // Subset fonts are named with a six-letter tag: only the glyphs used are embedded.
    expect(fonts.some((f) => /\/[A-Z]{6}\+NotoSerifCJKsc-Regular/.test(f))).toBe(true)
    expect(fonts.some((f) => /\/[A-Z]{6}\+NotoSansCJKsc-Bold/.test(f))).toBe(true)
    const flat = text.replace(/\s+/g, '')
    for (const t of SAMPLE_TEXTS) for (const ch of t) expect(flat).toContain(ch)
    // pdftotext gives lines back in reading order (a label wrapped in its cell may interleave with its neighbour).
    if (via === 'pdftotext') for (const t of SAMPLE_TEXTS) expect(flat).toContain(t)
    expect(flat).toContain('—1—')
    // Two pages of Chinese stay small: the fonts are not embedded whole (~3.7 MB).
    expect(data.length).toBeLessThan(200_000)
  })

  it('names the characters the PDF fonts lack', () => {
    const spec = { title: 't', blocks: [{ kind: 'paragraph' as const, text: '王喆同志，2026年12月7日' }] }
    expect(unprintableCharacters(spec)).toEqual(['喆'])
    expect(unprintableCharacters(SAMPLE)).toEqual([])
  })
})
