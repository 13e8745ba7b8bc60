/**
 * Screenshots of the five tabs as a student and as a secretary, on H5 (Chromium) and on the weapp renderer
 * (test/weapp/snapshot.ts), plus the shared error notice (its 重试 button), at 390×844, to compare a build before
 * and after a change that should not show (issue #21's main-package trim):
 *   SHOTS_TAG=before npx tsx test/e2e/tabs-screenshots.ts
 * Writes PNGs to test-results/screenshots/perf-size/<h5|weapp>-<who>-<tab>-<tag>.png
 * (build both first: npm run build:h5, npm run build:weapp).
 * `SHOTS_PAGES=<route>,<route>` also shoots those pages (test/weapp/cases.ts: its persona and query) on the weapp
 * renderer, as weapp-page-<route with - for />-<tag>.png: the subpackage pages whose shared code or styles moved.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { ROOT, type LocalCloud } from '../helpers/cloud'
import { openidOf, pageCases, readSeeded, type Seeded } from '../weapp/cases'
import { snapshot } from '../weapp/snapshot'
import { WeappApp } from '../weapp/weapp'
import { openTab, TABS, waitForPage } from './helpers/app'
import { phoneContext, settle, watchedPage } from './helpers/browser'
import { runShots } from './helpers/shots'

const OUT = join(ROOT, 'test-results', 'screenshots', 'perf-size')
const TAG = process.env.SHOTS_TAG ?? 'after'
const PEOPLE = [
  ['student', '张欣怡'],
  ['secretary', '陈立华'],
] as const

function tabName(path: string): string {
  return path.split('/')[2]
}

async function weappShots(browser: Browser, cloud: LocalCloud, seeded: Seeded): Promise<void> {
  for (const [who] of PEOPLE)
    for (const tab of TABS) {
      const route = tab.path.slice(1)
      const app = await WeappApp.launch({ cloudUrl: cloud.url, openid: seeded.personas[who].openid }, route)
      try {
        const file = `weapp-${who}-${tabName(tab.path)}-${TAG}.png`
        await snapshot(browser, app.page, join(OUT, file))
        console.log(`  ${file}${app.errors.length ? ` errors: ${JSON.stringify(app.errors)}` : ''}`)
      } finally {
        app.close()
      }
    }
}

async function pageShots(browser: Browser, cloud: LocalCloud, seeded: Seeded, routes: string[]): Promise<void> {
  for (const c of pageCases(seeded).filter((p) => routes.includes(p.route))) {
    const openid = c.openid ?? openidOf(seeded, c.who)
    const app = await WeappApp.launch({ cloudUrl: cloud.url, openid }, c.route, c.query)
    try {
      for (const text of c.shows) await app.page.waitForText(text, 30_000)
      const file = `weapp-page-${c.route.replace(/\/index$/, '').replace(/\//g, '-')}-${TAG}.png`
      await snapshot(browser, app.page, join(OUT, file))
      console.log(`  ${file}${app.errors.length ? ` errors: ${JSON.stringify(app.errors)}` : ''}`)
    } finally {
      app.close()
    }
  }
}

async function h5Shots(browser: Browser, cloud: LocalCloud): Promise<void> {
  for (const [who, name] of PEOPLE) {
    const { page, errors } = await watchedPage(await phoneContext(browser))
    await page.goto(`${cloud.url}/`)
    await page.locator('[data-testid="persona-item"]', { hasText: name }).first().click()
    await waitForPage(page, 'page-study', 30_000)
    for (const tab of TABS) {
      await openTab(page, tab.label)
      await waitForPage(page, tab.testId, 30_000)
      await settle(page, 1200)
      const file = `h5-${who}-${tabName(tab.path)}-${TAG}.png`
      await page.screenshot({ path: join(OUT, file) })
      console.log(`  ${file}`)
    }
    if (errors.length) console.log(`  console errors as ${name}:`, errors)
  }
}

/** The shared error notice and its 重试 button: a page whose calls fail (the cloud is gone). */
async function errorShot(browser: Browser, cloud: LocalCloud, seeded: Seeded): Promise<void> {
  const app = await WeappApp.launch(
    { cloudUrl: 'http://127.0.0.1:9', openid: seeded.personas.student.openid },
    'pages/study/index',
  )
  try {
    await snapshot(browser, app.page, join(OUT, `weapp-error-${TAG}.png`))
  } finally {
    app.close()
  }
  const { page } = await watchedPage(await phoneContext(browser))
  await page.goto(`${cloud.url}/`)
  await page.locator('[data-testid="persona-item"]', { hasText: PEOPLE[0][1] }).first().click()
  await waitForPage(page, 'page-study', 30_000)
  await page.route('**/api/functions/**', (route) => route.abort())
  await page.goto(`${cloud.url}/packages/study/points/index`)
  await page.locator('[data-testid="error"]:visible').first().waitFor({ timeout: 30_000 })
  await settle(page, 800)
  await page.screenshot({ path: join(OUT, `h5-error-${TAG}.png`) })
}

mkdirSync(OUT, { recursive: true })
runShots(async (browser, cloud) => {
  const seeded = await readSeeded(cloud)
  if (process.env.SHOTS_WEAPP !== '0') await weappShots(browser, cloud, seeded)
  const pages = process.env.SHOTS_PAGES?.split(',').filter(Boolean) ?? []
  if (pages.length) await pageShots(browser, cloud, seeded, pages)
  if (process.env.SHOTS_H5 !== '0') await h5Shots(browser, cloud)
  if (process.env.SHOTS_ERROR !== '0')
    await errorShot(browser, cloud, seeded).catch((e: unknown) => console.log('  error notice not shot:', e))
})
