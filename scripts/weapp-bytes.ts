/**
 * Which module the bytes of the built weapp JS come from (minified bytes, as uploaded, not source bytes).
 * Reads the source maps of a `WEAPP_STATS=<file> taro build --type weapp` build (dist/weapp-stats).
 *
 *   npx tsx scripts/weapp-bytes.ts [file.js ...] [--by package|module] [--top N]
 *
 * Without files: every JS file of the main package (outside packages/). Bytes of a generated line between two
 * mappings go to the source of the first; bytes with no mapping (webpack's glue) go to "(webpack)".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { SourceMapConsumer } from 'source-map'

const DIST = resolve(__dirname, '..', 'dist', 'weapp-stats')

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

function mainPackageScripts(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'packages') out.push(...mainPackageScripts(p))
    else if (entry.isFile() && entry.name.endsWith('.js')) out.push(p)
  }
  return out
}

/** Taro's maps name sources `webpack://<project>/._<path with / as _>`: the path, as far as it can be told. */
function moduleOf(source: string): string {
  return source.replace(/^webpack:\/\/[^/]*\/(\._)?/, '').replace(/\?[0-9a-f]+$/, '')
}

/** `node_modules_@scope_name_...` -> `@scope/name` (package names here hold no `_`); our own files stay whole. */
function packageOf(source: string): string {
  const m = /node_modules[_/]((?:@[^_/]+[_/])?[^_/]+)/.exec(source)
  return m ? m[1].replace('_', '/') : moduleOf(source)
}

async function bytesBySource(file: string, group: (s: string) => string): Promise<Map<string, number>> {
  const code = readFileSync(file, 'utf8')
  const lines = code.split('\n')
  const totals = new Map<string, number>()
  const add = (key: string, n: number): void => void totals.set(key, (totals.get(key) ?? 0) + n)
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMapConsumer>[0]
  await SourceMapConsumer.with(map, null, (consumer) => {
    const byLine = new Map<number, { column: number; source: string }[]>()
    consumer.eachMapping((m) => {
      const list = byLine.get(m.generatedLine) ?? []
      list.push({ column: m.generatedColumn, source: m.source ? group(m.source) : '(webpack)' })
      byLine.set(m.generatedLine, list)
    })
    lines.forEach((line, i) => {
      const marks = (byLine.get(i + 1) ?? []).sort((a, b) => a.column - b.column)
      let at = 0
      let source = '(webpack)'
      for (const mark of marks) {
        add(source, Buffer.byteLength(line.slice(at, mark.column)))
        at = mark.column
        source = mark.source
      }
      add(source, Buffer.byteLength(line.slice(at)) + 1)
    })
  })
  return totals
}

async function main(): Promise<void> {
  const by = arg('--by') ?? 'package'
  const top = Number(arg('--top') ?? 40)
  const named = process.argv.slice(2).filter((a, i, all) => a.endsWith('.js') && !all[i - 1]?.startsWith('--'))
  const files = named.length ? named.map((f) => resolve(DIST, f)) : mainPackageScripts(DIST)
  const group = by === 'module' ? moduleOf : packageOf
  for (const file of files.filter((f) => existsSync(`${f}.map`))) {
    const totals = await bytesBySource(file, group)
    console.log(`== ${relative(DIST, file)} ${(statSync(file).size / 1024).toFixed(1)} KB`)
    for (const [source, bytes] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${(bytes / 1024).toFixed(1).padStart(8)} KB  ${source}`)
  }
}

void main()
