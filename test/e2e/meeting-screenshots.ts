/**
 * Screenshots of the meeting screens at a phone viewport, for looking at them as a person would:
 *   npx tsx test/e2e/meeting-screenshots.ts        (H5_DIR=... to use another H5 build)
 * Writes PNGs to test-results/screenshots/meeting-*.png.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { demoOpenid, PEOPLE } from '../../local-cloud/src/seed/people'
import { openTab } from './helpers/app'
import { runScreenshots, shooter, visitor } from './helpers/script'

const openid = (name: string) => demoOpenid(PEOPLE.find((p) => p.name === name)?.studentNo ?? '')

const shoot = shooter('meeting-', { settleMs: 800 })

runScreenshots(async (session) => {
  const { cloud } = session
  const call = async (event: Record<string, unknown>, who: string) =>
    cloud.call<{ ok: boolean; data: { id: string } }>('meeting', event, openid(who))
  const visit = visitor(cloud.url, shoot)
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
  /** The 签到 tab, then an upcoming and a past meeting, as `role` sees them. */
  const tabAndDetails = async (page: Page, role: string): Promise<void> => {
    await openTab(page, '签到')
    await shoot(page, `${role}-tab`)
    for (const [id, when] of [
      [nextId, 'upcoming'],
      [pastId, 'past'],
    ])
      await visit(page, `packages/meeting/detail/index?id=${id}`, 'page-meeting-detail', `${role}-detail-${when}`)
  }
  const pages: { who: string; shots: (page: Page, context: BrowserContext) => Promise<void> }[] = [
    {
      who: '张欣怡',
      shots: async (page) => {
        await tabAndDetails(page, 'student')
        await visit(page, 'packages/meeting/history/index', 'page-meeting-history', 'student-history')
        await visit(page, 'packages/meeting/mycode/index', 'page-mycode', 'student-mycode')
      },
    },
    {
      who: '陈立华',
      shots: async (page) => {
        await tabAndDetails(page, 'secretary')
        await visit(page, `packages/meeting/code/index?id=${meetingId}`, 'page-meeting-code', 'secretary-code')
        // The network goes away: the screen keeps rotating from the codes it holds.
        await page.route('**/api/functions/meeting', (route) => route.abort())
        await page.waitForTimeout(6500)
        await shoot(page, 'secretary-code-offline')
        await page.unroute('**/api/functions/meeting')
        await visit(page, 'packages/meeting/edit/index', 'page-meeting-edit', 'secretary-new')
        await visit(page, 'packages/meeting/compliance/index', 'page-meeting-compliance', 'secretary-compliance')
        await visit(page, 'packages/meeting/past/index', 'page-meeting-past', 'secretary-past')
        await visit(page, `packages/meeting/minutes/index?id=${meetingId}`, 'page-meeting-minutes', 'secretary-minutes')
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
        await visit(page, 'packages/meeting/mycode/index', 'page-mycode', 'student-mycode-empty')
        await page.route('**/api/functions/meeting', (route) => route.abort())
        await visit(page, 'pages/checkin/index', 'page-checkin', 'student-tab-offline')
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
