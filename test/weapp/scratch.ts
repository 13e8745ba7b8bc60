import { startLocalCloud } from '../helpers/cloud'
import { openidOf, pageCases, readSeeded } from './cases'
import { allRoutes, WeappApp } from './weapp'

async function main() {
  const cloud = await startLocalCloud()
  try {
    const seeded = await readSeeded(cloud)
    const cases = pageCases(seeded)
    const routes = allRoutes()
    console.log('missing cases', routes.filter((r) => !cases.some((c) => c.route === r)))
    const only = process.argv[2]
    for (const c of cases) {
      if (only && !c.route.includes(only)) continue
      const t = Date.now()
      const app = await WeappApp.launch({ cloudUrl: cloud.url, openid: openidOf(seeded, c.who) }, c.route, c.query)
      const text = app.page.text()
      const missing = c.shows.filter((s) => !(typeof s === 'string' ? text.includes(s) : s.test(text)))
      console.log(`\n== ${c.route} [${c.who}] ${Date.now() - t}ms title=${app.page.title()} maxSetData=${Math.max(...app.setDataLog.map((r) => r.bytes))} taps=${app.page.tappables().length} missing=${JSON.stringify(missing)}`)
      console.log(text.slice(0, only ? 3000 : 300))
      if (app.errors.length) console.log('ERRORS', app.errors.map((e) => e.where + ': ' + e.message.slice(0, 300)))
      app.close()
    }
  } finally {
    await cloud.stop()
  }
}
main().catch((e) => { console.error(e); process.exit(1) })
