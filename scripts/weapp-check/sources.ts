/**
 * From a position in a built .wxss back to the .scss line it was written on. The build merges and minifies
 * stylesheets (a rule of src/pages/study/parts/ArticleItem.scss ends up in common.wxss), so the selector at
 * the position is looked up in every stylesheet of src/, compiled with sass and its source map; the
 * stylesheet of the same name as the built file is tried first. Runs only when something was rejected.
 */
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import postcss, { type Rule } from 'postcss'
import * as sass from 'sass'
import { filesWith } from './compilers'
import type { Problem } from './problem'

/** Selector text without the whitespace a minifier may drop or keep (around combinators and commas). */
export function normalizeSelector(selector: string): string {
  return selector
    .replace(/\s*([>+~,])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Offset of 1-based line/column in `text`. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset)
    if (next < 0) return text.length
    offset = next + 1
  }
  return offset + column - 1
}

/** The one selector (of a selector list) that the position falls in, if the position is inside a selector. */
export function selectorAt(css: string, line: number, column: number): string | undefined {
  const at = offsetOf(css, line, column)
  const start = Math.max(css.lastIndexOf('}', at - 1), css.lastIndexOf('{', at - 1), css.lastIndexOf(';', at - 1)) + 1
  const open = css.indexOf('{', at)
  if (open < 0 || css.slice(at, open).includes('}')) return undefined
  const list = css.slice(start, open)
  let from = 0
  for (const part of list.split(',')) {
    const to = from + part.length
    if (start + to >= at) return normalizeSelector(part)
    from = to + 1
  }
  return normalizeSelector(list)
}

type Origin = { file: string; line: number }

/** Each selector of a compiled .scss, mapped to where it was written. */
function selectorOrigins(scss: string, root: string): Map<string, Origin> {
  const origins = new Map<string, Origin>()
  const compiled = sass.compile(scss, { sourceMap: true, style: 'expanded', silenceDeprecations: ['import'] })
  const map = compiled.sourceMap ? { prev: compiled.sourceMap, inline: false, annotation: false } : undefined
  const ast = postcss.parse(compiled.css, { from: scss, map })
  ast.walkRules((rule: Rule) => {
    const start = rule.source?.start
    if (!start) return
    const origin = rule.source?.input.origin(start.line, start.column)
    const file = origin && origin.file ? origin.file.replace(/^file:\/\//, '') : scss
    for (const s of rule.selectors) {
      const key = normalizeSelector(s)
      if (!origins.has(key))
        origins.set(key, { file: relative(root, file).split('\\').join('/'), line: origin ? origin.line : start.line })
    }
  })
  return origins
}

/**
 * Fills `source` of the wcsc problems: the .scss line of the rejected selector, or at least the .scss of the
 * same name as the built file. `srcDir` is the app's source folder (src/), `root` what paths are shown from.
 */
export function traceStyleSources(problems: Problem[], weappDir: string, srcDir: string, root: string): void {
  if (!existsSync(srcDir)) return
  const sheets = filesWith(srcDir, ['.scss'])
  const cache = new Map<string, Map<string, Origin>>()
  const originsOf = (sheet: string): Map<string, Origin> => {
    let origins = cache.get(sheet)
    if (!origins) {
      try {
        origins = selectorOrigins(`${srcDir}/${sheet}`, root)
      } catch {
        origins = new Map() // a partial that does not compile on its own
      }
      cache.set(sheet, origins)
    }
    return origins
  }
  for (const p of problems) {
    if (p.tool !== 'wcsc' || p.source || !p.file.endsWith('.wxss')) continue
    const sameName = p.file.replace(/\.wxss$/, '.scss')
    const ordered = sheets.includes(sameName) ? [sameName, ...sheets.filter((s) => s !== sameName)] : sheets
    const built = existsSync(`${weappDir}/${p.file}`) ? readFileSync(`${weappDir}/${p.file}`, 'utf8') : ''
    const selector = p.line && p.column ? selectorAt(built, p.line, p.column) : undefined
    if (selector) {
      p.message = `${p.message} in \`${selector}\``
      for (const sheet of ordered) {
        const origin = originsOf(sheet).get(selector)
        if (origin) {
          p.source = `${origin.file}:${origin.line}`
          break
        }
      }
    }
    if (!p.source && sheets.includes(sameName)) p.source = relative(root, `${srcDir}/${sameName}`).split('\\').join('/')
  }
}
