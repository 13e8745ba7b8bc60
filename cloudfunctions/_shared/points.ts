import { command, getById, insert, insertUnlessTaken, isDuplicateKeyError, updateWhere, type Where } from './db'
import { DEFAULT_POINT_RULES, type CollegeSettings, type PointKind, type PointRules } from './domain'
import type { MemberDoc } from './models'
import { chinaDay, chinaMonth, chinaWeek } from './time'
import { readSettings } from './settings'

/**
 * The study-points ledger (学习积分). Points are awarded only for actions the server verified; every
 * award is a ledger entry with its reason. `pointsTotals` is a running sum of the member's applied
 * entries (so rankings read one indexed document per member instead of summing the ledger); its
 * points are never written anywhere else.
 *
 * An award is three requests, no transaction: read the totals (often already read with the caller),
 * insert the ledger entry (its `_id` member:kind:refId is the exactly-once claim), then a
 * compare-and-set of the totals guarded by their revision `rev`. The totals remember the last
 * APPLIED_RING entries they applied, so an entry whose totals update was lost (a crash between the
 * two writes) is recognised and completed by the next attempt of the same action.
 *
 * The document also holds the member's quiz figures (`quiz`), so a quiz attempt's points and figures
 * are one write (`TotalsRider`); the totals' own compare-and-set never writes them.
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
  /** Points the action was worth before caps (absent on entries written before compare-and-set). */
  requested?: number
  /**
   * The totals revision `points` was capped against; the entry is applied by the compare-and-set
   * from this revision. Absent on older entries, which were written with their totals in one transaction.
   */
  rev?: number
}

export interface AppliedEntry {
  id: string
  points: number
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
  /** Bumped by every applied entry; absent (0) on totals written before compare-and-set. */
  rev?: number
  /** The last APPLIED_RING ledger entries applied, oldest first. */
  applied?: AppliedEntry[]
  /**
   * The member's quiz figures, kept here so a settled quiz attempt writes its points and its figures in
   * one request (issue 21). Written only by the quiz function, through a `TotalsRider`; the totals' own
   * writes never touch them. Absent until the member's first settled attempt.
   */
  quiz?: QuizFigures
}

/** A member's running quiz figures: the 答题 home, the branch rankings, the 错题本's open count, the dashboard. */
export interface QuizFigures {
  /** The member's name as of their last attempt (the rankings list it without reading the roster). */
  name: string
  answered: number
  correct: number
  attempts: number
  bestStreak: number
  mistakesOpen: number
  /** The last attempts added to these figures (each is added once). */
  countedAttempts: string[]
  /** The last attempt counted (the dashboard's participation this month). */
  updatedAt: Date
  /** Set by the migration that folded in the member's figures document of earlier versions (`quizProfiles`). */
  folded?: boolean
}

/**
 * A change of fields of the totals document that another module keeps (the quiz figures), made once per
 * action in the same request as the points that action brings, so both land or neither does.
 */
export interface TotalsRider {
  /** Whether the document as read holds the change already. */
  isIn(totals: PointsTotalsDoc | null): boolean
  /** Added to the write's condition: it matches only while the change is not in. */
  notIn: Record<string, unknown>
  /** The change as update operators on an existing document. */
  update: Record<string, unknown>
  /** A document being created, with the change. */
  fresh(doc: PointsTotalsDoc): PointsTotalsDoc
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
  /**
   * The member's totals document as just read (null: none yet), to save a request; read here when
   * omitted. A stale one only costs a retry of the compare-and-set.
   */
  seen?: PointsTotalsDoc | null
}

export interface AwardResult {
  awarded: number
  /** Some or all points were withheld by a daily cap. */
  capped: boolean
  /** This action was already rewarded earlier: nothing changed. */
  duplicate: boolean
  total: number
}

/** Applied entries the totals remember. An entry is known applied or not while fewer than this many others were applied since. */
export const APPLIED_RING = 20

/** Rounds before giving up (each lost round means another award of the same member landed first). */
const AWARD_ATTEMPTS = 24

/** A college's point rules: its stored settings over the defaults, kind by kind. */
export interface StoredPointRules {
  pointRules?: { dailyCap?: number; dailyCapByKind?: Partial<Record<PointKind, number>> }
}

export function pointRulesOf(
  settings: StoredPointRules | Partial<Pick<CollegeSettings, 'pointRules'>> | null | undefined,
): PointRules {
  return readSettings({ settings }).pointRules
}

export function ledgerId(memberId: string, kind: PointKind, refId: string): string {
  return `${memberId}:${kind}:${refId}`
}

/** The ledger entry of one award: one per (member, kind, refId). */
export function ledgerEntry(
  member: Pick<MemberDoc, '_id' | 'branchId'>,
  kind: PointKind,
  refId: string,
  points: number,
  reason: string,
  day: string,
  at: Date,
): PointsLedgerDoc {
  return {
    _id: ledgerId(member._id, kind, refId),
    memberId: member._id,
    branchId: member.branchId,
    kind,
    refId,
    points,
    reason,
    day,
    at,
  }
}

