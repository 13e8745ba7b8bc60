import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { ROOT, startLocalCloud, type LocalCloud } from '../../helpers/cloud'
import { choosePersona } from './app'
import { launchBrowser, phoneContext, watchedPage, type WatchedPage } from './browser'

/** One e2e file's world: a fresh seeded local cloud, one Chromium, and phones (contexts) closed with it. */
export interface E2ESession {
  cloud: LocalCloud
  browser: Browser
  /** A new phone on the app, signed in as the persona called `name`. */
  signIn(name: string): Promise<WatchedPage>
  /** A new phone on the app, not signed in (e.g. a new WeChat user). */
  newPhone(): Promise<WatchedPage>
  close(): Promise<void>
}

export async function startE2ESession(): Promise<E2ESession> {
  // H5_DIR (the local cloud's own setting) points at another build, e.g. a private one while others rebuild dist/h5.
  const h5Dir = process.env.H5_DIR ?? join(ROOT, 'dist', 'h5')
  if (!existsSync(join(h5Dir, 'index.html'))) throw new Error(`${h5Dir} is missing: run \`npm run build:h5\` first`)
  const cloud = await startLocalCloud({ env: { H5_DIR: h5Dir } })
  const browser = await launchBrowser()
  const contexts: BrowserContext[] = []
  const newPhone = async (): Promise<WatchedPage> => {
    const context = await phoneContext(browser)
    contexts.push(context)
    return watchedPage(context)
  }
  return {
    cloud,
    browser,
    newPhone,
    async signIn(name) {
      const watched = await newPhone()
      await watched.page.goto(`${cloud.url}/`)
      await choosePersona(watched.page, name)
      return watched
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined)
      await browser.close()
      await cloud.stop()
    },
  }
}
