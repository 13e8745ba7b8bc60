/**
 * Dues (issue #18) in the H5 build, in headless Chromium against the real local cloud: a 预备党员 pays three
 * owed months on the simulated WeChat Pay sheet (「模拟支付」), the function is notified and the months are
 * paid; the secretary's list and the public statement show it. Screenshots of the pages go to
 * test-results/screenshots/dues-*.png. Needs `npm run build:h5` first and /usr/bin/chromium.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DuesHome } from '../../cloudfunctions/dues/src/contract'
import type { DuesPaymentDoc } from '../../cloudfunctions/dues/src/model'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { findDocs } from '../helpers/sdk'
import { openFromMe } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { useE2ESession } from './helpers/world'

const SHOTS = join(ROOT, 'test-results', 'screenshots')

describe.skipIf(!hasChromium)('dues in Chromium against the local cloud', () => {
  const session = useE2ESession()

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true })
  })

  const { signIn } = session

  async function shoot(page: Page, name: string): Promise<void> {
    await settle(page)
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  }

  it('a probationary member pays three owed months on the simulated sheet; the secretary and the statement see it', async () => {
    const openid = demoOpenid('2021010230')
    const home = await session.cloud.call<{ ok: true; data: DuesHome }>('dues', { action: 'home' }, openid)
    const owed = home.data.months.slice(0, 3)

    const { page, errors } = await signIn('徐明轩')
    const pay = await openFromMe(page, '我的党费', 'page-dues-pay')
    await expect.poll(() => pay.locator('[data-testid="dues-behind"]').innerText()).toBe('3')
    await expect.poll(() => pay.locator('[data-testid="dues-warning"]').count()).toBe(1)
    await shoot(page, 'dues-member-owed')

    await pay.locator('[data-testid="dues-month"]', { hasText: owed[2].label }).first().click()
    await expect.poll(() => pay.locator('[data-testid="dues-total"]').innerText()).toBe('已选 3 个月，合计 0.60 元')
    await pay.locator('[data-testid="dues-pay"]').click()
    const sheet = page.locator('[data-testid="pay-sheet"]')
    await sheet.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await sheet.innerText()).toContain('¥0.60')
    await shoot(page, 'dues-pay-sheet')
    await sheet.locator('[data-testid="pay-sheet-pay"]').click()
    await sheet.waitFor({ state: 'detached', timeout: 15_000 })

    await expect
      .poll(() => pay.locator('[data-testid="dues-month"]', { hasText: '已交' }).count(), { timeout: 15_000 })
      .toBe(3)
    await expect.poll(() => pay.locator('[data-testid="dues-behind"]').innerText()).toBe('0')
    await shoot(page, 'dues-member-paid')
    const paid = await findDocs<DuesPaymentDoc>(session.sdk, 'duesPayments', {
      memberId: memberIdOf('2021010230'),
    })
    expect(paid.map((p) => p.month).sort()).toEqual(owed.map((m) => m.month))
    expect(paid.every((p) => p.method === 'wechat')).toBe(true)

    await page.goBack()
    const statement = await openFromMe(page, '党费公开', 'page-dues-statement')
    await expect.poll(() => statement.locator('[data-testid="dues-statement-line"]').count()).toBeGreaterThan(1)
    await shoot(page, 'dues-statement')
    expect(errors).toEqual([])

    const secretary = await signIn('林晓雯')
    const branch = await openFromMe(secretary.page, '支部党费', 'page-dues-branch')
    await expect
      .poll(() => branch.locator('[data-testid="dues-warning-list"]').innerText())
      .toContain('郑凯文（5 个月未交）')
    await shoot(secretary.page, 'dues-secretary')
    // Cash for 郑凯文's oldest month, with a receipt number.
    await branch.locator('[data-testid="dues-member"]', { hasText: '郑凯文' }).locator('.zb-dues__row').first().click()
    await branch.locator('input[placeholder="收据编号"]').fill('DF-2026-0888')
    await branch.locator('[data-testid="dues-cash-save"]').click()
    await expect
      .poll(() => branch.locator('[data-testid="dues-warning-list"]').innerText())
      .toContain('郑凯文（4 个月未交）')
    await shoot(secretary.page, 'dues-secretary-after-cash')
    expect(secretary.errors).toEqual([])
  }, 180_000)
})
