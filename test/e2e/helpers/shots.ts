import type { Browser } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '../../helpers/cloud'
import { launchBrowser } from './browser'

/**
 * Runs a screenshot script against a fresh seeded local cloud and one Chromium, closes both, and sets the exit code
 * when it throws.
 */
export function runShots(shots: (browser: Browser, cloud: LocalCloud) => Promise<void>): void {
  const run = async (): Promise<void> => {
    const cloud = await startLocalCloud()
    const browser = await launchBrowser()
    try {
      await shots(browser, cloud)
    } finally {
      await browser.close()
      await cloud.stop()
    }
  }
  run().catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
}
