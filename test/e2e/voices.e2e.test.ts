/**
 * Voices (issue #20) in the H5 build, in headless Chromium against the real local cloud: the graduate
 * branch runs its 民主评议 (five members hand in their peer sheets, the secretary sees the tallies, the 优秀
 * quota refuses a second 优秀, each member sees their own grade); the committee's survey chart renders and
 * exports as .xlsx; the 榜样 window shows the honours. Screenshots at 390×844 go to
 * test-results/screenshots/voices-*.png. Needs `npm run build:h5` first and /usr/bin/chromium.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { confirmModal, openFromMe, visiblePage, waitForPage } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { useE2ESession } from './helpers/world'
import { readWorkbook, sheetValues, worksheet } from '../helpers/workbook'

const SHOTS = join(ROOT, 'test-results', 'screenshots')
const MEMBERS = ['周志远', '傅晨阳', '沈清妍', '邓皓轩', '许静怡']
const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
const appraisalId = `ap-${year}-branch-grad`

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({ path: join(SHOTS, `voices-${name}.png`), fullPage: true })
}

/** The appraisal page of the graduate branch, from 我的 → 民主评议与投票. */
async function openAppraisal(page: Page): Promise<Locator> {
  const home = await openFromMe(page, '民主评议与投票', 'page-voices')
  await home.locator('[data-testid="home-appraisal"]').click()
  return waitForPage(page, 'page-voices-appraisal', 30_000)
}

