/**
 * The weapp build the renderer reads (dist/weapp): rebuilt only when something it is made from changed, because
 * it takes 10–40 s. Called from the test global setup so parallel test files never build at once.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { buildIsStale } from '../../scripts/h5-build'

const ROOT = resolve(__dirname, '..', '..')

export function ensureWeappBuild(root = ROOT): void {
  if (!buildIsStale(join(root, 'dist', 'weapp', 'app.js'), root)) return
  const started = Date.now()
  const taro = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (taro.status !== 0) throw new Error(`taro build --type weapp exited with ${taro.status ?? taro.signal}`)
  console.log(`weapp build: ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
