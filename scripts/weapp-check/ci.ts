/**
 * miniprogram-ci (the compile module of WeChat DevTools), fully offline: its packaging compile
 * (`getCompiledResult`: app.json, page and component JSON, tabBar, subpackages, usingComponents, and the
 * compression that upload applies), the warnings of its JSON checkers (unknown or invalid fields, which the
 * compile computes and then strips from its result) and its code-quality figures (package sizes, whether
 * compression and lazy code loading are on).
 *
 * `new Project(...)` asks WeChat's servers for the project's attributes unless it is given `attr`; it gets
 * the package's default attributes here, and a throwaway RSA key (it is never used to sign anything).
 */
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { filesWith } from './compilers'
import type { Problem } from './problem'

const ROOT = resolve(__dirname, '..', '..')

/** The parts of miniprogram-ci this check uses (its own typings describe a far larger surface). */
type CiProject = object
interface QualityItem {
  name: string
  success: boolean
  text?: string
  detail?: unknown
}
interface MiniprogramCi {
  Project: new (options: {
    appid: string
    type: 'miniProgram'
    projectPath: string
    privateKey: string
    ignores: string[]
    attr: () => Promise<unknown>
  }) => CiProject
  DefaultProjectAttr: unknown
  getCompiledResult(options: {
    project: CiProject
    setting: { useProjectConfig: boolean; minifyJS: boolean }
  }): Promise<Record<string, string | Uint8Array>>
  checkCodeQuality(project: CiProject): Promise<QualityItem[]>
}
type CheckedJson = Record<string, unknown> & { __warning__?: string }
interface JsonCheckers {
  getAppJSON(project: CiProject): CheckedJson
  getPageJSONWithDisableSpreading(
    project: CiProject,
    options: { miniprogramRoot: string; pagePath: string },
  ): CheckedJson
  getProjectConfigJSON(project: CiProject): { miniprogramRoot?: string }
}

function load(): { ci: MiniprogramCi; json: JsonCheckers } {
  const req = createRequire(join(ROOT, 'package.json'))
  const ci = req('miniprogram-ci') as MiniprogramCi
  // The checkers the compile runs (json/app, json/page): their results carry `__warning__`.
  const base = 'miniprogram-ci/dist/modules/corecompiler/original/json'
  const json: JsonCheckers = {
    getAppJSON: (req(`${base}/app`) as Pick<JsonCheckers, 'getAppJSON'>).getAppJSON,
    getPageJSONWithDisableSpreading: (
      req(`${base}/page/getPageJSON`) as Pick<JsonCheckers, 'getPageJSONWithDisableSpreading'>
    ).getPageJSONWithDisableSpreading,
    getProjectConfigJSON: (req(`${base}/projectconfig`) as Pick<JsonCheckers, 'getProjectConfigJSON'>)
      .getProjectConfigJSON,
  }
  return { ci, json }
}

/** Everything at the project root that is not on the way to the mini program root: the compile skips it. */
function ignoresOutside(projectRoot: string, miniprogramRoot: string): string[] {
  const ignores: string[] = []
  let dir = projectRoot
  let prefix = ''
  const keep = ['project.config.json', 'project.private.config.json']
  for (const segment of miniprogramRoot.split('/').filter((s) => s && s !== '.')) {
    for (const name of readdirSync(dir)) {
      if (name === segment || (prefix === '' && keep.includes(name))) continue
      ignores.push(`${prefix}${name}`, `${prefix}${name}/**`)
    }
    dir = join(dir, segment)
    prefix = `${prefix}${segment}/`
  }
  return ignores
}

export interface PackageSize {
  /** `main` or the subpackage root, e.g. `packages/study`. */
  name: string
  /** Bytes of the built files (checkCodeQuality's figure). */
  built: number
  /** Bytes as compiled for upload, after WeChat's compression (of JS only with `minifyJS`). */
  uploaded: number
}

export interface CiResult {
  problems: Problem[]
  sizes: PackageSize[]
  /** The compiled files, as they would be uploaded (paths relative to the mini program root). */
  compiled: Record<string, string | Uint8Array>
  /** What miniprogram-ci printed, for --verbose. */
  log: string[]
}

/** Lines miniprogram-ci prints when it cannot reach the server we keep it from: expected offline. */
const OFFLINE_NOISE = [/get white ext list fail/, /wxa\/ci\/getwhiteextlist/]

/** Runs `fn` with console output captured (miniprogram-ci reports some failures only by logging them). */
async function capturingConsole<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = []
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const
  const saved = methods.map((m) => console[m])
  for (const m of methods)
    console[m] = (...args: unknown[]) =>
      void lines.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '))
  try {
    return { value: await fn(), lines }
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]))
  }
}

// eslint-disable-next-line no-control-regex -- chalk's colour codes
const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '')

/** The JSON file a config of src/ becomes: app.json <- src/app.config.ts, pages/x/index.json <- src/pages/x/index.config.ts. */
function configSource(jsonFile: string, srcDir: string): string | undefined {
  const config = `${jsonFile.replace(/\.json$/, '')}.config.ts`
  return existsSync(join(srcDir, config)) ? `src/${config}` : undefined
}

