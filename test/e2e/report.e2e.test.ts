/**
 * Thought reports end to end, in Chromium at a phone viewport against the real local cloud (a child
 * process with a fresh, seeded data dir): a seeded activist writes a report with three photos, closes the
 * tab half-way and finds the draft again, submits; their secretary finds it at the top of the queue and
 * returns it with a comment; the student revises and resubmits; the secretary approves; the student's
 * calendar marks the period done and the outbox holds both review-result messages.
 * Needs `npm run build:h5` first (npm test does it) and /usr/bin/chromium.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_COLLEGE_SETTINGS } from '../../cloudfunctions/_shared/domain'
import { periodOf } from '../../cloudfunctions/_shared/periods'
import { demoOpenid, PEOPLE } from '../../local-cloud/src/seed/people'
import { E2E_REPORT_STUDENT } from '../../local-cloud/src/seed/report'
import { handwrittenPage } from '../../local-cloud/src/seed/report-pages'
import { ROOT, startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { choosePersona, confirmModal, openTab, visiblePage, waitForPage } from './helpers/app'
import { hasChromium, launchBrowser, phoneContext, settle, watchedPage, type WatchedPage } from './helpers/browser'
import { memberIdOf } from '../helpers/members'

const student = PEOPLE.find((p) => p.studentNo === E2E_REPORT_STUDENT)!
const secretary = PEOPLE.find((p) => p.roles.includes('secretary') && p.branchId === student.branchId)!
const period = periodOf(new Date(), DEFAULT_COLLEGE_SETTINGS.reportPeriod)
const reportId = `${memberIdOf(student.studentNo)}:${period.id}`

const FIRST_DRAFT =
  '敬爱的党组织：\n这一季度我参加了支部组织的党课学习，认真阅读了党章。我还和同学一起到社区开展防诈骗宣传，给老人们演示手机上的识别方法。\n手写稿共三页，见照片。'
const REVISION =
  '\n补充：本季度我参加了两次支部组织生活，在党小组会上就“如何在专业学习中践行初心”作了发言，今后会把理论学习和专业学习结合起来。'

if (!hasChromium)
  console.warn('[e2e] skipped: /usr/bin/chromium is missing (Debian: apt-get install -y chromium fonts-noto-cjk)')

async function photoFiles(editor: Locator): Promise<string[]> {
  const items = await editor.locator('[data-testid="edit-photo"]').all()
  return Promise.all(items.map(async (item) => (await item.getAttribute('data-file')) ?? ''))
}

describe.skipIf(!hasChromium)('thought reports in the browser', () => {
  let cloud: LocalCloud
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    // H5_DIR (as the local cloud reads it) may point at another build of the app.
    if (!existsSync(join(process.env.H5_DIR ?? join(ROOT, 'dist', 'h5'), 'index.html')))
      throw new Error('dist/h5 is missing: run `npm run build:h5` first')
    cloud = await startLocalCloud()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await cloud?.stop()
  })

  async function signIn(name: string): Promise<{ context: BrowserContext } & WatchedPage> {
    const context = await phoneContext(browser)
    contexts.push(context)
    const watched = await watchedPage(context)
    await watched.page.goto(`${cloud.url}/`)
    await choosePersona(watched.page, name)
    return { context, ...watched }
  }

  it('write with photos, close the tab, find the draft, submit, get returned, revise, get approved', async () => {
    // ---- The student writes, adds three photos of handwritten pages, reorders them. ----
    const me = await signIn(student.name)
    let page = me.page
    const tab = await openTab(page, '汇报')
    await tab.locator('[data-testid="student-reports"]').waitFor()
    await expect.poll(() => tab.locator(`[data-testid="calendar-${period.id}"]`).getAttribute('data-state')).toBe('due')
    await tab.locator('[data-testid="write-current"]').click()
    let editor = await waitForPage(page, 'page-report-edit')
    await editor.locator('[data-testid="report-editor"]').waitFor()
    await editor.locator('[data-testid="report-body"] textarea').fill(FIRST_DRAFT)

    const chooser = page.waitForEvent('filechooser')
    await editor.locator('[data-testid="add-photos"]').click()
    // With a phone's user agent Taro first asks: camera or album.
    const album = page.locator('.taro__actionSheet .taro-actionsheet__cell', { hasText: '从相册选择' })
    const asked = await Promise.race([
      chooser.then(() => false),
      album.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ),
    ])
    if (asked) await album.click()
    await (
      await chooser
    ).setFiles(
      [1, 2, 3].map((n) => ({ name: `page-${n}.png`, mimeType: 'image/png', buffer: handwrittenPage(40 + n, n, 3) })),
    )
    const photos = editor.locator('[data-testid="edit-photo"]')
    await expect.poll(() => photos.count()).toBe(3)
    await expect
      .poll(() => editor.locator('[data-testid="edit-photo"][data-status="done"]').count(), { timeout: 20_000 })
      .toBe(3)
    const uploaded = await photoFiles(editor)
    expect(
      uploaded.every(
        (f) =>
          f.startsWith('cloud://') && f.includes(`/uploads/${memberIdOf(student.studentNo)}/`) && f.endsWith('.jpg'),
      ),
    ).toBe(true)
    await photos.nth(0).locator('[data-testid="photo-right"]').click() // page 1 and page 2 change places
    const ordered = [uploaded[1], uploaded[0], uploaded[2]]
    await expect.poll(() => photoFiles(editor)).toEqual(ordered)
    await expect.poll(() => editor.locator('[data-testid="save-note"]').textContent()).toContain('已自动保存在本机')
    // The device copy (Taro storage = localStorage on H5) already has the pages in their new order.
    const key = `zbt:report-draft:${memberIdOf(student.studentNo)}:${period.id}`
    const inOrder = async (): Promise<boolean> => {
      const text = await page.evaluate((k) => localStorage.getItem(k) ?? '', key)
      const at = ordered.map((f) => text.indexOf(f))
      return at.every((n, i) => n >= 0 && (i === 0 || n > at[i - 1]))
    }
    await expect.poll(inOrder).toBe(true)

    // ---- Closing the tab mid-way loses nothing: a new tab finds the draft, photos in order. ----
    await page.close()
    page = await me.context.newPage()
    page.on('pageerror', (err) => me.errors.push(`pageerror: ${err.message}`))
    await page.goto(`${cloud.url}/pages/report/index`)
    const again = await waitForPage(page, 'page-report')
    await expect.poll(() => again.locator('[data-testid="write-current"]').textContent()).toContain('继续编辑')
    await again.locator('[data-testid="write-current"]').click()
    editor = await waitForPage(page, 'page-report-edit')
    await expect.poll(() => editor.locator('[data-testid="report-body"] textarea').inputValue()).toBe(FIRST_DRAFT)
    await expect.poll(() => photoFiles(editor)).toEqual(ordered)
    await expect.poll(() => editor.locator('[data-testid="save-note"]').textContent()).toContain('已恢复本机草稿')

    // ---- Submit, and allow the review-result message. ----
    await editor.locator('[data-testid="submit-report"]').click()
    await confirmModal(page, '提交后将由支部书记审阅')
    await confirmModal(page, '审阅后通知你审阅结果')
    let detail = await waitForPage(page, 'page-report-detail')
    await expect.poll(() => detail.locator('[data-testid="detail-status"]').textContent()).toBe('待审阅')
    expect(await detail.locator('[data-testid="report-photos"] .zb-pages__item').count()).toBe(3)

    // ---- The secretary sees it at the top of the queue and returns it with a comment. ----
    const sec = await signIn(secretary.name)
    const queue = await openTab(sec.page, '汇报')
    await queue.locator('[data-testid="review-queue"]').waitFor()
    const first = queue.locator('[data-testid="queue-item"]').first()
    await expect.poll(() => first.getAttribute('data-id')).toBe(reportId)
    expect(await first.textContent()).toContain(student.name)
    await first.click()
    let review = await waitForPage(sec.page, 'page-review-detail')
    await expect.poll(() => review.locator('[data-testid="version-1"]').textContent()).toContain('防诈骗宣传')
    await review.locator('[data-testid="start-return"]').click()
    const comment = '请补充本季度参加支部组织生活的情况和自己的体会。'
    await review.locator('[data-testid="review-comment"] textarea').fill(comment)
    await review.locator('[data-testid="confirm-review"]').click()
    await expect.poll(() => review.locator('[data-testid="review-status"]').textContent()).toBe('已退回')
    await expect
      .poll(() => review.locator('[data-testid="review-1"]').textContent())
      .toContain(`审阅人：${secretary.name}`)

    // ---- The student reads the comment, revises and resubmits as version 2. ----
    await page.goto(`${cloud.url}/packages/report/detail/index?id=${encodeURIComponent(reportId)}`)
    detail = await waitForPage(page, 'page-report-detail')
    await expect.poll(() => detail.locator('[data-testid="detail-status"]').textContent()).toBe('已退回')
    expect(await detail.locator('[data-testid="review-1"]').textContent()).toContain(comment)
    await detail.locator('[data-testid="revise"]').click()
    editor = await waitForPage(page, 'page-report-edit')
    await expect.poll(() => editor.locator('[data-testid="return-comment"]').textContent()).toContain(comment)
    const body = editor.locator('[data-testid="report-body"] textarea')
    await expect.poll(() => body.inputValue()).toBe(FIRST_DRAFT)
    await expect.poll(() => photoFiles(editor)).toEqual(ordered)
    await body.fill(FIRST_DRAFT + REVISION)
    await editor.locator('[data-testid="submit-report"]').click()
    await confirmModal(page, '提交后将由支部书记审阅')
    await confirmModal(page, '审阅后通知你审阅结果')
    detail = await waitForPage(page, 'page-report-detail')
    await expect.poll(() => detail.locator('[data-testid="detail-status"]').textContent()).toBe('待审阅')
    await expect.poll(() => detail.locator('[data-testid="version-tab-1"]').count()).toBe(1) // the first version is kept

    // ---- The secretary approves version 2 from the top of the queue. ----
    await sec.page.goto(`${cloud.url}/pages/report/index`)
    const queue2 = await waitForPage(sec.page, 'page-report')
    await expect.poll(() => queue2.locator('[data-testid="queue-item"]').first().getAttribute('data-id')).toBe(reportId)
    await queue2.locator('[data-testid="queue-item"]').first().click()
    review = await waitForPage(sec.page, 'page-review-detail')
    await expect.poll(() => review.locator('[data-testid="version-2"]').textContent()).toContain('党小组会')
    await review.locator('[data-testid="start-approve"]').click()
    await review.locator('[data-testid="confirm-review"]').click()
    await expect.poll(() => review.locator('[data-testid="review-status"]').textContent()).toBe('已通过')

    // ---- The student's calendar marks the period done. ----
    await page.goto(`${cloud.url}/pages/report/index`)
    const done = await waitForPage(page, 'page-report')
    await expect
      .poll(() => done.locator(`[data-testid="calendar-${period.id}"]`).getAttribute('data-state'))
      .toBe('done')
    await settle(page)
    expect(await visiblePage(page, 'page-report').locator('[data-testid="current-state"]').textContent()).toBe('已完成')

    // ---- Both review results reached the student as subscribe messages. ----
    const outbox = (await (await fetch(`${cloud.url}/api/dev/outbox`)).json()) as {
      touser: string
      page: string
      data: Record<string, { value: string }>
    }[]
    const messages = outbox.filter((m) => m.touser === demoOpenid(student.studentNo))
    expect(messages.map((m) => m.data.phrase2.value)).toEqual(['退回修改', '已通过'])
    expect(messages.every((m) => m.page.includes(encodeURIComponent(reportId)))).toBe(true)

    expect(me.errors).toEqual([])
    expect(sec.errors).toEqual([])
  }, 240_000)
})
