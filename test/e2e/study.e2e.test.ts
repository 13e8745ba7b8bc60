/**
 * Study end to end, in Chromium at a phone viewport against the real local cloud (a child process with
 * a fresh, seeded data dir): a student reads an article long enough and sees the points arrive, reads
 * it again and gets none, reads past the daily cap and gets none; checks in on a second day running and
 * sees the streak; a secretary publishes an article with a photo for their branch, which a student of
 * the branch reads and a student of another branch cannot open.
 * The minimum reading time is lowered through the database (a college setting), not a test-only path.
 * Needs `npm run build:h5` first (npm test does it) and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PointsLedgerDoc } from '../../cloudfunctions/_shared/points'
import { addDays, chinaDay } from '../../cloudfunctions/_shared/time'
import type { ArticleDoc } from '../../cloudfunctions/study/src/model'
import { handwrittenPage } from '../../local-cloud/src/seed/report-pages'
import { findDocs } from '../helpers/sdk'
import { visiblePage, waitForPage } from './helpers/app'
import { hasChromium } from './helpers/browser'
import { storeClockIn } from '../helpers/study'
import { useE2ESession } from './helpers/world'
import { memberIdOf } from '../helpers/members'

// Seeded people without seeded study activity (local-cloud/src/seed/study.ts QUIET_STUDENTS).
const CS_STUDENT = { name: '李雨桐', memberId: memberIdOf('2023010102') } // 计算机科学本科生党支部
const SE_STUDENT = { name: '朱晓彤', memberId: memberIdOf('2023020104') } // 软件工程本科生党支部
const CS_SECRETARY = { name: '陈立华' }

if (!hasChromium)
  console.warn('[e2e] skipped: /usr/bin/chromium is missing (Debian: apt-get install -y chromium fonts-noto-cjk)')

/** Clicks the confirm button of Taro's H5 modal (showModal). */
async function confirmModal(page: Page): Promise<void> {
  const confirm = page.locator('.taro-model__confirm:visible')
  await confirm.waitFor()
  await confirm.click()
  await confirm.waitFor({ state: 'hidden' })
}