/** `minifyJS`: compress JS again as upload does (Taro's terser already did; costs ~30 s on two cores). */
/** A compile error as a problem: the file it names (its `path`, or a .json in its message), line and column. */
function compileProblem(e: unknown, miniprogramRoot: string, srcDir: string): Problem {
  const err = (e && typeof e === 'object' ? e : {}) as { message?: string; path?: string; filePath?: string }
  const message = plain(err.message ?? String(e))
  const named = err.path ?? err.filePath ?? /([\w./-]+\.(?:json|wxml|wxss|wxs|js))/.exec(message)?.[1] ?? 'app.json'
  const file = named.replace(/^\//, '').replace(miniprogramRoot.replace(/^\.\//, ''), '')
  const at = /^(\d+):(\d+):\s*/.exec(message)
  return {
    tool: 'miniprogram-ci',
    severity: 'error',
    file,
    line: at ? Number(at[1]) : undefined,
    column: at ? Number(at[2]) : undefined,
    message: at ? message.slice(at[0].length) : message,
    source: configSource(file, srcDir),
  }
}

export async function ciCheck(
  projectRoot: string,
  miniprogramRoot: string,
  srcDir: string,
  minifyJS = false,
): Promise<CiResult> {
  const problems: Problem[] = []
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const weappDir = join(projectRoot, miniprogramRoot)
  const run = await capturingConsole(async () => {
    const { ci, json } = load()
    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: projectRoot,
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      ignores: ignoresOutside(projectRoot, miniprogramRoot),
      attr: async () => ci.DefaultProjectAttr,
    })
    let compiled: Record<string, string | Uint8Array> = {}
    try {
      // As upload compiles: project.config.json's settings (compression of WXML and WXSS, and of JS if asked).
      compiled = await ci.getCompiledResult({ project, setting: { useProjectConfig: true, minifyJS } })
    } catch (e) {
      problems.push(compileProblem(e, miniprogramRoot, srcDir))
    }
    // The checkers the compile ran, again (cached): their warnings, which the compile result leaves out.
    const root = json.getProjectConfigJSON(project).miniprogramRoot ?? ''
    const checks: [string, () => CheckedJson][] = [['app.json', () => json.getAppJSON(project)]]
    for (const file of filesWith(weappDir, ['.json'])) {
      const base = file.replace(/\.json$/, '')
      if (
        file === 'app.json' ||
        !(existsSync(join(weappDir, `${base}.wxml`)) || existsSync(join(weappDir, `${base}.js`)))
      )
        continue
      checks.push([
        file,
        () => json.getPageJSONWithDisableSpreading(project, { miniprogramRoot: root, pagePath: base }),
      ])
    }
    for (const [file, check] of checks) {
      try {
        const warning = check().__warning__
        if (warning)
          problems.push({
            tool: 'miniprogram-ci',
            severity: 'warning',
            file,
            message: plain(warning),
            source: configSource(file, srcDir),
          })
      } catch {
        // an error in this file: the compile above reported it
      }
    }
    return { compiled, quality: await ci.checkCodeQuality(project) }
  })
  const { compiled, quality } = run.value
  const log = run.lines.map(plain)
  for (const line of log) {
    if (OFFLINE_NOISE.some((r) => r.test(line))) continue
    if (/\[error\]|\berror\b/i.test(line))
      problems.push({ tool: 'miniprogram-ci', severity: 'error', file: '(compile)', message: line.split('\n')[0] })
    else if (/\[warn\]/i.test(line))
      problems.push({ tool: 'miniprogram-ci', severity: 'warning', file: '(compile)', message: line.split('\n')[0] })
  }
  for (const item of quality) {
    if (!item.success)
      problems.push({
        tool: 'miniprogram-ci',
        severity: 'warning',
        file: item.name === 'LAZYCODE_LOADING_OPEN' ? 'app.json' : 'project.config.json',
        message: `code quality ${item.name}: ${item.text ?? ''}`,
      })
  }
  return { problems, sizes: packageSizes(quality, compiled, miniprogramRoot), compiled, log }
}

function packageSizes(
  quality: QualityItem[],
  compiled: Record<string, string | Uint8Array>,
  miniprogramRoot: string,
): PackageSize[] {
  const detail = (quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT')?.detail ?? {}) as Record<string, number>
  const roots = Object.keys(detail)
    .filter((k) => k !== '__APP__')
    .map((k) => k.replace(/\/$/, ''))
  const prefix = miniprogramRoot.replace(/^\.\/?/, '').replace(/\/?$/, '/')
  const uploaded = new Map<string, number>()
  for (const [path, content] of Object.entries(compiled)) {
    const rel = path.startsWith(prefix) ? path.slice(prefix.length) : path
    const name = roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main'
    uploaded.set(
      name,
      (uploaded.get(name) ?? 0) + (typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength),
    )
  }
  const sizes: PackageSize[] = [{ name: 'main', built: detail.__APP__ ?? 0, uploaded: uploaded.get('main') ?? 0 }]
  for (const r of roots.sort()) sizes.push({ name: r, built: detail[`${r}/`] ?? 0, uploaded: uploaded.get(r) ?? 0 })
  return sizes
}
