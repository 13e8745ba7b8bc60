import { requireCallerWith } from '../../_shared/auth'
import { findMany, getById, insert, readInTx, transaction, updateWhere, command } from '../../_shared/db'
import { STAGE_LABELS } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { chinaClock, chinaMonth } from '../../_shared/time'
import type { DuesHome, MonthRow, PayStart } from './contract'
import { loadLedger, loadMemberLedger, ownReads, paymentId, type Ledger } from './ledger'
import type { DuesOrderDoc, DuesPaymentDoc, OrderState } from './model'
import type { CallerWith } from '../../_shared/auth'
import type { MemberDoc } from '../../_shared/models'
import { duesSettingsOf } from './rules'
import { checkChoice, monthLabel, monthlyDueFen, monthsBehind } from './rules'
import { cloudPay, currentEnv, nonce, succeeded, type WxPayReply } from './wxpay'

/** The function WeChat notifies of payment results (this one). */
export const CALLBACK_FUNCTION = 'dues'

interface Subject {
  member: MemberDoc
  ledger: Ledger
  /** The caller, when paying for someone else (代缴). */
  payer: CallerWith | null
}

/** Whose dues: the caller's own, or a member the caller was authorised to pay for (代缴). */
async function subjectOf(caller: CallerWith, forMemberId: string | undefined, now: Date): Promise<Subject> {
  if (!forMemberId || forMemberId === caller.memberId)
    return { member: caller.member, ledger: await loadLedger(caller, now), payer: null }
  const [proxy, member] = await Promise.all([
    getById('duesProxies', `${caller.memberId}:${forMemberId}`),
    getById('members', forMemberId),
  ])
  if (!proxy || !member) throw new AppError('FORBIDDEN', '你没有获准为该成员代缴党费，请联系其所在支部书记')
  return { member, ledger: await loadMemberLedger(member, duesSettingsOf(caller.college), now), payer: caller }
}

export async function home(params: { forMemberId?: string }, ctx: CallContext): Promise<DuesHome> {
  const caller = await requireCallerWith(ctx, ownReads)
  const [{ member, ledger, payer }, proxies] = await Promise.all([
    subjectOf(caller, params.forMemberId, ctx.now),
    findMany('duesProxies', { payerId: caller.memberId }, { limit: 20 }),
  ])
  const byMonth = new Map(ledger.payments.map((p) => [p.month, p]))
  const months: MonthRow[] = ledger.months.map((m) => {
    const p = byMonth.get(m.month)
    return {
      month: m.month,
      label: monthLabel(m.month),
      amountFen: p?.amountFen ?? m.amountFen,
      status: m.status,
      method: p?.method ?? null,
      paidAt: p?.paidAt ? new Date(p.paidAt).toISOString() : null,
    }
  })
  const pending = ledger.pendingOrders[0] ?? null
  const year = ledger.currentMonth.slice(0, 4)
  return {
    name: member.name,
    stageLabel: STAGE_LABELS[member.stage],
    liable: ledger.months.length > 0,
    monthlyFen: monthlyDueFen(ledger.settings, ledger.monthlyIncomeFen),
    rateLabel: ledger.monthlyIncomeFen ? '按月收入比例交纳' : '学生党员（无收入）每月 0.2 元',
    months,
    behind: monthsBehind(ledger.months, ledger.currentMonth),
    maxMonthsPerPayment: ledger.settings.maxMonthsPerPayment,
    quarterly: ledger.quarterly,
    payEnabled: ledger.settings.subMchId !== '',
    pendingOrder: pending ? { outTradeNo: pending._id, months: pending.months, totalFee: pending.totalFee } : null,
    paidThisYearFen: ledger.payments
      .filter((p) => p.receivedMonth.startsWith(year))
      .reduce((s, p) => s + p.amountFen, 0),
    forMember: payer ? { id: member._id, name: member.name } : null,
    proxies: proxies.map((p) => ({ memberId: p.memberId, name: p.memberName })),
  }
}

function newTradeNo(now: Date): string {
  const stamp = chinaClock(now).toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return `DF${stamp}${nonce().slice(0, 10)}`
}

/**
 * Starts a WeChat Pay order for the chosen months. The amount comes from the rules and the member's
 * record, never from the client. The order is stored (reserving the months) before WeChat is asked.
 */
