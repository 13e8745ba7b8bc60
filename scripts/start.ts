/**
 * `npm start`: build the cloud functions and (when the sources changed) the H5 app, then run the local
 * cloud, which seeds the demo data on first run and serves the app at http://localhost:<PORT>.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildFunctions } from './build-functions'

const root = resolve(__dirname, '..')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs)
}

/** The H5 build takes 10–20 s: skip it when nothing it is built from changed since the last one. */
function h5IsStale(): boolean {
  const built = join(root, 'dist', 'h5', 'index.html')
  if (!existsSync(built)) return true
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'config')),
    newestMtime(join(root, 'cloudfunctions', '_shared')),
    newestMtime(join(root, 'package.json')),
  )
  return sources > statSync(built).mtimeMs
}

async function main(): Promise<void> {
  const names = await buildFunctions()
  console.log(`✔ 云函数已构建：${names.join(', ')}`)
  if (h5IsStale()) {
    console.log('… 正在构建 H5 应用（约 20 秒）')
    const taro = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    if (taro.status !== 0) process.exit(taro.status ?? 1)
  } else {
    console.log('✔ H5 应用已是最新')
  }
  const cloud = spawn(process.execPath, ['--import', 'tsx', join(root, 'local-cloud', 'src', 'main.ts')], { cwd: root, stdio: 'inherit', env: process.env })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => cloud.kill(signal))
  cloud.on('exit', (code) => process.exit(code ?? 0))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
