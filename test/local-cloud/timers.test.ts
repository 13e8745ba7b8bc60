import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextFireTime, parseCron } from '../../local-cloud/src/functions/cron'
import { makeTempDir, REPO_ROOT, startServer, type TestServer } from '../fixtures/local-cloud-server'
import { adminSdk, findDocs } from '../helpers/sdk'

/** A China-time wall clock (UTC+8) as a Date. */
function cst(text: string): Date {
  return new Date(`${text}+08:00`)
}

/** The next `n` firings after `from`, as China-time `YYYY-MM-DDTHH:mm:ss` strings. */
function fires(expr: string, from: string, n = 3): string[] {
  const s = parseCron(expr)
  const out: string[] = []
  let t: Date | null = cst(from)
  for (let i = 0; i < n; i++) {
    t = nextFireTime(s, t)
    if (!t) break
    out.push(new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 19))
  }
  return out
}

describe('cron (WeChat 7 fields, China time)', () => {
  // [what it shows, expression, after (China time), how many firings, the firings]
  it.each<[string, string, string, number, string[]]>([
    [
      'every second, strictly after the given time',
      '* * * * * * *',
      '2024-05-01T10:00:00.400',
      3,
      ['2024-05-01T10:00:01', '2024-05-01T10:00:02', '2024-05-01T10:00:03'],
    ],
    [
      'steps: */15 minutes',
      '0 */15 * * * * *',
      '2024-05-01T10:14:59',
      3,
      ['2024-05-01T10:15:00', '2024-05-01T10:30:00', '2024-05-01T10:45:00'],
    ],
    [
      'steps: a/n runs from a to the end of the range',
      '0 1/20 * * * * *',
      '2024-05-01T10:50:00',
      3,
      ['2024-05-01T11:01:00', '2024-05-01T11:21:00', '2024-05-01T11:41:00'],
    ],
    [
      'steps over a range of hours',
      '0 0 9-17/4 * * * *',
      '2024-05-01T08:00:00',
      3,
      ['2024-05-01T09:00:00', '2024-05-01T13:00:00', '2024-05-01T17:00:00'],
    ],
    [
      'lists, crossing the hour and the day in China time',
      '0 5,20,35,50 * * * * *',
      '2024-05-01T23:50:00',
      3,
      ['2024-05-02T00:05:00', '2024-05-02T00:20:00', '2024-05-02T00:35:00'],
    ],
    [
      'the next day follows a day boundary in China time',
      '0 0 9 * * * *',
      '2024-05-01T09:00:00',
      3,
      ['2024-05-02T09:00:00', '2024-05-03T09:00:00', '2024-05-04T09:00:00'],
    ],
    [
      'a range of weekday names (2024-05-03 is a Friday)',
      '0 15 10 * * MON-FRI *',
      '2024-05-03T11:00:00',
      3,
      ['2024-05-06T10:15:00', '2024-05-07T10:15:00', '2024-05-08T10:15:00'],
    ],
    ['weekday 0 is Sunday', '0 0 0 * * 0 *', '2024-05-03T00:00:00', 2, ['2024-05-05T00:00:00', '2024-05-12T00:00:00']],
    ['month names', '0 0 2 1 jan,Jul * *', '2024-05-03T00:00:00', 2, ['2024-07-01T02:00:00', '2025-01-01T02:00:00']],
    [
      'day of month and day of week both restricted: either fires (the 10th, or any Monday)',
      '0 0 8 10 * 1 *',
      '2024-05-05T00:00:00',
      3,
      ['2024-05-06T08:00:00', '2024-05-10T08:00:00', '2024-05-13T08:00:00'],
    ],
    ['month lengths', '0 0 0 31 * * *', '2024-04-01T00:00:00', 2, ['2024-05-31T00:00:00', '2024-07-31T00:00:00']],
    ['leap years', '0 0 12 29 2 * *', '2024-03-01T00:00:00', 1, ['2028-02-29T12:00:00']],
    [
      'the year field as a list',
      '0 0 0 1 1 * 2026,2030',
      '2024-05-01T00:00:00',
      3,
      ['2026-01-01T00:00:00', '2030-01-01T00:00:00'],
    ],
  ])('%s: %s after %s', (_what, expr, from, n, expected) => {
    expect(fires(expr, from, n)).toEqual(expected)
  })

  it('9:00 China time is 01:00 UTC, and the next day follows a day boundary in UTC', () => {
    const s = parseCron('0 0 9 * * * *')
    expect(nextFireTime(s, cst('2024-05-01T08:59:59'))?.toISOString()).toBe('2024-05-01T01:00:00.000Z')
    // 20:00 UTC on 1 May is already 04:00 on 2 May in China: the next 9:00 is 2 May, not 1 May.
    expect(nextFireTime(s, new Date('2024-05-01T20:00:00Z'))?.toISOString()).toBe('2024-05-02T01:00:00.000Z')
  })

  it('nothing left to fire → null', () => {
    expect(nextFireTime(parseCron('0 0 0 1 1 * 2020'), cst('2024-05-01T00:00:00'))).toBeNull()
    expect(nextFireTime(parseCron('0 0 0 31 2 * *'), cst('2024-05-01T00:00:00'))).toBeNull()
  })

  it('refuses what WeChat refuses', () => {
    for (const bad of [
      '* * * * * *',
      '60 * * * * * *',
      '* * 24 * * * *',
      '* * * 0 * * *',
      '* * * * 13 * *',
      '* * * * * 7 *',
      '* * * * * * 1969',
      '*/0 * * * * * *',
      '5-1 * * * * * *',
      'a * * * * * *',
      '1,,2 * * * * * *',
    ]) {
      expect(() => parseCron(bad), bad).toThrow(/cron/)
    }
  })
})

