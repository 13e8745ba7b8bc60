/**
 * The H5 build in headless Chromium against the real local cloud (a child process on a free port
 * with a fresh, seeded data dir): sign in as a student and as a secretary, visit every tab, reload a
 * deep link, and bind a new WeChat user to an unbound roster entry of the seed with its demo binding code.
 * Needs `npm run build:h5` first (npm test does it) and /usr/bin/chromium (CI installs it).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLE_LABELS, STAGE_LABELS, type Stage } from '../../cloudfunctions/_shared/domain'
import { DEMO_BIND_CODES, PEOPLE } from '../../local-cloud/src/seed/people'
import { ROOT, startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { choosePersona, openTab, TABS, visiblePage, waitForPage } from './helpers/app'
import { hasChromium, launchBrowser, phoneContext, watchedPage, type WatchedPage } from './helpers/browser'

interface Persona {
  openid: string
  name: string
  role: 'student' | 'secretary' | 'committee'
  stage: Stage | null
  branchName: string | null
}

if (!hasChromium)
  console.warn('[e2e] skipped: /usr/bin/chromium is missing (Debian: apt-get install -y chromium fonts-noto-cjk)')

describe.skipIf(!hasChromium)('H5 app in Chromium against the local cloud', () => {
  let cloud: LocalCloud
  let browser: Browser
  let personas: Persona[]
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'h5', 'index.html')))
      throw new Error('dist/h5 is missing: run `npm run build:h5` first')
    cloud = await startLocalCloud()
    browser = await launchBrowser()
    personas = (await (await fetch(`${cloud.url}/api/dev/personas`)).json()) as Persona[]
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await cloud?.stop()
  })

  async function freshPage(): Promise<WatchedPage> {
    const context = await phoneContext(browser)
    contexts.push(context)
    return watchedPage(context)
  }

  function persona(role: Persona['role']): Persona {
    const found = personas.find((p) => p.role === role && p.branchName)
    if (!found) throw new Error(`the seed has no ${role} with a branch`)
    return found
  }

  /** Signs in as `who` through the picker, checks 我的, then every tab; no console errors anywhere. */
  async function tourAs(who: Persona, expectedLabel: string): Promise<void> {
    const { page, errors } = await freshPage()
    await page.goto(`${cloud.url}/`)
    // No persona chosen yet: the app opens the picker by itself.
    await choosePersona(page, who.name)

    const me = await openTab(page, '我的')
    await expect.poll(() => me.locator('[data-testid="profile-name"]').textContent()).toBe(who.name)
    await expect.poll(() => me.locator('[data-testid="profile-roles"]').textContent()).toContain(expectedLabel)
    if (who.branchName) expect(await me.textContent()).toContain(who.branchName)
    await me.locator('[data-testid="stage-timeline"]').waitFor()

    for (const tab of TABS) {
      const shown = await openTab(page, tab.label)
      if (tab.label === '我的') continue
      // Every tab greets the signed-in person once its first call has answered.
      await expect.poll(() => shown.textContent(), { timeout: 15_000 }).toContain(who.name)
    }
    expect(errors).toEqual([])
  }

  it('a student signs in, sees their name and stage on 我的, and every tab renders', async () => {
    const student = persona('student')
    expect(student.stage).not.toBeNull()
    await tourAs(student, STAGE_LABELS[student.stage as Stage])
  }, 120_000)

  it('a secretary signs in, sees their role on 我的, and every tab renders', async () => {
    await tourAs(persona('secretary'), ROLE_LABELS.secretary)
  }, 120_000)

  it('a deep link survives a reload and keeps the chosen persona', async () => {
    const student = persona('student')
    const { page, errors } = await freshPage()
    await page.goto(`${cloud.url}/`)
    await choosePersona(page, student.name)
    await page.goto(`${cloud.url}/pages/me/index`)
    const me = await waitForPage(page, 'page-me')
    await expect.poll(() => me.locator('[data-testid="profile-name"]').textContent()).toBe(student.name)
    await page.reload()
    await waitForPage(page, 'page-me')
    await expect
      .poll(() => visiblePage(page, 'page-me').locator('[data-testid="profile-name"]').textContent())
      .toBe(student.name)
    expect(errors).toEqual([])
  }, 120_000)

  /** The function calls the page makes from now on, as `fn.action`. */
  function recordCalls(page: WatchedPage['page']): string[] {
    const calls: string[] = []
    page.on('request', (req) => {
      const m = /\/api\/functions\/([a-z]+)/.exec(req.url())
      if (!m || req.method() !== 'POST') return
      const body = JSON.parse(req.postData() ?? '{}') as { action?: string }
      calls.push(`${m[1]}.${body.action ?? '?'}`)
    })
    return calls
  }

  it('a returning student opens the app with one function call: the tab’s own', async () => {
    const student = persona('student')
    const { page, errors } = await freshPage()
    await page.goto(`${cloud.url}/`)
    await choosePersona(page, student.name)
    await visiblePage(page, 'page-study').locator('[data-testid="article-item"]').first().waitFor()

    const calls = recordCalls(page)
    // The app's bundle arrives late, as on a slow network: the call must not wait for it.
    await page.route(
      /\/js\/app\.[0-9a-f]+\.js$/,
      (route) => void new Promise((r) => setTimeout(r, 600)).then(() => route.continue()),
    )
    await page.reload()
    const study = await waitForPage(page, 'page-study')
    await study.locator('[data-testid="article-item"]').first().waitFor()
    await expect.poll(() => study.textContent()).toContain(student.name)
    expect(calls).toEqual(['study.feed'])
    // index.html starts that call itself, beside the bundles: it leaves before the app's bundle has arrived.
    const timing = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      return {
        feedStart: entries.find((e) => e.name.includes('/api/functions/study'))?.startTime ?? Infinity,
        appLoaded: entries.find((e) => /\/js\/app\.[0-9a-f]+\.js$/.test(e.name))?.responseEnd ?? 0,
      }
    })
    expect(timing.feedStart).toBeLessThan(timing.appLoaded)
    expect(errors).toEqual([])
  }, 120_000)

  it('a cached profile the server no longer knows sends the user to binding', async () => {
    const student = persona('student')
    const { page } = await freshPage()
    await page.goto(`${cloud.url}/`)
    await choosePersona(page, student.name)
    await visiblePage(page, 'page-study').locator('[data-testid="article-item"]').first().waitFor()
    // The same device, now a WeChat user nobody bound, still holding that profile (as after an unbinding).
    await page.evaluate(() => {
      const read = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null') as { data: Record<string, unknown> }
      const identity = read('zbt:dev-identity')
      const profile = read('zbt:profile')
      identity.data = { openid: 'dev-new-unbound-e2e', name: null, role: null }
      profile.data = { ...profile.data, owner: 'dev-new-unbound-e2e' }
      localStorage.setItem('zbt:dev-identity', JSON.stringify(identity))
      localStorage.setItem('zbt:profile', JSON.stringify(profile))
    })
    await page.reload()
    // The study tab renders from the cache, its call answers UNAUTHENTICATED, and binding opens.
    await waitForPage(page, 'page-bind')
    expect(await page.evaluate(() => localStorage.getItem('zbt:profile'))).toBeNull()
  }, 120_000)

  it('a new WeChat user binds an unbound roster entry with 学号 + 姓名 + 绑定码', async () => {
    const entry = PEOPLE.find((p) => !p.bound)
    if (!entry) throw new Error('the seed has no unbound roster entry')
    const { page, errors } = await freshPage()
    await page.goto(`${cloud.url}/`)
    await waitForPage(page, 'page-persona')
    // The chooser tells a visitor which entry and code to try.
    const code = DEMO_BIND_CODES[entry.studentNo]
    expect(await page.locator('[data-testid="persona-demo-codes"]').textContent()).toContain(
      `${code.slice(0, 4)}-${code.slice(4)}`,
    )
    await page.locator('[data-testid="persona-fresh"]').click()
    // user.login answers UNAUTHENTICATED: the bind page opens by itself.
    const bind = await waitForPage(page, 'page-bind')
    const [studentNo, name, codeInput] = [
      bind.locator('input').nth(0),
      bind.locator('input').nth(1),
      bind.locator('input').nth(2),
    ]

    await studentNo.fill(entry.studentNo)
    await name.fill(`${entry.name}甲`)
    await codeInput.fill(code)
    await bind.locator('[data-testid="bind-submit"]').click()
    await expect
      .poll(() => bind.locator('[data-testid="bind-error"]').textContent())
      .toContain('学号、姓名或绑定码不正确')

    await name.fill(entry.name)
    await bind.locator('[data-testid="bind-submit"]').click()
    const me = await waitForPage(page, 'page-me')
    await expect.poll(() => me.locator('[data-testid="profile-name"]').textContent()).toBe(entry.name)
    expect(await me.textContent()).toContain(STAGE_LABELS[entry.stage])
    expect(errors).toEqual([])
  }, 120_000)
})
