/**
 * The weapp check: WeChat's own tools over a built mini program, offline.
 * 1. wcc over every .wxml/.wxs and wcsc over every .wxss of the build (errors traced back to src/*.scss);
 * 2. miniprogram-ci's packaging compile, its JSON checkers' warnings and its code-quality figures;
 * 3. wcc and wcsc again over the compile's output: the files as uploaded, after WeChat's compression.
 * Every error and every warning is a problem; `npm run check:weapp` fails on any.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ciCheck, type PackageSize } from './ci'
import { compileStyles, compileTemplates } from './compilers'
import { forbidNetwork } from './offline'
import type { Problem } from './problem'
import { traceStyleSources } from './sources'

export { formatProblem, type Problem } from './problem'
export type { PackageSize } from './ci'

export interface WeappCheckResult {
  problems: Problem[]
  sizes: PackageSize[]
  counts: {
    templates: number
    stylesheets: number
    compiled: number
    uploadedTemplates: number
    uploadedStylesheets: number
  }
  /** Connections refused while the check ran (see offline.ts). */
  blocked: string[]
  ciLog: string[]
}

/** The mini program root that project.config.json names (DevTools opens the project root). */
export function miniprogramRootOf(projectRoot: string): string {
  const config = JSON.parse(readFileSync(join(projectRoot, 'project.config.json'), 'utf8')) as {
    miniprogramRoot?: string
  }
  return config.miniprogramRoot ?? ''
}

/** Compiles what miniprogram-ci would upload into a temporary folder and runs wcc/wcsc over it. */
function checkUploaded(compiled: Record<string, string | Uint8Array>): {
  templates: number
  stylesheets: number
  problems: Problem[]
} {
  const dir = mkdtempSync(join(tmpdir(), 'weapp-uploaded-'))
  try {
    for (const [path, content] of Object.entries(compiled)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), content)
    }
    const templates = compileTemplates(dir)
    const styles = compileStyles(dir)
    const problems = [...templates.problems, ...styles.problems].map((p) => ({
      ...p,
      message: `as uploaded (after WeChat's compression): ${p.message}`,
    }))
    return { templates: templates.files, stylesheets: styles.files, problems }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Checks the built mini program of the project at `projectRoot`; its sources are in `srcDir` (src/, for tracing). */
export async function checkWeapp(
  projectRoot: string,
  options: { srcDir?: string; minifyJS?: boolean } = {},
): Promise<WeappCheckResult> {
  const srcDir = options.srcDir ?? join(projectRoot, 'src')
  const miniprogramRoot = miniprogramRootOf(projectRoot)
  const weappDir = join(projectRoot, miniprogramRoot)
  const templates = compileTemplates(weappDir)
  const styles = compileStyles(weappDir)
  traceStyleSources(styles.problems, weappDir, srcDir, projectRoot)
  const guard = forbidNetwork()
  try {
    const ci = await ciCheck(projectRoot, miniprogramRoot, srcDir, options.minifyJS)
    const compiledCount = Object.keys(ci.compiled).length
    const uploaded =
      compiledCount > 0 && templates.problems.length + styles.problems.length === 0
        ? checkUploaded(ci.compiled)
        : { templates: 0, stylesheets: 0, problems: [] }
    return {
      problems: [...templates.problems, ...styles.problems, ...ci.problems, ...uploaded.problems],
      sizes: ci.sizes,
      counts: {
        templates: templates.files,
        stylesheets: styles.files,
        compiled: compiledCount,
        uploadedTemplates: uploaded.templates,
        uploadedStylesheets: uploaded.stylesheets,
      },
      blocked: guard.blocked,
      ciLog: ci.log,
    }
  } finally {
    guard.release()
  }
}