export async function pay(params: { months: string[]; forMemberId?: string }, ctx: CallContext): Promise<PayStart> {
  const caller = await requireCallerWith(ctx, ownReads)
  const { member, ledger, payer } = await subjectOf(caller, params.forMemberId, ctx.now)
  if (ledger.months.length === 0) throw new AppError('FAILED_PRECONDITION', '只有党员（含预备党员）需要交纳党费')
  if (!ledger.settings.subMchId) throw new AppError('FAILED_PRECONDITION', '学院尚未开通微信支付，请向支部书记交纳现金')
  if (ledger.pendingOrders.length > 0) throw new AppError('CONFLICT', '你有一笔待支付的订单，请先完成或取消')
  const choice = checkChoice(ledger.months, params.months, ledger.settings.maxMonthsPerPayment)
  if ('refused' in choice) throw new AppError('INVALID_ARGUMENT', choice.refused)
  const months = [...params.months].sort()
  const totalFee = choice.amounts.reduce((s, n) => s + n, 0)
  const outTradeNo = newTradeNo(ctx.now)
  const order: DuesOrderDoc = {
    _id: outTradeNo,
    memberId: member._id,
    memberName: member.name,
    // The WeChat user who pays: the member, or the authorised payer (代缴).
    openid: caller.openid,
    payerId: payer ? caller.memberId : null,
    branchId: member.branchId,
    collegeId: member.collegeId,
    months,
    amounts: choice.amounts,
    totalFee,
    state: 'pending',
    subMchId: ledger.settings.subMchId,
    prepayId: '',
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + ledger.settings.orderTimeoutMinutes * 60_000),
    paidAt: null,
    transactionId: null,
    closedAt: null,
    refundedAt: null,
    refundReason: null,
  }
  await insert('duesOrders', order)
  const range =
    months.length === 1 ? monthLabel(months[0]) : `${monthLabel(months[0])}至${monthLabel(months[months.length - 1])}`
  let res: WxPayReply
  try {
    res = await cloudPay().unifiedOrder({
      body: payer ? `党费-${member.name}-${range}` : `党费-${range}`,
      outTradeNo,
      spbillCreateIp: '127.0.0.1',
      subMchId: order.subMchId,
      totalFee,
      envId: currentEnv(),
      functionName: CALLBACK_FUNCTION,
      nonceStr: nonce(),
      tradeType: 'JSAPI',
      attach: member._id,
    })
  } catch (error) {
    console.error('[dues] unifiedOrder failed', error)
    res = {}
  }
  const payment = res.payment as PayStart['payment'] | undefined
  if (!succeeded(res) || !payment) {
    await updateWhere('duesOrders', { _id: outTradeNo, state: 'pending' }, { state: 'closed', closedAt: ctx.now })
    throw new AppError('FAILED_PRECONDITION', '微信支付暂时无法下单，请稍后再试')
  }
  await updateWhere('duesOrders', { _id: outTradeNo }, { prepayId: String(res.prepayId ?? '') })
  return { outTradeNo, totalFee, months, payment }
}

async function ownOrder(ctx: CallContext, outTradeNo: string): Promise<DuesOrderDoc> {
  const caller = await requireCallerWith(ctx, {})
  const order = await getById('duesOrders', outTradeNo)
  if (!order || (order.memberId !== caller.memberId && order.payerId !== caller.memberId))
    throw new AppError('NOT_FOUND', '订单不存在')
  return order
}

export async function orderStatus(
  params: { outTradeNo: string },
  ctx: CallContext,
): Promise<{ state: OrderState; months: string[] }> {
  const order = await ownOrder(ctx, params.outTradeNo)
  return { state: order.state, months: order.months }
}

export async function cancelOrder(params: { outTradeNo: string }, ctx: CallContext): Promise<{ state: OrderState }> {
  const order = await ownOrder(ctx, params.outTradeNo)
  if (order.state !== 'pending') return { state: order.state }
  return { state: await closeWithWeChat(order, ctx.now) }
}

/**
 * Closes an unpaid order with WeChat first, then here. If WeChat says it was paid after all (the
 * notification is late), the payment is applied instead.
 */
export async function closeWithWeChat(order: DuesOrderDoc, now: Date): Promise<OrderState> {
  const res = await cloudPay().closeOrder({ subMchId: order.subMchId, outTradeNo: order._id, nonceStr: nonce() })
  if (!succeeded(res)) {
    const q = await cloudPay().queryOrder({ subMchId: order.subMchId, outTradeNo: order._id, nonceStr: nonce() })
    if (succeeded(q) && (q.tradeState === 'SUCCESS' || q.tradeState === 'REFUND')) return applyPaid(order, q, now)
    if (!(succeeded(q) && q.tradeState === 'CLOSED'))
      throw new AppError('FAILED_PRECONDITION', '微信支付暂时无法关闭订单，请稍后再试')
  }
  const closed = await updateWhere(
    'duesOrders',
    { _id: order._id, state: 'pending' },
    { state: 'closed', closedAt: now },
  )
  if (closed === 0) return (await getById('duesOrders', order._id))?.state ?? 'closed'
  return 'closed'
}

/** The payment notification (支付结果回调) WeChat sends to `functionName`: fields camelCase, no action. */
export function isPaymentNotification(event: unknown): event is Record<string, unknown> {
  return (
    typeof event === 'object' &&
    event !== null &&
    !('action' in event) &&
    'returnCode' in event &&
    'outTradeNo' in event
  )
}

