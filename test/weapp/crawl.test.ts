/**
 * Tap crawl of the weapp build: every bound element of every page tapped once, failing on any exception — what
 * finds a freeze such as @tarojs/runtime's `_num` crash when a Text loses its last onClick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { openidOf, pageCases, readSeeded, type Seeded } from './cases'
import { crawlPage, type CrawlResult } from './crawl'
import { allRoutes } from './weapp'

let cloud: LocalCloud
let seeded: Seeded
const results: CrawlResult[] = []
let started = 0
let cpuAtStart: NodeJS.CpuUsage
/**
 * The crawl's budget, in CPU time of this test process (the renderer's own work; wall time on a shared 2-core
 * machine says more about the neighbours). Measured: ~45–60 s of CPU, 90–150 s wall.
 */
const CPU_BUDGET_MS = 120_000

beforeAll(async () => {
  cloud = await startLocalCloud()
  seeded = await readSeeded(cloud)
  started = Date.now()
  cpuAtStart = process.cpuUsage()
})

afterAll(async () => {
  const taps = results.reduce((n, r) => n + r.taps, 0)
  const launches = results.reduce((n, r) => n + r.launches, 0)
  console.log(
    `weapp tap crawl: ${taps} taps, ${launches} launches, ${results.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s wall, ${(cpuMs() / 1000).toFixed(1)} s CPU`,
  )
  await cloud?.stop()
})

describe('weapp tap crawl', () => {
  it.each(allRoutes())(
    '%s: every bound element tapped once, no exception',
    async (route) => {
      const c = pageCases(seeded).find((x) => x.route === route)
      if (!c) throw new Error(`no page case for ${route}`)
      const result = await crawlPage(cloud, c, c.openid ?? openidOf(seeded, c.who))
      results.push(result)
      for (const e of result.errors)
        console.log(`${route} tap ${e.tap} → ${e.where}: ${e.message.split('\n').slice(0, 4).join(' | ')}`)
      expect(
        result.errors.map((e) => `${e.tap} → ${e.where}: ${e.message.split('\n').slice(0, 3).join(' | ')}`),
      ).toEqual([])
    },
    120_000,
  )

  it(`stays within its budget (${CPU_BUDGET_MS / 1000} s of CPU)`, () => {
    expect(results).toHaveLength(allRoutes().length)
    expect(cpuMs()).toBeLessThan(CPU_BUDGET_MS)
  })
})

function cpuMs(): number {
  const used = process.cpuUsage(cpuAtStart)
  return (used.user + used.system) / 1000
}