/** A member's totals before their first award, with the windows of `now`. */
export function emptyTotals(member: AwardRequest['member'], now: Date): PointsTotalsDoc {
  return {
    _id: member._id,
    memberId: member._id,
    branchId: member.branchId,
    collegeId: member.collegeId,
    total: 0,
    day: chinaDay(now),
    dayTotal: 0,
    dayByKind: {},
    week: chinaWeek(now),
    weekTotal: 0,
    month: chinaMonth(now),
    monthTotal: 0,
    updatedAt: now,
  }
}

/** Rolls the day/week/month windows of a totals document forward to `now`. */
export function currentTotals(doc: PointsTotalsDoc | null, member: AwardRequest['member'], now: Date): PointsTotalsDoc {
  const day = chinaDay(now)
  const week = chinaWeek(now)
  const month = chinaMonth(now)
  const base = doc ?? emptyTotals(member, now)
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

export function revOf(totals: PointsTotalsDoc | null): number {
  return totals?.rev ?? 0
}

function appliedIn(totals: PointsTotalsDoc | null, id: string): AppliedEntry | undefined {
  return totals?.applied?.find((a) => a.id === id)
}

/**
 * Whether `entry` was applied to `totals`: entries older than compare-and-set always were (one
 * transaction); newer ones are in the ring unless more than APPLIED_RING awards came after them,
 * in which case they are taken as applied (the retry came far too late to tell).
 */
export function isApplied(entry: PointsLedgerDoc, totals: PointsTotalsDoc | null): boolean {
  if (entry.rev === undefined) return true
  if (appliedIn(totals, entry._id)) return true
  return revOf(totals) - entry.rev > APPLIED_RING
}

/** Awards points for one verified action: a ledger entry, then the running totals; idempotent per refId. */
export async function awardPoints(req: AwardRequest): Promise<AwardResult> {
  const id = ledgerId(req.member._id, req.kind, req.refId)
  const seen = req.seen !== undefined ? req.seen : await readTotals(req.member._id)
  if (appliedIn(seen, id)) return duplicate(seen, req)

  const requested = Math.max(0, Math.floor(req.points))
  const totals = currentTotals(seen, req.member, req.now)
  const points = pointsWithinCaps(totals, req.kind, requested, req.rules ?? DEFAULT_POINT_RULES)
  const capped = points < requested
  if (points === 0) {
    // Nothing to add: no entry is written, unless one of an earlier attempt waits to be completed.
    const earlier = await getById('pointsLedger', id)
    if (!earlier) return { awarded: 0, capped, duplicate: false, total: totals.total }
    return complete(earlier, seen, req)
  }

  const entry: PointsLedgerDoc = {
    ...ledgerEntry(req.member, req.kind, req.refId, points, req.reason, totals.day, req.now),
    requested,
    rev: revOf(seen),
  }
  try {
    await insert('pointsLedger', entry)
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    const earlier = await getById('pointsLedger', id)
    if (!earlier) throw error
    return complete(earlier, seen, req)
  }
  return apply(entry, seen, req, restampLedger)
}

/** The entry of an earlier attempt of the same action: nothing to do if applied, else apply it now. */
function complete(entry: PointsLedgerDoc, seen: PointsTotalsDoc | null, req: AwardRequest): Promise<AwardResult> {
  if (isApplied(entry, seen)) return Promise.resolve(duplicate(seen, req))
  return apply(entry, seen, req, restampLedger)
}

/**
 * Stores an entry capped again (`points` against the totals revision `rev`) where the entry is kept,
 * only over an older stamp; answers the entry as stored (someone else's newer stamp, when theirs won).
 */
export type Restamp = (entry: PointsLedgerDoc, points: number, rev: number) => Promise<PointsLedgerDoc>

async function restampLedger(entry: PointsLedgerDoc, points: number, rev: number): Promise<PointsLedgerDoc> {
  const updated = await updateWhere('pointsLedger', { _id: entry._id, rev: command().lt(rev) }, { points, rev })
  if (updated > 0) return { ...entry, points, rev }
  // Someone stamped it at this revision or a newer one meanwhile: take theirs.
  const theirs = await getById('pointsLedger', entry._id)
  if (!theirs) throw new Error(`ledger entry ${entry._id} vanished`)
  return theirs
}

/**
 * Awards points whose entry is kept with the action's own record rather than in the ledger (a closed quiz
 * attempt carries its entry: written with the close, it is the claim), together with `rider`: one write
 * applies the entry (if any and not yet applied) and the rider's change. Applies them once, like
 * `awardPoints`; once the rider is in, the action is done (a duplicate). `restamp` stores the entry when
 * it has to be capped again.
 */
export function awardStoredEntry(
  entry: PointsLedgerDoc | null,
  req: AwardRequest & { seen: PointsTotalsDoc | null },
  restamp: Restamp,
  rider: TotalsRider,
): Promise<AwardResult> {
  return apply(entry, req.seen, req, restamp, rider)
}

function duplicate(seen: PointsTotalsDoc | null, req: AwardRequest): AwardResult {
  return { awarded: 0, capped: false, duplicate: true, total: currentTotals(seen, req.member, req.now).total }
}

/**
 * Adds a stored entry to the totals by compare-and-set on `rev`. The entry is applied only from the
 * revision it was capped against: when the totals moved since, it is capped again against them first
 * (the caps must hold under concurrency), then the totals are written. Whoever's compare-and-set
 * applies the entry reports the award; the others report a duplicate. A rider goes with that write
 * (or alone, when there are no points to add), and only while it is not in.
 */
async function apply(
  stored: PointsLedgerDoc | null,
  seen: PointsTotalsDoc | null,
  req: AwardRequest,
  restamp: Restamp,
  rider: TotalsRider | null = null,
): Promise<AwardResult> {
  let entry = stored
  let totals = seen
  for (let round = 1; ; round++) {
    if (rider?.isIn(totals)) return duplicate(totals, req)
    const entryRev = entry?.rev ?? 0
    if (!entry || isApplied(entry, totals)) {
      // No points to add (none, or applied before the rider existed): the rider's change alone.
      if (!rider) return duplicate(totals, req)
      if (await writeRider(totals, req, rider))
        return { ...duplicate(totals, req), duplicate: entry !== null, awarded: 0 }
    } else if (entryRev === revOf(totals)) {
      const next = await compareAndSet(entry, totals, req, rider)
      if (next)
        return {
          awarded: entry.points,
          capped: entry.points < (entry.requested ?? entry.points),
          duplicate: false,
          total: next.total,
        }
    } else if (entryRev < revOf(totals)) {
      entry = await recap(entry, totals, req, restamp)
      continue
    }
    // The totals moved on (or the entry was capped against newer totals than ours): read them again.
    if (round >= AWARD_ATTEMPTS) throw new Error(`points totals of ${req.member._id} kept changing`)
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * round))
    totals = await readTotals(req.member._id)
  }
}