describe.skipIf(!hasChromium)('study in the browser', () => {
  const session = useE2ESession()
  const { signIn } = session

  async function setCollegeSettings(settings: Record<string, unknown>): Promise<void> {
    await session.sdk.database().collection('colleges').doc('college-main').update({ data: { settings } })
  }

  beforeAll(async () => {
    // Readings of two seconds earn points in this test (the college's setting; 30 s by default).
    await setCollegeSettings({ study: { readMinSeconds: 2, readMaxSeconds: 2 } })
  })

  async function readingStatus(page: Page): Promise<string> {
    return (await visiblePage(page, 'page-article').locator('[data-testid="reading-status"]').textContent()) ?? ''
  }

  it('a student reads long enough and sees the points; a reread and a read past the cap earn none', async () => {
    const { page, errors } = await signIn(CS_STUDENT.name)
    const study = await waitForPage(page, 'page-study')
    await study.locator('[data-testid="article-item"][data-id="a-history-01"]').click()
    const article = await waitForPage(page, 'page-article')
    await expect.poll(() => article.locator('[data-testid="article-title"]').textContent()).toBe('南湖上的一条游船')
    // The countdown, then the server's award.
    expect(await readingStatus(page)).toMatch(/再读 \d 秒可得 2 积分|正在记录/)
    await expect.poll(() => readingStatus(page), { timeout: 15_000 }).toContain('本篇已得 2 积分')

    await page.goto(`${session.cloud.url}/packages/study/points/index`)
    const points = await waitForPage(page, 'page-points')
    await expect.poll(() => points.locator('[data-testid="points-total"]').textContent()).toBe('2')
    expect(await points.locator('[data-testid="kind-read"]').textContent()).toContain('2/12')
    expect(await points.locator('[data-testid="ledger-row"]').first().textContent()).toContain(
      '阅读《南湖上的一条游船》',
    )

    // Reading the same article again today: nothing more.
    await page.goto(`${session.cloud.url}/packages/study/article/index?id=a-history-01`)
    await waitForPage(page, 'page-article')
    await expect.poll(() => readingStatus(page), { timeout: 15_000 }).toContain('今天已获得过本篇的积分')

    // The college lowers the reading cap to what was already earned: a new article earns nothing.
    await setCollegeSettings({ pointRules: { dailyCap: 40, dailyCapByKind: { read: 2 } } })
    await page.goto(`${session.cloud.url}/packages/study/article/index?id=a-history-02`)
    await waitForPage(page, 'page-article')
    await expect.poll(() => readingStatus(page), { timeout: 15_000 }).toContain('今日阅读积分已达上限')

    const ledger = await findDocs<PointsLedgerDoc>(session.sdk, 'pointsLedger', { memberId: CS_STUDENT.memberId })
    expect(ledger.map((e) => [e.kind, e.points])).toEqual([['read', 2]])
    expect(errors).toEqual([])
  }, 120_000)

  it('a student checks in on a second day running and sees the streak', async () => {
    // Yesterday's check-in, as the app would have stored it.
    const yesterday = addDays(chinaDay(new Date()), -1)
    await storeClockIn(session.sdk, CS_STUDENT, yesterday, 1, new Date(Date.now() - 86_400_000))

    const { page, errors } = await signIn(CS_STUDENT.name)
    const study = await waitForPage(page, 'page-study')
    await expect.poll(() => study.locator('[data-testid="checkin-streak"]').textContent()).toBe('已连续打卡 1 天')
    await study.locator('[data-testid="checkin-button"]').click()
    await expect.poll(() => study.locator('[data-testid="checkin-streak"]').textContent()).toBe('已连续打卡 2 天')
    await expect.poll(() => study.locator('[data-testid="checkin-button"]').textContent()).toBe('已打卡')

    await study.locator('[data-testid="open-points"]').click()
    const points = await waitForPage(page, 'page-points')
    await expect.poll(() => points.locator('[data-testid="points-streak"]').textContent()).toBe('已连续打卡 2 天')
    expect(await points.locator('[data-testid="kind-checkIn"]').textContent()).toContain('2/5') // day two of a streak: 2 points
    const onDays = await points.locator('[data-testid="calendar-day-on"]').count()
    expect(onDays).toBe(yesterday.slice(0, 7) === chinaDay(new Date()).slice(0, 7) ? 2 : 1)
    expect(await findDocs(session.sdk, 'checkIns', { memberId: CS_STUDENT.memberId })).toHaveLength(2)
    expect(errors).toEqual([])
  }, 120_000)

  it('a secretary publishes for their branch; their student reads it, a student of another branch cannot open it', async () => {
    const title = '本周四晚集中学习：重温入党誓词'
    const { page, errors } = await signIn(CS_SECRETARY.name)
    await waitForPage(page, 'page-study')
    await visiblePage(page, 'page-study').locator('[data-testid="open-publish"]').click()
    const desk = await waitForPage(page, 'page-publish')
    await desk.locator('[data-testid="publish-new"]').click()
    const editor = await waitForPage(page, 'page-publish-edit')
    await editor.locator('[data-testid="editor"]').waitFor()
    expect(await editor.locator('[data-testid="audience-fixed"]').textContent()).toContain('计算机科学本科生党支部')

    await editor.locator('input[data-testid="pub-title"], [data-testid="pub-title"] input').fill(title)
    await editor
      .locator('[data-testid="pub-paragraph"] textarea')
      .first()
      .fill('本周四晚七点，支部在学院 302 会议室集中学习，重温入党誓词，请大家准时参加。')
    const chooser = page.waitForEvent('filechooser')
    await editor.locator('[data-testid="pub-add-image"]').click()
    // Taro may first ask camera or album (as on a phone), or open the file picker at once.
    const album = page.locator('.taro__actionSheet .taro-actionsheet__cell', { hasText: '从相册选择' })
    if ((await Promise.race([chooser.then(() => 'picker'), album.waitFor().then(() => 'sheet')])) === 'sheet')
      await album.click()
    await (await chooser).setFiles([{ name: 'oath.png', mimeType: 'image/png', buffer: handwrittenPage(7, 1, 1) }])
    await expect.poll(() => editor.locator('[data-testid="pub-block"]').count(), { timeout: 20_000 }).toBe(2)

    await editor.locator('[data-testid="pub-publish"]').click()
    await confirmModal(page)
    const back = await waitForPage(page, 'page-publish')
    await expect
      .poll(() => back.locator('[data-testid="managed-item"]').first().textContent(), { timeout: 15_000 })
      .toContain(title)
    expect(errors).toEqual([])

    const [stored] = await findDocs<ArticleDoc>(session.sdk, 'articles', { title })
    expect(stored).toMatchObject({ status: 'published', ownerBranchId: 'branch-cs', audienceKey: 'branch:branch-cs' })
    const image = stored.body.find((b) => b.type === 'image')
    expect(image && image.type === 'image' && image.fileID).toContain(`/uploads/${memberIdOf('T2016003')}/`)

    // A student of the branch finds it in the feed and sees the photo.
    const member = await signIn(CS_STUDENT.name)
    const feed = await waitForPage(member.page, 'page-study')
    await feed.locator(`[data-testid="article-item"][data-id="${stored._id}"]`).click()
    const read = await waitForPage(member.page, 'page-article')
    await expect.poll(() => read.locator('[data-testid="article-title"]').textContent()).toBe(title)
    expect(await read.locator('[data-testid="article-audience"]').textContent()).toContain('计算机科学本科生党支部')
    await expect.poll(() => read.locator('[data-testid="article-body"] img').count()).toBe(1)

    // A student of another branch: not in the feed, and not by its address either.
    const other = await signIn(SE_STUDENT.name)
    const otherFeed = await waitForPage(other.page, 'page-study')
    await otherFeed.locator('[data-testid="latest"]').waitFor()
    expect(await otherFeed.locator(`[data-testid="article-item"][data-id="${stored._id}"]`).count()).toBe(0)
    await other.page.goto(`${session.cloud.url}/packages/study/article/index?id=${stored._id}`)
    const missing = await waitForPage(other.page, 'page-article')
    await missing.locator('[data-testid="article-missing"]').waitFor()
    expect(await missing.textContent()).toContain('文章不存在或已下线')
  }, 150_000)
})
