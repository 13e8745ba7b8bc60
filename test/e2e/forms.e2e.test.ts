/**
 * What a student and a secretary see (issue #16), in Chromium against the H5 build: a form keeps what was
 * typed per member, a waiting button says what it waits for, the bottom action bar is one line of touch
 * targets, an empty report is told it is empty before any confirm, and the study tab's band follows 打卡.
 * Needs the H5 build (`npm run build:h5`; H5_DIR overrides dist/h5) and /usr/bin/chromium.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { choosePersona, openTab, visiblePage, waitForPage } from './helpers/app'
import { hasChromium, launchBrowser, phoneContext, settle, watchedPage } from './helpers/browser'

const H5_DIR = process.env.H5_DIR ?? join(ROOT, 'dist', 'h5')

describe.skipIf(!hasChromium)('forms and bars in the H5 app', () => {
  let cloud: LocalCloud
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (!existsSync(join(H5_DIR, 'index.html'))) throw new Error(`${H5_DIR} is missing: run \`npm run build:h5\` first`)
    cloud = await startLocalCloud({ env: { H5_DIR } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await cloud?.stop()
  })

  async function signIn(
    name: string,
    context?: BrowserContext,
  ): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
    const ctx = context ?? (await phoneContext(browser))
    if (!context) contexts.push(ctx)
    const watched = await watchedPage(ctx)
    await watched.page.goto(`${cloud.url}/`)
    await choosePersona(watched.page, name)
    return { ...watched, context: ctx }
  }

  const input = (scope: ReturnType<typeof visiblePage>, testId: string) =>
    scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`)

  it('发起会议: the button says what it waits for; typed text survives going back, for this member only', async () => {
    const { page, errors, context } = await signIn('陈立华')
    await (await openTab(page, '签到')).locator('[data-testid="meeting-new"]').click()
    let form = await waitForPage(page, 'page-meeting-edit')
    await expect.poll(() => form.locator('[data-testid="action-waits-for"]').textContent()).toBe('请填写会议主题')
    await form.locator('[data-testid="meeting-submit"]').click()
    await expect.poll(() => page.getByText('请填写会议主题').count()).toBeGreaterThan(1) // the note and the toast
    await input(form, 'meeting-title').fill('十二月主题党日')
    await expect.poll(() => form.locator('[data-testid="action-waits-for"]').textContent()).toBe('请填写会议地点')
    await input(form, 'meeting-place').fill('学院党员活动室')
    await expect.poll(() => form.locator('[data-testid="action-waits-for"]').count()).toBe(0)

    await page.goBack()
    await waitForPage(page, 'page-checkin')
    await visiblePage(page, 'page-checkin').locator('[data-testid="meeting-new"]').click()
    form = await waitForPage(page, 'page-meeting-edit')
    await expect.poll(() => input(form, 'meeting-title').inputValue()).toBe('十二月主题党日')
    expect(await input(form, 'meeting-place').inputValue()).toBe('学院党员活动室')
    expect(await form.locator('[data-testid="draft-restored"]').count()).toBe(1)

    // Another secretary on the same phone starts blank: drafts are per member.
    const other = await context.newPage()
    await other.goto(`${cloud.url}/`)
    await other.evaluate(() => localStorage.removeItem('zbt:dev-identity'))
    await other.goto(`${cloud.url}/`)
    await choosePersona(other, '林晓雯')
    await other.goto(`${cloud.url}/packages/meeting/edit/index`)
    const theirs = await waitForPage(other, 'page-meeting-edit')
    expect(await input(theirs, 'meeting-title').inputValue()).toBe('')
    expect(await theirs.locator('[data-testid="draft-restored"]').count()).toBe(0)
    expect(errors).toEqual([])
  }, 120_000)

  it('the report editor: one line of two 44 px buttons, and an empty report is told it is empty before any confirm', async () => {
    const { page } = await signIn('何嘉豪')
    await (await openTab(page, '汇报')).locator('[data-testid="write-current"]:visible').click()
    const editor = await waitForPage(page, 'page-report-edit')
    const save = await editor.locator('[data-testid="save-draft"]').boundingBox()
    const submit = await editor.locator('[data-testid="submit-report"]').boundingBox()
    if (!save || !submit) throw new Error('the bar buttons are not on screen')
    expect(Math.abs(save.y - submit.y)).toBeLessThan(1)
    expect(Math.abs(save.height - submit.height)).toBeLessThan(1)
    expect(save.height).toBeGreaterThanOrEqual(44)
    expect(save.y + save.height).toBeLessThanOrEqual(844)

    await editor.locator('[data-testid="submit-report"]').click()
    await expect.poll(() => page.getByText('汇报还是空的').count()).toBeGreaterThan(0)
    expect(await page.getByText('确认提交吗').count()).toBe(0)
  }, 120_000)

  it('the article editor: the title field stays inside its card; a text area is one box without a resize handle', async () => {
    const { page } = await signIn('陈立华')
    await page.goto(`${cloud.url}/packages/publish/edit/index`)
    const editor = await waitForPage(page, 'page-publish-edit')
    const title = await editor.locator('[data-testid="pub-title"]').boundingBox()
    const card = await editor
      .locator('.zb-card', { has: page.locator('[data-testid="pub-title"]') })
      .first()
      .boundingBox()
    if (!title || !card) throw new Error('no title field')
    expect(title.x + title.width).toBeLessThanOrEqual(card.x + card.width - 8)
    const field = editor.locator('textarea').first()
    const style = await field.evaluate((el) => {
      const s = getComputedStyle(el)
      return { resize: s.resize, background: s.backgroundColor }
    })
    expect(style).toEqual({ resize: 'none', background: 'rgba(0, 0, 0, 0)' })
  }, 120_000)

  it('two buttons side by side outside the bar sit on one line (Taro H5 pushed the second 15 px down)', async () => {
    const { page } = await signIn('刘建国')
    await page.goto(`${cloud.url}/packages/branch/audit/index`)
    const audit = await waitForPage(page, 'page-branch-audit')
    // The filter bar comes with the first page of the log: wait for it, not only for the page.
    await audit.locator('.zba-filters__ops .nut-button').first().waitFor()
    const tops = await audit
      .locator('.zba-filters__ops .nut-button')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top))
    expect(tops).toHaveLength(2)
    expect(Math.abs(tops[0] - tops[1])).toBeLessThan(1)
  }, 120_000)

  it('a disabled primary button is one pale-red button, not a grey one with a pink block behind its text', async () => {
    const { page } = await signIn('刘建国')
    await page.goto(`${cloud.url}/packages/publish/columns/index`)
    const columns = await waitForPage(page, 'page-columns')
    const add = columns.locator('.nut-button-primary-disabled.nut-button').first()
    const [button, text] = await add.evaluate((el) => {
      const inner = el.querySelector('.nut-button-children') ?? el
      return [getComputedStyle(el).backgroundColor, getComputedStyle(inner).backgroundColor]
    })
    expect(button).toBe('rgb(232, 163, 166)')
    expect([button, 'rgba(0, 0, 0, 0)']).toContain(text)
  }, 120_000)

  it('重试 under an error message keeps its own gap (the side-by-side fix zeroed every NutUI button margin)', async () => {
    const { page } = await signIn('陈立华')
    await page.route(/\/api\/functions\/(?!user$)/, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ result: { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } }),
      }),
    )
    await page.goto(`${cloud.url}/packages/meeting/past/index`)
    const past = await waitForPage(page, 'page-meeting-past')
    const gap = await past
      .locator('.zu-state__action')
      .evaluate(
        (el) => el.getBoundingClientRect().top - (el.previousElementSibling?.getBoundingClientRect().bottom ?? 0),
      )
    expect(gap).toBeGreaterThan(10)
  }, 120_000)

  it('打卡 on the study tab changes its top band too (one state for the day)', async () => {
    const { page, errors } = await signIn('刘子轩')
    const study = await waitForPage(page, 'page-study')
    await expect.poll(() => study.locator('[data-testid="study-band-sub"]').textContent()).toContain('今天还没打卡')
    await study.locator('[data-testid="checkin-button"]').click()
    await expect.poll(() => study.locator('[data-testid="checkin-button"]').textContent()).toBe('已打卡')
    await settle(page, 300)
    expect(await study.locator('[data-testid="study-band-sub"]').textContent()).toBe('今天也要坚持学习')
    expect(errors).toEqual([])
  }, 120_000)
})
