/**
 * Screenshots of the quiz screens at a phone viewport, as a student, a secretary and the committee:
 *   npx tsx test/e2e/quiz-screenshots.ts        # starts a fresh seeded local cloud
 * Writes PNGs to test-results/screenshots/quiz-*.png (build the H5 app first: npm run build:h5).
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { AttemptDoc } from '../../cloudfunctions/quiz/src/model'
import { adminSdk, findDocs } from '../helpers/sdk'
import { openTab, waitForPage } from './helpers/app'
import { runScreenshots, SCREENSHOTS, shooter, visitor } from './helpers/script'
import { settle } from './helpers/browser'
import { memberIdOf } from '../helpers/members'
import { PURPOSE_QUESTION_ROW, SAMPLE_QUESTION_ROWS, writeQuestionSheet } from '../fixtures/question-sheet'

const shoot = shooter('quiz-', { settleMs: 700 })

runScreenshots(async (session) => {
  const { cloud } = session
  const sdk = adminSdk(cloud.url)
  const base = cloud.url
  const visit = visitor(base, shoot)
  /** Signs in as `name`, shoots the 答题 tab as `<role>-tab`, runs `shots`, then prints console errors and closes. */
  const asRole = async (name: string, role: string, shots: (page: Page) => Promise<void>): Promise<void> => {
    const { page, errors } = await session.signIn(name)
    await openTab(page, '答题')
    await shoot(page, `${role}-tab`)
    await shots(page)
    if (errors.length) console.log(`  console errors as ${role}:`, errors)
    await page.context().close()
  }
  // Student: the tab, a quiz in progress, the result, the challenge, 错题本, rankings, the quiz list.
  await asRole('张欣怡', 'student', async (page) => {
    await page.locator('[data-testid="daily-start"]:visible').click()
    await waitForPage(page, 'page-quiz-take')
    await page.locator('[data-testid="quiz-option"]:visible').nth(1).click()
    await shoot(page, 'student-take', false)
    const [attempt] = await findDocs<AttemptDoc>(sdk, 'quizAttempts', {
      memberId: memberIdOf('2022010107'),
      kind: 'daily',
    })
    for (const [i, item] of attempt.items.entries()) {
      const ids =
        i === 1 || i === 3 ? [item.shown.find((o) => !item.answerIds.includes(o.id))?.id ?? ''] : item.answerIds
      for (const id of ids) await page.locator(`[data-testid="quiz-option"][data-id="${id}"]:visible`).first().click()
      if (i < attempt.items.length - 1) await page.locator('[data-testid="quiz-next"]:visible').click()
    }
    await sdk
      .database()
      .collection('quizAttempts')
      .doc(attempt._id)
      .update({ data: { startedAt: new Date(Date.now() - 120_000) } })
    await page.locator('[data-testid="quiz-submit"]:visible').click()
    await settle(page)
    await shoot(page, 'student-submit-confirm', false)
    await page.locator('.taro__modal').getByText('交卷', { exact: true }).click()
    await waitForPage(page, 'page-quiz-result')
    await shoot(page, 'student-result')
    await visit(page, 'packages/quiz/mistakes/index', 'page-quiz-mistakes', 'student-mistakes')
    await page
      .locator('[data-testid="mistake-card"]:visible')
      .first()
      .locator('[data-testid="quiz-option"]')
      .first()
      .click()
    await page.locator('[data-testid="mistake-submit"]:visible').first().click()
    await shoot(page, 'student-mistake-retried')
    await visit(page, 'packages/quiz/ranking/index', 'page-quiz-ranking', 'student-ranking')
    await visit(page, 'packages/quiz/list/index', 'page-quiz-list', 'student-list')
    await page.goto(`${base}/packages/quiz/challenge/index?best=6`)
    await waitForPage(page, 'page-quiz-challenge')
    await page.locator('[data-testid="quiz-question"]').waitFor()
    await shoot(page, 'student-challenge', false)
    await page.locator('[data-testid="quiz-option"]:visible').first().click()
    await settle(page, 1200)
    await shoot(page, 'student-challenge-after', false)
    await openTab(page, '答题').catch(() => undefined)
    await visit(page, 'pages/quiz/index', 'page-quiz', 'student-tab-done')
  })
  // A 群众 with nothing done yet: the empty states.
  await asRole('马天宇', 'masses', async (page) => {
    await visit(page, 'packages/quiz/mistakes/index', 'page-quiz-mistakes', 'masses-mistakes-empty')
  })
  // Secretary: the tab, publishing a quiz, statistics, the managed list.
  await asRole('陈立华', 'secretary', async (page) => {
    await page.goto(`${base}/packages/quiz-admin/create/index`)
    await waitForPage(page, 'page-quiz-create')
    await page
      .locator('input[data-testid="create-title"], [data-testid="create-title"] input')
      .fill('支部党员大会前党章自测')
    await shoot(page, 'secretary-create')
    await visit(
      page,
      'packages/quiz-admin/stats/index?quizId=quiz-cs-constitution',
      'page-quiz-stats',
      'secretary-stats',
    )
    await visit(page, 'packages/quiz-admin/manage/index', 'page-quiz-manage', 'secretary-manage')
  })
  // Committee: the bank, the editor, the import with its error report.
  await asRole('刘建国', 'committee', async (page) => {
    await page.goto(`${base}/packages/quiz-admin/bank/index`)
    await waitForPage(page, 'page-quiz-bank')
    await shoot(page, 'committee-bank', false)
    await page.goto(`${base}/packages/quiz-admin/edit/index?id=q-022`)
    await waitForPage(page, 'page-quiz-edit')
    await page.locator('textarea').first().waitFor()
    await shoot(page, 'committee-edit')
    const file = join(SCREENSHOTS, '..', 'quiz-import-sample.xlsx')
    await writeQuestionSheet(file, [...SAMPLE_QUESTION_ROWS, PURPOSE_QUESTION_ROW])
    await visit(page, 'packages/quiz-admin/import/index', 'page-quiz-import', 'committee-import')
    const chooser = page.waitForEvent('filechooser')
    await page.locator('[data-testid="import-pick"]:visible').click()
    await (await chooser).setFiles(file)
    await page.locator('[data-testid="import-summary"]').waitFor({ timeout: 30_000 })
    await shoot(page, 'committee-import-preview')
  })
})
