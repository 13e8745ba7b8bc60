/**
 * Every voices page on the weapp renderer as a student, a 支委, a secretary and the committee, with the
 * seeded data, with nothing to show (the software branch: no appraisal, vote or survey of its own yet) and
 * with every function but the session failing. The renderer has no pixels: each rendered page's text goes
 * to test-results/weapp-voices/<state>-<role>-<page>.txt for review, next to the H5 screenshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { ROOT, startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { WeappApp } from './weapp'

const OUT = join(ROOT, 'test-results', 'weapp-voices')
const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()

/** branch-cs holds the seeded appraisal, vote and survey; branch-se has none of its own. */
const ROLES = {
  student: { real: '2021010230', empty: '2021020220' }, // 徐明轩 / 郑凯文
  zhiwei: { real: '2020010111', empty: '2020020106' }, // 孙雅琪 组织委员 / 谢雨萱 组织委员
  secretary: { real: 'T2016003', empty: '2020020102' }, // 陈立华 / 林晓雯
  committee: { real: 'T2009001', empty: 'T2009001' }, // 刘建国
} as const
type Role = keyof typeof ROLES

interface VoicesPage {
  route: string
  /** None when left out: a list page, which also has an empty state. */
  query?: Record<string, string>
  roles: readonly Role[]
  /** What the loaded page shows with data, per role when it differs. */
  shows: Partial<Record<Role, string>> & { all?: string }
  /** A form that calls nothing until it is sent: it shows the same when the functions fail. */
  form?: boolean
}

const ALL: readonly Role[] = ['student', 'zhiwei', 'secretary', 'committee']
/** Who may manage the branch's voices (a 支委 for their own branch). */
const MANAGERS: readonly Role[] = ['zhiwei', 'secretary', 'committee']
const PAGES: VoicesPage[] = [
  { route: 'packages/voices/index/index', roles: ALL, shows: { all: '榜样' } },
  {
    route: 'packages/voices/appraisal/index',
    query: { id: `ap-${year}-branch-cs` },
    roles: ALL,
    shows: {
      student: '自我评价',
      zhiwei: '互评由支部书记结束',
      secretary: '结束互评，查看票数',
      committee: '结束互评，查看票数',
    },
  },
  {
    route: 'packages/voices/manage/index',
    roles: MANAGERS,
    shows: { zhiwei: '你是本支部组织委员', secretary: '民主评议党员', committee: '全院' },
  },
  {
    route: 'packages/voices/vote/index',
    query: { id: 'vtseed0000000000000001' },
    roles: ALL,
    shows: { all: '推荐孙雅琪同志' },
  },
  { route: 'packages/voices/vote-edit/index', roles: MANAGERS, shows: { all: '发起投票' }, form: true },
  {
    route: 'packages/voices/survey/index',
    query: { id: 'svseed0000000000000001' },
    roles: ALL,
    shows: { all: '组织生活满意度调查' },
  },
  { route: 'packages/voices/survey-edit/index', roles: MANAGERS, shows: { all: '发布问卷' }, form: true },
  { route: 'packages/voices/honours/index', roles: ALL, shows: { all: '优秀共产党员' } },
]

let cloud: LocalCloud
let failing: Server
let failingUrl = ''

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  cloud = await startLocalCloud()
  // Every function answers INTERNAL except the session (`user`), which the real cloud answers.
  failing = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.url === '/api/functions/user') {
        void fetch(`${cloud.url}${req.url}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-wx-openid': String(req.headers['x-wx-openid'] ?? '') },
          body: Buffer.concat(chunks),
        })
          .then((r) => r.text())
          .then((body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body))
        return
      }
      const failure = { result: { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(failure))
    })
  })
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
  failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`
}, 120_000)

afterAll(async () => {
  failing?.close()
  await cloud?.stop()
})

async function render(state: string, role: Role, p: VoicesPage, cloudUrl: string, studentNo: string): Promise<string> {
  const app = await WeappApp.launch({ cloudUrl, openid: demoOpenid(studentNo) }, p.route, p.query)
  try {
    const page = app.page
    const shows = p.shows[role] ?? p.shows.all
    const expected = state === 'error' && !p.form ? '服务暂时不可用' : state === 'empty' ? null : shows
    if (expected) await page.waitForText(expected)
    else await page.waitForText(/./)
    const text = page.text()
    const name = p.route.replace(/^packages\/voices\//, '').replace(/\/index$/, '')
    writeFileSync(join(OUT, `${state}-${role}-${name}.txt`), text)
    expect(app.errors, `${state} ${role} ${p.route}`).toEqual([])
    return text
  } finally {
    app.close()
  }
}

describe('weapp: every voices page as each role', () => {
  it('with the seeded data', async () => {
    for (const p of PAGES) for (const role of p.roles) await render('real', role, p, cloud.url, ROLES[role].real)
  }, 240_000)

  it('with nothing to show yet', async () => {
    const lists = PAGES.filter((p) => !p.query)
    const texts: string[] = []
    for (const p of lists)
      for (const role of p.roles) texts.push(await render('empty', role, p, cloud.url, ROLES[role].empty))
    expect(texts.some((t) => t.includes('尚未开展'))).toBe(true)
  }, 240_000)

  it('when the functions fail: the message and 重试, nothing thrown', async () => {
    for (const p of PAGES) for (const role of p.roles) await render('error', role, p, failingUrl, ROLES[role].real)
  }, 240_000)
})
