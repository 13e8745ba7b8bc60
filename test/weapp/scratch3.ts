import { startLocalCloud } from '../helpers/cloud'
import { openidOf, pageCases, readSeeded } from './cases'
import { WeappApp } from './weapp'
import { nodeData } from './view'
async function main() {
  const cloud = await startLocalCloud()
  try {
    const seeded = await readSeeded(cloud)
    const c = pageCases(seeded).find((x) => x.route.includes(process.argv[2]))!
    const app = await WeappApp.launch({ cloudUrl: cloud.url, openid: openidOf(seeded, c.who) }, c.route, c.query)
    const tags = new Set<string>(); const w = (n: any) => { tags.add(String(n._vt?.tagName) + "/" + String(n.is)); if (n.shadowRoot) w(n.shadowRoot); (n.childNodes ?? []).forEach(w) }; w(app.page.view.root); console.log([...tags].join(" ")); const f = app.page.fields()
    console.log(f.length, f.slice(0, 3).map((n) => [n._vt?.tagName, JSON.stringify(nodeData(n)).slice(0, 200), Object.keys(n).slice(0, 30)]))
    app.close()
  } finally { await cloud.stop() }
}
main()
