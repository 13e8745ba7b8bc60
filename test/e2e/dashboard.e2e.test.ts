/**
 * The committee's college dashboard in the H5 build, in headless Chromium against the real local cloud, with
 * a college of 24 branches (the seeded three and 21 more): the college and the first ten branches, those
 * needing attention first, then the rest as the committee scrolls (加载更多), every branch once; a branch
 * opens its own dashboard. Screenshots: test-results/screenshots/dashboard-*.png.
 * Needs `npm run build:h5` first (npm test does it) and /usr/bin/chromium.
 */
import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addBranches } from '../helpers/branches'
import { findDocs } from '../helpers/sdk'
import { waitForPage } from './helpers/app'
import { hasChromium } from './helpers/browser'
import { SCREENSHOTS, shooter } from './helpers/script'
import { tapTo } from './helpers/steps'
import { useE2ESession } from './helpers/world'

if (!hasChromium) console.warn('[e2e] skipped: /usr/bin/chromium is missing')

const shoot = shooter('dashboard-', { settleMs: 500 })

describe.skipIf(!hasChromium)('the committee dashboard in Chromium against the local cloud', () => {
  const session = useE2ESession()

  it('shows the college and its branches page by page, those needing attention first', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    await addBranches(session.sdk, 21)
    const names = (await findDocs<{ name: string }>(session.sdk, 'branches', { collegeId: 'college-main' })).map(
      (b) => b.name,
    )

    const { page, errors } = await session.signIn('刘建国')
    await page.goto(`${session.cloud.url}/packages/dashboard/index`)
    const dash = await waitForPage(page, 'page-dashboard')
    const college = dash.locator('[data-testid="dashboard-college"]')
    await college.waitFor({ timeout: 30_000 })
    await expect.poll(() => college.textContent()).toContain('24 个支部')
    const rows = college.locator('[data-testid="college-branch"]')
    expect(await rows.count()).toBe(10)
    await shoot(page, 'committee-first-page', false)

    const more = college.locator('[data-testid="dashboard-more"]')
    // 加载更多, or reaching the bottom of the page, brings ten more at a time.
    for (let tries = 0; tries < 5 && (await rows.count()) < 24; tries++) {
      const before = await rows.count()
      if (await more.count()) await more.click()
      await expect.poll(() => rows.count()).toBeGreaterThan(before)
      expect((await rows.count()) - before).toBeLessThanOrEqual(20)
    }
    expect(await rows.count()).toBe(24)
    await expect.poll(() => college.textContent()).toContain('没有更多了')
    const listed = (await rows.locator('.zbd-branch__name').allTextContents()).map((t) => t.trim())
    expect(listed.sort()).toEqual(names.slice().sort())
    await rows.filter({ hasText: '计算机科学本科生党支部' }).scrollIntoViewIfNeeded()
    await shoot(page, 'committee-seeded-branches', false)

    // Rows with something to act on say so; a branch opens its own dashboard.
    expect(await college.locator('.zbd-flag').count()).toBeGreaterThan(0)
    const cs = rows.filter({ hasText: '计算机科学本科生党支部' }).locator('.zbd-branch__name')
    const branch = await tapTo(cs, 'page-dashboard')
    await branch.locator('[data-testid="dashboard-branch"]').waitFor({ timeout: 30_000 })
    expect(errors).toEqual([])
  }, 180_000)
})