/**
 * Handles a payment notification. Anyone could call this function with made-up fields, so nothing in
 * the event is trusted: the order is read here and its payment confirmed with WeChat (queryOrder).
 * Answers `{ errcode: 0 }` once the notification needs no retry; a repeated one changes nothing.
 */
export async function onPaymentNotification(
  event: Record<string, unknown>,
  now: Date,
): Promise<{ errcode: number; errmsg: string }> {
  const outTradeNo = typeof event.outTradeNo === 'string' ? event.outTradeNo : ''
  const order = /^[A-Za-z0-9_-]{1,32}$/.test(outTradeNo) ? await getById('duesOrders', outTradeNo) : null
  if (!order) return { errcode: 0, errmsg: 'no such order' }
  if (order.state === 'paid' || order.state === 'refunded') return { errcode: 0, errmsg: 'already handled' }
  const q = await cloudPay().queryOrder({ subMchId: order.subMchId, outTradeNo, nonceStr: nonce() })
  if (q.returnCode !== 'SUCCESS') return { errcode: 1, errmsg: 'query failed, retry' }
  if (!succeeded(q) || (q.tradeState !== 'SUCCESS' && q.tradeState !== 'REFUND'))
    return { errcode: 0, errmsg: 'not paid' }
  await applyPaid(order, q, now)
  return { errcode: 0, errmsg: 'ok' }
}

/**
 * Marks the order's months paid, in one transaction: every month is a document with `_id`
 * `<member>:<month>`, so a month already paid (cash, another order) stops the whole order, which is
 * then refunded in full. An amount that differs from the order is refunded too.
 */
export async function applyPaid(order: DuesOrderDoc, q: WxPayReply, now: Date): Promise<OrderState> {
  if (q.tradeState === 'REFUND') return order.state
  const transactionId = String(q.transactionId ?? '')
  if (Number(q.totalFee) !== order.totalFee || (q.subMchId !== undefined && q.subMchId !== order.subMchId)) {
    return refundOrder(
      order,
      transactionId,
      `实付金额 ${Number(q.totalFee)} 分与订单金额 ${order.totalFee} 分不符`,
      now,
    )
  }
  const month = chinaMonth(now)
  const outcome = await transaction(async (tx) => {
    const current = await readInTx<DuesOrderDoc>(tx.collection('duesOrders').doc(order._id))
    if (!current || current.state === 'paid' || current.state === 'refunded') return current?.state ?? 'closed'
    for (const m of order.months) {
      if (await readInTx<DuesPaymentDoc>(tx.collection('duesPayments').doc(paymentId(order.memberId, m))))
        return 'conflict' as const
    }
    for (const [i, m] of order.months.entries()) {
      const doc: Omit<DuesPaymentDoc, '_id'> = {
        memberId: order.memberId,
        memberName: order.memberName,
        branchId: order.branchId,
        collegeId: order.collegeId,
        month: m,
        amountFen: order.amounts[i] ?? 0,
        method: 'wechat',
        orderId: order._id,
        receiptNo: null,
        paidAt: now,
        receivedMonth: month,
        recordedBy: order.payerId ?? order.memberId,
      }
      await tx.collection('duesPayments').doc(paymentId(order.memberId, m)).set({ data: doc })
    }
    await tx
      .collection('duesOrders')
      .doc(order._id)
      .update({ data: { state: 'paid', paidAt: now, transactionId } })
    return 'paid' as const
  })
  if (outcome === 'conflict') return refundOrder(order, transactionId, '所选月份已通过其他方式交纳', now)
  return outcome
}

/** Refunds a paid order in full (WeChat first), then records why. */
async function refundOrder(order: DuesOrderDoc, transactionId: string, reason: string, now: Date): Promise<OrderState> {
  const res = await cloudPay().refund({
    subMchId: order.subMchId,
    outTradeNo: order._id,
    outRefundNo: `R${order._id}`.slice(0, 32),
    totalFee: order.totalFee,
    refundFee: order.totalFee,
    nonceStr: nonce(),
    refundDesc: reason,
  })
  if (!succeeded(res))
    throw new Error(`refund of ${order._id} failed: ${String(res.returnMsg ?? '')} ${String(res.errCodeDes ?? '')}`)
  await updateWhere(
    'duesOrders',
    { _id: order._id, state: command().in(['pending', 'closed']) },
    { state: 'refunded', refundedAt: now, refundReason: reason, transactionId },
  )
  console.warn(`[dues] order ${order._id} refunded: ${reason}`)
  return 'refunded'
}

/** The timer: unpaid orders past their time are closed (with WeChat). Answers how many. */
export async function closeExpired(now: Date): Promise<number> {
  const expired = await findMany('duesOrders', { state: 'pending', expiresAt: command().lt(now) }, { limit: 50 })
  let closed = 0
  for (const order of expired) {
    try {
      if ((await closeWithWeChat(order, now)) === 'closed') closed++
    } catch (error) {
      console.warn('[dues] could not close', order._id, error instanceof Error ? error.message : error)
    }
  }
  return closed
}
