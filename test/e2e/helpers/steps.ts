import type { Locator, Page } from 'playwright-core'
import { waitForPage } from './app'

/** Taps `target` (a button, a row) and waits for the page, by its test id, that the tap opens. */
export async function tapTo(target: Locator, pageId: string, timeout = 30_000): Promise<Locator> {
  await target.click()
  return waitForPage(target.page(), pageId, timeout)
}

/** Types each value into the input or textarea that shows its placeholder, in the order given. */
export async function fillFields(scope: Locator, values: Record<string, string>): Promise<void> {
  for (const [placeholder, value] of Object.entries(values)) {
    await scope
      .locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`)
      .first()
      .fill(value)
  }
}

/** Opens `url` directly (a deep link into the app) and waits for its page, by its test id. */
export async function openAt(page: Page, url: string, pageId: string, timeout = 30_000): Promise<Locator> {
  await page.goto(url)
  return waitForPage(page, pageId, timeout)
}
