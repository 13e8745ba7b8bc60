/**
 * Screenshots of every voices page (and the two pages that link to it: a 组织生活会's meeting page and the
 * member page where the secretary sets a 支委 post) at 390×844 in Chromium, as a student, a 支委, a
 * secretary and the committee, with the seeded data, with nothing of their own (the software branch) and
 * with every function but the session failing:
 *   npm run build:h5 && npx tsx test/e2e/voices-screenshots.ts
 * Writes test-results/screenshots/voices-roles/<state>-<role>-<page>.png.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT, startLocalCloud } from '../helpers/cloud'
import { memberIdOf } from '../helpers/members'
import { adminSdk, findDocs } from '../helpers/sdk'
import { launchBrowser, openSettled, phoneContext } from './helpers/browser'

const OUT = join(ROOT, 'test-results', 'screenshots', 'voices-roles')
const FAILURE = { result: { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } }
const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()

/** Seeded people: [with the seeded data (branch-cs), with nothing of their own (branch-se)]. */
const PEOPLE = {
  student: [
    ['2021010230', '徐明轩'],
    ['2021020220', '郑凯文'],
  ],
  zhiwei: [
    ['2020010111', '孙雅琪'],
    ['2020020106', '谢雨萱'],
  ],
  secretary: [
    ['T2016003', '陈立华'],
    ['2020020102', '林晓雯'],
  ],
  committee: [
    ['T2009001', '刘建国'],
    ['T2009001', '刘建国'],
  ],
} as const
type Role = keyof typeof PEOPLE
const MANAGERS: Role[] = ['zhiwei', 'secretary', 'committee']
const ALL: Role[] = ['student', ...MANAGERS]

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const cloud = await startLocalCloud()
  const browser = await launchBrowser()
  try {
    const meetings = await findDocs<{ _id: string; type: string; branchId: string }>(adminSdk(cloud.url), 'meetings', {
      branchId: 'branch-cs',
      type: 'lifeMeeting',
    })
    const pages: { name: string; path: string; roles: Role[]; keyed: boolean }[] = [
      { name: 'index', path: 'packages/voices/index/index', roles: ALL, keyed: false },
      { name: 'appraisal', path: `packages/voices/appraisal/index?id=ap-${year}-branch-cs`, roles: ALL, keyed: true },
      { name: 'manage', path: 'packages/voices/manage/index', roles: MANAGERS, keyed: false },
      { name: 'vote', path: 'packages/voices/vote/index?id=vtseed0000000000000001', roles: ALL, keyed: true },
      { name: 'vote-edit', path: 'packages/voices/vote-edit/index', roles: MANAGERS, keyed: false },
      { name: 'survey', path: 'packages/voices/survey/index?id=svseed0000000000000001', roles: ALL, keyed: true },
      { name: 'survey-edit', path: 'packages/voices/survey-edit/index', roles: MANAGERS, keyed: false },
      { name: 'honours', path: 'packages/voices/honours/index', roles: ALL, keyed: false },
      {
        name: 'meeting-life',
        path: `packages/meeting/detail/index?id=${meetings[0]?._id ?? ''}`,
        roles: ['secretary'],
        keyed: true,
      },
      {
        name: 'branch-member-post',
        path: `packages/branch/member/index?id=${memberIdOf('2020010111')}`,
        roles: ['secretary'],
        keyed: true,
      },
    ]
    let count = 0
    for (const state of ['real', 'empty', 'error'] as const) {
      for (const role of ALL) {
        const [no, name] = PEOPLE[role][state === 'empty' ? 1 : 0]
        const context = await phoneContext(browser)
        await context.addInitScript(
          (identity) => {
            localStorage.setItem('zbt:dev-identity', JSON.stringify({ data: identity }))
          },
          { openid: demoOpenid(no), name, role: role === 'zhiwei' ? 'student' : role },
        )
        if (state === 'error')
          await context.route(/\/api\/functions\/(?!user$)/, (route) =>
            route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(FAILURE) }),
          )
        const page = await context.newPage()
        page.on('pageerror', (err) => console.log(`  page error (${state} ${role}): ${err.message}`))
        for (const p of pages.filter((x) => x.roles.includes(role) && !(state === 'empty' && x.keyed))) {
          await openSettled(page, `${cloud.url}/${p.path}`)
          await page.screenshot({ path: join(OUT, `${state}-${role}-${p.name}.png`), fullPage: true })
          count++
        }
        await context.close()
      }
    }
    console.log(`${count} screenshots in ${OUT}`)
  } finally {
    await browser.close()
    await cloud.stop()
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
