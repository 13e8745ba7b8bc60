import { requireCallerWith, requireRole } from '../../_shared/auth'
import { command, findMany, getDb } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { CollegeDoc } from '../../_shared/models'
import { addDays, chinaDay, startOfChinaDay } from '../../_shared/time'
import type { ReconciliationView } from './contract'
import type { DuesReconciliationDoc, Mismatch } from './model'
import { duesSettingsOf } from './rules'
import { cloudPay, nonce } from './wxpay'

export interface BillRow {
  outTradeNo: string
  state: 'SUCCESS' | 'REFUND'
  fen: number
}

/**
 * WeChat Pay's daily bill (text): a header line, trade lines whose fields all start with a backtick,
 * then a totals header and the totals line. Amounts are in 元 with two decimals.
 */
export function parseBill(text: string): BillRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.startsWith('`'))
  // The last backtick line is the totals.
  return lines.slice(0, -1).map((line) => {
    const f = line.split(',').map((v) => v.replace(/^`/, ''))
    const state = f[9] === 'REFUND' ? 'REFUND' : 'SUCCESS'
    const yuan = state === 'REFUND' ? f[16] : f[12]
    return { outTradeNo: f[6] ?? '', state, fen: Math.round(Number(yuan) * 100) }
  })
}

/** Our orders and the bill of `day` ('YYYY-MM-DD', China time) compared; mismatches stored and answered. */
export async function reconcileDay(college: CollegeDoc, day: string, now: Date): Promise<DuesReconciliationDoc> {
  const settings = duesSettingsOf(college)
  const res = await cloudPay().downloadBill({
    subMchId: settings.subMchId,
    billDate: day.replace(/-/g, ''),
    billType: 'ALL',
    nonceStr: nonce(),
  })
  const text = typeof res.data === 'string' ? res.data : ''
  if (!text && res.returnCode === 'FAIL' && !/no bill exist/i.test(String(res.returnMsg ?? ''))) {
    throw new Error(`downloadBill ${day} failed: ${String(res.returnMsg ?? '')}`)
  }
  const bill = text ? parseBill(text) : []
  const _ = command()
  const start = startOfChinaDay(day)
  const end = startOfChinaDay(addDays(day, 1))
  const [paidThatDay, refundedThatDay] = await Promise.all([
    findMany('duesOrders', { paidAt: _.gte(start).and(_.lt(end)) }, { limit: 1000 }),
    findMany('duesOrders', { refundedAt: _.gte(start).and(_.lt(end)) }, { limit: 1000 }),
  ])
  const billIds = [...new Set(bill.map((b) => b.outTradeNo))]
  const known = new Map([...paidThatDay, ...refundedThatDay].map((o) => [o._id, o]))
  const missing = billIds.filter((id) => !known.has(id))
  if (missing.length)
    for (const o of await findMany('duesOrders', { _id: _.in(missing) }, { limit: 1000 })) known.set(o._id, o)
  const mismatches: Mismatch[] = []
  for (const b of bill) {
    const o = known.get(b.outTradeNo)
    const ours = o ? { state: o.state, fen: b.state === 'REFUND' ? o.totalFee : o.totalFee } : null
    if (!o) mismatches.push({ outTradeNo: b.outTradeNo, bill: b, ours, problem: '微信账单有此笔交易，本系统没有订单' })
    else if (o.totalFee !== b.fen) mismatches.push({ outTradeNo: b.outTradeNo, bill: b, ours, problem: '金额不一致' })
    else if (b.state === 'SUCCESS' && o.state !== 'paid' && o.state !== 'refunded')
      mismatches.push({ outTradeNo: b.outTradeNo, bill: b, ours, problem: '微信已收款，本系统未记为已交纳' })
    else if (b.state === 'REFUND' && o.state !== 'refunded')
      mismatches.push({ outTradeNo: b.outTradeNo, bill: b, ours, problem: '微信已退款，本系统未记为已退款' })
  }
  const inBill = new Set(bill.filter((b) => b.state === 'SUCCESS').map((b) => b.outTradeNo))
  for (const o of paidThatDay) {
    if (!inBill.has(o._id))
      mismatches.push({
        outTradeNo: o._id,
        bill: null,
        ours: { state: o.state, fen: o.totalFee },
        problem: '本系统记为已交纳，微信账单没有此笔收款',
      })
  }
  const doc: DuesReconciliationDoc = {
    _id: `${college._id}:${day}`,
    collegeId: college._id,
    checkedAt: now,
    billCount: bill.filter((b) => b.state === 'SUCCESS').length,
    billTotalFen: bill.filter((b) => b.state === 'SUCCESS').reduce((s, b) => s + b.fen, 0),
    mismatches,
  }
  const { _id, ...data } = doc
  await getDb().collection('duesReconciliations').doc(_id).set({ data })
  return doc
}

/** The committee (or the timer, with no caller) reconciles a day; default yesterday. */
export async function reconcile(
  params: { day?: string },
  ctx: CallContext,
): Promise<{ day: string; mismatches: number }> {
  const day = params.day ?? addDays(chinaDay(ctx.now), -1)
  // Today's bill is partial (WeChat publishes it the next morning); the committee may still compare so far.
  if (day > chinaDay(ctx.now)) throw new AppError('INVALID_ARGUMENT', '不能对未来的日期对账')
  let colleges: CollegeDoc[]
  if (ctx.openid) {
    const caller = await requireCallerWith(ctx, { college: true })
    requireRole(caller, 'committee')
    colleges = caller.college ? [caller.college] : []
  } else {
    colleges = await findMany('colleges', {}, { limit: 20 })
  }
  let mismatches = 0
  for (const c of colleges) mismatches += (await reconcileDay(c, day, ctx.now)).mismatches.length
  return { day, mismatches }
}

export async function reconciliation(_params: object, ctx: CallContext): Promise<ReconciliationView> {
  const caller = await requireCallerWith(ctx, {})
  requireRole(caller, 'committee')
  const docs = await findMany(
    'duesReconciliations',
    { collegeId: caller.member.collegeId },
    { orderBy: [['checkedAt', 'desc']], limit: 31 },
  )
  return {
    days: docs.map((d) => ({
      day: d._id.split(':').pop() ?? '',
      checkedAt: new Date(d.checkedAt).toISOString(),
      billCount: d.billCount,
      billTotalFen: d.billTotalFen,
      mismatches: d.mismatches,
    })),
  }
}
