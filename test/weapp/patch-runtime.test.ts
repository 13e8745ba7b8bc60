/**
 * The postinstall patch of @tarojs/runtime (NervJS/taro#19459): applied to the installed package, idempotent, and
 * loud when the file no longer matches (a Taro upgrade must decide whether it is still needed).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

interface Patch {
  patchTaroRuntime(root: string): string[]
  ORIGINAL: string
  PATCHED: string
  FILES: string[]
}
const ROOT = resolve(__dirname, '..', '..')
const patch = (await import(join(ROOT, 'scripts', 'patch-taro-runtime.mjs'))) as Patch

let temp = ''
afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true })
})

function fakeInstall(content: string): string {
  temp = mkdtempSync(join(tmpdir(), 'zbt-taro-'))
  const dir = join(temp, 'node_modules', '@tarojs', 'runtime')
  for (const file of patch.FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), `before;\n${content}\nafter;\n`)
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '4.2.1' }))
  return temp
}

describe('patch-taro-runtime', () => {
  it('is applied to the installed @tarojs/runtime', () => {
    for (const file of patch.FILES) {
      const text = readFileSync(join(ROOT, 'node_modules', '@tarojs', 'runtime', file), 'utf8')
      expect(text, file).toContain(patch.PATCHED)
      expect(text, file).not.toContain(patch.ORIGINAL)
    }
  })

  it('patches once and then leaves the files alone', () => {
    const root = fakeInstall(patch.ORIGINAL)
    expect(patch.patchTaroRuntime(root)).toEqual(patch.FILES)
    expect(patch.patchTaroRuntime(root)).toEqual([])
    const text = readFileSync(join(root, 'node_modules', '@tarojs', 'runtime', patch.FILES[0]), 'utf8')
    expect(text).toBe(`before;\n${patch.PATCHED}\nafter;\n`)
  })

  it('fails loudly when the code it fixes is not there', () => {
    const root = fakeInstall('const value = somethingElse;')
    expect(() => patch.patchTaroRuntime(root)).toThrow(/does not contain the removeEventListener code/)
  })
})
