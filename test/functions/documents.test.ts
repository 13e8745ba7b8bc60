import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SavedDocument } from '../../cloudfunctions/_shared/documents'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { AuditDoc } from '../../cloudfunctions/_shared/models'
import { demoOpenid, PEOPLE } from '../../local-cloud/src/seed/people'
import { bundleFunction } from '../../scripts/build-functions'
import { ROOT, startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { docxXml, pdfText, xmlText } from '../helpers/documents'
import { data } from '../helpers/results'
import { adminSdk, findDocs } from '../helpers/sdk'
import { SAMPLE_TEXTS } from '../fixtures/documents/sample'

/**
 * The documents toolkit inside a cloud function: bundled by scripts/build-functions.ts as a product function
 * is (the PDF fonts copied beside the bundle), run by the local cloud with the real SDK, the file saved to
 * storage, the export audited, and the file downloaded from the temporary link.
 */
let cloud: LocalCloud
let functionsDir: string
const secretary = PEOPLE.find((p) => p.name === '陈立华')
if (!secretary) throw new Error('no seeded secretary')
const openid = demoOpenid(secretary.studentNo)

beforeAll(async () => {
  // Inside the repository, so the function resolves wx-server-sdk from node_modules as product functions do.
  functionsDir = mkdtempSync(join(ROOT, '.tmp-documents-fn-'))
  await bundleFunction(
    join(ROOT, 'test', 'fixtures', 'documents', 'function.ts'),
    join(functionsDir, 'documents', 'index.js'),
  )
  cloud = await startLocalCloud({ env: { FUNCTIONS_DIR: functionsDir } })
})

afterAll(async () => {
  await cloud?.stop()
  rmSync(functionsDir, { recursive: true, force: true })
})

async function exportAs(format: 'docx' | 'pdf'): Promise<{ saved: SavedDocument; file: Buffer }> {
  const saved = data(await cloud.call<Result<SavedDocument>>('documents', { action: 'export', format }, openid))
  const res = await fetch(saved.url)
  expect(res.status).toBe(200)
  return { saved, file: Buffer.from(await res.arrayBuffer()) }
}

describe('documents in a cloud function', () => {
  it('bundles the fonts beside the function that renders PDFs', () => {
    const fonts = join(functionsDir, 'documents', 'fonts')
    expect(statSync(join(fonts, 'NotoSerifCJKsc-Regular-GB2312.otf')).size).toBeGreaterThan(1_000_000)
    expect(statSync(join(fonts, 'OFL.txt')).isFile()).toBe(true)
  })

  it('saves a .docx and a PDF privately, audits each export and hands back a link', async () => {
    const docx = await exportAs('docx')
    expect(docx.saved.fileName).toBe('张晓明发展党员全程纪实表.docx')
    expect(docx.saved.fileID).toMatch(/^cloud:\/\/[^/]+\/exports\/college-main\/samples\/[0-9a-z]+\.docx$/)
    const text = xmlText(await docxXml(docx.file))
    for (const t of SAMPLE_TEXTS) expect(text).toContain(t)

    const pdf = await exportAs('pdf')
    expect(pdf.saved.fileName).toBe('张晓明发展党员全程纪实表.pdf')
    const extracted = (await pdfText(pdf.file)).text.replace(/\s+/g, '')
    for (const ch of SAMPLE_TEXTS.join('')) expect(extracted).toContain(ch)

    const entries = await findDocs<AuditDoc>(adminSdk(cloud.url), 'audit', { action: 'test.exportSample' })
    expect(entries.map((e) => e.detail.fileID).sort()).toEqual([docx.saved.fileID, pdf.saved.fileID].sort())
    expect(entries.every((e) => e.actorName === '陈立华' && e.detail.summary === '导出样例纪实表')).toBe(true)
  })
})
