import { slotOf } from '../../../cloudfunctions/meeting/src/codes'
import type { LocalCloud } from '../../../test/helpers/cloud'
import { dataOf, personas, recentCalls, type Envelope, type Persona } from '../cloud'
import { callsSince, measure, rowsOf, runCase, type Case, type JourneyFigure } from '../journeys'
import type { Row } from '../table'
import { BENCH_SETTINGS } from './people'
import { openMeetingForm } from '../../../test/helpers/meeting-form'

/**
 * The journeys of issue #8 on the generated college: each tab's first screen, then the actions (open an
 * article, write and submit a report, review, the review queue, check in, meeting check-in by code, the
 * daily quiz). Callers are spread over the students and branches: sample i of a case is another person,
 * and cases start at different offsets, so no cache of one person's data flatters the figures.
 */

interface Feed {
  latest: { id: string }[]
  pinned: { id: string }[]
}
interface Queue {
  items: { id: string; version: number }[]
  nextCursor: string | null
}
interface CodeScreen {
  serverNow: number
  slots: { slot: number; code: string }[]
}
interface OpenQuiz {
  attemptId: string
  questions: { key: string; options: { id: string }[] }[]
}

/** Person i of `list`, stepping by a prime so neighbours are in different branches; `offset` varies by case. */
function spread(list: Persona[], offset: number): (i: number) => Persona {
  if (list.length === 0) throw new Error('no one to act as')
  return (i) => list[(offset + i * 97) % list.length]
}

