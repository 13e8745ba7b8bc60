/**
 * 支部通本地云 / the local cloud: the cloud API wx-server-sdk speaks, the function runner,
 * the H5 gateway and the H5 build, on 127.0.0.1.
 *
 *   node --import tsx local-cloud/src/main.ts [--no-seed]
 *   env: PORT (10086), DATA_DIR (.local-cloud/), FUNCTIONS_DIR (cloudfunctions/), H5_DIR (dist/h5),
 *        SEED=0, FUNCTION_TIMEOUT_MS (20000), FUNCTION_WORKERS, CLOUD_ENV_ID, LOCAL_TIMERS=0
 */
import { readConfig } from './config'
import { startLocalCloud, type RunningLocalCloud } from './local-cloud'

async function main(): Promise<void> {
  const t0 = Date.now()
  const cfg = readConfig(process.env, process.argv.slice(2))
  let cloud: RunningLocalCloud
  try {
    cloud = await startLocalCloud(cfg)
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EADDRINUSE') {
      console.error(
        `端口 ${cfg.port} 已被占用，请先关闭占用它的程序，或用 PORT=<其他端口> 启动。\nPort ${cfg.port} is in use; stop the other process or set PORT.`,
      )
      process.exit(1)
    }
    throw e
  }
  console.log(
    [
      `本地云已启动 / Local cloud is running: ${cloud.url}`,
      `  应用 / App (H5):        ${cloud.url}/`,
      `  云 API / Cloud API:     ${cloud.url}/admin`,
      `  数据目录 / Data dir:    ${cfg.dataDir}${cloud.seeded ? '（已写入示例数据 / seeded）' : ''}`,
      `  云函数 / Functions:     ${cfg.functionsDir}`,
      `  定时触发 / Timers:      ${timersLine(cfg.timers, cloud)}`,
      `  启动耗时 / Started in:  ${Date.now() - t0} ms   按 Ctrl+C 停止 / Ctrl+C to stop`,
    ].join('\n'),
  )
  installShutdown(cloud)
}

function timersLine(enabled: boolean, cloud: RunningLocalCloud): string {
  if (!enabled) return '已关闭 / off (LOCAL_TIMERS=0)'
  if (cloud.timers.length === 0) return '无 / none'
  return cloud.timers.map((t) => `${t.fn}.${t.name} (${t.config})`).join(', ')
}

function installShutdown(cloud: RunningLocalCloud): void {
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`\n收到 ${signal}，正在停止本地云… / stopping…`)
    setTimeout(() => {
      console.error('停止超时，强制退出 / shutdown timed out')
      process.exit(1)
    }, 8000).unref()
    cloud.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('停止时出错 / error while stopping:', e)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e: unknown) => {
  console.error('本地云启动失败 / local cloud failed to start:', e)
  process.exit(1)
})
