/**
 * The shared points ledger (`cloudfunctions/_shared/points.ts`) through the real wx-server-sdk against a
 * local cloud: the same code the study and quiz functions run, called in this process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APPLIED_RING,
  awardPoints,
  awardStoredEntry,
  currentTotals,
  isApplied,
  ledgerId,
  DEFAULT_POINT_RULES,
  pointRulesOf,
  pointsWithinCaps,
  type PointsLedgerDoc,
  type PointsTotalsDoc,
  type AwardRequest,
  type PointKind,
  type TotalsRider,
  ledgerEntry,
  revOf,
} from '../../cloudfunctions/_shared/points'
import { command } from '../../cloudfunctions/_shared/db'
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

/** `m` is awarded `points` of `kind` for `refId`: on Tuesday evening, its reason the kind's initial, unless `more` says otherwise. */
function award(
  m: AwardRequest['member'],
  kind: PointKind,
  refId: string,
  points: number,
  more: Partial<AwardRequest> = {},
): ReturnType<typeof awardPoints> {
  return awardPoints({ member: m, kind, refId, points, reason: kind.charAt(0), now: TUE_EVENING, ...more })
}

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
    expect(next).toMatchObject({
      total: 50,
      day: '2026-04-01',
      dayTotal: 0,
      dayByKind: {},
      week: '2026-03-30',
      weekTotal: 20,
      month: '2026-04',
      monthTotal: 0,
    })
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

  it("merges a college's partial rules over the defaults", () => {
    const rules = pointRulesOf({ pointRules: { dailyCap: 30, dailyCapByKind: { read: 20 } } })
    expect(rules.dailyCap).toBe(30)
    expect(rules.dailyCapByKind.read).toBe(20)
    expect(pointRulesOf(null)).toEqual(DEFAULT_POINT_RULES)
  })
})

