/**
 * Screenshots of the screens issue #21 trimmed for the weapp's node budget (study and 我的 tabs, the review queue, the
 * roster, the question bank, the audit log), with the bench's long lists and with nothing to show, at 390×844, on H5
 * (Chromium) and on the weapp renderer (test/weapp/snapshot.ts):
 *   SHOTS_TAG=after npx tsx test/e2e/lists-screenshots.ts
 * Writes PNGs to test-results/screenshots/lists-<screen>-<tag>.png and lists-weapp-<screen>-<tag>.png
 * (build both first: npm run build:h5, npm run build:weapp).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { LocalCloud } from '../helpers/cloud'
import { growLists } from '../../scripts/bench/weapp'
import { ROOT } from '../helpers/cloud'
import { readSeeded, type Seeded } from '../weapp/cases'
import { snapshot } from '../weapp/snapshot'
import { WeappApp, type WeappPage } from '../weapp/weapp'
import { phoneContext, settle, watchedPage } from './helpers/browser'
import { runShots } from './helpers/shots'

const OUT = join(ROOT, 'test-results', 'screenshots')
const TAG = process.env.SHOTS_TAG ?? 'after'

async function visible(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]:visible`).first().waitFor({ state: 'visible', timeout: 30_000 })
  await settle(page, 800)
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `lists-${name}-${TAG}.png`) })
  console.log(`  lists-${name}-${TAG}.png`)
}

async function as(browser: Browser, base: string, name: string): Promise<Page> {
  const { page, errors } = await watchedPage(await phoneContext(browser))
  page.on('close', () => errors.length && console.log(`  console errors as ${name}:`, errors))
  await page.goto(`${base}/`)
  await visible(page, 'page-persona')
  await page.locator('[data-testid="persona-item"]', { hasText: name }).first().click()
  await visible(page, 'page-study')
  return page
}

async function open(page: Page, base: string, path: string, testId: string): Promise<void> {
  await page.goto(`${base}${path}`)
  await visible(page, testId)
}

/** Types into the visible input with this placeholder and confirms it (the keyboard's 搜索). */
async function search(page: Page, placeholder: string, text: string): Promise<void> {
  const input = page.locator(`input[placeholder="${placeholder}"]:visible`).first()
  await input.fill(text)
  await input.press('Enter')
  await settle(page, 1200)
}

/** The same screens on the weapp renderer. */
async function weappShots(browser: Browser, cloud: LocalCloud, seeded: Seeded): Promise<void> {
  const shots: [string, 'student' | 'secretary' | 'committee', string, ((p: WeappPage) => Promise<void>)?][] = [
    ['study-student', 'student', 'pages/study/index'],
    ['me-student', 'student', 'pages/me/index'],
    ['me-secretary', 'secretary', 'pages/me/index'],
    ['queue', 'secretary', 'pages/report/index'],
    ['queue-returned', 'secretary', 'pages/report/index', (p) => p.tap(/已退回/)],
    ['roster', 'secretary', 'packages/branch/members/index'],
    ['roster-empty', 'secretary', 'packages/branch/members/index', (p) => find(p, '搜索姓名或学号', '查无此人')],
    ['bank', 'committee', 'packages/quiz-admin/bank/index'],
    ['bank-empty', 'committee', 'packages/quiz-admin/bank/index', (p) => find(p, '搜索题干关键词', '查无此题')],
    ['audit', 'committee', 'packages/branch/audit/index'],
    [
      'audit-empty',
      'committee',
      'packages/branch/audit/index',
      async (p) => {
        await p.input('操作人：姓名或学号', '查无此人')
        await p.tap('查询')
      },
    ],
  ]
  for (const [name, who, route, act] of shots) {
    const app = await WeappApp.launch({ cloudUrl: cloud.url, openid: seeded.personas[who].openid }, route)
    try {
      if (act) await act(app.page)
      await snapshot(browser, app.page, join(OUT, `lists-weapp-${name}-${TAG}.png`))
      console.log(`  lists-weapp-${name}-${TAG}.png (${app.page.nodeCount()} nodes)`)
    } finally {
      app.close()
    }
  }
}

/** Types into a search field of the weapp page and confirms it. */
async function find(page: WeappPage, placeholder: string, text: string): Promise<void> {
  await page.input(placeholder, text)
  await page.fire(page.field(placeholder), 'confirm', { value: text })
  await page.app.idle()
}

runShots(async (browser, cloud) => {
  mkdirSync(OUT, { recursive: true })
  const seeded = await readSeeded(cloud)
  await growLists(cloud, seeded)
  if (process.env.SHOTS_WEAPP !== '0') await weappShots(browser, cloud, seeded)
  if (process.env.SHOTS_H5 === '0') return
  const base = cloud.url
  const student = await as(browser, base, '张欣怡')
  await shoot(student, 'study-student')
  await open(student, base, '/pages/me/index', 'page-me')
  await shoot(student, 'me-student')

  const secretary = await as(browser, base, '陈立华')
  await shoot(secretary, 'study-secretary')
  await open(secretary, base, '/pages/me/index', 'page-me')
  await shoot(secretary, 'me-secretary')
  await open(secretary, base, '/pages/report/index', 'review-queue')
  await shoot(secretary, 'queue')
  await secretary.locator('[data-testid="queue-tab-returned"]:visible').first().click()
  await settle(secretary, 1500)
  await shoot(secretary, 'queue-returned')
  await open(secretary, base, '/packages/branch/members/index', 'branch-members')
  await shoot(secretary, 'roster')
  await search(secretary, '搜索姓名或学号', '查无此人')
  await shoot(secretary, 'roster-empty')

  const committee = await as(browser, base, '刘建国')
  await open(committee, base, '/packages/quiz-admin/bank/index', 'page-quiz-bank')
  await settle(committee, 1500)
  await shoot(committee, 'bank')
  await search(committee, '搜索题干关键词', '查无此题')
  await shoot(committee, 'bank-empty')
  await open(committee, base, '/packages/branch/audit/index', 'audit-log')
  await shoot(committee, 'audit')
  await committee.locator('input[placeholder="操作人：姓名或学号"]:visible').first().fill('查无此人')
  await committee.locator('[data-testid="audit-search"]:visible').first().click()
  await settle(committee, 1500)
  await shoot(committee, 'audit-empty')
})
