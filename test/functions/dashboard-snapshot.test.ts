import { describe, expect, it } from 'vitest'
import type {
  CollegeBranchRow,
  CollegeDashboard,
  DashboardBranchesResult,
  DashboardResult,
} from '../../cloudfunctions/branch/src/contract'
import type { DashboardRowDoc } from '../../cloudfunctions/branch/src/context'
import { encodeCursor } from '../../cloudfunctions/_shared/cursor'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import { COMMITTEE, CS_SECRETARY } from '../helpers/personas'
import { addBranches } from '../helpers/branches'
import type { LocalCloud } from '../helpers/cloud'
import { type adminSdk, findDocs } from '../helpers/sdk'
import { data, expectError } from '../helpers/results'
import { lastLoggedCall, useLocalCloud } from '../helpers/suite'

/**
 * The committee's college dashboard as a snapshot of a summary and one row per branch (issue #21): the first
 * screen carries the college and the first page of branches, those needing attention first; the rest come
 * page by page from the snapshot the first screen came from, each branch exactly once; refreshing stores a
 * new snapshot without disturbing one being paged through; an old one-document snapshot is computed again.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const PAGE = 10
/** Branches added to the seeded three, so the college takes three pages. */
const ADDED = 21

const call = <T>(event: Record<string, unknown>, openid: string): Promise<Result<T>> =>
  cloud.call('branch', event, openid)

async function college(event: Record<string, unknown> = {}): Promise<CollegeDashboard> {
  const d = data(await call<DashboardResult>({ action: 'dashboard', ...event }, COMMITTEE))
  if (d.scope !== 'college') throw new Error('expected the college view')
  return d
}

/** Every branch of the view, page after page, with the requests of each further page. */
async function everyRow(first: CollegeDashboard): Promise<CollegeBranchRow[]> {
  const rows = [...first.branches]
  let cursor = first.nextCursor
  while (cursor) {
    const page = data(await call<DashboardBranchesResult>({ action: 'dashboardBranches', cursor }, COMMITTEE))
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.length).toBeLessThanOrEqual(PAGE)
    const { queries } = await lastLoggedCall(cloud, 'branch', 'dashboardBranches')
    // The caller, then one page of rows (and the one that says more follow): not the college's other rows.
    expect(queries.map((q) => [q.collection, q.docsExamined <= PAGE + 1])).toEqual([
      ['members', true],
      ['dashboardRows', true],
    ])
    rows.push(...page.items)
    cursor = page.nextCursor
  }
  return rows
}

const later = (): Promise<void> => new Promise((r) => setTimeout(r, 5))

useLocalCloud(async (started, admin) => {
  cloud = started
  sdk = admin
  await addBranches(sdk, ADDED)
})

