/**
 * WeChat's own template and stylesheet compilers, `wcc` and `wcsc`, from the npm package miniprogram-compiler
 * (Linux binaries). They are called directly, with the arguments WeChat DevTools uses, because the package's
 * JS helper throws away wcsc's error output. Both exit non-zero and write `file(line:col): message` /
 * `file:line:col: message` to stderr when they reject something.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, chmodSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import type { Problem } from './problem'

const ROOT = resolve(__dirname, '..', '..')
const MAX_OUTPUT = 256 * 1024 * 1024

/** Path of a compiler binary, made executable (npm does not keep the executable bit of these files). */
export function compilerBinary(name: 'wcc' | 'wcsc'): string {
  if (process.platform !== 'linux')
    throw new Error(`the weapp check runs WeChat's Linux compilers; this is ${process.platform}`)
  const pkg = createRequire(join(ROOT, 'package.json')).resolve('miniprogram-compiler/package.json')
  const bin = join(dirname(pkg), 'bin', 'linux', name)
  try {
    accessSync(bin, constants.X_OK)
  } catch {
    chmodSync(bin, 0o755)
  }
  return bin
}

/** Files under `dir` with one of the extensions, as posix paths relative to `dir`, sorted. */
export function filesWith(dir: string, exts: string[]): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p)
      } else if (exts.some((x) => e.name.endsWith(x))) out.push(relative(dir, p).split('\\').join('/'))
    }
  }
  walk(dir)
  return out.sort()
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined // a broken JSON file is miniprogram-ci's to report
  }
}

const withoutExt = (file: string): string => file.replace(/\.[^./]+$/, '')

function run(bin: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd, maxBuffer: MAX_OUTPUT, encoding: 'utf8' })
  if (r.error) throw r.error
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/**
 * The custom-component argument of wcc (`-xc`), as DevTools builds it: the number of templates that use
 * components, then for each its path, the number of components and their tag names.
 */
function componentArgument(dir: string, templates: string[]): string {
  const parts: string[] = []
  let count = 0
  for (const t of templates) {
    const using = readJson(join(dir, `${withoutExt(t)}.json`))?.usingComponents
    if (!using || typeof using !== 'object') continue
    const names = Object.keys(using)
    parts.push(t, String(names.length), ...names)
    count++
  }
  return [String(count), ...parts].join(' ')
}

/** `path:line:col: message` (wcc) and `path(line:col): message` (wcsc), the forms both compilers print. */
const LOCATED = /^(?:ERR: )?(\S+?)(?::(\d+):(\d+):|\((\d+):(\d+)\):)\s*(.*)$/

function parseDiagnostics(tool: 'wcc' | 'wcsc', stderr: string, known: Set<string>): Problem[] {
  const problems: Problem[] = []
  for (const raw of stderr.split('\n')) {
    const line = raw.trim()
    if (!line || /^error file count/.test(line)) continue
    const m = LOCATED.exec(line)
    if (m && known.has(m[1].replace(/^\.\//, ''))) {
      problems.push({
        tool,
        severity: 'error',
        file: m[1].replace(/^\.\//, ''),
        line: Number(m[2] ?? m[4]),
        column: Number(m[3] ?? m[5]),
        message: m[6],
      })
      continue
    }
    // wcsc: "path `../x.wxss` not found from `a/b.wxss`." names the importing file last.
    const from = /from `([^`]+)`/.exec(line)
    const file = from && known.has(from[1]) ? from[1] : [...known].find((k) => line.includes(k))
    problems.push({ tool, severity: 'error', file: file ?? '(unknown file)', message: line.replace(/^ERR:\s*/, '') })
  }
  return problems
}

/**
 * wcc over every .wxml and .wxs of the mini program at `dir`. wcc stops at the first broken template, so
 * it is run again without each template it rejects, to name every broken one.
 */
export function compileTemplates(dir: string): { files: number; problems: Problem[] } {
  const bin = compilerBinary('wcc')
  let templates = filesWith(dir, ['.wxml'])
  const scripts = filesWith(dir, ['.wxs'])
  const files = templates.length + scripts.length
  const problems: Problem[] = []
  for (let round = 0; round < files && templates.length + scripts.length > 0; round++) {
    const args = ['-d', '-xc', componentArgument(dir, templates), ...templates, ...scripts, '-gn', '$gwx']
    const r = run(bin, args, dir)
    if (r.status === 0) break
    const found = parseDiagnostics(
      'wcc',
      r.stderr || r.stdout || `wcc exited with ${r.status}`,
      new Set([...templates, ...scripts]),
    )
    problems.push(...found)
    const rejected = new Set(found.map((p) => p.file))
    const next = templates.filter((t) => !rejected.has(t))
    if (next.length === templates.length) break // nothing named: cannot narrow further
    templates = next
  }
  return { files, problems }
}

/**
 * wcsc over every .wxss of the mini program at `dir`, pages and components first (`-pc`), as DevTools
 * does. wcsc reports the first error of each file. A component stylesheet with selectors WeChat ignores in
 * components (tag, id, attribute) compiles, but with a message the base library logs: reported as a warning.
 */
export function compileStyles(dir: string): { files: number; problems: Problem[] } {
  const bin = compilerBinary('wcsc')
  const sheets = filesWith(dir, ['.wxss'])
  const hasJson = (s: string): boolean => existsSync(join(dir, `${withoutExt(s)}.json`))
  const pages = sheets.filter(hasJson)
  const ordered = [...pages, ...sheets.filter((s) => !hasJson(s))]
  const r = run(bin, ['-db', '-pc', String(pages.length), ...ordered], dir)
  if (r.status !== 0)
    return {
      files: sheets.length,
      problems: parseDiagnostics('wcsc', r.stderr || r.stdout || `wcsc exited with ${r.status}`, new Set(sheets)),
    }
  const problems: Problem[] = []
  const components = new Set(pages.filter((p) => readJson(join(dir, `${withoutExt(p)}.json`))?.component === true))
  // Output: version=...=comm=...=<path>=setCssToHead([...], <invalid-selector message or undefined>, {path:...})=
  const invalid = /\],\\x22((?:[^\\]|\\(?!x22))*?)\\x22,\{path:\\x22([^\\]+)\\x22\}/g
  for (const m of r.stdout.matchAll(invalid)) {
    const file = m[2].replace(/^\.\//, '')
    if (!components.has(file)) continue
    const at = /\(([^():]+):(\d+):(\d+)\)$/.exec(m[1])
    problems.push({
      tool: 'wcsc',
      severity: 'warning',
      file,
      line: at ? Number(at[2]) : undefined,
      column: at ? Number(at[3]) : undefined,
      message: m[1],
    })
  }
  return { files: sheets.length, problems }
}
