import { transaction } from './db'
import type { MemberDoc } from './models'
import { chinaDay, chinaMonth, chinaWeek } from './time'

/**
 * The study-points ledger (学习积分). Points are awarded only for actions the server verified; every
 * award is a ledger entry with its reason. `pointsTotals` is a running sum kept in the same transaction
 * as the entry (so rankings read one indexed document per member instead of summing the ledger); it is
 * never written anywhere else.
 */
export const POINT_KINDS = ['read', 'video', 'checkIn', 'dailyQuiz', 'quiz', 'challenge'] as const
export type PointKind = (typeof POINT_KINDS)[number]

export const POINT_KIND_LABELS: Record<PointKind, string> = {
  read: '阅读文章',
  video: '观看视频',
  checkIn: '每日打卡',
  dailyQuiz: '每日答题',
  quiz: '支部测验',
  challenge: '挑战答题',
}

export interface PointRules {
  /** Most points a member can earn per kind per China-time day. */
  dailyCapByKind: Record<PointKind, number>
  /** Most points a member can earn per day in all (学习强国 style). */
  dailyCap: number
}

export const DEFAULT_POINT_RULES: PointRules = {
  dailyCapByKind: { read: 12, video: 6, checkIn: 5, dailyQuiz: 5, quiz: 10, challenge: 6 },
  dailyCap: 40,
}

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
    const existing = await ledger.get().catch(() => ({ data: null }))
    const totalsRef = tx.collection('pointsTotals').doc(req.member._id)
    const stored = (await totalsRef.get().catch(() => ({ data: null }))).data as PointsTotalsDoc | null
    const totals = currentTotals(stored, req.member, req.now)
    if (existing.data) return { awarded: 0, capped: false, duplicate: true, total: totals.total }

    const awarded = pointsWithinCaps(totals, req.kind, req.points, rules)
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
  })
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _omit, ...rest } = doc
  return rest
}
