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

/**
 * Concurrent awards to one member (a quiz and a reading finishing together) conflict on the totals
 * document; the loser runs again after a short random pause, so a burst settles instead of colliding again.
 */
const AWARD_ATTEMPTS = 8

/** A college's point rules: its stored settings over the defaults, kind by kind. */
export interface StoredPointRules {
  pointRules?: { dailyCap?: number; dailyCapByKind?: Partial<Record<PointKind, number>> }
}

export function pointRulesOf(settings: StoredPointRules | Partial<Pick<CollegeSettings, 'pointRules'>> | null | undefined): PointRules {
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
  for (let attempt = 1; ; attempt++) {
    try {
      return await awardOnce(req)
    } catch (error) {
      if (attempt >= AWARD_ATTEMPTS || !isConflict(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
    }
  }
}

function awardOnce(req: AwardRequest): Promise<AwardResult> {
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
  }, 0)
}

function errorText(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const e = error as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown }
  return [e.code, e.errCode, e.errMsg, e.message].filter((part) => part !== undefined).map(String).join(' ')
}

/** A write conflict with a concurrent transaction (first committer wins): worth running again. */
function isConflict(error: unknown): boolean {
  return /TransactionConflict|TRANSACTION_CONFLICT/i.test(errorText(error))
}

/**
 * A document read inside a transaction, or null when it does not exist. wx-server-sdk throws for a
 * missing document; any other failure must propagate (and roll back): treating it as "missing"
 * would reset a member's totals to zero.
 */
async function readInTx<T>(ref: TxDocRef): Promise<T | null> {
  try {
    const res = (await ref.get()) as { data?: unknown }
    return (res.data ?? null) as T | null
  } catch (error) {
    if (isMissingDocument(error)) return null
    throw error
  }
}

function isMissingDocument(error: unknown): boolean {
  return /does not exist/i.test(errorText(error))
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _omit, ...rest } = doc
  return rest
}
