/**
 * Every page of the weapp build, rendered from dist/weapp (WeChat's compiled templates, the build's own JS) against
 * the local cloud as the persona who uses it: no exception, the page shows what it exists for, and no setData of
 * its first render exceeds 64 KB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { openidOf, pageCases, readSeeded, type PageCase, type Seeded } from './cases'
import { allRoutes, WeappApp } from './weapp'

const SET_DATA_BUDGET = 64 * 1024

let cloud: LocalCloud
let seeded: Seeded
const largest: { route: string; bytes: number }[] = []

beforeAll(async () => {
  cloud = await startLocalCloud()
  seeded = await readSeeded(cloud)
})

afterAll(async () => {
  if (largest.length)
    console.log(`weapp setData, largest per page (bytes):\n${largest.map((l) => `  ${l.route} ${l.bytes}`).join('\n')}`)
  await cloud?.stop()
})

describe('weapp pages', () => {
  it('covers every page of app.json', () => {
    expect(
      pageCases(seeded)
        .map((c) => c.route)
        .sort(),
    ).toEqual(allRoutes().sort())
  })

  // The seeded data is read once; each page gets a fresh app launch (its own logic context and storage).
  it.each(allRoutes())('%s renders what it exists for', async (route) => {
    const c = pageCases(seeded).find((x) => x.route === route) as PageCase
    const app = await WeappApp.launch(
      { cloudUrl: cloud.url, openid: c.openid ?? openidOf(seeded, c.who) },
      c.route,
      c.query,
    )
    try {
      const page = app.page
      expect(app.errors).toEqual([])
      expect(page.title()).not.toBe('')
      const text = page.text()
      for (const shown of c.shows) expect(text).toMatch(typeof shown === 'string' ? new RegExp(escape(shown)) : shown)
      for (const value of c.fieldValues ?? [])
        expect(
          page.fieldValues().some((v) => v.includes(value)),
          `a field shows ${value}`,
        ).toBe(true)
      expect(text).not.toMatch(/没能加载出来|网络不太顺畅|无法查看/)
      const bytes = page.largestSetData(true)
      largest.push({ route, bytes })
      expect(bytes, `largest setData of ${route}'s first render`).toBeLessThanOrEqual(SET_DATA_BUDGET)
    } finally {
      app.close()
    }
  })
  it('the study tab renders its feed once, with the check-in card in the same render, and 打卡 updates it', async () => {
    const app = await WeappApp.launch(
      { cloudUrl: cloud.url, openid: seeded.personas.student.openid },
      'pages/study/index',
    )
    try {
      // The feed is the only large payload: the app frame and the loading view are small.
      const feedRenders = app.setDataLog.filter((r) => r.opening && r.bytes > 4096)
      expect(feedRenders).toHaveLength(1)
      expect(app.page.text()).toContain('每日打卡')
      await app.page.tap(/^打卡$/)
      expect(app.errors).toEqual([])
      expect(app.toasts.some((t) => t.startsWith('打卡成功') || t === '今日已打卡')).toBe(true)
      expect(app.page.text()).toContain('今日已打卡')
    } finally {
      app.close()
    }
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
