import type { Locator, Page } from 'playwright-core'
import { settle } from './browser'

export const TABS = [
  { label: '学习', testId: 'page-study', path: '/pages/study/index' },
  { label: '汇报', testId: 'page-report', path: '/pages/report/index' },
  { label: '签到', testId: 'page-checkin', path: '/pages/checkin/index' },
  { label: '答题', testId: 'page-quiz', path: '/pages/quiz/index' },
  { label: '我的', testId: 'page-me', path: '/pages/me/index' },
] as const

export type TabLabel = (typeof TABS)[number]['label']

/**
 * The visible page with this test id. Taro H5 keeps earlier pages (tab pages, pages under a
 * navigateTo) in the DOM but hidden, so always scope to the visible one.
 */
export function visiblePage(page: Page, testId: string): Locator {
  return page.locator(`[data-testid="${testId}"]:visible`).first()
}

export async function waitForPage(page: Page, testId: string, timeout = 15_000): Promise<Locator> {
  const found = visiblePage(page, testId)
  await found.waitFor({ state: 'visible', timeout })
  await settle(page)
  return found
}

/** Taps a tab in Taro's H5 tab bar and waits for its page. */
export async function openTab(page: Page, label: TabLabel): Promise<Locator> {
  const tab = TABS.find((t) => t.label === label)
  if (!tab) throw new Error(`no tab ${label}`)
  await page.locator('.weui-tabbar__item', { hasText: label }).first().click()
  return waitForPage(page, tab.testId)
}

/** From the persona picker, becomes the named seeded person; lands on 学习. */
export async function choosePersona(page: Page, name: string): Promise<void> {
  const picker = await waitForPage(page, 'page-persona')
  await picker.locator('[data-testid="persona-item"]', { hasText: name }).first().click()
  await waitForPage(page, 'page-study')
}

/** Opens the app at `path` on a fresh origin state and, if asked to, picks a persona there. */
export async function openApp(baseUrl: string, page: Page, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`)
}

/** 我的 → one of its entries (NutUI cells carry no test ids: found by their title), waiting for `pageId`. */
export async function openFromMe(page: Page, title: string, pageId: string): Promise<Locator> {
  const me = await openTab(page, '我的')
  await me.locator('.zu-row', { hasText: title }).first().click()
  return waitForPage(page, pageId, 30_000)
}

/** Clicks the visible confirm button of Taro's H5 modal (showModal). */
export async function confirmModal(page: Page, text: string): Promise<void> {
  // The modal's own box is empty (its children are fixed): wait for the dialog itself.
  const modal = page.locator('.taro-modal__content:visible')
  await modal.waitFor()
  await modal.locator('.taro-modal__text', { hasText: text }).waitFor()
  await settle(page, 300)
  await modal.locator('.taro-model__confirm').click()
  // Taro reuses one modal element for every dialog: the next dialog may take this one's place at once,
  // so "closed" means this text is gone, not that the element is hidden. (No vitest here: the bench and the
  // screenshot scripts import these helpers under plain tsx.)
  await modal.locator('.taro-modal__text', { hasText: text }).waitFor({ state: 'detached' })
}