describe('the committee dashboard snapshot', () => {
  it('pages through every branch exactly once, those needing attention first', async () => {
    const first = await college({ fresh: true })
    const branches = await findDocs<{ _id: string }>(sdk, 'branches', { collegeId: 'college-main' })
    expect(first.branchCount).toBe(branches.length)
    expect(first.branches).toHaveLength(PAGE)
    expect(first.nextCursor).not.toBeNull()

    // The everyday first screen: the caller, the college and the summary, whatever the number of branches.
    const served = await college()
    expect(served).toEqual(first)
    const { queries } = await lastLoggedCall(cloud, 'branch', 'dashboard')
    expect(queries.map((q) => q.docsExamined)).toEqual([3])

    const rows = await everyRow(first)
    expect(rows.map((r) => r.branchId).sort()).toEqual(branches.map((b) => b._id).sort())
    expect(new Set(rows.map((r) => r.branchId)).size).toBe(rows.length)
    // Rule breaches of 组织生活 first, then overdue reports; the college adds up every branch, not only the first page.
    const keys = rows.map((r) => [r.compliance.missed, r.reports.overdueCount] as const)
    for (let i = 1; i < keys.length; i++) {
      const [missed, overdue] = keys[i]
      const [prevMissed, prevOverdue] = keys[i - 1]
      expect(missed < prevMissed || (missed === prevMissed && overdue <= prevOverdue)).toBe(true)
    }
    expect(new Set(keys.map(([missed]) => missed)).size).toBeGreaterThan(1)
    expect(first.total.memberCount).toBe(rows.reduce((n, r) => n + r.memberCount, 0))
  })

  it('keeps paging the snapshot the first screen came from when a newer one is stored', async () => {
    const first = await college({ fresh: true })
    await later()
    const newer = await college({ fresh: true })
    expect(newer.generatedAt).not.toBe(first.generatedAt)
    expect(newer.nextCursor).not.toBe(first.nextCursor)
    const rows = await everyRow(first)
    expect(rows.map((r) => r.branchId).sort()).toEqual((await everyRow(newer)).map((r) => r.branchId).sort())
    expect(new Set(rows.map((r) => r.branchId)).size).toBe(first.branchCount)
  })

  it('refreshes idempotently on the timer and removes the rows of snapshots no longer served', async () => {
    const stale: DashboardRowDoc = {
      _id: 'college-main~1~0',
      collegeId: 'college-main',
      at: new Date(Date.now() - 20 * 60 * 1000),
      rank: 0,
      row: (await college()).branches[0],
    }
    await sdk.database().collection('dashboardRows').add({ data: stale })
    const fire = () =>
      cloud.runJob<Result<{ colleges: number }>>('branch', {
        Type: 'Timer',
        TriggerName: 'dashboardSnapshot',
        Time: new Date().toISOString(),
      })
    expect(data(await fire()).colleges).toBe(1)
    const once = await college()
    await later()
    expect(data(await fire()).colleges).toBe(1)
    const twice = await college()
    const figures = (d: CollegeDashboard) => ({ ...d, generatedAt: '', nextCursor: null })
    expect(figures(twice)).toEqual(figures(once))
    const rows = await everyRow(twice)
    expect(rows).toHaveLength(twice.branchCount)
    expect(new Set(rows.map((r) => r.branchId)).size).toBe(twice.branchCount)
    const at = new Date(twice.generatedAt)
    expect(await findDocs(sdk, 'dashboardRows', { collegeId: 'college-main', at })).toHaveLength(twice.branchCount)

    // The old snapshot's rows are gone; a cursor naming it asks the app to open the dashboard again.
    expect(await findDocs(sdk, 'dashboardRows', { _id: stale._id })).toHaveLength(0)
    const gone = expectError(
      await call({ action: 'dashboardBranches', cursor: encodeCursor(stale.at, ['0']) }, COMMITTEE),
      'FAILED_PRECONDITION',
    )
    expect(gone.reason).toBe('dashboardReplaced')
  })

  it('computes again a snapshot stored before it had rows (one document with every branch)', async () => {
    const current = await college()
    const { nextCursor: _cursor, branchCount: _count, ...oldResult } = current
    await sdk
      .database()
      .collection('dashboardSnapshots')
      .doc('college-main')
      .set({ data: { at: new Date(), result: { ...oldResult, branches: await everyRow(current) } } })
    const recomputed = await college()
    expect(recomputed.branches).toHaveLength(PAGE)
    expect(recomputed.branchCount).toBe(current.branchCount)
    expect((await lastLoggedCall(cloud, 'branch', 'dashboard')).queries.map((q) => q.collection)).toContain(
      'dashboardRows',
    )
  })

  it('refuses the next page to anyone but the committee, and a tampered cursor', async () => {
    const { nextCursor } = await college()
    expectError(await call({ action: 'dashboardBranches', cursor: nextCursor }, CS_SECRETARY), 'FORBIDDEN')
    expectError(await call({ action: 'dashboardBranches', cursor: 'abc' }, COMMITTEE), 'INVALID_ARGUMENT')
    expectError(await call({ action: 'dashboardBranches' }, COMMITTEE), 'INVALID_ARGUMENT')
  })
})