/** A function whose every run writes one document saying what it was called with. */
const TICK = `/* global exports */
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) => {
  const ctx = cloud.getWXContext();
  await cloud.database().collection('ticks').add({ data: { event, openid: ctx.OPENID === undefined ? null : ctx.OPENID, source: ctx.SOURCE } });
  return { ok: true, data: null };
};
`

/** Takes longer than its one-second period, so firings overlap and must be skipped. */
const SLOW = `/* global exports, setTimeout */
exports.main = async () => {
  await new Promise((r) => setTimeout(r, 2500));
  return { ok: true, data: null };
};
`

async function writeFunction(dir: string, name: string, source: string, triggers: object[]): Promise<void> {
  await fs.mkdir(path.join(dir, name))
  await fs.writeFile(path.join(dir, name, 'index.js'), source)
  await fs.writeFile(path.join(dir, name, 'config.json'), JSON.stringify({ triggers }))
}

interface Tick {
  event: { Type: string; TriggerName: string; Time: string }
  openid: string | null
  source: string
}

interface CallRow {
  fn: string
  openid: string | null
  ok: boolean
  code: string | null
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== null) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('timer triggers fire in a running local cloud', () => {
  let server: TestServer

  beforeAll(async () => {
    const dir = await makeTempDir('timer-fns')
    await fs.symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
    await writeFunction(dir, 'tick', TICK, [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }])
    await writeFunction(dir, 'slow', SLOW, [{ name: 'slowJob', type: 'timer', config: '* * * * * * *' }])
    // The real meeting and report bundles with their triggers made to fire every second: their timer jobs must
    // accept the trigger's identity (no OPENID) and succeed on an empty database.
    for (const fn of ['meeting', 'report']) {
      const config = JSON.parse(
        await fs.readFile(path.join(REPO_ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8'),
      ) as { triggers: { name: string }[] }
      const bundle = await fs.readFile(path.join(REPO_ROOT, 'cloudfunctions', fn, 'index.js'), 'utf8')
      await writeFunction(
        dir,
        fn,
        bundle,
        config.triggers.map((t) => ({ ...t, config: '* * * * * * *' })),
      )
    }
    // The app's collections (the real jobs query them) plus the test function's own.
    const collections = JSON.parse(
      await fs.readFile(path.join(REPO_ROOT, 'cloudfunctions', 'collections.json'), 'utf8'),
    ) as { collections: Record<string, unknown> }
    collections.collections.ticks = { indexes: [] }
    const collectionsFile = path.join(dir, 'collections.json')
    await fs.writeFile(collectionsFile, JSON.stringify(collections))
    server = await startServer({ functionsDir: dir, env: { LOCAL_TIMERS: '1', COLLECTIONS_FILE: collectionsFile } })
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('runs the function with the WeChat timer event and no user, every second', async () => {
    const sdk = adminSdk(server.url)
    const ticks = await until('two ticks', async () => {
      const docs = await findDocs<Tick>(sdk, 'ticks', {})
      return docs.length >= 2 ? docs : null
    })
    for (const t of ticks) {
      expect(t.event).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' })
      expect(t.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(t.openid).toBeNull()
      expect(t.source).toBe('wx_trigger')
    }
    expect(new Set(ticks.map((t) => t.event.Time)).size).toBe(ticks.length)
  })

  it('logs each firing and lists it in /api/dev/calls', async () => {
    const calls = await until('tick calls in the call log', async () => {
      const rows = (await (await fetch(`${server.url}/api/dev/calls?limit=1000`)).json()) as CallRow[]
      return rows.some((r) => r.fn === 'tick') ? rows : null
    })
    expect(calls.find((r) => r.fn === 'tick')).toMatchObject({ openid: null, ok: true, code: null })
    expect(server.output()).toMatch(/timer tick\.everySecond @\S+: ok \d+ ms/)
  })

  it('runs the meeting and report timer jobs (reminders, attendance recount) without error', async () => {
    const rows = await until('a run of each job', async () => {
      const all = (await (await fetch(`${server.url}/api/dev/calls?limit=1000`)).json()) as CallRow[]
      const mine = all.filter((r) => r.fn === 'meeting' || r.fn === 'report')
      const out = server.output()
      const seen = ['meeting.meetingTimer', 'report.reportReminder'].every((t) => out.includes(`timer ${t} @`))
      return seen && mine.length >= 3 ? mine : null
    })
    for (const r of rows) expect(r).toMatchObject({ ok: true, code: null, openid: null })
  })

  it('skips a firing while the previous run of the same trigger is still going', async () => {
    await until('a skipped slow firing', async () =>
      /timer slow\.slowJob @\S+: skipped/.test(server.output()) ? true : null,
    )
    const calls = (await (await fetch(`${server.url}/api/dev/calls?limit=1000`)).json()) as (CallRow & {
      startedAt: number
      ms: number
    })[]
    const slow = calls.filter((r) => r.fn === 'slow').sort((a, b) => a.startedAt - b.startedAt)
    for (let i = 1; i < slow.length; i++)
      expect(slow[i].startedAt).toBeGreaterThanOrEqual(slow[i - 1].startedAt + slow[i - 1].ms)
  })
})
