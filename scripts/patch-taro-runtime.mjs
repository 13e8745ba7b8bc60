/**
 * Patches @tarojs/runtime 4.2.1 with the upstream fix NervJS/taro#19459 (issue #19453), not yet in a release:
 * when a <Text> or <Image> loses its last event listener, TaroElement.removeEventListener looked up the alias
 * `pure-text` / `pure-image`, which does not exist, and threw "Cannot read properties of undefined (reading '_num')"
 * in React's commit; from then on the mini program ignored taps. The fix chooses the alias as hydrate() does:
 * `pure-view` for a View without extracted props, `static-<name>` for every other special node.
 *
 * Runs as the root package's postinstall (plain Node, no dependencies). Idempotent; fails loudly when a file
 * matches neither the original nor the patched text (a new Taro version: check whether it still needs this).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ORIGINAL = 'const value = isHasExtractProp(this) ? `static-${name}` : `pure-${name}`;'
export const PATCHED =
  'const value = name === VIEW && !isHasExtractProp(this) ? `pure-${name}` : `static-${name}`; /* NervJS/taro#19459 */'
export const FILES = ['dist/runtime.esm.js', 'dist/index.cjs.js', 'dist/dom/element.js']

export function patchTaroRuntime(root) {
  const dir = join(root, 'node_modules', '@tarojs', 'runtime')
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  const changed = []
  for (const file of FILES) {
    const path = join(dir, file)
    if (!existsSync(path))
      throw new Error(
        `@tarojs/runtime ${version}: ${file} is missing; check whether NervJS/taro#19459 still needs patching`,
      )
    const text = readFileSync(path, 'utf8')
    if (text.includes(PATCHED)) continue
    const count = text.split(ORIGINAL).length - 1
    if (count !== 1)
      throw new Error(
        `@tarojs/runtime ${version}: ${file} does not contain the removeEventListener code NervJS/taro#19459 fixes (found ${count}); update scripts/patch-taro-runtime.cjs`,
      )
    writeFileSync(path, text.replace(ORIGINAL, PATCHED))
    changed.push(file)
  }
  return changed
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const changed = patchTaroRuntime(join(dirname(fileURLToPath(import.meta.url)), '..'))
    if (changed.length) console.log(`patched @tarojs/runtime (NervJS/taro#19459): ${changed.join(', ')}`)
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error))
    process.exit(1)
  }
}
