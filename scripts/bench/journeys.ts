import type { LocalCloud } from '../../test/helpers/cloud'
import { dataOf, isWrite, personas, recentCalls, type CallRecord, type Envelope, type Persona } from './cloud'
import { percentile, row, type Row } from './table'

const BUDGET = { firstScreenCalls: 1, dbRequests: 4, examinedPerReturned: 2, p95Ms: 50 }

interface Case {
  label: string
  fn: string
  /** A tab's first screen: budget of one function call. */
  firstScreen: boolean
  /** Who calls, by sample index (some actions are once per person per day). */
  who: (i: number) => Persona
  event: (i: number) => Record<string, unknown>
}

export interface JourneyFigure {
  label: string
  samples: number
  failures: string[]
  functionCalls: number
  dbRequestsMax: number
  /** The database requests of the heaviest call, in order (collection action [index]). */
  heaviestCall: string[]
  worstQuery: { collection: string; action: string; index: string | null; keys: number; examined: number; returned: number } | null
  unindexed: string[]
  p50: number
  p95: number
}

function measure(label: string, samples: number, calls: CallRecord[]): JourneyFigure {
  const roots = calls.filter((c) => c.parentCallId === null)
  const byRoot = new Map<string, number>()
  const listOf = new Map<string, string[]>()
  // A call's queries, plus those of the function calls it made (one level is all the code uses).
  for (const c of calls) {
    const root = c.parentCallId ?? c.callId
    byRoot.set(root, (byRoot.get(root) ?? 0) + c.queries.length + c.queriesDropped)
    listOf.set(root, [...(listOf.get(root) ?? []), ...c.queries.map((q) => `${q.collection} ${q.action.replace('database.', '')}${q.index ? ` [${q.index}]` : ''}`)])
  }
  let worst: JourneyFigure['worstQuery'] = null
  let worstRatio = -1
  const unindexed = new Set<string>()
  for (const c of calls) {
    for (const q of c.queries) {
      if (isWrite(q)) continue
      if (q.index === null) unindexed.add(`${q.collection} ${q.action.replace('database.', '')}`)
      const ratio = q.docsExamined / Math.max(1, q.docsReturned)
      if (ratio > worstRatio) {
        worstRatio = ratio
        worst = { collection: q.collection, action: q.action.replace('database.', ''), index: q.index, keys: q.keysExamined, examined: q.docsExamined, returned: q.docsReturned }
      }
    }
  }
  const ms = roots.map((c) => c.ms ?? 0)
  const dbRequestsMax = Math.max(0, ...byRoot.values())
  const heaviest = [...byRoot.entries()].find(([, count]) => count === dbRequestsMax)
  return {
    label,
    samples,
    failures: [...new Set(roots.filter((c) => !c.ok || c.code !== null).map((c) => c.code ?? 'threw'))],
    functionCalls: roots.length === 0 ? 0 : calls.length / roots.length,
    dbRequestsMax,
    heaviestCall: heaviest ? (listOf.get(heaviest[0]) ?? []) : [],
    worstQuery: worst,
    unindexed: [...unindexed],
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
  }
}

async function runCase(cloud: LocalCloud, c: Case, samples: number): Promise<JourneyFigure> {
  const before = new Set((await recentCalls(cloud, 2000)).map((r) => r.callId))
  for (let i = 0; i < samples; i++) await cloud.call(c.fn, c.event(i), c.who(i).openid)
  const calls = (await recentCalls(cloud, 2000)).filter((r) => !before.has(r.callId))
  return measure(c.label, samples, calls)
}

function rowsOf(f: JourneyFigure, firstScreen: boolean): Row[] {
  const s = `journey`
  const name = f.label
  const rows: Row[] = []
  if (f.failures.length > 0) rows.push(row(s, `${name}: refused`, f.failures.join(','), 'none', false))
  rows.push(row(s, `${name}: function calls`, String(f.functionCalls), firstScreen ? '<= 1 (first screen)' : '-', firstScreen ? f.functionCalls <= BUDGET.firstScreenCalls : null))
  rows.push(row(s, `${name}: db requests (max)`, String(f.dbRequestsMax), '<= 4', f.dbRequestsMax <= BUDGET.dbRequests))
  const w = f.worstQuery
  rows.push(
    row(
      s,
      `${name}: worst examined/returned`,
      w ? `${w.examined}/${w.returned} (${w.keys} keys) ${w.collection} ${w.action}` : '-',
      '<= 2x',
      w ? w.examined <= BUDGET.examinedPerReturned * Math.max(1, w.returned) : true,
    ),
  )
  rows.push(row(s, `${name}: reads without index`, f.unindexed.length ? f.unindexed.join('; ') : '0', '0', f.unindexed.length === 0))
  rows.push(row(s, `${name}: server ms p50/p95`, `${f.p50}/${f.p95}`, 'p95 <= 50', f.p95 <= BUDGET.p95Ms))
  return rows
}

