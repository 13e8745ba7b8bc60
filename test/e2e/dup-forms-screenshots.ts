/**
 * Screenshots of the form pages folded onto the shared form pieces (issue #15: components/FormFields, TabRow,
 * CursorListView, hooks/useSubmit), as a student, a secretary and the committee, with the seeded data, with
 * nothing of their own (branch-se) and with every function but the session failing: on H5 in Chromium and on
 * the weapp renderer (its snapshot: the build's templates and stylesheets, not WeChat's pixels).
 *   npm run build:h5 && npx tsx test/e2e/dup-forms-screenshots.ts
 * `ONLY=voices-home,branch-import` takes only the pages so named.
 * Writes test-results/screenshots/dup-forms/{h5,weapp}-<state>-<role>-<page>.png.
 */
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT, startLocalCloud } from '../helpers/cloud'
import { snapshot } from '../weapp/snapshot'
import { WeappApp } from '../weapp/weapp'
import { launchBrowser, phoneContext, settle } from './helpers/browser'

const OUT = join(ROOT, 'test-results', 'screenshots', 'dup-forms')
const FAILURE = JSON.stringify({ result: { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } })

/** [with the seeded data (branch-cs), with nothing of their own (branch-se)]; the committee has one college. */
const PEOPLE = {
  student: ['2021010230', '2021020220'],
  secretary: ['T2016003', '2020020102'],
  committee: ['T2009001', 'T2009001'],
} as const
type Role = keyof typeof PEOPLE
type State = 'real' | 'empty' | 'error'

const ALL_PAGES: { name: string; route: string; query?: Record<string, string>; roles: Role[] }[] = [
  { name: 'care-home', route: 'packages/member-care/index/index', roles: ['student'] },
  { name: 'care-away', route: 'packages/member-care/away/index', roles: ['student'] },
  { name: 'care-transfer', route: 'packages/member-care/transfer/index', roles: ['student'] },
  { name: 'care-talk', route: 'packages/member-care/talk/index', roles: ['secretary'] },
  { name: 'care-training', route: 'packages/member-care/training/index', roles: ['committee'] },
  ...(['away', 'transfers', 'talks', 'hours'] as const).map((tab) => ({
    name: `care-branch-${tab}`,
    route: 'packages/member-care/branch/index',
    query: { tab },
    roles: ['secretary', 'committee'] as Role[],
  })),
  { name: 'voices-survey-edit', route: 'packages/voices/survey-edit/index', roles: ['secretary'] },
  { name: 'voices-vote-edit', route: 'packages/voices/vote-edit/index', roles: ['secretary'] },
  { name: 'voices-honours', route: 'packages/voices/honours/index', roles: ['secretary', 'committee'] },
  { name: 'quiz-bank', route: 'packages/quiz-admin/bank/index', roles: ['committee'] },
  { name: 'quiz-manage', route: 'packages/quiz-admin/manage/index', roles: ['secretary'] },
  { name: 'quiz-mistakes', route: 'packages/quiz/mistakes/index', roles: ['student'] },
  { name: 'quiz-ranking', route: 'packages/quiz/ranking/index', roles: ['student'] },
  { name: 'dues-branch', route: 'packages/dues/branch/index', roles: ['secretary'] },
  { name: 'dues-statement', route: 'packages/dues/statement/index', roles: ['committee'] },
  { name: 'dev-calendar', route: 'packages/development/calendar/index', roles: ['committee'] },
  { name: 'quiz-create', route: 'packages/quiz-admin/create/index', roles: ['secretary'] },
  { name: 'quiz-list', route: 'packages/quiz/list/index', roles: ['student'] },
  { name: 'voices-home', route: 'packages/voices/index/index', roles: ['student', 'secretary'] },
  {
    name: 'voices-survey',
    route: 'packages/voices/survey/index',
    query: { id: 'svseed0000000000000001' },
    roles: ['student'],
  },
  { name: 'voices-survey-no-id', route: 'packages/voices/survey/index', roles: ['student'] },
  { name: 'branch-import', route: 'packages/branch/import/index', roles: ['committee'] },
  { name: 'quiz-import', route: 'packages/quiz-admin/import/index', roles: ['committee'] },
]
const PAGES = ALL_PAGES.filter((p) => !process.env.ONLY || process.env.ONLY.split(',').includes(p.name))

const STATES: State[] = ['real', 'empty', 'error']
const shot = (kind: string, state: State, role: Role, name: string) => join(OUT, `${kind}-${state}-${role}-${name}.png`)

async function h5(browser: Browser, cloudUrl: string): Promise<number> {
  let count = 0
  for (const state of STATES)
    for (const role of Object.keys(PEOPLE) as Role[]) {
      const context = await phoneContext(browser)
      await context.addInitScript(
        (identity) => localStorage.setItem('zbt:dev-identity', JSON.stringify({ data: identity })),
        { openid: demoOpenid(PEOPLE[role][state === 'empty' ? 1 : 0]), name: '', role },
      )
      if (state === 'error')
        await context.route(/\/api\/functions\/(?!user$)/, (route) =>
          route.fulfill({ status: 200, contentType: 'application/json', body: FAILURE }),
        )
      const page = await context.newPage()
      for (const p of PAGES.filter((x) => x.roles.includes(role))) {
        await page.goto(`${cloudUrl}/${p.route}?${new URLSearchParams(p.query ?? {}).toString()}`)
        await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined)
        await settle(page, 600)
        await page.screenshot({ path: shot('h5', state, role, p.name), fullPage: true })
        count++
      }
      await context.close()
    }
  return count
}

async function weapp(browser: Browser, cloudUrl: string, failingUrl: string): Promise<number> {
  let count = 0
  for (const state of STATES)
    for (const role of Object.keys(PEOPLE) as Role[])
      for (const p of PAGES.filter((x) => x.roles.includes(role))) {
        const openid = demoOpenid(PEOPLE[role][state === 'empty' ? 1 : 0])
        const app = await WeappApp.launch(
          { cloudUrl: state === 'error' ? failingUrl : cloudUrl, openid },
          p.route,
          p.query ?? {},
        )
        try {
          await app.page.waitForText(/./)
          await new Promise((r) => setTimeout(r, 800))
          await snapshot(browser, app.page, shot('weapp', state, role, p.name))
          if (app.errors.length > 0) console.log(`  ${state} ${role} ${p.name}: ${JSON.stringify(app.errors)}`)
          count++
        } finally {
          app.close()
        }
      }
  return count
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const cloud = await startLocalCloud()
  // Every function answers INTERNAL except the session (`user`), which goes on to the local cloud.
  const failing = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const pass = req.url === '/api/functions/user'
      const answer = pass
        ? fetch(`${cloud.url}${req.url}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-wx-openid': String(req.headers['x-wx-openid'] ?? '') },
            body: Buffer.concat(chunks),
          }).then((r) => r.text())
        : Promise.resolve(FAILURE)
      void answer.then((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body))
    })
  })
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
  const browser = await launchBrowser()
  try {
    const failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`
    const n = (await h5(browser, cloud.url)) + (await weapp(browser, cloud.url, failingUrl))
    console.log(`${n} screenshots in ${OUT}`)
  } finally {
    await browser.close()
    failing.close()
    await cloud.stop()
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
