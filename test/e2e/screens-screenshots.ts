/**
 * Screenshots of the screens issue #16 changed, as a student, a secretary and the committee, at 390×844:
 *   npx tsx test/e2e/screens-screenshots.ts          # starts a fresh seeded local cloud
 * Writes PNGs to test-results/screenshots/screens-*.png (build the H5 app first: npm run build:h5).
 * Bottom bars are fixed: the viewport shots (not full page) show them where a person sees them.
 */
import type { Locator, Page } from 'playwright-core'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import { adminSdk, findDocs } from '../helpers/sdk'
import { waitForPage } from './helpers/app'
import { runScreenshots, shooter } from './helpers/script'
import type { E2ESession } from './helpers/session'
import { settle } from './helpers/browser'

const shoot = shooter('screens-', { settleMs: 700, fullPage: false })

async function as(session: E2ESession, name: string): Promise<Page> {
  const { page, errors } = await session.signIn(name)
  page.on('close', () => errors.length && console.log(`  console errors as ${name}:`, errors))
  return page
}

async function open(page: Page, base: string, path: string, testId: string): Promise<Locator> {
  await page.goto(`${base}${path}`)
  return waitForPage(page, testId)
}

runScreenshots(async (session) => {
  const base = session.cloud.url
  const sdk = adminSdk(base)
  // A student: the study band and 打卡, an article (reading bar, comments, textarea), the report editor's bar, a quiz.
  const student = await as(session, '刘子轩')
  const study = await waitForPage(student, 'page-study')
  await shoot(student, 'student-study-before-checkin')
  await study.locator('[data-testid="checkin-button"]').click()
  await settle(student, 800)
  await shoot(student, 'student-study-after-checkin')
  await open(student, base, '/packages/study/points/index', 'page-points')
  await shoot(student, 'student-points', true)
  await open(student, base, '/packages/study/article/index?id=a-history-01', 'page-article')
  await shoot(student, 'student-article-top')
  await shoot(student, 'student-article-full', true)
  await (await open(student, base, '/pages/report/index', 'page-report'))
    .locator('[data-testid="write-current"]:visible')
    .click()
  const editor = await waitForPage(student, 'page-report-edit')
  await shoot(student, 'student-report-editor')
  await editor.locator('[data-testid="submit-report"]').click()
  await shoot(student, 'student-report-empty-submit')
  await student.goto(`${base}/pages/quiz/index`)
  const quiz = await waitForPage(student, 'page-quiz')
  const start = quiz.locator('[data-testid="daily-start"], [data-testid="daily-continue"]').first()
  if (await start.count()) {
    await start.click()
    await waitForPage(student, 'page-quiz-take')
    await shoot(student, 'student-quiz-take')
  }
  const meetings = await findDocs<{ _id: string; branchId: string; startAt: Date; status: string }>(sdk, 'meetings', {
    branchId: 'branch-cs',
  })
  const upcoming = meetings.find((m) => m.status !== 'cancelled' && new Date(m.startAt).getTime() > Date.now())
  if (upcoming) {
    await open(student, base, `/packages/meeting/detail/index?id=${upcoming._id}`, 'page-meeting-detail')
    await shoot(student, 'student-meeting-leave', true)
  }

  // The secretary: 发起会议 (waiting, then filled), minutes, a review, the overdue list, a profile, the dashboard, the editor.
  const sec = await as(session, '陈立华')
  const form = await open(sec, base, '/packages/meeting/edit/index', 'page-meeting-edit')
  await shoot(sec, 'secretary-meeting-form-blank')
  await form.locator('input[data-testid="meeting-title"], [data-testid="meeting-title"] input').fill('十二月主题党日')
  await shoot(sec, 'secretary-meeting-form-waiting-place')
  const past = meetings.find((m) => m.status !== 'cancelled' && new Date(m.startAt).getTime() < Date.now())
  if (past) {
    await open(sec, base, `/packages/meeting/minutes/index?id=${past._id}`, 'page-meeting-minutes')
    await shoot(sec, 'secretary-minutes')
  }
  const reports = await findDocs<ReportDoc>(sdk, 'reports', { branchId: 'branch-cs', status: 'pending' })
  if (reports[0]) {
    await open(
      sec,
      base,
      `/packages/review/detail/index?id=${encodeURIComponent(reports[0]._id)}`,
      'page-review-detail',
    )
    await shoot(sec, 'secretary-review-detail')
  }
  await open(sec, base, '/packages/review/overdue/index', 'page-review-overdue')
  await shoot(sec, 'secretary-overdue', true)
  await open(sec, base, '/packages/branch/member/index?id=m-2022010107', 'page-branch-member')
  await shoot(sec, 'secretary-member-profile', true)
  await open(sec, base, '/packages/dashboard/index', 'page-dashboard')
  await shoot(sec, 'secretary-dashboard', true)
  await open(sec, base, '/packages/publish/edit/index', 'page-publish-edit')
  await shoot(sec, 'secretary-publish-editor', true)
  await open(sec, base, '/packages/branch/workspace/index', 'page-branch-workspace')
  await shoot(sec, 'secretary-workspace', true)

  // The committee: reminders with 郑凯文's overdue 转正, the college dashboard, the question editor, the audit log.
  const committee = await as(session, '刘建国')
  await open(committee, base, '/packages/branch/workspace/index', 'page-branch-workspace')
  await shoot(committee, 'committee-workspace', true)
  await open(committee, base, '/packages/dashboard/index', 'page-dashboard')
  await shoot(committee, 'committee-dashboard', true)
  await open(committee, base, '/packages/quiz-admin/edit/index', 'page-quiz-edit')
  await shoot(committee, 'committee-question-editor')
  await open(committee, base, '/packages/branch/audit/index', 'page-branch-audit')
  await shoot(committee, 'committee-audit', true)
})
