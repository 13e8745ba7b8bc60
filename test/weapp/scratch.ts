import { startLocalCloud } from '../helpers/cloud'
import { WeappApp } from './weapp'

async function main() {
  const cloud = await startLocalCloud()
  try {
    const personas = (await (await fetch(`${cloud.url}/api/dev/personas`)).json()) as { openid: string; name: string; role: string }[]
    console.log(personas.slice(0, 8))
    const student = personas.find((p) => p.name === '张欣怡')!
    const t = Date.now()
    const app = await WeappApp.launch({ cloudUrl: cloud.url, openid: student.openid }, process.argv[2] ?? 'pages/study/index')
    console.log('ms', Date.now() - t)
    console.log('title', app.page.title())
    console.log('text', app.page.text().slice(0, 1500))
    console.log('errors', app.errors.slice(0, 5))
    console.log('setData', app.setDataLog.map((r) => r.bytes))
    console.log('calls', app.calls, app.navigations)
    app.close()
  } finally {
    await cloud.stop()
  }
}
main().catch((e) => { console.error(e); process.exit(1) })
