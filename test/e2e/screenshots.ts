/**
 * Screenshots of the H5 build at a phone viewport, for looking at the app as a person would:
 *   npx tsx test/e2e/screenshots.ts            # starts a fresh seeded local cloud
 * Writes PNGs to test-results/screenshots/ (build the H5 app first: npm run build:h5).
 */
import { choosePersona, openTab, TABS, waitForPage } from './helpers/app'
import { runScreenshots, shooter } from './helpers/script'

const shoot = shooter('')

runScreenshots(async (session) => {
  const base = session.cloud.url
  for (const [who, name] of [
    ['student', '张欣怡'],
    ['secretary', '陈立华'],
    ['committee', '刘建国'],
  ] as const) {
    const { page, errors } = await session.newPhone()
    const context = page.context()
    await page.goto(`${base}/`)
    if (who === 'student') await shoot(page, '00-persona-picker')
    await choosePersona(page, name)
    for (const tab of TABS) {
      await openTab(page, tab.label)
      await shoot(page, `${who}-${tab.path.split('/')[2]}`)
    }
    if (who !== 'student') {
      await page.goto(`${base}/packages/dashboard/index`)
      const dash = await waitForPage(page, 'page-dashboard')
      await dash
        .locator(who === 'committee' ? '[data-testid="dashboard-college"]' : '[data-testid="dashboard-branch"]')
        .waitFor({ timeout: 30_000 })
      await shoot(page, `${who}-dashboard`)
      await page.goto(`${base}/pages/me/index`)
      await waitForPage(page, 'page-me')
    }
    // The rest of 我的, below the first screen.
    await page.mouse.move(195, 500)
    await page.mouse.wheel(0, 3000)
    await shoot(page, `${who}-me-bottom`)
    if (errors.length) console.log(`  console errors as ${who}:`, errors)
    await context.close()
  }

  const { page } = await session.newPhone()
  const context = page.context()
  await page.goto(`${base}/`)
  await waitForPage(page, 'page-persona')
  await page.locator('[data-testid="persona-fresh"]').click()
  await waitForPage(page, 'page-bind')
  await shoot(page, 'bind')
  await page.locator('[data-testid="page-bind"] input').nth(0).fill('2023010215')
  await page.locator('[data-testid="page-bind"] input').nth(1).fill('张三')
  await page.locator('[data-testid="page-bind"] input').nth(2).fill('ZBTD-7K3M')
  await page.locator('[data-testid="page-bind"] [data-testid="bind-submit"]').click()
  await page.locator('[data-testid="bind-error"]').waitFor()
  await shoot(page, 'bind-error')
  await page.goto(`${base}/packages/account/about/index`)
  await waitForPage(page, 'page-about')
  await shoot(page, 'about')
  await context.close()
})
