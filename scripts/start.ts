/**
 * `npm start`: build the cloud functions and (when the sources changed) the H5 app, then run the local
 * cloud, which seeds the demo data on first run and serves the app at http://localhost:<PORT>.
 */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { buildFunctions } from './build-functions'
import { buildH5, h5IsStale } from './h5-build'

const root = resolve(__dirname, '..')

async function main(): Promise<void> {
  const names = await buildFunctions()
  console.log(`✔ 云函数已构建：${names.join(', ')}`)
  if (h5IsStale(root)) {
    console.log('… 正在构建 H5 应用（约 20 秒）')
    buildH5(root)
  } else {
    console.log('✔ H5 应用已是最新')
  }
  const cloud = spawn(process.execPath, ['--import', 'tsx', join(root, 'local-cloud', 'src', 'main.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => cloud.kill(signal))
  cloud.on('exit', (code) => process.exit(code ?? 0))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
