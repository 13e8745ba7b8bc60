import { slotOf } from '../../cloudfunctions/meeting/src/codes'
import type { LocalCloud } from '../../test/helpers/cloud'
import { addLoadBranch } from '../../test/helpers/load-branch'
import { adminSdk } from '../../test/helpers/sdk'
import { dataOf, type Envelope } from './cloud'
import { percentile, row, type Row } from './table'
import { openMeetingForm } from '../../test/helpers/meeting-form'

export interface RushFigure {
  students: number
  /** The meeting's expected count as created (the branch's members: n students + the secretary). */
  expectedCount: number
  concurrency: number
  taps: number
  recorded: number
  duplicates: number
  expiredRetries: number
  failures: string[]
  elapsedMs: number
  p50: number
  p99: number
}

interface CodeScreen {
  serverNow: number
  slots: { slot: number; code: string }[]
}

/**
 * Rush hour: `n` students of one meeting check in through the gateway, `concurrency` at a time, a tenth of
 * them tapping twice. Members are added with the admin SDK (a branch of their own), as the meeting test does.
 */
export async function rushHour(
  cloud: LocalCloud,
  n: number,
  concurrency: number,
): Promise<{ rows: Row[]; figure: RushFigure }> {
  const sdk = adminSdk(cloud.url)
  const db = sdk.database()
  const { secretaryOpenid, studentOpenids } = await addLoadBranch(sdk, {
    branchId: 'branch-bench',
    name: '压测党支部',
    prefix: 'B',
    students: n,
  })
  const now = Date.now()
  const meeting = dataOf(
    await cloud.call<Envelope<{ id: string; expectedCount: number }>>(
      'meeting',
      {
        action: 'create',
        ...openMeetingForm({ type: 'general', title: '全体党员大会（压测）', place: '学院报告厅', agenda: '' }, now),
      },
      secretaryOpenid,
    ),
    'meeting.create',
  )

  // The secretary's screen: the code of the current slot, refreshed as the slots turn.
  const currentCode = async (): Promise<string> => {
    const screen = dataOf(
      await cloud.call<Envelope<CodeScreen>>(
        'meeting',
        { action: 'checkInCode', meetingId: meeting.id },
        secretaryOpenid,
      ),
      'meeting.checkInCode',
    )
    return (screen.slots.find((s) => s.slot === slotOf(screen.serverNow)) ?? screen.slots[0]).code
  }
  let code = await currentCode()
  const refresher = setInterval(() => {
    currentCode().then(
      (c) => (code = c),
      () => undefined,
    )
  }, 5_000)

  const queue = [...studentOpenids, ...studentOpenids.slice(0, Math.ceil(n / 10))]
  const latencies: number[] = []
  const failures = new Set<string>()
  let expiredRetries = 0
  const started = Date.now()
  const worker = async (): Promise<void> => {
    for (let openid = queue.shift(); openid !== undefined; openid = queue.shift()) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const t = performance.now()
        const res = await cloud.call<Envelope<{ outcome: string }>>(
          'meeting',
          { action: 'checkIn', meetingId: meeting.id, code },
          openid,
        )
        latencies.push(performance.now() - t)
        // A code that turned while the request waited: the student scans the new one, as in the room.
        if (!res.ok && res.code === 'FAILED_PRECONDITION' && res.message.includes('过期')) {
          expiredRetries++
          continue
        }
        if (!res.ok) failures.add(`${res.code} ${res.message}`)
        break
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    clearInterval(refresher)
  }
  const elapsedMs = Date.now() - started

  const memberIds: string[] = []
  for (let skip = 0; ; skip += 1000) {
    const res = (await db.collection('attendance').where({ meetingId: meeting.id }).skip(skip).limit(1000).get()) as {
      data: unknown[]
    }
    const page = res.data as { memberId: string }[]
    memberIds.push(...page.map((d) => d.memberId))
    if (page.length < 1000) break
  }
  const recorded = new Set(memberIds).size
  const figure: RushFigure = {
    students: n,
    expectedCount: meeting.expectedCount,
    concurrency,
    taps: n + Math.ceil(n / 10),
    recorded,
    duplicates: memberIds.length - recorded,
    expiredRetries,
    failures: [...failures],
    elapsedMs,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
  }
  const s = 'rush'
  const rows: Row[] = [
    row(
      s,
      'expected at the meeting (students + secretary)',
      String(meeting.expectedCount),
      `= ${n + 1}`,
      meeting.expectedCount === n + 1,
    ),
    row(
      s,
      `check-ins recorded (${n} students, ${figure.taps} taps, concurrency ${concurrency})`,
      String(recorded),
      `= ${n}`,
      recorded === n,
    ),
    row(s, 'duplicate records', String(figure.duplicates), '0', figure.duplicates === 0),
    row(
      s,
      'refused (other than an expired code)',
      figure.failures.length ? figure.failures.join('; ') : '0',
      '0',
      figure.failures.length === 0,
    ),
    row(s, 'retried after the code turned', String(expiredRetries), '-', null),
    row(s, 'all answered in', `${(elapsedMs / 1000).toFixed(1)} s`, '<= 12 s', elapsedMs <= 12_000),
    row(s, 'gateway latency p50/p99', `${figure.p50}/${figure.p99} ms`, '-', null),
  ]
  return { rows, figure }
}
