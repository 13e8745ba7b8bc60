import type { CollectionName, Collections } from '../../_shared/collections'
import { command, findMany, insert, isDuplicateKeyError, type Where } from '../../_shared/db'
import { subscribeMessageApi } from '../../_shared/cloud'
import type { CollegeDoc } from '../../_shared/models'
import { chinaMonth } from '../../_shared/time'
import { warningLevel } from './branch'
import { ledgerOf } from './ledger'
import { addMonths, duesSettingsOf, monthLabel, monthsBehind } from './rules'

/**
 * The dues reminder (订阅消息) template: a deployment setting (DUES_REMINDER_TEMPLATE_ID in the
 * function's environment) with keywords thing1 (what), thing2 (months behind), thing3 (the rule).
 */
export const DUES_REMINDER_TEMPLATE = process.env.DUES_REMINDER_TEMPLATE_ID || 'dues-reminder'

/**
 * Warns every member who has reached a warning level (3 and 5 months behind by default; six unpaid
 * months count as leaving the Party). Each level is sent once per run of arrears: the claim's `_id` is
 * member, level and the oldest unpaid month. Answers how many were warned.
 */
export async function warnBehind(now: Date): Promise<number> {
  const colleges = await findMany('colleges', {}, { limit: 20 })
  let warned = 0
  for (const college of colleges) warned += await warnCollege(college, now)
  return warned
}

async function warnCollege(college: CollegeDoc, now: Date): Promise<number> {
  const settings = duesSettingsOf(college)
  const current = chinaMonth(now)
  // Enough months to see the highest level; older arrears do not change the level.
  const window = Math.max(0, ...settings.warnAtMonths) + 2
  const from = addMonths(current, -window)
  const _ = command()
  const [members, payments, exemptions] = await Promise.all([
    findMany('members', { collegeId: college._id, stage: _.in(['probationary', 'full']) }, { limit: 1000 }),
    findAll('duesPayments', { collegeId: college._id, month: _.gte(from) }),
    findMany('duesExemptions', { collegeId: college._id, status: 'approved' }, { limit: 1000 }),
  ])
  const windowSettings = { ...settings, sinceMonth: [settings.sinceMonth, from].sort().pop() ?? from }
  let warned = 0
  for (const m of members) {
    // Transferred out (组织关系转出, member-care): they pay the receiving organisation from then on.
    if (!m.branchId) continue
    const ledger = ledgerOf(
      m,
      windowSettings,
      {
        payments: payments.filter((p) => p.memberId === m._id),
        pendingOrders: [],
        exemptions: exemptions.filter((e) => e.memberId === m._id),
        monthlyIncomeFen: null,
      },
      now,
    )
    const behind = monthsBehind(ledger.months, current)
    const level = warningLevel(settings, behind)
    if (level === 0) continue
    const oldest = ledger.months.find((x) => x.status === 'owed')?.month ?? current
    try {
      await insert('duesWarnings', {
        _id: `${m._id}:${level}:${oldest}`,
        memberId: m._id,
        branchId: m.branchId,
        behind,
        month: current,
        sentAt: now,
      })
    } catch (error) {
      if (isDuplicateKeyError(error)) continue
      throw error
    }
    warned++
    if (m.openid) await sendReminder(m.openid, behind, oldest)
  }
  return warned
}

/** Sends the reminder; never throws (a member who did not subscribe simply gets nothing). */
async function sendReminder(openid: string, behind: number, oldest: string): Promise<void> {
  try {
    await subscribeMessageApi().send({
      touser: openid,
      templateId: DUES_REMINDER_TEMPLATE,
      page: 'packages/dues/pay/index',
      data: {
        thing1: { value: '请按时交纳党费' },
        thing2: { value: `自${monthLabel(oldest)}起已${behind}个月未交` },
        thing3: { value: '连续6个月不交纳视为自行脱党' },
      },
      miniprogramState: 'formal',
    })
  } catch (error) {
    console.warn('[dues] reminder not sent', error instanceof Error ? error.message : error)
  }
}

/** Every matching document, 1000 at a time (a timer job, not a user's request). */
async function findAll<K extends CollectionName>(collection: K, where: Where): Promise<Collections[K][]> {
  const out: Collections[K][] = []
  for (let skip = 0; skip < 20_000; skip += 1000) {
    const page = await findMany<never, K>(collection, where, { skip, limit: 1000, orderBy: [['_id', 'asc']] })
    out.push(...page)
    if (page.length < 1000) break
  }
  return out
}