describe.skipIf(!hasChromium)('voices in Chromium against the local cloud', () => {
  const session = useE2ESession()

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true })
  })

  it('a branch runs its 民主评议: five members appraise, the tallies show, the quota holds, each member sees their grade', async () => {
    const secretary = await session.signIn('周志远')
    const manage = await openFromMe(secretary.page, '评议投票管理', 'page-voices-manage')
    await shoot(secretary.page, 'secretary-manage')
    await manage.locator('[data-testid="manage-start"]').click()
    // The branch's 组织生活会 of the year is chosen first: the appraisal is held with it.
    await expect.poll(() => manage.locator('[data-testid="start-meeting"]').textContent()).toContain('组织生活会')
    await shoot(secretary.page, 'secretary-start-with-meeting')
    await manage.locator('[data-testid="manage-confirm"]').click()
    await confirmModal(secretary.page, '开展')
    const started = await waitForPage(secretary.page, 'page-voices-appraisal', 30_000)
    await expect.poll(() => started.textContent()).toContain('党员互评（无记名）')
    await expect
      .poll(() => started.locator('[data-testid="appraisal-meeting"]').textContent())
      .toMatch(/结合.*组织生活会/)

    for (const [i, name] of MEMBERS.entries()) {
      const { page, errors } = name === '周志远' ? secretary : await session.signIn(name)
      const appraisal = name === '周志远' ? started : await openAppraisal(page)
      const rows = appraisal.locator('[data-testid="peer-member"]')
      await expect.poll(() => rows.count()).toBe(4)
      for (const row of await rows.all()) await row.locator('.zu-seg__item', { hasText: /^合格$/ }).click()
      if (i === 1) await shoot(page, 'member-peer-sheet')
      await appraisal.locator('[data-testid="peer-submit"]').click()
      await confirmModal(page, '提交后不能修改')
      await expect.poll(() => appraisal.locator('[data-testid="peer-done"]').count()).toBe(1)
      expect(errors).toEqual([])
    }

    const page = secretary.page
    await secretary.page.reload()
    const view = await waitForPage(page, 'page-voices-appraisal', 30_000)
    await view.locator('[data-testid="appraisal-close"]').click()
    await confirmModal(page, '结束后')
    const rows = view.locator('[data-testid="tally-row"]')
    await expect.poll(() => rows.count()).toBe(5)
    await expect
      .poll(() => rows.filter({ hasText: '傅晨阳' }).locator('[data-testid="tally-bars"]').textContent())
      .toMatch(/合格\s*4 · 100%/)
    await shoot(page, 'secretary-tallies')

    const decide = async (name: string) => {
      const row = rows.filter({ hasText: name })
      await row.locator('[data-testid="decide-grade"] .zu-seg__item', { hasText: /^优秀$/ }).click()
      await row.locator('[data-testid="decide-save"]').click()
    }
    await decide('傅晨阳')
    await expect.poll(() => rows.filter({ hasText: '傅晨阳' }).textContent()).toContain('优秀')
    await decide('沈清妍')
    // The refusal shows as a toast with the quota in words.
    await expect.poll(() => page.getByText(/三分之一（本支部 5 人，至多 1 人）/).count()).toBeGreaterThan(0)
    await shoot(page, 'secretary-quota')

    // 傅晨阳 (组织委员, 支委) sees the tallies and grades the others; his own row has no choices.
    const fuDecides = await session.signIn('傅晨阳')
    const fuView = await openAppraisal(fuDecides.page)
    const fuRows = fuView.locator('[data-testid="tally-row"]')
    await expect.poll(() => fuRows.count()).toBe(5)
    expect(await fuRows.filter({ hasText: '傅晨阳' }).locator('[data-testid="decide-grade"]').count()).toBe(0)
    expect(await fuRows.filter({ hasText: '许静怡' }).locator('[data-testid="decide-grade"]').count()).toBe(1)
    expect(await fuView.locator('[data-testid="appraisal-publish"]').count()).toBe(0)
    await shoot(fuDecides.page, 'zhiwei-tallies')

    for (const name of ['沈清妍', '邓皓轩', '许静怡']) {
      const no = { 沈清妍: '2022110113', 邓皓轩: '2023120104', 许静怡: '2023120112' }[name] as string
      const r = await session.cloud.call<{ ok: boolean }>(
        'voices',
        { action: 'decideGrade', appraisalId, memberId: memberIdOf(no), grade: 'qualified' },
        demoOpenid('2021110101'),
      )
      expect(r.ok).toBe(true)
    }
    const own = await session.cloud.call<{ ok: boolean }>(
      'voices',
      { action: 'decideGrade', appraisalId, memberId: memberIdOf('2021110101'), grade: 'qualified' },
      demoOpenid('T2009001'),
    )
    expect(own.ok).toBe(true)
    await page.reload()
    const deciding = await waitForPage(page, 'page-voices-appraisal', 30_000)
    await deciding.locator('[data-testid="appraisal-publish"]').click()
    await confirmModal(page, '公布后')
    await expect.poll(() => deciding.textContent()).toContain('结果已公布')

    const fu = await session.signIn('傅晨阳')
    const mine = await openAppraisal(fu.page)
    await expect.poll(() => mine.locator('[data-testid="my-grade"]').textContent()).toBe('优秀')
    await shoot(fu.page, 'member-grade')
    const xu = await session.signIn('许静怡')
    const hers = await openAppraisal(xu.page)
    await expect.poll(() => hers.locator('[data-testid="my-grade"]').textContent()).toBe('合格')
    expect(await hers.locator('[data-testid="tally-row"]').count()).toBe(0)
  }, 240_000)

  it('the committee sees the survey chart and exports it; a member sees the vote and the 榜样 window', async () => {
    const committee = await session.signIn('刘建国')
    const manage = await openFromMe(committee.page, '评议投票管理', 'page-voices-manage')
    await shoot(committee.page, 'committee-manage')
    await manage.locator('[data-testid="manage-survey"]').first().click()
    const survey = await waitForPage(committee.page, 'page-voices-survey', 30_000)
    await expect.poll(() => survey.locator('[data-testid="survey-bars"]').count()).toBe(3)
    await expect.poll(() => survey.locator('.zbv-bar__fill').first().getAttribute('style')).toMatch(/width:\s*\d/)
    await shoot(committee.page, 'committee-survey')
    const [download] = await Promise.all([
      committee.page.waitForEvent('download'),
      survey.locator('[data-testid="survey-export"]').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/组织生活满意度调查结果\.xlsx$/)
    const bytes = readFileSync(await download.path())
    const rows = sheetValues(worksheet(await readWorkbook(bytes), '统计')).map((r) => r.join('|'))
    expect(rows.some((r) => r.startsWith('1|你最希望主题党日安排哪类活动？|单选|红色教育基地参观|5|'))).toBe(true)

    const again = await session.signIn('刘建国')
    const honours = await openFromMe(again.page, '榜样', 'page-voices-honours')
    await expect.poll(() => honours.locator('[data-testid="nomination"]').count()).toBe(1)
    await honours.locator('[data-testid="nomination"]').scrollIntoViewIfNeeded()
    await shoot(again.page, 'committee-honours')

    const sun = await session.signIn('孙雅琪')
    const home = await openFromMe(sun.page, '民主评议与投票', 'page-voices')
    await expect.poll(() => home.locator('[data-testid="home-vote"]').count()).toBeGreaterThan(0)
    await shoot(sun.page, 'member-home')
    await home.locator('[data-testid="home-vote"]').first().click()
    const vote = await waitForPage(sun.page, 'page-voices-vote', 30_000)
    await vote.locator('.zu-seg__item', { hasText: /^赞成$/ }).click()
    await vote.locator('[data-testid="ballot-submit"]').click()
    await confirmModal(sun.page, '提交后不能修改')
    await expect.poll(() => vote.locator('[data-testid="vote-done"]').count()).toBe(1)
    await shoot(sun.page, 'member-vote')

    expect(sun.errors).toEqual([])
    const reader = await session.signIn('张欣怡')
    const window = await openFromMe(reader.page, '榜样', 'page-voices-honours')
    await expect.poll(() => window.locator('[data-testid="honour"]').count()).toBe(3)
    await expect.poll(() => visiblePage(reader.page, 'page-voices-honours').textContent()).toContain('傅晨阳')
    await shoot(reader.page, 'member-honours')
    expect(reader.errors).toEqual([])
  }, 120_000)
})
