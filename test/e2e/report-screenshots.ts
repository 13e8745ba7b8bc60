/**
 * Screenshots of the thought-report screens at a phone viewport, to look at them as a person would:
 *   npx tsx test/e2e/report-screenshots.ts         # starts a fresh seeded local cloud
 * Writes PNGs to test-results/screenshots/report-*.png (build the H5 app first: npm run build:h5).
 */
import type { BrowserContext, Page } from 'playwright-core'
import { adminSdk, findDocs } from '../helpers/sdk'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import { openTab, waitForPage } from './helpers/app'
import { runScreenshots, shooter, visitor } from './helpers/script'

const shoot = shooter('report-', { settleMs: 700 })

runScreenshots(async (session) => {
  const base = session.cloud.url
  const sdk = adminSdk(base)
  const visit = visitor(base, shoot)
  const reports = await findDocs<ReportDoc>(sdk, 'reports', {})
  const contexts: BrowserContext[] = []
  const as = async (name: string): Promise<Page> => {
    const { page, errors } = await session.signIn(name)
    contexts.push(page.context())
    page.on('close', () => errors.length && console.log(`  console errors as ${name}:`, errors))
    return page
  }
  try {
    // A student with history: calendar, list, a returned report, an approved one with photos.
    const student = await as('张欣怡')
    await openTab(student, '汇报')
    await shoot(student, 'student-tab')
    const mine = reports.filter((r) => r.memberName === '张欣怡')
    for (const status of ['approved', 'returned'] as const) {
      const report = mine.find((r) => r.status === status)
      if (!report) continue
      const path = `packages/report/detail/index?id=${encodeURIComponent(report._id)}`
      await visit(student, path, 'page-report-detail', `student-detail-${status}`)
    }

    // A student who has not started this period: an empty editor.
    const fresh = await as('何嘉豪')
    await openTab(fresh, '汇报')
    await shoot(fresh, 'student-tab-due')
    await fresh.locator('[data-testid="write-current"]:visible').click()
    await waitForPage(fresh, 'page-report-edit')
    await shoot(fresh, 'editor-empty', false)

    // A returned report being revised: the editor with the secretary's comment on top.
    const returnedAny = reports.find((r) => r.status === 'returned')
    if (returnedAny) {
      const who = await as(returnedAny.memberName)
      await visit(who, `packages/report/edit/index?period=${returnedAny.period}`, 'page-report-edit', 'editor-returned')
    }

    // The secretary: queue, a photo report under review, the decision sheet, overdue, a member's calendar.
    const sec = await as('陈立华')
    await openTab(sec, '汇报')
    await shoot(sec, 'secretary-queue')
    const withPhotos = reports.find((r) => r.branchId === 'branch-cs' && r.versions.some((v) => v.photos.length > 0))
    const pending = reports.find((r) => r.branchId === 'branch-cs' && r.status === 'pending')
    for (const [label, report] of [
      ['review-photos', withPhotos],
      ['review-pending', pending],
    ] as const) {
      if (!report) continue
      await visit(sec, `packages/review/detail/index?id=${encodeURIComponent(report._id)}`, 'page-review-detail', label)
    }
    if (pending) {
      await sec.locator('[data-testid="start-return"]:visible').click()
      await sec.locator('[data-testid="decision-sheet"]').waitFor()
      await shoot(sec, 'review-sheet', false)
      await sec.locator('[data-testid="edit-phrases"]').click()
      await shoot(sec, 'review-sheet-editing', false)
    }
    if (withPhotos) {
      await sec.goto(`${base}/packages/review/detail/index?id=${encodeURIComponent(withPhotos._id)}`)
      await waitForPage(sec, 'page-review-detail')
      await sec.locator('[data-testid="report-photos"] .zb-pages__item').first().click()
      await sec.locator('.preview-image').waitFor()
      await shoot(sec, 'photo-fullscreen', false)
    }
    await visit(sec, 'packages/review/overdue/index', 'page-review-overdue', 'overdue')
    const member = reports.find((r) => r.branchId === 'branch-cs')
    if (member) {
      await visit(
        sec,
        `packages/review/member/index?memberId=${member.memberId}`,
        'page-review-member',
        'member-calendar',
      )
    }

    // A secretary with nothing pending; the committee across branches.
    const empty = await as('林晓雯')
    await openTab(empty, '汇报')
    await shoot(empty, 'secretary-queue-empty')
    const committee = await as('刘建国')
    await openTab(committee, '汇报')
    await shoot(committee, 'committee-queue')
  } finally {
    for (const c of contexts) await c.close()
  }
})
