import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../../helpers/cloud'
import { waitForPage } from './app'
import { settle } from './browser'
import { startE2ESession, type E2ESession } from './session'

/** Where the screenshot scripts write their PNGs. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')

export type Shoot = (page: Page, name: string, fullPage?: boolean) => Promise<void>

/** A script's camera: `<prefix><name>.png` in SCREENSHOTS once the page has settled, its name printed. */
export function shooter(prefix: string, options: { settleMs?: number; fullPage?: boolean } = {}): Shoot {
  return async (page, name, fullPage = options.fullPage ?? true) => {
    await settle(page, options.settleMs)
    await page.screenshot({ path: join(SCREENSHOTS, `${prefix}${name}.png`), fullPage })
    console.log(`  ${prefix}${name}.png`)
  }
}

/** Opens `path` of the app at `base`, waits for its page (`testId`) and shoots it as `name`. */
export type Visit = (page: Page, path: string, testId: string, name: string) => Promise<void>

export function visitor(base: string, shoot: Shoot): Visit {
  return async (page, path, testId, name) => {
    await page.goto(`${base}/${path}`)
    await waitForPage(page, testId)
    await shoot(page, name)
  }
}

/**
 * Runs a screenshot script on a fresh e2e session, closed at the end (`out` is made first); a failure is
 * printed and ends the process with exit code 1.
 */
export function runScreenshots(shots: (session: E2ESession) => Promise<void>, out = SCREENSHOTS): void {
  const run = async (): Promise<void> => {
    mkdirSync(out, { recursive: true })
    const session = await startE2ESession()
    try {
      await shots(session)
    } finally {
      await session.close()
    }
  }
  run().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
