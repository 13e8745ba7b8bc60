import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** Flags that keep headless Chromium quiet and offline on this machine (toolchain.md). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
}

/** A phone-sized context (iPhone 12-ish), Chinese locale; `options` adds to it or changes it. */
export function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  })
}

export interface WatchedPage {
  page: Page
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[]
}

/** Opens a page that records console errors and page errors, so a test can assert there were none. */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  return { page, errors }
}

/** Taro H5 animates page changes (~350 ms); acting or shooting before it ends is flaky. */
export function settle(page: Page, ms = 450): Promise<void> {
  return page.waitForTimeout(ms)
}

/** Opens `url` and waits until its page is on screen and the network is quiet: the moment for a screenshot. */
export async function openSettled(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page
    .locator('[data-testid^="page-"]:visible')
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
    .catch(() => undefined)
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined)
  await settle(page, 600)
}
