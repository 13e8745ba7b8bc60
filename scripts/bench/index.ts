/**
 * npm run bench — figures beside their budgets (issue #8). Reports; never fails the test suite.
 *   BENCH_SAMPLES (20): calls per journey action · BENCH_RUSH_N (1000): students at the rush-hour meeting ·
 *   BENCH_SKIP=rush,journeys,size: sections to leave out.
 * Writes bench-results.json at the repository root.
 */
import { cpus } from 'node:os'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { startLocalCloud } from '../../test/helpers/cloud'
import { journeys } from './journeys'
import { rushHour } from './rush'
import { packageSize } from './size'
import { formatTable, type Row } from './table'

const ROOT = resolve(__dirname, '..', '..')

function intEnv(name: string, fallback: number): number {
  const v = Number(process.env[name])
  return Number.isInteger(v) && v > 0 ? v : fallback
}

async function main(): Promise<void> {
  const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()))
  const samples = intEnv('BENCH_SAMPLES', 20)
  const rushN = intEnv('BENCH_RUSH_N', 1000)
  const rows: Row[] = []
  const details: Record<string, unknown> = {}
  const notes: string[] = []

  if (!skip.has('size')) {
    console.log('[bench] package size of dist/weapp')
    rows.push(...packageSize(ROOT))
  }
  if (!skip.has('journeys') || !skip.has('rush')) {
    const cloud = await startLocalCloud()
    try {
      if (!skip.has('journeys')) {
        console.log(`[bench] journeys: ${samples} calls per action`)
        notes.push('journeys run on the seeded demo data, not yet the college-scale dataset of issue #8')
        const j = await journeys(cloud, samples)
        rows.push(...j.rows)
        details.journeys = j.figures
      }
      if (!skip.has('rush')) {
        console.log(`[bench] rush hour: ${rushN} students, concurrency 50`)
        const r = await rushHour(cloud, rushN, 50)
        rows.push(...r.rows)
        details.rush = r.figure
      }
    } finally {
      await cloud.stop()
    }
  }
  notes.push('not yet measured: first screen in Chromium (throttled); journeys on a college-sized dataset')

  console.log()
  console.log(formatTable(rows))
  const over = rows.filter((r) => r.status === 'over').length
  console.log()
  for (const n of notes) console.log(`note: ${n}`)
  console.log(`${over} figure(s) over budget · ${cpus().length} cores · ${new Date().toISOString()}`)
  const out = resolve(ROOT, 'bench-results.json')
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, node: process.version, notes, rows, details }, null, 2) + '\n')
  console.log(`wrote ${out}`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
