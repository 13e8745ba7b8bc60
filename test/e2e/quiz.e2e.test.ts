/**
 * Quizzes in the H5 build, in headless Chromium against the real local cloud (a child process on a
 * free port with a fresh, seeded data dir):
 *  - a student takes the daily quiz, sees the score and the explanations, finds the wrong answer in
 *    错题本 and retries it until right;
 *  - a secretary publishes a 10-question, 15-minute quiz for the branch and follows its statistics;
 *  - the committee imports a spreadsheet with three bad rows and is told exactly those rows.
 * Needs `npm run build:h5` first (npm test does it) and /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { AttemptDoc, QuestionDoc, QuizDoc } from '../../cloudfunctions/quiz/src/model'
import { mistakesOf } from '../helpers/mistakes'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { findDocs } from '../helpers/sdk'
import { openTab, visiblePage, waitForPage } from './helpers/app'
import { hasChromium, settle } from './helpers/browser'
import { tapTo } from './helpers/steps'
import { useE2ESession } from './helpers/world'
import { memberIdOf } from '../helpers/members'
import { SAMPLE_QUESTION_ROWS, writeQuestionSheet } from '../fixtures/question-sheet'

if (!hasChromium)
  console.warn('[e2e] skipped: /usr/bin/chromium is missing (Debian: apt-get install -y chromium fonts-noto-cjk)')

describe.skipIf(!hasChromium)('quizzes in the browser', () => {
  const session = useE2ESession()
  const tmp = mkdtempSync(join(tmpdir(), 'zbt-quiz-e2e-'))
  const { signIn } = session

  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true })
  })

  /** Clicks the options with these ids on the visible page (a choice question takes one or several). */
  async function choose(page: Page, ids: string[]): Promise<void> {
    for (const id of ids) await page.locator(`[data-testid="quiz-option"][data-id="${id}"]:visible`).first().click()
  }

  /**
   * `openid` takes the quiz through the function, as the app would, at reading speed (started five minutes
   * ago), answering the first `right` questions correctly and leaving the rest blank: the attempt's id.
   */
  async function submitAttempt(quizId: string, openid: string, right: number): Promise<string> {
    const started = (
      await session.cloud.call<{ ok: boolean; data: { attemptId: string } }>(
        'quiz',
        { action: 'start', kind: 'quiz', quizId },
        openid,
      )
    ).data
    const [attempt] = await findDocs<AttemptDoc>(session.sdk, 'quizAttempts', { _id: started.attemptId })
    await session.sdk
      .database()
      .collection('quizAttempts')
      .doc(attempt._id)
      .update({ data: { startedAt: new Date(Date.now() - 5 * 60_000) } })
    const answers = attempt.items.map((item, i) => ({ key: item.key, choice: i < right ? item.answerIds : [] }))
    await session.cloud.call('quiz', { action: 'submit', attemptId: attempt._id, answers }, openid)
    return attempt._id
  }

  async function confirmModal(page: Page, label: string): Promise<void> {
    await page.locator('.taro__modal').getByText(label, { exact: true }).click()
  }

  it('a student takes the daily quiz, reads the explanations, and retries the wrong answer in 错题本', async () => {
    const student = { name: '杨梦琪', memberId: memberIdOf('2022010203') }
    const { page, errors } = await signIn(student.name)
    const tab = await openTab(page, '答题')
    const take = await tapTo(tab.locator('[data-testid="daily-start"]'), 'page-quiz-take')
    await take.locator('[data-testid="quiz-question"]').waitFor()

    const [attempt] = await findDocs<AttemptDoc>(session.sdk, 'quizAttempts', {
      memberId: student.memberId,
      kind: 'daily',
    })
    expect(attempt.items).toHaveLength(5)
    // The first answer wrong, the others right.
    for (const [i, item] of attempt.items.entries()) {
      await expect.poll(() => take.locator('[data-testid="quiz-stem"]').textContent()).toBe(item.stem)
      await choose(page, i === 0 ? [item.shown.find((o) => !item.answerIds.includes(o.id))?.id ?? ''] : item.answerIds)
      if (i < attempt.items.length - 1) await take.locator('[data-testid="quiz-next"]').click()
    }
    // A person reads for a while; the server flags anything faster.
    await session.sdk
      .database()
      .collection('quizAttempts')
      .doc(attempt._id)
      .update({ data: { startedAt: new Date(Date.now() - 90_000) } })
    await take.locator('[data-testid="quiz-submit"]').click()
    await confirmModal(page, '交卷')

    const result = await waitForPage(page, 'page-quiz-result')
    await expect.poll(() => result.locator('[data-testid="quiz-score-value"]').textContent()).toBe('80')
    expect(await result.textContent()).toContain('学习积分 +4')
    await expect.poll(() => result.locator('[data-testid="quiz-explanation"]').count()).toBe(5)
    const wrongItem = result.locator('[data-testid="quiz-review-item"][data-correct="no"]')
    expect(await wrongItem.count()).toBe(1)
    expect(await wrongItem.textContent()).toContain(attempt.items[0].explanation)

    // 错题本: the wrong answer is there; answering it right masters it.
    const book = await tapTo(result.locator('[data-testid="quiz-to-mistakes"]'), 'page-quiz-mistakes')
    const card = book.locator('[data-testid="mistake-card"]', { hasText: attempt.items[0].stem })
    await card.waitFor()
    const [mistake] = (await mistakesOf(session.sdk, student.memberId)).filter(
      (m) => m.questionId === attempt.items[0].questionId,
    )
    for (const id of mistake.answerIds) await card.locator(`[data-testid="quiz-option"][data-id="${id}"]`).click()
    await card.locator('[data-testid="mistake-submit"]').click()
    await expect.poll(() => card.getAttribute('data-state')).toBe('right')
    expect(await card.textContent()).toContain('已掌握')
    await book.locator('[data-testid="mistakes-tab-mastered"]').click()
    await expect.poll(() => book.locator('[data-testid="mistake-card"][data-state="mastered"]').count()).toBe(1)
    expect(await book.textContent()).toContain(attempt.items[0].stem)

    // Back on the tab: today is done, with its score.
    await page.goBack()
    await page.goBack()
    const home = await openTab(page, '答题')
    await expect.poll(() => home.locator('[data-testid="daily-score"]').textContent()).toBe('80')
    expect(errors).toEqual([])
  }, 180_000)

  it('a secretary publishes a 10-question timed quiz for the branch and follows its statistics', async () => {
    const { page, errors } = await signIn('陈立华')
    const tab = await openTab(page, '答题')
    const form = await tapTo(tab.locator('[data-testid="quiz-create-link"]'), 'page-quiz-create')
    await form
      .locator('input[data-testid="create-title"], [data-testid="create-title"] input')
      .fill('支部党员大会前党章自测')
    expect(await form.locator('[data-testid="create-count"]').textContent()).toContain('10')
    expect(await form.locator('[data-testid="create-minutes"]').textContent()).toContain('15')
    await form.locator('[data-testid="create-submit"]').click()

    const stats = await waitForPage(page, 'page-quiz-stats')
    await expect.poll(() => stats.textContent()).toContain('支部党员大会前党章自测')
    const [quiz] = await findDocs<QuizDoc>(session.sdk, 'quizzes', { title: '支部党员大会前党章自测' })
    expect(quiz).toMatchObject({ branchId: 'branch-cs', count: 10, timeLimitMinutes: 15, mode: 'random' })
    const audience = Number(
      (await stats.locator('[data-testid="stats-participation"]').textContent())?.match(/0\/(\d+)/)?.[1],
    )
    expect(audience).toBeGreaterThan(5)

    // A member takes it (through the function, as the app would); the statistics follow.
    const openid = demoOpenid('2021010105')
    await submitAttempt(quiz._id, openid, 7)
    await page.reload()
    const after = await waitForPage(page, 'page-quiz-stats')
    await expect
      .poll(() => after.locator('[data-testid="stats-participation"]').textContent())
      .toContain(`1/${audience}`)
    expect(await after.locator('[data-testid="stats-distribution"]').textContent()).toContain('70–79 分1 人')
    expect(await after.locator('[data-testid="stats-not-taken"]').textContent()).not.toContain('黄诗涵')
    expect(errors).toEqual([])
  }, 180_000)

  it('the committee imports a spreadsheet and is told exactly which three rows are wrong', async () => {
    const file = join(tmp, '题库导入.xlsx')
    await writeQuestionSheet(file, [
      ...SAMPLE_QUESTION_ROWS,
      [
        '多选',
        '下列属于“三会一课”中“三会”的有？',
        '支部党员大会',
        '支部委员会会议',
        '党小组会',
        '读书会',
        '',
        '',
        'ABC',
        '',
        '党规',
        '中',
      ],
      ['单选', '党的十七大召开于哪一年？', '2002年', '2007年', '2012年', '', '', '', 'D', '', '党史', '中'],
    ])

    const { page, errors } = await signIn('刘建国')
    const tab = await openTab(page, '答题')
    const importer = await tapTo(tab.locator('[data-testid="quiz-import-link"]'), 'page-quiz-import')
    const chooser = page.waitForEvent('filechooser')
    await importer.locator('[data-testid="import-pick"]').click()
    await (await chooser).setFiles(file)

    const report = importer.locator('[data-testid="import-errors"]')
    await report.waitFor({ timeout: 30_000 })
    const rows = await report.locator('[data-testid="import-error"]').allTextContents()
    expect(rows).toEqual([
      '第 3 行：缺少正确答案',
      '第 5 行：题型“问答”无法识别，应为单选、多选或判断',
      '第 7 行：正确答案 D 没有对应的选项',
    ])
    expect(await importer.locator('[data-testid="import-summary"]').textContent()).toContain('3 道可以导入')
    expect(await findDocs(session.sdk, 'questions', { source: 'import' })).toHaveLength(0)

    await importer.locator('[data-testid="import-confirm"]').click()
    await visiblePage(page, 'page-quiz-import').locator('[data-testid="import-done"]').waitFor()
    const imported = await findDocs<QuestionDoc>(session.sdk, 'questions', { source: 'import' })
    expect(imported.map((q) => q.stem).sort()).toEqual(
      ['“两学一做”学习教育于2016年开展。', '下列属于“三会一课”中“三会”的有？', '党的十八大召开于哪一年？'].sort(),
    )
    await settle(page)
    expect(errors).toEqual([])
  }, 180_000)
  it('tells a student with an attempt left why the answers are not shown yet, and shows them after the last attempt', async () => {
    // 周俊杰 takes the branch's 2-attempt quiz (through the function, as the app would), at reading speed.
    const openid = demoOpenid('2021010122')
    const submitOnce = (): Promise<string> => submitAttempt('quiz-cs-constitution', openid, 6)
    const first = await submitOnce()
    const { page, errors } = await signIn('周俊杰')
    await page.goto(`${session.cloud.url}/packages/quiz/result/index?attemptId=${encodeURIComponent(first)}`)
    const held = await waitForPage(page, 'page-quiz-result')
    await expect.poll(() => held.locator('[data-testid="quiz-score-value"]').textContent()).toBe('60')
    expect(await held.locator('[data-testid="quiz-answers-held"]').textContent()).toContain('你还有 1 次作答机会')
    expect(await held.locator('[data-testid="quiz-review-item"]').count()).toBe(0)

    const last = await submitOnce()
    await page.goto(`${session.cloud.url}/packages/quiz/result/index?attemptId=${encodeURIComponent(last)}`)
    const shown = await waitForPage(page, 'page-quiz-result')
    await expect.poll(() => shown.locator('[data-testid="quiz-explanation"]').count()).toBe(10)
    expect(await shown.locator('[data-testid="quiz-answers-held"]').count()).toBe(0)
    expect(errors).toEqual([])
  }, 180_000)
})
