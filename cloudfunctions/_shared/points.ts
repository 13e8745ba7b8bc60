import { transaction, type TxDocRef } from './db'
import { DEFAULT_POINT_RULES, type CollegeSettings, type PointKind, type PointRules } from './domain'
import type { MemberDoc } from './models'
import { chinaDay, chinaMonth, chinaWeek } from './time'

/**
 * The study-points ledger (学习积分). Points are awarded only for actions the server verified; every
 * award is a ledger entry with its reason. `pointsTotals` is a running sum kept in the same transaction
 * as the entry (so rankings read one indexed document per member instead of summing the ledger); it is
 * never written anywhere else.
 */
export { POINT_KINDS, POINT_KIND_LABELS, DEFAULT_POINT_RULES } from './domain'
export type { PointKind, PointRules } from './domain'

export interface PointsLedgerDoc {
  _id: string
  memberId: string
  branchId: string | null
  kind: PointKind
  /** What was done: an article id, a day, an attempt id. One award per (member, kind, refId). */
  refId: string
  points: number
  reason: string
  day: string
  at: Date
}

export interface PointsTotalsDoc {
  _id: string // the memberId
  memberId: string
  branchId: string | null
  collegeId: string
  total: number
  day: string
  dayTotal: number
  dayByKind: Partial<Record<PointKind, number>>
  week: string
  weekTotal: number
  month: string
  monthTotal: number
  updatedAt: Date
}

export interface AwardRequest {
  member: Pick<MemberDoc, '_id' | 'branchId' | 'collegeId'>
  kind: PointKind
  refId: string
  /** Points the action is worth before caps. */
  points: number
  reason: string
  now: Date
  /** The college's rules (`pointRulesOf(college.settings)`); the defaults when omitted. */
  rules?: PointRules
}

export interface AwardResult {
  awarded: number
  /** Some or all points were withheld by a daily cap. */
  capped: boolean
  /** This action was already rewarded earlier: nothing changed. */
  duplicate: boolean
  total: number
}

/** Concurrent awards to one member (a quiz and a reading finishing together) conflict; the SDK retries. */
const AWARD_RETRIES = 5

/** A college's point rules: its stored settings over the defaults, kind by kind. */
export function pointRulesOf(settings: Partial<Pick<CollegeSettings, 'pointRules'>> | null | undefined): PointRules {
  const stored = settings?.pointRules
  return {
    dailyCap: stored?.dailyCap ?? DEFAULT_POINT_RULES.dailyCap,
    dailyCapByKind: { ...DEFAULT_POINT_RULES.dailyCapByKind, ...stored?.dailyCapByKind },
  }
}

export function ledgerId(memberId: string, kind: PointKind, refId: string): string {
  return `${memberId}:${kind}:${refId}`
}

/** Rolls the day/week/month windows of a totals document forward to `now`. */
export function currentTotals(doc: PointsTotalsDoc | null, member: AwardRequest['member'], now: Date): PointsTotalsDoc {
  const day = chinaDay(now)
  const week = chinaWeek(now)
  const month = chinaMonth(now)
  const base: PointsTotalsDoc = doc ?? {
    _id: member._id,
    memberId: member._id,
    branchId: member.branchId,
    collegeId: member.collegeId,
    total: 0,
    day,
    dayTotal: 0,
    dayByKind: {},
    week,
    weekTotal: 0,
    month,
    monthTotal: 0,
    updatedAt: now,
  }
  return {
    ...base,
    branchId: member.branchId,
    ...(base.day === day ? {} : { day, dayTotal: 0, dayByKind: {} }),
    ...(base.week === week ? {} : { week, weekTotal: 0 }),
    ...(base.month === month ? {} : { month, monthTotal: 0 }),
  }
}

/** How many of `points` fit under the kind's and the day's caps. */
export function pointsWithinCaps(totals: PointsTotalsDoc, kind: PointKind, points: number, rules: PointRules): number {
  const kindLeft = rules.dailyCapByKind[kind] - (totals.dayByKind[kind] ?? 0)
  const dayLeft = rules.dailyCap - totals.dayTotal
  return Math.max(0, Math.min(points, kindLeft, dayLeft))
}

/** Awards points for one verified action, atomically with the running totals; idempotent per refId. */
export async function awardPoints(req: AwardRequest): Promise<AwardResult> {
  const rules = req.rules ?? DEFAULT_POINT_RULES
  const id = ledgerId(req.member._id, req.kind, req.refId)
  return transaction(async (tx) => {
    const ledger = tx.collection('pointsLedger').doc(id)
    const totalsRef = tx.collection('pointsTotals').doc(req.member._id)
    const [existing, stored] = await Promise.all([readInTx<PointsLedgerDoc>(ledger), readInTx<PointsTotalsDoc>(totalsRef)])
    const totals = currentTotals(stored, req.member, req.now)
    if (existing) return { awarded: 0, capped: false, duplicate: true, total: totals.total }

    const awarded = pointsWithinCaps(totals, req.kind, Math.max(0, Math.floor(req.points)), rules)
    const capped = awarded < req.points
    if (awarded === 0) return { awarded, capped, duplicate: false, total: totals.total }

    const entry: Omit<PointsLedgerDoc, '_id'> = {
      memberId: req.member._id,
      branchId: req.member.branchId,
      kind: req.kind,
      refId: req.refId,
      points: awarded,
      reason: req.reason,
      day: totals.day,
      at: req.now,
    }
    const next: Omit<PointsTotalsDoc, '_id'> = {
      ...withoutId(totals),
      total: totals.total + awarded,
      dayTotal: totals.dayTotal + awarded,
      dayByKind: { ...totals.dayByKind, [req.kind]: (totals.dayByKind[req.kind] ?? 0) + awarded },
      weekTotal: totals.weekTotal + awarded,
      monthTotal: totals.monthTotal + awarded,
      updatedAt: req.now,
    }
    await ledger.set({ data: entry })
    await totalsRef.set({ data: next })
    return { awarded, capped, duplicate: false, total: next.total }
  }, AWARD_RETRIES)
}

/**
 * A document read inside a transaction: null when it does not exist. The SDK answers a failed read
 * with an error object instead of throwing; treating that as "missing" would reset a member's totals,
 * so it throws (and the transaction rolls back).
 */
async function readInTx<T>(ref: TxDocRef): Promise<T | null> {
  const res = (await ref.get()) as { data?: unknown; code?: unknown; message?: unknown }
  if (res.code) throw new Error(`transaction read failed: ${String(res.code)} ${String(res.message ?? '')}`)
  return (res.data ?? null) as T | null
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _omit, ...rest } = doc
  return rest
}
