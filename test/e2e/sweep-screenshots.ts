/**
 * A screenshot of every page of the app (src/app.config.ts) at 390×844 in Chromium, as each role that opens
 * it, in three states: the seeded data, empty data (a new branch whose secretary and student have nothing
 * yet) and an error (every function call answers INTERNAL). For looking at every screen and comparing after
 * a change (issue #16):
 *   npm run build:h5 && npx tsx test/e2e/sweep-screenshots.ts [filter]
 * Writes test-results/sweep/<state>-<role>-<route>.png; `filter` keeps the routes containing it.
 * The weapp renderer (test/weapp/) has no pixels, so it is not shot here.
 */
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { newMemberId } from '../../cloudfunctions/_shared/ids'
import { ROOT } from '../helpers/cloud'
import { adminSdk } from '../helpers/sdk'
import { pageCases, readSeeded, type PageCase, type Seeded } from '../weapp/cases'
import { runScreenshots } from './helpers/script'
import { openSettled, phoneContext } from './helpers/browser'

const OUT = join(ROOT, 'test-results', 'sweep')
const FAILURE = { result: { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } }

type Role = 'student' | 'secretary' | 'committee' | 'newcomer'
interface Identity {
  openid: string
  name: string | null
  role: Exclude<Role, 'newcomer'> | null
}

/** Pages every member opens (the tabs and one's own things): shot as each role, not only the case's. */
const EVERYONE = [
  'pages/study/index',
  'pages/report/index',
  'pages/checkin/index',
  'pages/quiz/index',
  'pages/me/index',
  'packages/account/about/index',
]
/** Branch management the case shows as the secretary: the committee opens it too (any branch). */
const COMMITTEE_TOO = [
  'packages/branch/members/index',
  'packages/branch/exports/index',
  'packages/quiz-admin/manage/index',
  'packages/meeting/compliance/index',
  'packages/publish/index/index',
]

/** A new branch with a bound secretary and a bound activist and nothing else: the empty state of every list. */
async function addEmptyBranch(url: string): Promise<{ secretary: Identity; student: Identity }> {
  const db = adminSdk(url).database()
  const branchId = 'branch-new'
  const now = new Date()
  await db.collection('branches').add({
    data: {
      _id: branchId,
      collegeId: 'college-main',
      name: '新成立党支部',
      order: 9,
      secretaryIds: [],
      createdAt: now,
    },
  })
  const person = async (
    no: string,
    name: string,
    role: 'secretary' | 'student',
    stage: string,
  ): Promise<Identity & { memberId: string }> => {
    const openid = `o-sweep-${no}`
    const memberId = newMemberId()
    await db.collection('members').add({
      data: {
        _id: memberId,
        collegeId: 'college-main',
        branchId,
        studentNo: no,
        name,
        className: '计算机2601',
        gender: 'female',
        stage,
        stageDates: {},
        roles: [role],
        openid,
        boundAt: now,
        createdAt: now,
        updatedAt: now,
      },
    })
    await db.collection('bindings').add({ data: { _id: openid, memberId, boundAt: now } })
    return { openid, name, role, memberId }
  }
  const secretary = await person('2026990001', '王新', 'secretary', 'full')
  const student = await person('2026990002', '李想', 'student', 'activist')
  await db
    .collection('branches')
    .doc(branchId)
    .update({ data: { secretaryIds: [secretary.memberId] } })
  return { secretary, student }
}

function pathOf(c: PageCase): string {
  const query = new URLSearchParams(c.query).toString()
  return `/${c.route}${query ? `?${query}` : ''}`
}

function fileName(state: string, role: string, route: string): string {
  return `${state}-${role}-${route
    .replace(/\/index$/, '')
    .replace(/^(pages|packages)\//, '')
    .replace(/\//g, '-')}.png`
}

async function shoot(
  browser: Browser,
  base: string,
  who: Identity,
  role: string,
  state: string,
  cases: PageCase[],
  fail: boolean,
): Promise<number> {
  const context = await phoneContext(browser)
  await context.addInitScript((identity) => {
    localStorage.setItem('zbt:dev-identity', JSON.stringify({ data: identity }))
  }, who)
  // The session (`user`) still answers: otherwise every page shows the session gate's error, not its own.
  if (fail)
    await context.route(/\/api\/functions\/(?!user$)/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(FAILURE) }),
    )
  const page: Page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  let count = 0
  for (const c of cases) {
    const file = fileName(state, role, c.route)
    try {
      await openSettled(page, `${base}${pathOf(c)}`)
      await page.screenshot({ path: join(OUT, file), fullPage: true })
      count++
      console.log(`  ${file}`)
    } catch (error) {
      console.log(`  ${file} FAILED: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  if (errors.length) console.log(`  page errors (${state} ${role}):`, errors)
  await context.close()
  return count
}

function casesFor(all: PageCase[], role: Role, filter: string): PageCase[] {
  return all
    .filter((c) => c.route.includes(filter))
    .flatMap((c): PageCase[] => {
      if (c.who === role) return [c]
      if (role === 'newcomer') return []
      if (EVERYONE.includes(c.route)) return [{ ...c, who: role }]
      if (role === 'committee' && COMMITTEE_TOO.includes(c.route)) return [{ ...c, who: role }]
      return []
    })
}

const filter = process.argv[2] ?? ''

runScreenshots(async (session) => {
  const { cloud, browser } = session
  const seeded: Seeded = await readSeeded(cloud)
  const all = pageCases(seeded)
  const persona = (role: Exclude<Role, 'newcomer'>): Identity => ({
    openid: seeded.personas[role].openid,
    name: seeded.personas[role].name,
    role,
  })
  const identities: Record<Role, Identity> = {
    student: persona('student'),
    secretary: persona('secretary'),
    committee: persona('committee'),
    newcomer: { openid: 'dev-new-sweep', name: null, role: null },
  }
  let total = 0
  for (const role of ['student', 'secretary', 'committee', 'newcomer'] as const) {
    // The quiz result belongs to whoever made the attempt.
    for (const c of casesFor(all, role, filter)) {
      const who = c.openid ? { ...identities[role], openid: c.openid } : identities[role]
      total += await shoot(browser, cloud.url, who, role, 'real', [c], false)
    }
  }
  // Empty: list pages and pages keyed by the persona's own period; pages about a seeded id would only be refused.
  const empty = await addEmptyBranch(cloud.url)
  for (const role of ['student', 'secretary'] as const) {
    const cases = casesFor(all, role, filter).filter((c) =>
      Object.keys(c.query).every((k) => k === 'period' || k === 'kind' || k === 'best'),
    )
    total += await shoot(browser, cloud.url, empty[role], role, 'empty', cases, false)
  }
  for (const role of ['student', 'secretary', 'committee'] as const) {
    const cases = all.filter((c) => c.who === role && c.route.includes(filter))
    total += await shoot(browser, cloud.url, identities[role], role, 'error', cases, true)
  }
  console.log(`${total} screenshots in ${OUT}`)
}, OUT)