/**
 * Caps the entry again against `totals` and stamps their revision; answers the entry as stored.
 * The points follow from the action's requested points and the totals alone, so everyone capping
 * against one revision writes the same; only an older stamp is replaced.
 */
function recap(
  entry: PointsLedgerDoc,
  totals: PointsTotalsDoc | null,
  req: AwardRequest,
  restamp: Restamp,
): Promise<PointsLedgerDoc> {
  const current = currentTotals(totals, req.member, req.now)
  const points = pointsWithinCaps(
    current,
    entry.kind,
    entry.requested ?? entry.points,
    req.rules ?? DEFAULT_POINT_RULES,
  )
  return restamp(entry, points, revOf(totals))
}

/** The totals with `entry` added, written only if they are still at `totals`' revision; null when they moved. */
async function compareAndSet(
  entry: PointsLedgerDoc,
  totals: PointsTotalsDoc | null,
  req: AwardRequest,
  rider: TotalsRider | null,
): Promise<PointsTotalsDoc | null> {
  const base = currentTotals(totals, req.member, req.now)
  const next: PointsTotalsDoc = {
    ...base,
    total: base.total + entry.points,
    dayTotal: base.dayTotal + entry.points,
    dayByKind: { ...base.dayByKind, [entry.kind]: (base.dayByKind[entry.kind] ?? 0) + entry.points },
    weekTotal: base.weekTotal + entry.points,
    monthTotal: base.monthTotal + entry.points,
    updatedAt: req.now,
    rev: revOf(totals) + 1,
    applied: [...(totals?.applied ?? []), { id: entry._id, points: entry.points }].slice(-APPLIED_RING),
  }
  // The member's first totals: the unique _id settles a race between two firsts.
  if (!totals) return (await insertUnlessTaken('pointsTotals', rider ? rider.fresh(next) : next)) ? next : null
  const _ = command()
  const guard: Where = {
    _id: totals._id,
    rev: totals.rev === undefined ? _.exists(false) : totals.rev,
    ...rider?.notIn,
  }
  // The quiz figures are the quiz function's: changed by its rider only, never written back as read.
  const { _id: _omit, dayByKind, applied, quiz: _figures, ...fields } = next
  // set() replaces the objects whole (a plain object would be merged field by field, keeping yesterday's kinds).
  const updated = await updateWhere('pointsTotals', guard, {
    ...fields,
    dayByKind: _.set(dayByKind),
    applied: _.set(applied ?? []),
    ...rider?.update,
  })
  return updated > 0 ? next : null
}

/** The rider's change alone (no points): false when the document changed under it (read it again). */
async function writeRider(totals: PointsTotalsDoc | null, req: AwardRequest, rider: TotalsRider): Promise<boolean> {
  if (!totals) return insertUnlessTaken('pointsTotals', rider.fresh(emptyTotals(req.member, req.now)))
  return (await updateWhere('pointsTotals', { _id: totals._id, ...rider.notIn }, rider.update)) > 0
}

/**
 * The member's totals, or null when they have none yet. Read by _id (a query answers an empty list
 * for a missing document; any other failure propagates rather than being taken for "no totals").
 */
function readTotals(memberId: string): Promise<PointsTotalsDoc | null> {
  return getById('pointsTotals', memberId)
}
