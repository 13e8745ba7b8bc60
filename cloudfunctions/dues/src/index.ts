import { insert, isDuplicateKeyError } from '../../_shared/db'
import { defineFunction, isTimerEvent, type CallContext } from '../../_shared/handler'
import { addDays, chinaDay } from '../../_shared/time'
import {
  authorizeProxy,
  branchDues,
  decideExemption,
  listExemptions,
  recordCash,
  requestExemption,
  setIncome,
} from './branch'
import { duesSchemas, type DuesContract } from './contract'
import { exportBranch } from './export'
import { cancelOrder, closeExpired, home, isPaymentNotification, onPaymentNotification, orderStatus, pay } from './pay'
import { recordUse, statement } from './publish'
import { reconcile, reconciliation } from './reconcile'
import { warnBehind } from './warnings'

/** Claims a once-a-day job (`_id` = job and day); false when it already ran today. */
async function claimDaily(job: string, day: string, now: Date): Promise<boolean> {
  try {
    await insert('duesJobs', { _id: `${job}:${day}`, at: now })
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

/**
 * The timer (one per function): close expired orders every run; once a day warn members behind and,
 * from 10:00 China time (WeChat's bill of yesterday is ready by then), reconcile yesterday.
 */
async function tick(ctx: CallContext): Promise<{ closed: number; warned: number; reconciled: string | null }> {
  const closed = await closeExpired(ctx.now)
  const today = chinaDay(ctx.now)
  const warned = (await claimDaily('warn', today, ctx.now)) ? await warnBehind(ctx.now) : 0
  const chinaHour = (ctx.now.getUTCHours() + 8) % 24
  let reconciled: string | null = null
  if (chinaHour >= 10 && (await claimDaily('reconcile', today, ctx.now))) {
    reconciled = (await reconcile({ day: addDays(today, -1) }, ctx)).day
  }
  return { closed, warned, reconciled }
}

// Timer job: the duesTimer trigger (every 10 minutes) runs `tick`.
const handle = defineFunction<DuesContract>(
  'dues',
  duesSchemas,
  {
    home,
    pay,
    cancelOrder,
    orderStatus,
    branch: branchDues,
    recordCash,
    exportBranch,
    setIncome,
    requestExemption,
    decideExemption,
    exemptions: listExemptions,
    statement,
    recordUse,
    authorizeProxy,
    reconciliation,
    reconcile,
  },
  { tick },
)

/**
 * Three kinds of events: the app's calls (`action`), the timer (`duesTimer`), and WeChat Pay's payment
 * notification (`returnCode`, `outTradeNo`, … with no action), which must answer `{ errcode, errmsg }`.
 */
export async function main(event: unknown): Promise<unknown> {
  if (!isTimerEvent(event) && isPaymentNotification(event)) {
    try {
      return await onPaymentNotification(event, new Date())
    } catch (error) {
      console.error('[dues] payment notification failed', error)
      // Not acknowledged: WeChat notifies again.
      return { errcode: 1, errmsg: 'failed' }
    }
  }
  return handle(event)
}
