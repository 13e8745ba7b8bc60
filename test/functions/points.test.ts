/**
 * The shared points ledger (`cloudfunctions/_shared/points.ts`) through the real wx-server-sdk against a
 * local cloud: the same code the study and quiz functions run, called in this process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  awardPoints,
  currentTotals,
  DEFAULT_POINT_RULES,
  pointRulesOf,
  pointsWithinCaps,
  type PointsLedgerDoc,
  type PointsTotalsDoc,
} from '../../cloudfunctions/_shared/points'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { adminSdk, findDocs } from '../helpers/sdk'

let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

beforeAll(async () => {
  cloud = await startLocalCloud({ env: { SEED: '0' } })
  sdk = adminSdk(cloud.url)
})

afterAll(async () => {
  await cloud?.stop()
})

let counter = 0
function member(branchId: string | null = 'branch-x') {
  counter += 1
  return { _id: `pm-${counter}`, branchId, collegeId: 'college-x' }
}

/** 2026-03-10 20:00 China time is 12:00 UTC (a Tuesday). */
const at = (iso: string) => new Date(iso)
const TUE_EVENING = at('2026-03-10T12:00:00Z')

async function ledgerOf(memberId: string): Promise<PointsLedgerDoc[]> {
  return findDocs<PointsLedgerDoc>(sdk, 'pointsLedger', { memberId })
}

async function totalsOf(memberId: string): Promise<PointsTotalsDoc | undefined> {
  return (await findDocs<PointsTotalsDoc>(sdk, 'pointsTotals', { _id: memberId }))[0]
}

describe('pure rules', () => {
  it('rolls day, week and month windows forward and keeps the all-time total', () => {
    const m = member()
    const stored: PointsTotalsDoc = {
      ...currentTotals(null, m, at('2026-03-31T12:00:00Z')),
      total: 50,
      dayTotal: 9,
      dayByKind: { read: 9 },
      weekTotal: 20,
      monthTotal: 40,
    }
    // 2026-04-01 is a Wednesday: new day and month, same week (Monday 2026-03-30).
    const next = currentTotals(stored, m, at('2026-04-01T01:00:00Z'))
    expect(next).toMatchObject({ total: 50, day: '2026-04-01', dayTotal: 0, dayByKind: {}, week: '2026-03-30', weekTotal: 20, month: '2026-04', monthTotal: 0 })
    // 23:59 China time on 03-31 is still the old day.
    expect(currentTotals(stored, m, at('2026-03-31T15:59:00Z')).dayTotal).toBe(9)
  })

  it('fits points under the kind cap and the daily cap', () => {
    const totals = { ...currentTotals(null, member(), TUE_EVENING), dayTotal: 38, dayByKind: { read: 10 } }
    expect(pointsWithinCaps(totals, 'read', 5, DEFAULT_POINT_RULES)).toBe(2)
    expect(pointsWithinCaps({ ...totals, dayTotal: 30 }, 'read', 5, DEFAULT_POINT_RULES)).toBe(2)
    expect(pointsWithinCaps({ ...totals, dayTotal: 30 }, 'checkIn', 3, DEFAULT_POINT_RULES)).toBe(3)
    expect(pointsWithinCaps({ ...totals, dayTotal: 40 }, 'checkIn', 3, DEFAULT_POINT_RULES)).toBe(0)
  })

  it('merges a college\'s partial rules over the defaults', () => {
    const rules = pointRulesOf({ pointRules: { dailyCap: 30, dailyCapByKind: { read: 20 } } })
    expect(rules.dailyCap).toBe(30)
    expect(rules.dailyCapByKind.read).toBe(20)
    expect(pointRulesOf(null)).toEqual(DEFAULT_POINT_RULES)
  })
})

