/**
 * 微党课 end to end, in Chromium at a phone viewport against the real local cloud: a student opens a
 * seeded video lesson, the player's source is the local cloud's temporary URL, playing it earns the video
 * points (counted from the time actually played); a secretary attaches a video in the editor, sees the
 * upload finish with the first frame as the cover, and saves the draft with the video and its length.
 * Screenshots of both pages go to test-results/screenshots/ (video-article.png, video-editor.png).
 * Needs `npm run build:h5` first (npm test does it) and /usr/bin/chromium.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PointsLedgerDoc } from '../../cloudfunctions/_shared/points'
import type { ArticleDoc } from '../../cloudfunctions/study/src/model'
import { ROOT } from '../helpers/cloud'
import { findDocs } from '../helpers/sdk'
import { memberIdOf } from '../helpers/members'
import { visiblePage, waitForPage } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { useE2ESession } from './helpers/world'

const STUDENT = { name: '董欣然', memberId: memberIdOf('2024110108') } // no seeded study activity
const SHOTS = join(ROOT, 'test-results', 'screenshots')

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await settle(page)
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

describe.skipIf(!hasChromium)('微党课 in the browser', () => {
  const session = useE2ESession()

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true })
  })

  const { signIn } = session

  it('a student plays a video lesson from the local cloud and earns the video points for the time played', async () => {
    // A three-second lesson: an honest watch fits in the test (the seeded file is 20 s long).
    const [lesson] = await findDocs<ArticleDoc>(session.sdk, 'articles', { _id: 'a-lesson-01' })
    await session.sdk
      .database()
      .collection('articles')
      .doc('a-lesson-01')
      .update({ data: { video: { fileID: lesson.video?.fileID, seconds: 3 } } })

    const { page, errors } = await signIn(STUDENT.name)
    await waitForPage(page, 'page-study')
    await page.goto(`${session.cloud.url}/packages/study/article/index?id=a-lesson-01`)
    const article = await waitForPage(page, 'page-article')
    const video = article.locator('[data-testid="article-video"] video, video[data-testid="article-video"]').first()
    await video.waitFor({ state: 'attached' })
    const src = (await video.getAttribute('src')) ?? ''
    expect(new URL(src).origin).toBe(new URL(session.cloud.url).origin)
    const file = await fetch(src)
    expect(file.status).toBe(200)
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(4, 8)
        .toString('latin1'),
    ).toBe('ftyp')
    // The player sits between the title and the text, covering neither (Taro's H5 player is absolutely positioned).
    const title = await article.locator('[data-testid="article-title"]').boundingBox()
    const player = await article.locator('[data-testid="article-video"]').first().boundingBox()
    const body = await article.locator('[data-testid="article-body"]').boundingBox()
    if (!title || !player || !body) throw new Error('the title, player or text is missing')
    expect(player.y).toBeGreaterThanOrEqual(title.y + title.height)
    expect(player.height).toBeGreaterThan(150)
    expect(body.y).toBeGreaterThanOrEqual(player.y + player.height)
    const status = article.locator('[data-testid="reading-status"]')
    expect(await status.textContent()).toBe('再看 3 秒视频可得 3 积分')
    await shoot(page, 'video-article')

    // Being on the page earns nothing by itself: only play counts.
    await page.waitForTimeout(3500)
    expect(await status.textContent()).toBe('再看 3 秒视频可得 3 积分')
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true
      return v.play()
    })
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('本篇已得 3 积分')
    const ledger = await findDocs<PointsLedgerDoc>(session.sdk, 'pointsLedger', { memberId: STUDENT.memberId })
    expect(ledger.map((e) => [e.kind, e.points])).toEqual([['video', 3]])
    expect(errors).toEqual([])
  }, 120_000)

  it('a secretary attaches a video: progress, then the player with its length and the first frame as cover; the draft keeps both', async () => {
    const { page } = await signIn('陈立华')
    await page.goto(`${session.cloud.url}/packages/publish/edit/index`)
    const editor = await waitForPage(page, 'page-publish-edit')
    await editor.locator('[data-testid="editor"]').waitFor()
    await editor.locator('input[data-testid="pub-title"], [data-testid="pub-title"] input').fill('支部微党课：红船精神')
    await editor.locator('[data-testid="pub-paragraph"] textarea').first().fill('看完视频，请在评论区写下你的体会。')

    const chooser = page.waitForEvent('filechooser')
    await editor.locator('[data-testid="pub-video-add"]').click()
    const album = page.locator('.taro__actionSheet .taro-actionsheet__cell', { hasText: '从相册选择' })
    if ((await Promise.race([chooser.then(() => 'picker'), album.waitFor().then(() => 'sheet')])) === 'sheet')
      await album.click()
    const mp4 = readFileSync(join(ROOT, 'local-cloud', 'src', 'seed', 'videos', 'lesson-2.mp4'))
    await (await chooser).setFiles([{ name: '红船精神.mp4', mimeType: 'video/mp4', buffer: mp4 }])
    const attached = editor.locator('[data-testid="pub-video"]')
    await attached.waitFor({ timeout: 30_000 })
    expect(await attached.textContent()).toContain('时长 20 秒')
    await editor.locator('.zb-pub-cover').first().waitFor()
    await attached.scrollIntoViewIfNeeded()
    await shoot(page, 'video-editor')

    await editor.locator('[data-testid="pub-save-draft"]').click()
    await expect
      .poll(
        async () => (await findDocs<ArticleDoc>(session.sdk, 'articles', { title: '支部微党课：红船精神' })).length,
        {
          timeout: 15_000,
        },
      )
      .toBe(1)
    const [saved] = await findDocs<ArticleDoc>(session.sdk, 'articles', { title: '支部微党课：红船精神' })
    expect(saved.video?.seconds).toBe(20)
    expect(saved.video?.fileID).toMatch(new RegExp(`/uploads/${memberIdOf('T2016003')}/.+\\.mp4$`))
    expect(saved.cover).toMatch(/\.jpg$/)
    expect(visiblePage(page, 'page-publish-edit')).toBeTruthy()
  }, 120_000)
})
