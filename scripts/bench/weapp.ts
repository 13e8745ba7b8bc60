/**
 * The weapp's own figures (issue #21), on the weapp renderer (test/weapp: WeChat's compiled templates and the
 * build's own JS): for each tab's first screen and for the long lists, the WXML nodes of the first render and the
 * setData calls and bytes until content shows; for the lists, the setData bytes one tap on an item and one
 * 加载更多 send to the list page. WeChat's bars: < 1,000 nodes, ≤ 256 KB per setData, ≤ 20 setData a second.
 * The lists are grown first on a fresh seeded cloud: a 1,000-member branch with a pending report each, a bank of
 * 2,000 questions and 2,000 audit entries (clones of seeded documents, written through the real SDK).
 */
import { ensureWeappBuild } from '../../test/weapp/build'
import { readSeeded, type Seeded } from '../../test/weapp/cases'
import { WeappApp, type WeappPage } from '../../test/weapp/weapp'
import { adminSdk, findDocs } from '../../test/helpers/sdk'
import type { LocalCloud } from '../../test/helpers/cloud'
import { kb, row, type Row } from './table'
import { runMain } from './run-main'

const NODE_BAR = 1000
const SET_DATA_BAR = 256 * 1024
const TAP_BUDGET = 16 * 1024
const LIST_MEMBERS = 1000
const LIST_QUESTIONS = 2000
const LIST_AUDIT = 2000

type Doc = Record<string, unknown> & { _id: string }
type Db = ReturnType<ReturnType<typeof adminSdk>['database']>

export interface ScreenFigure {
  screen: string
  nodes: number
  setDataCalls: number
  setDataBytes: number
  largestSetData: number
  tapBytes?: number
  moreBytes?: number
}

/** setData sent to `page` while `act` runs. */
async function setDataDuring(app: WeappApp, page: WeappPage, act: () => Promise<void>): Promise<number> {
  const before = app.setDataLog.length
  await act()
  return app.setDataLog
    .slice(before)
    .filter((r) => r.page === page)
    .reduce((sum, r) => sum + r.bytes, 0)
}

async function measureOpen(cloud: LocalCloud, openid: string, route: string, query: Record<string, string> = {}) {
  const app = await WeappApp.launch({ cloudUrl: cloud.url, openid }, route, query)
  const page = app.page
  const opening = app.setDataLog.filter((r) => r.page === page && r.opening)
  const figure: ScreenFigure = {
    screen: route,
    nodes: page.nodeCount(),
    setDataCalls: opening.length,
    setDataBytes: opening.reduce((s, r) => s + r.bytes, 0),
    largestSetData: Math.max(0, ...opening.map((r) => r.bytes)),
  }
  if (app.errors.length) throw new Error(`${route}: ${app.errors.map((e) => e.message).join('; ')}`)
  return { app, page, figure }
}

async function insertAll(db: Db, collection: string, docs: Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 50) {
    await Promise.all(docs.slice(i, i + 50).map((d) => db.collection(collection).add({ data: d })))
  }
}

function withoutId(doc: Doc): Record<string, unknown> {
  const { _id: _drop, ...rest } = doc
  return rest
}

/** Grows the secretary's branch, the bank and the audit log to list sizes, cloning seeded documents. */
export async function growLists(cloud: LocalCloud, seeded: Seeded): Promise<void> {
  const sdk = adminSdk(cloud.url)
  const db = sdk.database()
  const branchId = seeded.personas.secretary.branchId as string
  const [member] = await findDocs<Doc>(sdk, 'members', { _id: seeded.personas.student.memberId })
  const [report] = await findDocs<Doc>(sdk, 'reports', { branchId, status: 'pending' })
  const [question] = await findDocs<Doc>(sdk, 'questions', {})
  const [entry] = await findDocs<Doc>(sdk, 'audit', {})
  if (!member || !report || !question || !entry)
    throw new Error('the seed lacks a member, a pending report, a question or an audit entry to clone')
  const members: Doc[] = []
  const reports: Doc[] = []
  for (let i = 0; i < LIST_MEMBERS; i++) {
    const id = `mbbebe${i.toString(16).padStart(16, '0')}`
    const name = `测试成员${String(i + 1).padStart(4, '0')}`
    members.push({
      ...withoutId(member),
      _id: id,
      name,
      studentNo: `2099${String(i).padStart(6, '0')}`,
      openid: null,
      branchId,
      stage: 'activist',
    } as Doc)
    reports.push({
      ...withoutId(report),
      _id: `rpbench${i}`,
      memberId: id,
      memberName: name,
      branchId,
      queueOrder: Number(report.queueOrder) - LIST_MEMBERS + i,
    } as Doc)
  }
  const questions: Doc[] = Array.from({ length: LIST_QUESTIONS }, (_, i) => ({
    ...withoutId(question),
    _id: `qbench${i}`,
    stem: `（压测题 ${i + 1}）${String(question.stem ?? '')}`,
    stemKey: `bench-${i}`,
  }))
  const audit: Doc[] = Array.from({ length: LIST_AUDIT }, (_, i) => ({
    ...withoutId(entry),
    _id: `aubench${i}`,
    at: new Date(Date.now() - i * 60_000),
  }))
  await insertAll(db, 'members', members)
  await insertAll(db, 'reports', reports)
  await insertAll(db, 'questions', questions)
  await insertAll(db, 'audit', audit)
}

