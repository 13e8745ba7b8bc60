import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  readdirSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { generateCollege, type GeneratedCollege } from './generate'
import { scaleKey, type CollegeScale } from './scale'

/**
 * The generated college is cached under .bench-data/ (gitignored) and copied to a fresh temporary
 * DATA_DIR for every run, since the journeys write. It is generated again when the generator's version
 * or the scale changes, or when it is more than a week old (it is built around the day it was made).
 *
 *   tsx scripts/bench/college/dataset.ts   generates (or reuses) the full-size dataset and prints its counts
 */

/** Bump when the generated documents change. */
export const GENERATOR_VERSION = 7
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
const ROOT = resolve(__dirname, '..', '..', '..')
export const CACHE_ROOT = join(ROOT, '.bench-data')

export interface CachedCollege extends GeneratedCollege {
  version: number
  scale: string
  generatedAt: string
  generationMs: number
  bytesOnDisk: number
}

function bytesUnder(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size
  }
  return total
}

function readMeta(dir: string): CachedCollege | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as CachedCollege
  } catch {
    return null
  }
}

/** The cached dataset for `scale`, generated first if missing or stale. */
export async function ensureCollege(
  scale: CollegeScale,
  log: (line: string) => void = console.log,
): Promise<{ dir: string; meta: CachedCollege; generated: boolean }> {
  const dir = join(CACHE_ROOT, `college-v${GENERATOR_VERSION}-${scaleKey(scale)}`)
  const cached = readMeta(dir)
  if (cached && Date.now() - Date.parse(cached.generatedAt) < MAX_AGE_MS && existsSync(join(dir, 'data')))
    return { dir, meta: cached, generated: false }

  mkdirSync(CACHE_ROOT, { recursive: true })
  const building = mkdtempSync(join(CACHE_ROOT, 'building-'))
  const started = Date.now()
  log(`[college] generating ${scaleKey(scale)} into ${building}`)
  const result = await generateInChild(join(building, 'data'), scale, (line) => log(`[college]   ${line}`))
  const meta: CachedCollege = {
    ...result,
    version: GENERATOR_VERSION,
    scale: scaleKey(scale),
    generatedAt: new Date(started).toISOString(),
    generationMs: Date.now() - started,
    bytesOnDisk: bytesUnder(join(building, 'data')),
  }
  writeFileSync(join(building, 'meta.json'), JSON.stringify(meta, null, 2) + '\n')
  rmSync(dir, { recursive: true, force: true })
  renameSync(building, dir)
  return { dir, meta, generated: true }
}

/**
 * Heap for the generator and for a local cloud on a generated college: the 3x college (2.4 million
 * documents) is built and then held in memory whole, past Node's default heap of about 4 GB.
 */
export const COLLEGE_HEAP_MB = 12_288

/** Runs the generator in a child process with room for the whole college in memory (see COLLEGE_HEAP_MB). */
function generateInChild(dataDir: string, scale: CollegeScale, log: (line: string) => void): Promise<GeneratedCollege> {
  const out = join(dirname(dataDir), 'generated.json')
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${COLLEGE_HEAP_MB}`,
        '--import',
        'tsx',
        __filename,
        '--build',
        dataDir,
        JSON.stringify(scale),
        out,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) log(line)
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`college generator exited with ${code}`))
      resolveRun(JSON.parse(readFileSync(out, 'utf8')) as GeneratedCollege)
    })
  })
}

/** A fresh copy of the cached data to run the local cloud on (the caller removes it). */
export function copyCollege(dir: string): string {
  const target = mkdtempSync(join(tmpdir(), 'zbt-college-'))
  cpSync(join(dir, 'data'), target, { recursive: true })
  return target
}

export function describe(meta: CachedCollege): string[] {
  const mb = (meta.bytesOnDisk / 1024 / 1024).toFixed(1)
  const total = Object.values(meta.counts).reduce((a, b) => a + b, 0)
  return [
    `generated ${meta.generatedAt} in ${(meta.generationMs / 1000).toFixed(1)} s, ${mb} MB on disk, ${total} documents`,
    Object.entries(meta.counts)
      .map(([c, n]) => `${c} ${n}`)
      .join(' · '),
  ]
}

if (require.main === module && process.argv[2] === '--build') {
  // The child of generateInChild: builds into argv[3] at the scale argv[4], writes the result to argv[5].
  const [dataDir, scale, out] = process.argv.slice(3)
  void generateCollege({ dataDir, scale: JSON.parse(scale) as CollegeScale, log: (line) => console.log(line) }).then(
    (result) => writeFileSync(out, JSON.stringify(result)),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
} else if (require.main === module) {
  void import('./scale').then(async ({ COLLEGE_SCALE }) => {
    const { meta, generated } = await ensureCollege(COLLEGE_SCALE)
    console.log(generated ? 'generated' : 'cached')
    for (const line of describe(meta)) console.log(line)
  })
}
