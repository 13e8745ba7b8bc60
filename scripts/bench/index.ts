/**
 * npm run bench — figures beside their budgets (issue #8). Reports; never fails the test suite.
 *   BENCH_SAMPLES (20): calls per journey action · BENCH_RUSH_N (1000): students at the rush-hour meeting ·
 *   BENCH_SCREEN_RUNS (5): cold loads of the first screen · BENCH_SKIP=size,weapp,screen,college,growth,rush: sections to leave out.
 * The college section generates the college-sized dataset once (cached in .bench-data/, see
 * college/dataset.ts) and runs the journeys on a fresh copy of it.
 * Writes bench-results.json at the repository root.
 */
import { cpus } from 'node:os'
import { writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { startLocalCloud, type LocalCloud } from '../../test/helpers/cloud'
import { buildFunctions } from '../build-functions'
import { collegeJourneys } from './college/journeys'
import { COLLEGE_HEAP_MB, copyCollege, describe, ensureCollege } from './college/dataset'
import { dayCostRows } from './college/day-cost'
import { growthFigures, growthRows } from './college/growth'
import { logTail, untilRunning, watchMemory } from './college/server-log'
import { COLLEGE_SCALE, scaledCollege, type CollegeScale } from './college/scale'
import type { JourneyFigure } from './journeys'
import { rushHour } from './rush'
import { packageSize } from './size'
import { formatTable, kb, row, type Row } from './table'

const ROOT = resolve(__dirname, '..', '..')

function intEnv(name: string, fallback: number): number {
  const v = Number(process.env[name])
  return Number.isInteger(v) && v > 0 ? v : fallback
}

/**
 * The college's local cloud collects garbage on its main thread only. It holds the whole college in one
 * heap (1.7 GB at 1x, 5 GB at 3x), and V8's concurrent marking of that heap runs on helper threads that
 * take the 2 cores from the function and database threads being measured, by the size of the heap: at 3x
 * most journeys' p50 (their database time too) doubled while they read the same documents. With this flag
 * the collector's work is pauses on the main thread instead, counted in each call's `gcMs` (printed as
 * the GC share). WeChat's database does not run in the functions' process. (Measured 2026-12-07 on a quiet
 * machine: 15 growth p50 ratios over 1.3 without it, 4 with it.)
 */
const COLLEGE_NODE_FLAGS = ['--single-threaded-gc']

/** The college `GROWTH_FACTOR` times larger, for the growth section (issue #21). */
const GROWTH_FACTOR = 3

/**
 * The journeys on a generated college of `scale`: its dataset (generated once, then cached) copied to a fresh
 * data dir for a local cloud of its own. The 1x run's rows are the college section; a larger run's
 * journey rows are left out (only its dataset rows, under 'growth', and the ratios are shown).
 */
async function collegeRun(
  scale: CollegeScale,
  samples: number,
  name: string,
): Promise<{ rows: Row[]; figures: JourneyFigure[]; dataset: Record<string, unknown> }> {
  const section = name === '1x' ? 'college' : 'growth'
  const rows: Row[] = []
  const started = Date.now()
  const { dir, meta, generated } = await ensureCollege(scale)
  for (const line of describe(meta)) console.log(`[bench] college ${name}: ${line}`)
  rows.push(
    row(
      section,
      `dataset ${name} generation`,
      generated
        ? `${(meta.generationMs / 1000).toFixed(1)} s`
        : `cached (${(meta.generationMs / 1000).toFixed(1)} s when generated)`,
      '-',
      null,
    ),
  )
  rows.push(row(section, `dataset ${name} on disk`, kb(meta.bytesOnDisk), '-', null))
  const dataDir = copyCollege(dir)
  // The server's output and memory, kept beside the dataset: a run that dies says why there.
  const logFile = join(dirname(dir), `local-cloud-${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`)
  console.log(`[bench] college ${name}: local cloud log ${logFile}`)
  const startTimeoutMs = 15 * 60_000
  const stopWatching = watchMemory(undefined, logFile)
  let cloud: LocalCloud
  try {
    cloud = await startLocalCloud({
      dataDir,
      env: { SEED: '0', CALL_LOG_SIZE: '5000', NODE_OPTIONS: `--max-old-space-size=${COLLEGE_HEAP_MB}` },
      nodeFlags: COLLEGE_NODE_FLAGS,
      // Loading the 3x college's 1.5 GB snapshot takes minutes on a busy 2-core machine.
      startTimeoutMs,
      logFile,
    })
  } finally {
    stopWatching()
  }
  const stopWatchingServer = watchMemory(cloud.process.pid, logFile)
  rows.push(row(section, `local cloud (${name}) node flags`, COLLEGE_NODE_FLAGS.join(' '), '-', null))
  rows.push(
    row(
      section,
      `copy and start of the local cloud (${name})`,
      `${((Date.now() - started - (generated ? meta.generationMs : 0)) / 1000).toFixed(1)} s`,
      '-',
      null,
    ),
  )
  try {
    await untilRunning(logFile, startTimeoutMs)
    console.log(`[bench] college ${name} journeys: ${samples} calls per action`)
    const j = await collegeJourneys(cloud, samples, meta.draftWriters)
    rows.push(...j.rows)
    return { rows, figures: j.figures, dataset: { ...meta, draftWriters: meta.draftWriters.length } }
  } catch (error) {
    console.error(`[bench] college ${name} failed; the local cloud's log ends:\n${logTail(logFile)}`)
    throw error
  } finally {
    stopWatchingServer()
    await cloud.stop()
  }
}

async function main(): Promise<void> {
  const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()))
  const samples = intEnv('BENCH_SAMPLES', 20)
  const rushN = intEnv('BENCH_RUSH_N', 1000)
  const rows: Row[] = []
  const details: Record<string, unknown> = {}
  const notes: string[] = []

  // The local cloud runs the built functions: build them from the sources being measured.
  await buildFunctions()
  if (!skip.has('size')) {
    console.log('[bench] package size of dist/weapp')
    rows.push(...packageSize(ROOT))
  }
  if (!skip.has('weapp')) {
    console.log('[bench] weapp renderer: first screens and long lists')
    const cloud = await startLocalCloud()
    try {
      // Loaded only for its section: it brings the renderer's test helpers (which import vitest).
      const { weappFigures } = await import('./weapp')
      const w = await weappFigures(cloud)
      rows.push(...w.rows)
      details.weapp = w.figures
    } finally {
      await cloud.stop()
    }
  }
  if (!skip.has('college')) {
    const one = await collegeRun(COLLEGE_SCALE, samples, '1x')
    rows.push(...one.rows)
    const cost = dayCostRows(one.figures)
    rows.push(...cost.rows)
    details.college = { dataset: one.dataset, journeys: one.figures, dayCost: cost.costs }
    if (!skip.has('growth')) {
      // A failure at 3x is a figure of its own: the 1x figures above are still printed and written.
      try {
        const big = await collegeRun(scaledCollege(COLLEGE_SCALE, GROWTH_FACTOR), samples, `${GROWTH_FACTOR}x`)
        rows.push(...big.rows.filter((r) => r.section === 'growth'))
        const growth = growthFigures(one.figures, big.figures)
        rows.push(...growthRows(growth, GROWTH_FACTOR))
        details.growth = { dataset: big.dataset, journeys: big.figures, ratios: growth }
      } catch (error) {
        console.error(error)
        rows.push(row('growth', `journeys at ${GROWTH_FACTOR}x`, `failed: ${String(error)}`, 'runs', false))
      }
    }
  }
  if (!skip.has('screen')) {
    // On the seeded demo data, whose personas the app's picker lists (the feed answers 15 cards either way).
    // Loaded only for its section, like the weapp one (the e2e helpers it uses import vitest).
    const { ensureH5, firstScreen } = await import('./first-screen')
    const h5Dir = ensureH5()
    const cloud = await startLocalCloud({ env: { H5_DIR: h5Dir } })
    try {
      const runs = intEnv('BENCH_SCREEN_RUNS', 5)
      console.log(`[bench] first screen in Chromium: ${runs} cold loads`)
      const f = await firstScreen({ cloudUrl: cloud.url, runs })
      rows.push(...f.rows)
      details.firstScreen = f.figure
    } finally {
      await cloud.stop()
    }
  }
  if (!skip.has('rush')) {
    const cloud = await startLocalCloud()
    try {
      console.log(`[bench] rush hour: ${rushN} students, concurrency 50`)
      const r = await rushHour(cloud, rushN, 50)
      rows.push(...r.rows)
      details.rush = r.figure
    } finally {
      await cloud.stop()
    }
  }

  console.log()
  console.log(formatTable(rows))
  const over = rows.filter((r) => r.status === 'over').length
  console.log()
  for (const n of notes) console.log(`note: ${n}`)
  console.log(`${over} figure(s) over budget · ${cpus().length} cores · ${new Date().toISOString()}`)
  const out = resolve(ROOT, 'bench-results.json')
  writeFileSync(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), cores: cpus().length, node: process.version, notes, rows, details },
      null,
      2,
    ) + '\n',
  )
  console.log(`wrote ${out}`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