/** Opens a long list, taps one item and 加载更多, and measures each. */
async function measureList(
  cloud: LocalCloud,
  openid: string,
  route: string,
  item: RegExp,
  label: string,
): Promise<ScreenFigure> {
  const { app, page, figure } = await measureOpen(cloud, openid, route)
  try {
    figure.screen = label
    const itemNode = page.tappables().find((n) => item.test(page.textOf(n)))
    if (itemNode) figure.tapBytes = await setDataDuring(app, page, () => page.tap(itemNode))
    while (app.page !== page) await app.back()
    const more = page.tappables().find((n) => /加载更多/.test(page.textOf(n)))
    if (more) figure.moreBytes = await setDataDuring(app, page, () => page.tap(more))
    return figure
  } finally {
    app.close()
  }
}

function rowsOf(f: ScreenFigure): Row[] {
  const rows = [
    row('weapp', `${f.screen}: nodes of the first render`, String(f.nodes), `< ${NODE_BAR}`, f.nodes < NODE_BAR),
    row(
      'weapp',
      `${f.screen}: setData until content`,
      `${f.setDataCalls} calls, ${kb(f.setDataBytes)}`,
      `largest ≤ ${kb(SET_DATA_BAR)}`,
      f.largestSetData <= SET_DATA_BAR,
    ),
  ]
  if (f.tapBytes !== undefined)
    rows.push(
      row(
        'weapp',
        `${f.screen}: setData of a tap on one item`,
        kb(f.tapBytes),
        `≤ ${kb(TAP_BUDGET)}`,
        f.tapBytes <= TAP_BUDGET,
      ),
    )
  if (f.moreBytes !== undefined) rows.push(row('weapp', `${f.screen}: setData of 加载更多`, kb(f.moreBytes), '-', null))
  return rows
}

/** `BENCH_WEAPP=study,roster`: only the screens whose label contains one of the words (all when unset). */
function wanted(label: string): boolean {
  const words = (process.env.BENCH_WEAPP ?? '').split(',').filter(Boolean)
  return words.length === 0 || words.some((w) => label.includes(w))
}

export async function weappFigures(cloud: LocalCloud): Promise<{ rows: Row[]; figures: ScreenFigure[] }> {
  ensureWeappBuild()
  const seeded = await readSeeded(cloud)
  const figures: ScreenFigure[] = []
  const tabs = ['pages/study/index', 'pages/report/index', 'pages/checkin/index', 'pages/quiz/index', 'pages/me/index']
  for (const who of ['student', 'secretary'] as const) {
    for (const tab of tabs) {
      const label = `${tab.split('/')[1]} tab (${who === 'student' ? '学生' : '书记'})`
      if (!wanted(label)) continue
      const { app, figure } = await measureOpen(cloud, seeded.personas[who].openid, tab)
      app.close()
      figures.push({ ...figure, screen: label })
    }
  }
  const secretary = seeded.personas.secretary.openid
  const committee = seeded.personas.committee.openid
  const lists: [string, string, string, RegExp][] = [
    [`roster of ${LIST_MEMBERS}+`, secretary, 'packages/branch/members/index', /测试成员/],
    ['review queue of 1,000+', secretary, 'pages/report/index', /测试成员/],
    // Any question of the first page (the seed's own may come first): a tap opens its editor.
    [`question bank of ${LIST_QUESTIONS}+`, committee, 'packages/quiz-admin/bank/index', /压测题|编辑 ›/],
    [`audit log of ${LIST_AUDIT}+`, committee, 'packages/branch/audit/index', /./],
  ]
  const chosen = lists.filter(([label]) => wanted(label))
  if (chosen.length) await growLists(cloud, seeded)
  for (const [label, openid, route, item] of chosen) figures.push(await measureList(cloud, openid, route, item, label))
  return { rows: figures.flatMap(rowsOf), figures }
}

/** `npx tsx scripts/bench/weapp.ts` (with BENCH_WEAPP to pick screens): this section alone, on a fresh local cloud. */
async function main(): Promise<void> {
  const { startLocalCloud } = await import('../../test/helpers/cloud')
  const { buildFunctions } = await import('../build-functions')
  const { formatTable } = await import('./table')
  await buildFunctions()
  const cloud = await startLocalCloud()
  try {
    console.log(formatTable((await weappFigures(cloud)).rows))
  } finally {
    await cloud.stop()
  }
}

runMain(module, main)
