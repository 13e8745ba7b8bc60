/**
 * Screenshots of the meeting screens at a phone viewport, for looking at them as a person would:
 *   npx tsx test/e2e/meeting-screenshots.ts        (H5_DIR=... to use another H5 build)
 * Writes PNGs to test-results/screenshots/meeting-*.png.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { demoOpenid, PEOPLE } from '../../local-cloud/src/seed/people'
import { openTab, waitForPage } from './helpers/app'
import { runScreenshots, shooter } from './helpers/script'

const openid = (name: string) => demoOpenid(PEOPLE.find((p) => p.name === name)?.studentNo ?? '')

const shoot = shooter('meeting-', { settleMs: 800 })

runScreenshots(async (session) => {
  const { cloud } = session
  const call = async (event: Record<string, unknown>, who: string) =>
    cloud.call<{ ok: boolean; data: { id: string } }>('meeting', event, openid(who))
  const now = Date.now()
  const running = await call(
    {
      action: 'create',
      type: 'lecture',
      title: '党的历史与优良传统专题党课',
      startAt: new Date(now + 10 * 60_000).toISOString(),
      endAt: new Date(now + 100 * 60_000).toISOString(),
      place: '计算机楼 A301 会议室',
      agenda: '1. 观看专题片\n2. 主讲：党的优良传统\n3. 交流讨论',
      audience: 'branch',
      checkInOpensAt: new Date(now - 5 * 60_000).toISOString(),
      checkInClosesAt: new Date(now + 100 * 60_000).toISOString(),
    },
    '陈立华',
  )
  const meetingId = running.data.id
  const pastId = 'mtg-cs-themeDay-10'
  const nextId = 'mtg-cs-themeDay-next'
  const pages: { who: string; shots: (page: Page, context: BrowserContext) => Promise<void> }[] = [
    {
      who: '张欣怡',
      shots: async (page) => {
        await openTab(page, '签到')
        await shoot(page, 'student-tab')
        await page.goto(`${cloud.url}/packages/meeting/detail/index?id=${nextId}`)
        await waitForPage(page, 'page-meeting-detail')
        await shoot(page, 'student-detail-upcoming')
        await page.goto(`${cloud.url}/packages/meeting/detail/index?id=${pastId}`)
        await waitForPage(page, 'page-meeting-detail')
        await shoot(page, 'student-detail-past')
        await page.goto(`${cloud.url}/packages/meeting/history/index`)
        await waitForPage(page, 'page-meeting-history')
        await shoot(page, 'student-history')
        await page.goto(`${cloud.url}/packages/meeting/mycode/index`)
        await waitForPage(page, 'page-mycode')
        await shoot(page, 'student-mycode')
      },
    },
    {
      who: '陈立华',
      shots: async (page) => {
        await openTab(page, '签到')
        await shoot(page, 'secretary-tab')
        await page.goto(`${cloud.url}/packages/meeting/detail/index?id=${nextId}`)
        await waitForPage(page, 'page-meeting-detail')
        await shoot(page, 'secretary-detail-upcoming')
        await page.goto(`${cloud.url}/packages/meeting/detail/index?id=${pastId}`)
        await waitForPage(page, 'page-meeting-detail')
        await shoot(page, 'secretary-detail-past')
        await page.goto(`${cloud.url}/packages/meeting/code/index?id=${meetingId}`)
        await waitForPage(page, 'page-meeting-code')
        await shoot(page, 'secretary-code')
        // The network goes away: the screen keeps rotating from the codes it holds.
        await page.route('**/api/functions/meeting', (route) => route.abort())
        await page.waitForTimeout(6500)
        await shoot(page, 'secretary-code-offline')
        await page.unroute('**/api/functions/meeting')
        await page.goto(`${cloud.url}/packages/meeting/edit/index`)
        await waitForPage(page, 'page-meeting-edit')
        await shoot(page, 'secretary-new')
        await page.goto(`${cloud.url}/packages/meeting/compliance/index`)
        await waitForPage(page, 'page-meeting-compliance')
        await shoot(page, 'secretary-compliance')
        await page.goto(`${cloud.url}/packages/meeting/past/index`)
        await waitForPage(page, 'page-meeting-past')
        await shoot(page, 'secretary-past')
        await page.goto(`${cloud.url}/packages/meeting/minutes/index?id=${meetingId}`)
        await waitForPage(page, 'page-meeting-minutes')
        await shoot(page, 'secretary-minutes')
      },
    },
    {
      who: '刘建国',
      shots: async (page) => {
        await openTab(page, '签到')
        await shoot(page, 'committee-tab')
      },
    },
    {
      who: '何嘉豪',
      shots: async (page) => {
        await page.goto(`${cloud.url}/packages/meeting/mycode/index`)
        await waitForPage(page, 'page-mycode')
        await shoot(page, 'student-mycode-empty')
        await page.route('**/api/functions/meeting', (route) => route.abort())
        await page.goto(`${cloud.url}/pages/checkin/index`)
        await waitForPage(page, 'page-checkin')
        await shoot(page, 'student-tab-offline')
      },
    },
  ]
  for (const { who, shots } of pages) {
    const { page, errors } = await session.signIn(who)
    const context = page.context()
    await shots(page, context)
    const real = errors.filter((e) => !e.includes('net::ERR_FAILED'))
    if (real.length) console.log(`  console errors as ${who}:`, real)
    await context.close()
  }
})
