/**
 * The H5 build of the app (dist/h5): built only when something it is made from changed since the last
 * build, because it takes 10–20 s (more on a busy machine). Used by `npm start` and the bench (which also
 * asks `buildIsStale` of dist/weapp).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs)
}

/** True when dist/h5 is missing or older than any of its sources. */
export function h5IsStale(root = ROOT): boolean {
  return buildIsStale(join(root, 'dist', 'h5', 'index.html'), root)
}

/** True when `built` (a file a build writes last) is missing or older than any source of the app. */
export function buildIsStale(built: string, root = ROOT): boolean {
  if (!existsSync(built)) return true
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'config')),
    newestMtime(join(root, 'cloudfunctions', '_shared')),
    newestMtime(join(root, 'package.json')),
  )
  return sources > statSync(built).mtimeMs
}

/** Production H5 build into dist/h5; throws when taro fails. */
export function buildH5(root = ROOT): void {
  const taro = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (taro.status !== 0) throw new Error(`taro build --type h5 exited with ${taro.status ?? taro.signal}`)
}
