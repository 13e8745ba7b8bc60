import { requireCaller, requireCallerWith } from '../../_shared/auth'
import { findMany, getById, insert } from '../../_shared/db'
import type { StudySettings } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { awardPoints, pointRulesOf } from '../../_shared/points'
import { addDays, chinaDay, chinaMonth } from '../../_shared/time'
import type { CalendarResult, ClockInResult, ClockInState } from './contract'
import type { ClockInDoc } from './model'
import { studySettingsOf } from './support'

/** Daily clock-in (打卡): one document per member and China-time day, its `_id` making a second one impossible. */

function clockInId(memberId: string, day: string): string {
  return `${memberId}:${day}`
}

/** The days whose clock-ins tell today's state (`own` keys of `requireCallerWith`): today and yesterday. */
export function clockInStateDays(now: Date): [today: string, yesterday: string] {
  const today = chinaDay(now)
  return [today, addDays(today, -1)]
}

/** Whether I clocked in today and the streak still alive, from my clock-ins of `clockInStateDays`. */
export function clockInStateOf(docs: ClockInDoc[], now: Date): ClockInState {
  const [today, yesterday] = clockInStateDays(now)
  return stateOf(docs, today, yesterday)
}

function stateOf(docs: ClockInDoc[], today: string, yesterday: string): ClockInState {
  const todays = docs.find((d) => d.day === today)
  const yesterdays = docs.find((d) => d.day === yesterday)
  return { clockedInToday: Boolean(todays), streak: todays?.streak ?? yesterdays?.streak ?? 0 }
}

/** Points grow by one for each consecutive day, up to the college's maximum. */
export function clockInPoints(streak: number, settings: StudySettings): number {
  return Math.min(settings.checkInMaxPoints, settings.checkInBasePoints + Math.max(0, streak - 1))
}

/**
 * Four requests: the caller with their college, totals and today's and yesterday's clock-ins (one
 * aggregate), the clock-in (its `_id` is the once-a-day claim), the ledger entry and the totals.
 */
export async function clockIn(_params: Record<string, never>, ctx: CallContext): Promise<ClockInResult> {
  const today = chinaDay(ctx.now)
  const yesterday = addDays(today, -1)
  const caller = await requireCallerWith(ctx, {
    college: true,
    pointsTotals: true,
    own: { checkIns: [today, yesterday] },
  })
  const settings = studySettingsOf(caller.college?.settings)
  const award = (streak: number) =>
    awardPoints({
      member: caller.member,
      kind: 'checkIn',
      refId: today,
      points: clockInPoints(streak, settings),
      reason: streak > 1 ? `每日打卡（连续 ${streak} 天）` : '每日打卡',
      now: ctx.now,
      rules: pointRulesOf(caller.college?.settings),
      seen: caller.pointsTotals,
    })

  const state = stateOf((caller.byId.checkIns ?? []) as ClockInDoc[], today, yesterday)
  if (state.clockedInToday) {
    // Already clocked in: the award is idempotent, so this also completes one that failed halfway.
    const again = await award(state.streak)
    return { ...state, day: today, awarded: again.awarded, already: true }
  }

  const streak = state.streak + 1
  const doc: ClockInDoc = {
    _id: clockInId(caller.memberId, today),
    memberId: caller.memberId,
    branchId: caller.branchId,
    day: today,
    month: chinaMonth(ctx.now),
    streak,
    at: ctx.now,
  }
  try {
    await insert('checkIns', doc)
  } catch (error) {
    // Another clock-in of the same day was stored first (a double tap on two devices).
    if (await getById('checkIns', doc._id)) throw new AppError('CONFLICT', '今天已经打过卡了')
    throw error
  }
  const result = await award(streak)
  return { clockedInToday: true, streak, day: today, awarded: result.awarded, already: false }
}

export async function clockInCalendar(params: { month?: string }, ctx: CallContext): Promise<CalendarResult> {
  const caller = await requireCaller(ctx)
  const month = params.month ?? chinaMonth(ctx.now)
  const docs = await findMany(
    'checkIns',
    { memberId: caller.memberId, month },
    { orderBy: [['day', 'asc']], limit: 31 },
  )
  return { month, days: docs.map((d) => d.day), today: chinaDay(ctx.now) }
}