describe('awardPoints', () => {
  it('writes one ledger entry with its reason and the running totals, and is idempotent per refId', async () => {
    const m = member()
    const first = await award(m, 'read', 'a1:2026-03-10', 2, { reason: '阅读《测试》' })
    expect(first).toEqual({ awarded: 2, capped: false, duplicate: false, total: 2 })
    const again = await award(m, 'read', 'a1:2026-03-10', 2, { reason: '阅读《测试》' })
    expect(again).toEqual({ awarded: 0, capped: false, duplicate: true, total: 2 })

    const ledger = await ledgerOf(m._id)
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({
      kind: 'read',
      refId: 'a1:2026-03-10',
      points: 2,
      reason: '阅读《测试》',
      day: '2026-03-10',
      branchId: 'branch-x',
    })
    expect(await totalsOf(m._id)).toMatchObject({
      total: 2,
      day: '2026-03-10',
      dayTotal: 2,
      dayByKind: { read: 2 },
      week: '2026-03-09',
      weekTotal: 2,
      month: '2026-03',
      monthTotal: 2,
    })
  })

  it('awards what fits under the kind cap, then nothing, and says it was capped', async () => {
    const m = member()
    const results = []
    for (let i = 0; i < 4; i++) {
      results.push(await award(m, 'read', `a${i}`, 5))
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

  it("enforces the overall daily cap across kinds with the college's rules", async () => {
    const m = member()
    const rules = { ...DEFAULT_POINT_RULES, dailyCap: 8 }
    await award(m, 'checkIn', 'd1', 5, { rules })
    const quiz = await award(m, 'dailyQuiz', 'q1', 5, { reason: 'q', rules })
    expect(quiz).toMatchObject({ awarded: 3, capped: true })
    expect((await totalsOf(m._id))?.dayTotal).toBe(8)
  })

  it('starts a new day at China midnight, and a new week on Monday, keeping the total', async () => {
    const m = member()
    await award(m, 'read', 'sun', 12, { now: at('2026-03-15T15:30:00Z') }) // Sunday 23:30 in China
    const monday = await award(m, 'read', 'mon', 2, { now: at('2026-03-15T16:30:00Z') }) // Monday 00:30
    expect(monday.awarded).toBe(2) // the read cap of Sunday does not carry over
    expect(await totalsOf(m._id)).toMatchObject({
      total: 14,
      day: '2026-03-16',
      dayTotal: 2,
      week: '2026-03-16',
      weekTotal: 2,
      month: '2026-03',
      monthTotal: 14,
    })
  })

  it('keeps totals equal to the ledger when many awards race, and the caps exact', async () => {
    const m = member()
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => award(m, 'read', `race-${i}`, 2)))
    expect(results.reduce((n, r) => n + r.awarded, 0)).toBe(12)
    const ledger = await ledgerOf(m._id)
    expect(ledger.reduce((n, e) => n + e.points, 0)).toBe(12)
    expect((await totalsOf(m._id))?.total).toBe(12)
  })

  it('awards a repeated action once even when the repeats race', async () => {
    const m = member()
    const results = await Promise.all(Array.from({ length: 6 }, () => award(m, 'checkIn', '2026-03-10', 3)))
    expect(results.filter((r) => r.awarded > 0)).toHaveLength(1)
    expect(await ledgerOf(m._id)).toHaveLength(1)
    expect((await totalsOf(m._id))?.total).toBe(3)
  })

  it("moves a member's totals to their new branch on the next award (rankings follow)", async () => {
    const m = member('branch-a')
    await award(m, 'read', 'x1', 2)
    await award({ ...m, branchId: 'branch-b' }, 'read', 'x2', 2)
    expect(await totalsOf(m._id)).toMatchObject({ branchId: 'branch-b', total: 4 })
  })
})

describe('awardPoints without a transaction (compare-and-set on the totals revision)', () => {
  /** An entry as awardPoints inserts it, written alone: the totals update of that attempt was lost. */
  async function orphanEntry(
    memberId: string,
    kind: PointsLedgerDoc['kind'],
    refId: string,
    points: number,
    rev: number,
  ): Promise<void> {
    const entry: PointsLedgerDoc = {
      _id: ledgerId(memberId, kind, refId),
      memberId,
      branchId: 'branch-x',
      kind,
      refId,
      points,
      requested: points,
      reason: 'r',
      day: '2026-03-10',
      at: TUE_EVENING,
      rev,
    }
    await sdk.database().collection('pointsLedger').add({ data: entry })
  }

  it('stamps the totals with a revision and the ring of applied entries', async () => {
    const m = member()
    await award(m, 'read', 'r1', 2)
    await award(m, 'video', 'v1', 3)
    expect(await totalsOf(m._id)).toMatchObject({
      rev: 2,
      total: 5,
      applied: [
        { id: ledgerId(m._id, 'read', 'r1'), points: 2 },
        { id: ledgerId(m._id, 'video', 'v1'), points: 3 },
      ],
    })
    expect((await ledgerOf(m._id)).map((e) => e.rev).sort()).toEqual([0, 1])
  })

  it('completes an award whose totals update was lost, once, on the next attempt of the same action', async () => {
    const m = member()
    await award(m, 'read', 'before', 2)
    await orphanEntry(m._id, 'read', 'crashed', 2, 1) // written against rev 1, totals never updated
    expect((await totalsOf(m._id))?.total).toBe(2)

    const retry = await award(m, 'read', 'crashed', 2)
    expect(retry).toEqual({ awarded: 2, capped: false, duplicate: false, total: 4 })
    const again = await award(m, 'read', 'crashed', 2)
    expect(again).toMatchObject({ awarded: 0, duplicate: true, total: 4 })
    expect(await ledgerOf(m._id)).toHaveLength(2)
    expect(await totalsOf(m._id)).toMatchObject({ total: 4, dayByKind: { read: 4 }, rev: 2 })
  })

  it("writes a rider's change with the points once, and no award writes back the figures it read", async () => {
    const m = member()
    const _ = command()
    // A rider as the quiz's figures use it: counts an attempt once.
    const counted = (id: string): TotalsRider => ({
      isIn: (t) => t?.quiz?.countedAttempts.includes(id) ?? false,
      notIn: { 'quiz.countedAttempts': _.neq(id) },
      update: { quiz: { attempts: _.inc(1), countedAttempts: _.push([id]) } },
      fresh: (doc) => ({
        ...doc,
        quiz: {
          name: '测',
          answered: 0,
          correct: 0,
          attempts: 1,
          bestStreak: 0,
          mistakesOpen: 0,
          countedAttempts: [id],
          updatedAt: TUE_EVENING,
        },
      }),
    })
    const neverRestamped = (): never => {
      throw new Error('no entry to restamp')
    }
    const req = (seen: PointsTotalsDoc | null, refId: string) => ({
      member: m,
      kind: 'quiz' as const,
      refId,
      points: 3,
      reason: 'q',
      now: TUE_EVENING,
      seen,
    })
    // No points: the rider alone creates the totals, then adds to them.
    expect(await awardStoredEntry(null, req(null, 'a1'), neverRestamped, counted('a1'))).toMatchObject({ awarded: 0 })
    const stale = (await totalsOf(m._id)) ?? null
    await awardStoredEntry(null, req(stale, 'a2'), neverRestamped, counted('a2'))
    // An award that read the totals before the rider's last change does not write the figures back.
    await award(m, 'read', 'r1', 2, { seen: stale })
    expect(await totalsOf(m._id)).toMatchObject({ total: 2, quiz: { attempts: 2, countedAttempts: ['a1', 'a2'] } })

    // Points and the rider in one write, once, even when asked again from the totals as first read.
    const before = (await totalsOf(m._id)) ?? null
    const entry = {
      ...ledgerEntry(m, 'quiz', 'a3', 3, 'q', '2026-03-10', TUE_EVENING),
      requested: 3,
      rev: revOf(before),
    }
    const first = await awardStoredEntry(entry, req(before, 'a3'), neverRestamped, counted('a3'))
    const again = await awardStoredEntry(entry, req(before, 'a3'), neverRestamped, counted('a3'))
    expect([first.awarded, again.duplicate]).toEqual([3, true])
    expect(await totalsOf(m._id)).toMatchObject({ total: 5, quiz: { attempts: 3 } })
  })

  it('completes a lost first award by creating the totals', async () => {
    const m = member()
    await orphanEntry(m._id, 'checkIn', '2026-03-10', 3, 0)
    const results = await Promise.all(Array.from({ length: 4 }, () => award(m, 'checkIn', '2026-03-10', 3)))
    expect(results.filter((r) => r.awarded > 0)).toHaveLength(1)
    expect(await totalsOf(m._id)).toMatchObject({ total: 3, rev: 1 })
  })

  it('caps a lost entry again when other awards filled the day before it was completed', async () => {
    const m = member()
    await orphanEntry(m._id, 'read', 'late', 5, 0)
    for (const refId of ['x', 'y']) await award(m, 'read', refId, 5)
    const retry = await award(m, 'read', 'late', 5)
    expect(retry).toMatchObject({ awarded: 2, capped: true, duplicate: false, total: 12 })
    const ledger = await ledgerOf(m._id)
    expect(ledger.reduce((n, e) => n + e.points, 0)).toBe(12)
    expect(ledger.find((e) => e.refId === 'late')).toMatchObject({ points: 2, rev: 2 })
  })

  it('keeps the caps and the ledger sum exact when racing awards all start from the same stale totals', async () => {
    const m = member()
    await award(m, 'read', 'first', 2)
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        award(m, i % 2 ? 'read' : 'video', `stale-${i}`, 4, { reason: 'r', seen: null }),
      ),
    )
    const ledger = await ledgerOf(m._id)
    const totals = await totalsOf(m._id)
    expect(ledger.reduce((n, e) => n + e.points, 0)).toBe(totals?.total)
    expect(totals?.dayByKind).toEqual({ read: 12, video: 6 })
    expect(results.reduce((n, r) => n + r.awarded, 0)).toBe(16)
  })

  it('adds to totals written before the revision existed, and takes their ledger entries as applied', async () => {
    const m = member()
    const legacy = {
      ...currentTotals(null, m, TUE_EVENING),
      total: 30,
      dayTotal: 2,
      dayByKind: { read: 2 },
      weekTotal: 10,
      monthTotal: 20,
    }
    const { _id: _omit, ...fields } = legacy
    await sdk
      .database()
      .collection('pointsTotals')
      .add({ data: { _id: m._id, ...fields } })
    await sdk
      .database()
      .collection('pointsLedger')
      .add({
        data: {
          _id: ledgerId(m._id, 'read', 'old'),
          memberId: m._id,
          branchId: 'branch-x',
          kind: 'read',
          refId: 'old',
          points: 2,
          reason: 'r',
          day: '2026-03-10',
          at: TUE_EVENING,
        },
      })

    expect(await award(m, 'read', 'old', 2)).toMatchObject({ duplicate: true, total: 30 })
    expect(await award(m, 'video', 'new', 3)).toMatchObject({ awarded: 3, total: 33 })
    expect(await totalsOf(m._id)).toMatchObject({
      total: 33,
      dayTotal: 5,
      dayByKind: { read: 2, video: 3 },
      weekTotal: 13,
      monthTotal: 23,
      rev: 1,
    })
  })

  it("replaces the day's per-kind sums on a new day instead of merging them", async () => {
    const m = member()
    await award(m, 'checkIn', 'mon', 1)
    await award(m, 'read', 'wed', 2, { now: at('2026-03-11T12:00:00Z') })
    expect((await totalsOf(m._id))?.dayByKind).toEqual({ read: 2 })
  })

  it('knows an entry applied or not within the ring; older stamps count as applied', () => {
    const m = member()
    const entry = { _id: 'e', rev: 3 } as PointsLedgerDoc
    const totals = { ...currentTotals(null, m, TUE_EVENING), rev: 3 + APPLIED_RING, applied: [] }
    expect(isApplied(entry, totals)).toBe(false)
    expect(isApplied(entry, { ...totals, rev: 4 + APPLIED_RING })).toBe(true)
    expect(isApplied(entry, { ...totals, applied: [{ id: 'e', points: 1 }] })).toBe(true)
    expect(isApplied({ _id: 'e' } as PointsLedgerDoc, null)).toBe(true)
  })
})