/** Each tab's first-screen action and a few journeys, as seeded personas, on the seeded demo data. */
export async function journeys(cloud: LocalCloud, samples: number): Promise<{ rows: Row[]; figures: JourneyFigure[] }> {
  const people = await personas(cloud)
  const byName = (name: string): Persona => {
    const p = people.find((x) => x.name === name)
    if (!p) throw new Error(`no seeded persona ${name}`)
    return p
  }
  const student = byName('张欣怡')
  const secretary = byName('陈立华')
  const students = people.filter((p) => p.role === 'student')
  const me = () => student
  const sec = () => secretary
  const eachStudent = (i: number) => students[i % students.length]

  // Setup (not measured): articles to open.
  const feed = dataOf(await cloud.call<Envelope<{ latest: { id: string }[]; pinned: { id: string }[] }>>('study', { action: 'feed' }, student.openid), 'study.feed')
  const articles = [...feed.pinned, ...feed.latest].map((a) => a.id)
  if (articles.length === 0) throw new Error('the seed has no article in the feed')

  const cases: Case[] = [
    { label: 'user.login (student)', fn: 'user', firstScreen: true, who: me, event: () => ({ action: 'login' }) },
    { label: 'user.me / 我的 (student)', fn: 'user', firstScreen: true, who: me, event: () => ({ action: 'me' }) },
    { label: 'study.feed / 学习 (student)', fn: 'study', firstScreen: true, who: me, event: () => ({ action: 'feed' }) },
    { label: 'report.listMine / 汇报 (student)', fn: 'report', firstScreen: true, who: me, event: () => ({ action: 'listMine' }) },
    { label: 'report.listForReview / 汇报 (secretary)', fn: 'report', firstScreen: true, who: sec, event: () => ({ action: 'listForReview', limit: 20 }) },
    { label: 'meeting.list / 签到 (student)', fn: 'meeting', firstScreen: true, who: me, event: () => ({ action: 'list', scope: 'upcoming' }) },
    { label: 'meeting.list / 签到 (secretary)', fn: 'meeting', firstScreen: true, who: sec, event: () => ({ action: 'list', scope: 'upcoming' }) },
    { label: 'quiz.daily / 答题 (student)', fn: 'quiz', firstScreen: true, who: me, event: () => ({ action: 'daily' }) },
    { label: 'branch.dashboard (secretary)', fn: 'branch', firstScreen: true, who: sec, event: () => ({ action: 'dashboard' }) },
    { label: 'study.openArticle (student)', fn: 'study', firstScreen: false, who: me, event: (i) => ({ action: 'openArticle', id: articles[i % articles.length] }) },
    { label: 'study.checkIn (each student once)', fn: 'study', firstScreen: false, who: eachStudent, event: () => ({ action: 'checkIn' }) },
  ]
  const figures: JourneyFigure[] = []
  const rows: Row[] = []
  for (const c of cases) {
    const n = c.who === eachStudent ? Math.min(samples, students.length) : samples
    const f = await runCase(cloud, c, n)
    figures.push(f)
    rows.push(...rowsOf(f, c.firstScreen))
  }

  // The daily quiz: once per student per day, so each sample is another student.
  const quizzers = students.slice(0, Math.min(samples, students.length))
  const attempts: { openid: string; attemptId: string; answers: { key: string; choice: string[] }[] }[] = []
  const startBefore = new Set((await recentCalls(cloud, 2000)).map((r) => r.callId))
  for (const p of quizzers) {
    type Open = { attemptId: string; questions: { key: string; options: { id: string }[] }[] }
    const res = await cloud.call<Envelope<Open>>('quiz', { action: 'start', kind: 'daily' }, p.openid)
    if (res.ok) attempts.push({ openid: p.openid, attemptId: res.data.attemptId, answers: res.data.questions.map((q) => ({ key: q.key, choice: [q.options[0].id] })) })
  }
  const startFigure = measure('quiz.start daily (each student once)', quizzers.length, (await recentCalls(cloud, 2000)).filter((r) => !startBefore.has(r.callId)))
  const submitBefore = new Set((await recentCalls(cloud, 2000)).map((r) => r.callId))
  for (const a of attempts) await cloud.call('quiz', { action: 'submit', attemptId: a.attemptId, answers: a.answers }, a.openid)
  const submitFigure = measure('quiz.submit daily (each student once)', attempts.length, (await recentCalls(cloud, 2000)).filter((r) => !submitBefore.has(r.callId)))
  for (const f of [startFigure, submitFigure]) {
    figures.push(f)
    rows.push(...rowsOf(f, false))
  }
  return { rows, figures }
}