describe('awardPoints', () => {
  it('writes one ledger entry with its reason and the running totals, and is idempotent per refId', async () => {
    const m = member()
    const first = await awardPoints({ member: m, kind: 'read', refId: 'a1:2026-03-10', points: 2, reason: '阅读《测试》', now: TUE_EVENING })
    expect(first).toEqual({ awarded: 2, capped: false, duplicate: false, total: 2 })
    const again = await awardPoints({ member: m, kind: 'read', refId: 'a1:2026-03-10', points: 2, reason: '阅读《测试》', now: TUE_EVENING })
    expect(again).toEqual({ awarded: 0, capped: false, duplicate: true, total: 2 })

    const ledger = await ledgerOf(m._id)
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ kind: 'read', refId: 'a1:2026-03-10', points: 2, reason: '阅读《测试》', day: '2026-03-10', branchId: 'branch-x' })
    expect(await totalsOf(m._id)).toMatchObject({ total: 2, day: '2026-03-10', dayTotal: 2, dayByKind: { read: 2 }, week: '2026-03-09', weekTotal: 2, month: '2026-03', monthTotal: 2 })
  })

  it('awards what fits under the kind cap, then nothing, and says it was capped', async () => {
    const m = member()
    const results = []
    for (let i = 0; i < 4; i++) {
      results.push(await awardPoints({ member: m, kind: 'read', refId: `a${i}`, points: 5, reason: 'r', now: TUE_EVENING }))
    }
    expect(results.map((r) => [r.awarded, r.capped])).toEqual([
      [5, false],
      [5, false],
      [2, true],
      [0, true],
    ])
    const ledger = await ledgerOf(m._id)
    expect(ledger.map((e) => e.points).sort()).toEqual([2, 5, 5]) // a capped-to-zero action leaves no entry
    expect((await totalsOf(m._id))?.dayByKind.read).toBe(12)
  })

  it('enforces the overall daily cap across kinds with the college\'s rules', async () => {
    const m = member()
    const rules = { ...DEFAULT_POINT_RULES, dailyCap: 8 }
    await awardPoints({ member: m, kind: 'checkIn', refId: 'd1', points: 5, reason: 'c', now: TUE_EVENING, rules })
    const quiz = await awardPoints({ member: m, kind: 'dailyQuiz', refId: 'q1', points: 5, reason: 'q', now: TUE_EVENING, rules })
    expect(quiz).toMatchObject({ awarded: 3, capped: true })
    expect((await totalsOf(m._id))?.dayTotal).toBe(8)
  })

  it('starts a new day at China midnight, and a new week on Monday, keeping the total', async () => {
    const m = member()
    await awardPoints({ member: m, kind: 'read', refId: 'sun', points: 12, reason: 'r', now: at('2026-03-15T15:30:00Z') }) // Sunday 23:30 in China
    const monday = await awardPoints({ member: m, kind: 'read', refId: 'mon', points: 2, reason: 'r', now: at('2026-03-15T16:30:00Z') }) // Monday 00:30
    expect(monday.awarded).toBe(2) // the read cap of Sunday does not carry over
    expect(await totalsOf(m._id)).toMatchObject({ total: 14, day: '2026-03-16', dayTotal: 2, week: '2026-03-16', weekTotal: 2, month: '2026-03', monthTotal: 14 })
  })

  it('keeps totals equal to the ledger when many awards race, and the caps exact', async () => {
    const m = member()
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => awardPoints({ member: m, kind: 'read', refId: `race-${i}`, points: 2, reason: 'r', now: TUE_EVENING })),
    )
    expect(results.reduce((n, r) => n + r.awarded, 0)).toBe(12)
    const ledger = await ledgerOf(m._id)
    expect(ledger.reduce((n, e) => n + e.points, 0)).toBe(12)
    expect((await totalsOf(m._id))?.total).toBe(12)
  })

  it('awards a repeated action once even when the repeats race', async () => {
    const m = member()
    const results = await Promise.all(
      Array.from({ length: 6 }, () => awardPoints({ member: m, kind: 'checkIn', refId: '2026-03-10', points: 3, reason: 'c', now: TUE_EVENING })),
    )
    expect(results.filter((r) => r.awarded > 0)).toHaveLength(1)
    expect(await ledgerOf(m._id)).toHaveLength(1)
    expect((await totalsOf(m._id))?.total).toBe(3)
  })

  it('moves a member\'s totals to their new branch on the next award (rankings follow)', async () => {
    const m = member('branch-a')
    await awardPoints({ member: m, kind: 'read', refId: 'x1', points: 2, reason: 'r', now: TUE_EVENING })
    await awardPoints({ member: { ...m, branchId: 'branch-b' }, kind: 'read', refId: 'x2', points: 2, reason: 'r', now: TUE_EVENING })
    expect(await totalsOf(m._id)).toMatchObject({ branchId: 'branch-b', total: 4 })
  })
})