function currentPeriod(now = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3_600_000)
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`
}

export async function collegeJourneys(
  cloud: LocalCloud,
  samples: number,
  draftWriters: string[],
): Promise<{ rows: Row[]; figures: JourneyFigure[] }> {
  const people = await personas(cloud)
  const students = people.filter((p) => p.role === 'student')
  const secretaries = people.filter((p) => p.role === 'secretary')
  const committee = people.filter((p) => p.role === 'committee')
  const writers = draftWriters
    .map((openid) => people.find((p) => p.openid === openid))
    .filter((p): p is Persona => p !== undefined)
  const call = async <T>(fn: string, event: Record<string, unknown>, who: Persona): Promise<T> =>
    dataOf(await cloud.call<Envelope<T>>(fn, event, who.openid), `${fn}.${String(event.action)}`)

  const student = (offset: number) => spread(students, offset)
  const sec = (offset: number) => spread(secretaries, offset)

  // Setup (not measured): articles the students can open, queues to page and review.
  const articleIds = new Set<string>()
  for (let i = 0; i < 5; i++) {
    const feed = await call<Feed>('study', { action: 'feed' }, students[(i * 613) % students.length])
    for (const a of [...feed.pinned, ...feed.latest]) articleIds.add(a.id)
  }
  const articles = [...articleIds]
  const reviewers = Array.from(
    { length: Math.min(samples, secretaries.length) },
    (_, i) => secretaries[i % secretaries.length],
  )
  const queues = new Map<string, Queue>()
  for (const s of new Set(reviewers))
    queues.set(s.openid, await call<Queue>('report', { action: 'listForReview', status: 'pending', limit: 20 }, s))
  const toReview = (i: number, decision: 'approve' | 'return'): Record<string, unknown> => {
    const secretary = secretaries[i % secretaries.length]
    const queue = queues.get(secretary.openid)
    // Approvals take the first items of a secretary's queue, returns the last ones: never the same report.
    const item =
      decision === 'approve'
        ? queue?.items[Math.floor(i / secretaries.length)]
        : queue?.items[queue.items.length - 1 - Math.floor(i / secretaries.length)]
    if (!item) throw new Error(`no pending report for ${secretary.name}`)
    return {
      action: 'review',
      id: item.id,
      version: item.version,
      decision,
      comment: decision === 'return' ? '请结合本月学习实际，补充具体事例后重新提交。' : '',
    }
  }
  // The cursor after each secretary's first page (the case below opens the next page with it).
  const cursors: (string | null)[] = []
  for (let i = 0; i < samples; i++)
    cursors.push(
      (await call<Queue>('report', { action: 'listForReview', status: 'all', limit: 20 }, sec(3)(i))).nextCursor,
    )
  const period = currentPeriod()
  const drafts = new Map<number, { revision: number }>()

  /** A tab's first screen: one call with the same event for every sample. */
  const tab = (label: string, fn: string, who: (i: number) => Persona, event: Record<string, unknown>): Case => ({
    label,
    fn,
    firstScreen: true,
    who,
    event: () => ({ ...event }),
  })

  const tabs: Case[] = [
    tab('user.login (student)', 'user', student(1), { action: 'login' }),
    tab('user.me / 我的 (student)', 'user', student(2), { action: 'me' }),
    tab('study.feed / 学习 (student)', 'study', student(3), { action: 'feed' }),
    tab('report.listMine / 汇报 (student)', 'report', student(4), { action: 'listMine' }),
    tab('report.listForReview / 汇报 (secretary)', 'report', sec(0), { action: 'listForReview', limit: 20 }),
    tab('meeting.list / 签到 (student)', 'meeting', student(5), { action: 'list', scope: 'upcoming' }),
    tab('meeting.list / 签到 (secretary)', 'meeting', sec(1), { action: 'list', scope: 'upcoming' }),
    tab('quiz.daily / 答题 (student)', 'quiz', student(6), { action: 'daily' }),
    {
      label: 'quiz.mistakes / 错题本 (student)',
      fn: 'quiz',
      firstScreen: false,
      who: student(7),
      event: () => ({ action: 'mistakes' }),
    },
    tab('branch.dashboard (secretary)', 'branch', sec(2), { action: 'dashboard' }),
    // The college view: computed by 刷新 (and the timer job), then served from its snapshot.
    {
      label: 'branch.dashboard 刷新 (committee, computed)',
      fn: 'branch',
      firstScreen: false,
      who: (i) => committee[i % committee.length],
      event: () => ({ action: 'dashboard', fresh: true }),
    },
    {
      label: 'branch.dashboard (committee, snapshot)',
      fn: 'branch',
      firstScreen: true,
      who: (i) => committee[i % committee.length],
      event: () => ({ action: 'dashboard' }),
    },
    // The branches after the first screen's page, from the same snapshot.
    {
      label: 'branch.dashboardBranches next page (committee)',
      fn: 'branch',
      firstScreen: false,
      who: (i) => committee[i % committee.length],
      event: async (i) => {
        const first = await call<{ nextCursor: string | null }>(
          'branch',
          { action: 'dashboard' },
          committee[i % committee.length],
        )
        return { action: 'dashboardBranches', cursor: first.nextCursor }
      },
    },
    {
      label: 'study.list column (student)',
      fn: 'study',
      firstScreen: false,
      who: student(9),
      event: (i) => ({
        action: 'list',
        columnId: ['col-theory', 'col-history', 'col-current', 'col-branch', 'col-notice'][i % 5],
      }),
    },
    {
      label: 'study.list search 通知 (student)',
      fn: 'study',
      firstScreen: false,
      who: student(10),
      event: () => ({ action: 'list', keyword: '通知' }),
    },
    {
      label: 'study.openArticle (student)',
      fn: 'study',
      firstScreen: false,
      who: student(7),
      // An article of the student's own feed (another branch's articles are not theirs to open).
      event: async (i) => {
        const feed = await call<Feed>('study', { action: 'feed' }, student(7)(i))
        const mine = [...feed.pinned, ...feed.latest]
        return { action: 'openArticle', id: mine.length > 0 ? mine[i % mine.length].id : articles[0] }
      },
    },
    {
      label: 'report.listForReview next page (secretary)',
      fn: 'report',
      firstScreen: false,
      who: sec(3),
      event: (i) => ({
        action: 'listForReview',
        status: 'all',
        limit: 20,
        ...(cursors[i] ? { cursor: cursors[i] } : {}),
      }),
    },
    {
      label: 'report.saveDraft (student)',
      fn: 'report',
      firstScreen: false,
      who: spread(writers, 0),
      event: () => ({
        action: 'saveDraft',
        period,
        revision: 0,
        title: `${period} 思想汇报`,
        body: '本月我认真学习了党的理论知识，积极参加支部组织的主题党日活动。',
      }),
      // The submit of sample i continues the draft sample i saved.
      after: (i, result) => {
        const saved = result as Envelope<{ revision: number }>
        if (saved.ok) drafts.set(i, { revision: saved.data.revision })
      },
    },
    {
      label: 'report.submit (student)',
      fn: 'report',
      firstScreen: false,
      who: spread(writers, 0),
      event: (i) => ({
        action: 'submit',
        period,
        revision: drafts.get(i)?.revision ?? 0,
        title: `${period} 思想汇报`,
        body: '本月我认真学习了党的理论知识，积极参加支部组织的主题党日活动，在志愿服务中查找了自身的不足，今后将继续努力。',
      }),
    },
    {
      label: 'report.review approve (secretary)',
      fn: 'report',
      firstScreen: false,
      who: (i) => secretaries[i % secretaries.length],
      event: (i) => toReview(i, 'approve'),
    },
    {
      label: 'report.review return (secretary)',
      fn: 'report',
      firstScreen: false,
      who: (i) => secretaries[i % secretaries.length],
      event: (i) => toReview(i, 'return'),
    },
    {
      label: 'study.clockIn (each student once)',
      fn: 'study',
      firstScreen: false,
      who: student(8),
      event: () => ({ action: 'clockIn' }),
    },
  ]

  const figures: JourneyFigure[] = []
  const rows: Row[] = []
  const record = (f: JourneyFigure, firstScreen: boolean): void => {
    figures.push(f)
    rows.push(...rowsOf(f, firstScreen))
  }
  for (const c of tabs) {
    const n = c.label.startsWith('report.review')
      ? reviewers.length
      : c.label.startsWith('report.s')
        ? Math.min(samples, writers.length)
        : samples
    record(await runCase(cloud, c, n), c.firstScreen)
  }

  for (const f of await meetingCheckIn(cloud, samples, secretaries, people)) record(f, false)
  for (const f of await dailyQuiz(cloud, samples, spread(students, 9))) record(f, false)
  return { rows, figures }
}

/**
 * Meeting check-in by code: secretaries of five branches open a meeting now (not measured); the code screen
 * (meeting.checkInCode) and students of those branches checking in with the current code are measured.
 */
async function meetingCheckIn(
  cloud: LocalCloud,
  samples: number,
  secretaries: Persona[],
  people: Persona[],
): Promise<JourneyFigure[]> {
  const hosts = secretaries.slice(0, Math.min(5, secretaries.length))
  const now = Date.now()
  const meetings: { host: Persona; id: string; attendees: Persona[] }[] = []
  for (const host of hosts) {
    const created = dataOf(
      await cloud.call<Envelope<{ id: string }>>(
        'meeting',
        {
          action: 'create',
          ...openMeetingForm({ title: '主题党日：学习新时代青年榜样事迹（基准测试）', agenda: '' }, now),
        },
        host.openid,
      ),
      'meeting.create',
    )
    meetings.push({
      host,
      id: created.id,
      attendees: people.filter((p) => p.role === 'student' && p.branchId === host.branchId),
    })
  }
  const codeCase: Case = {
    label: 'meeting.checkInCode (secretary screen)',
    fn: 'meeting',
    firstScreen: false,
    who: (i) => meetings[i % meetings.length].host,
    event: (i) => ({ action: 'checkInCode', meetingId: meetings[i % meetings.length].id }),
  }
  const codeFigure = await runCase(cloud, codeCase, samples)

  const before = new Set((await recentCalls(cloud, 1000)).map((r) => r.callId))
  for (let i = 0; i < samples; i++) {
    const m = meetings[i % meetings.length]
    const screen = dataOf(
      await cloud.call<Envelope<CodeScreen>>('meeting', { action: 'checkInCode', meetingId: m.id }, m.host.openid),
      'meeting.checkInCode',
    )
    const code = (screen.slots.find((s) => s.slot === slotOf(screen.serverNow)) ?? screen.slots[0]).code
    const who = m.attendees[Math.floor(i / meetings.length) % m.attendees.length]
    await cloud.call('meeting', { action: 'checkIn', meetingId: m.id, code }, who.openid)
  }
  return [codeFigure, measure('meeting.checkIn by code (student)', samples, await callsSince(cloud, before, 'checkIn'))]
}

/** The daily quiz: once per student per day, so each sample is another student. */
async function dailyQuiz(cloud: LocalCloud, samples: number, who: (i: number) => Persona): Promise<JourneyFigure[]> {
  const attempts: { openid: string; attemptId: string; answers: { key: string; choice: string[] }[] }[] = []
  const firstStart = Date.now()
  const startBefore = new Set((await recentCalls(cloud, 1000)).map((r) => r.callId))
  for (let i = 0; i < samples; i++) {
    const p = who(i)
    const res = await cloud.call<Envelope<OpenQuiz>>('quiz', { action: 'start', kind: 'daily' }, p.openid)
    if (res.ok)
      attempts.push({
        openid: p.openid,
        attemptId: res.data.attemptId,
        answers: res.data.questions.map((q) => ({ key: q.key, choice: [q.options[0].id] })),
      })
  }
  const start = measure('quiz.start daily (each student once)', samples, await callsSince(cloud, startBefore, 'start'))
  // Submitting faster than a person can read is flagged and earns nothing: wait as long as a quick reader
  // would, so the figure is of the real path (points, 错题本, figures).
  const questions = Math.max(0, ...attempts.map((a) => a.answers.length))
  const readable = firstStart + questions * BENCH_SETTINGS.quiz.minSecondsPerQuestion * 1000 + 500
  await new Promise((r) => setTimeout(r, Math.max(0, readable - Date.now())))
  const submitBefore = new Set((await recentCalls(cloud, 1000)).map((r) => r.callId))
  for (const a of attempts)
    await cloud.call('quiz', { action: 'submit', attemptId: a.attemptId, answers: a.answers }, a.openid)
  const submit = measure(
    'quiz.submit daily (each student once)',
    attempts.length,
    await callsSince(cloud, submitBefore, 'submit'),
  )
  return [start, submit]
}
