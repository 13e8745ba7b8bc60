/**
 * Layout defects of issue #16 measured in Chromium at 390×844 against the real local cloud: what a person sees
 * (sizes, overlaps, clipping), which the weapp renderer (no pixels) cannot tell. Screenshots of each screen go
 * to test-results/screenshots/layout-*.png. Needs `npm run build:h5` first and /usr/bin/chromium.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type { MemberDetail } from '../../cloudfunctions/branch/src/contract'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import type { ArticleDoc } from '../../cloudfunctions/study/src/model'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { openMeetingForm } from '../helpers/meeting-form'
import { findDocs } from '../helpers/sdk'
import { waitForPage } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { useE2ESession } from './helpers/world'

const SHOTS = join(ROOT, 'test-results', 'screenshots')
const COMMITTEE = '刘建国'
const COMMITTEE_OPENID = demoOpenid('T2009001')
const SECRETARY = { name: '陈立华', openid: demoOpenid('T2016003') }
const STUDENT = { name: '张欣怡', memberId: memberIdOf('2022010107') }

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await settle(page)
  await page.screenshot({ path: join(SHOTS, `layout-${name}.png`), fullPage: true })
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox()
  if (!b) throw new Error('not rendered')
  return b
}

describe.skipIf(!hasChromium)('issue #16 layout in Chromium', () => {
  // One seeded cloud and browser for the file; `cloud` and `sdk` are its parts.
  const session = useE2ESession()

  it('the committee’s 答题 tab gives 错题本 the whole row when it is the only tool', async () => {
    const { page } = await session.signIn(COMMITTEE)
    await page.goto(`${session.cloud.url}/pages/quiz/index`)
    const quiz = await waitForPage(page, 'page-quiz')
    const entry = quiz.locator('[data-testid="mistakes-link"]')
    await entry.waitFor()
    await shoot(page, 'quiz-committee')
    expect((await box(entry)).width).toBeGreaterThan(390 * 0.85)
  })

  it('清空/查询 and 导出 are touch targets of at least 44 px', async () => {
    const { page } = await session.signIn(COMMITTEE)
    await page.goto(`${session.cloud.url}/packages/branch/audit/index`)
    const audit = await waitForPage(page, 'page-branch-audit')
    await audit.locator('[data-testid="audit-search"]').waitFor()
    await shoot(page, 'audit')
    for (const text of ['清空', '查询'])
      expect((await box(audit.locator('.nut-button', { hasText: text }).first())).height).toBeGreaterThanOrEqual(44)

    await page.goto(`${session.cloud.url}/packages/branch/exports/index`)
    const exports = await waitForPage(page, 'page-branch-exports')
    const button = exports.locator('[data-testid="export-members"]')
    await button.waitFor()
    await shoot(page, 'exports')
    expect((await box(button)).height).toBeGreaterThanOrEqual(44)
  })

  it('a meeting’s 导出签到表 is 44 px tall, and 确认取消 looks disabled and says what it waits for', async () => {
    const created = await session.cloud.call<Result<{ id: string }>>(
      'meeting',
      { action: 'create', ...openMeetingForm({ title: '版面检查组织生活会' }) },
      SECRETARY.openid,
    )
    if (!created.ok) throw new Error(created.message)
    const { page } = await session.signIn(SECRETARY.name)
    await page.goto(`${session.cloud.url}/packages/meeting/detail/index?id=${created.data.id}`)
    const detail = await waitForPage(page, 'page-meeting-detail')
    const exportButton = detail.locator('[data-testid="export-sheet"]')
    await exportButton.waitFor()
    expect((await box(exportButton)).height).toBeGreaterThanOrEqual(44)
    await detail.locator('.nut-button', { hasText: '取消会议' }).click()
    const confirm = detail.locator('[data-testid="confirm-cancel"]')
    await confirm.waitFor()
    await shoot(page, 'meeting-cancel')
    await expect(detail.locator('[data-testid="action-waits-for"]').textContent()).resolves.toContain(
      '请先填写取消原因',
    )
    expect(Number(await confirm.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.6)
    expect((await box(confirm)).height).toBeGreaterThanOrEqual(44)
    await confirm.click()
    await settle(page)
    const [meeting] = await findDocs<{ status: string }>(session.sdk, 'meetings', { _id: created.data.id })
    expect(meeting.status).toBe('scheduled')
  })

  it('a thought report’s video stays in its place, above what follows it', async () => {
    const [report] = (
      await findDocs<ReportDoc>(session.sdk, 'reports', { memberId: STUDENT.memberId, status: 'approved' })
    ).sort((a, b) => b.period.localeCompare(a.period))
    const [lesson] = await findDocs<ArticleDoc>(session.sdk, 'articles', { _id: 'a-lesson-01' })
    const versions = report.versions.map((v, i) =>
      i === report.versions.length - 1 ? { ...v, video: lesson.video?.fileID ?? null } : v,
    )
    const _ = session.sdk.database().command
    await session.sdk
      .database()
      .collection('reports')
      .doc(report._id)
      .update({ data: { versions: _.set(versions) } })

    const { page } = await session.signIn(STUDENT.name)
    await page.goto(`${session.cloud.url}/packages/report/detail/index?id=${encodeURIComponent(report._id)}`)
    const detail = await waitForPage(page, 'page-report-detail')
    const video = detail.locator('.zb-report__video video').first()
    await video.waitFor({ state: 'attached' })
    await detail.locator('.zb-report__video').first().scrollIntoViewIfNeeded()
    await shoot(page, 'report-video')
    const wrapper = await box(detail.locator('.zb-report__video').first())
    const player = await box(video)
    // The player fits the page and its own box: nothing after it is drawn under it.
    expect(player.x).toBeGreaterThanOrEqual(0)
    expect(player.x + player.width).toBeLessThanOrEqual(390 + 0.5)
    expect(player.y).toBeGreaterThanOrEqual(wrapper.y - 0.5)
    expect(player.y + player.height).toBeLessThanOrEqual(wrapper.y + wrapper.height + 0.5)
    const after = await detail
      .locator('.zb-report__video')
      .first()
      .evaluate((el) => {
        const bottom = el.getBoundingClientRect().bottom
        // Everything laid out after the video in the document.
        const later = [...document.querySelectorAll('[data-testid="page-report-detail"] *')].filter(
          (n) => el.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING && !el.contains(n),
        )
        return later
          .map((n) => n.getBoundingClientRect())
          .filter((r) => r.height > 0)
          .map((r) => r.top - bottom)
      })
    expect(Math.min(...after)).toBeGreaterThanOrEqual(-0.5)
  })

  it('the green 下一步 note on a member’s page shows all its text', async () => {
    const members = await findDocs<{ _id: string; stage: string }>(session.sdk, 'members', {
      collegeId: 'college-main',
    })
    let target: string | null = null
    for (const m of members.filter((x) => x.stage !== 'full')) {
      const d = await session.cloud.call<Result<MemberDetail>>(
        'branch',
        { action: 'member', memberId: m._id },
        COMMITTEE_OPENID,
      )
      if (d.ok && d.data.next && d.data.next.blockers.length === 0) {
        target = m._id
        break
      }
    }
    if (!target) throw new Error('no seeded member is ready for the next step')
    const { page } = await session.signIn(COMMITTEE)
    await page.goto(`${session.cloud.url}/packages/branch/member/index?id=${target}`)
    const member = await waitForPage(page, 'page-branch-member')
    const note = member.locator('[data-testid="next-ok"]')
    await note.waitFor()
    await shoot(page, 'member-next')
    const fits = await note.evaluate((el) => {
      const card = el.closest('.zb-card') ?? el.parentElement
      const r = el.getBoundingClientRect()
      const c = card ? card.getBoundingClientRect() : r
      return {
        clipped: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
        inside: r.left >= c.left - 0.5 && r.right <= c.right + 0.5 && r.bottom <= c.bottom + 0.5,
      }
    })
    expect(fits).toEqual({ clipped: false, inside: true })
  })
})
