import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { PDFDocument, PDFDict, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib'

/** The text of a .docx body, runs joined, tags dropped. */
export async function docxXml(data: Buffer, part = 'word/document.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(data)
  const file = zip.file(part)
  if (!file) throw new Error(`${part} missing from the .docx`)
  return file.async('string')
}

export function xmlText(xml: string): string {
  return xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * What a PDF says, checked two ways: the text poppler extracts (pdftotext, when the machine has it), else
 * every character the embedded fonts' ToUnicode maps can give back (glyphs present and mapped).
 */
export async function pdfText(
  data: Buffer,
): Promise<{ text: string; via: 'pdftotext' | 'tounicode'; pages: number; fonts: string[] }> {
  const pdf = await PDFDocument.load(data)
  const fonts: string[] = []
  let mapped = ''
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue
    const base = object.get(PDFName.of('BaseFont'))
    if (base) fonts.push(base.toString())
    const toUnicode = object.get(PDFName.of('ToUnicode'))
    const stream = toUnicode instanceof PDFRef ? pdf.context.lookup(toUnicode) : null
    if (stream instanceof PDFRawStream) mapped += Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
  }
  if (hasPdftotext()) {
    const file = join(mkdtempSync(join(tmpdir(), 'zbt-pdf-')), 'doc.pdf')
    writeFileSync(file, data)
    return {
      text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
      via: 'pdftotext',
      pages: pdf.getPageCount(),
      fonts,
    }
  }
  // bfchar / bfrange targets are UTF-16BE hex: collect every character they map to.
  const chars = [...mapped.matchAll(/<([0-9a-fA-F]{4,})>/g)].map((m) =>
    Buffer.from(m[1], 'hex').swap16().toString('utf16le'),
  )
  return { text: chars.join(''), via: 'tounicode', pages: pdf.getPageCount(), fonts }
}
