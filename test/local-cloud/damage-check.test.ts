import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { damageWarning, findDamagedReports } from '../../local-cloud/src/damage-check'
import { openDatabase, type LocalDatabase } from '../../local-cloud/src/db'

/** The start-up check that names reports an older local cloud damaged (issue #12). */
let dir: string
let db: LocalDatabase

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'damage-check-'))
  const collectionsFile = path.join(dir, 'collections.json')
  writeFileSync(
    collectionsFile,
    JSON.stringify({ collections: { members: { indexes: [] }, reports: { indexes: [] } } }),
  )
  db = await openDatabase({ dataDir: path.join(dir, 'data'), collectionsFile })
})

afterAll(async () => {
  await db?.close()
  rmSync(dir, { recursive: true, force: true })
})

it('names reviewed reports without versions, and only those', async () => {
  await db.insertMany('members', [{ _id: 'm1', name: '孙雅琪' }])
  await db.insertMany('reports', [
    { _id: 'r-ok', memberId: 'm1', period: '2026-Q1', status: 'approved', versions: [{ n: 1 }] },
    { _id: 'r-lost', memberId: 'm1', period: '2026-Q2', status: 'approved', versions: [] },
    { _id: 'r-gone', memberId: 'm1', period: '2026-Q3', status: 'returned' },
    { _id: 'r-draft', memberId: 'm1', period: '2026-Q4', status: 'draft', versions: [] },
  ])
  const damaged = await findDamagedReports(db)
  expect(damaged).toEqual(['孙雅琪 2026-Q2（r-lost）', '孙雅琪 2026-Q3（r-gone）'])
  const warning = damageWarning(damaged, '/data')
  expect(warning).toContain('2 份')
  expect(warning).toContain('删除数据目录 /data')
})
