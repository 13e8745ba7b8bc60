import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import { appendLineDurable } from '../fs-durable'
import { isJsonObject, type JsonObject } from '../http/io'
import type { CallerIdentity, FunctionRunner } from '../functions/function-runner'
import { isNotFound } from '../storage/file-store'

/**
 * WeChat cloud pay (`cloud.cloudPay.*`, wx-server-sdk 4.0.2): the SDK posts multipart `action=wx.wxPayApi`
 * with `apiName` and `requestData` (the parameters as snake_case JSON) and reads the reply body as JSON
 * (snake_case, WeChat Pay v2 fields), or as text for downloadBill. Orders are kept durably in
 * `<dataDir>/pay-orders.jsonl` (one full snapshot per change; the last line of an order wins).
 * The payment result goes to the order's `function_name` with WeChat's notification fields (camelCase).
 */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'

export interface PayOrder {
  outTradeNo: string
  prepayId: string
  body: string
  attach: string
  totalFee: number
  subMchId: string
  envId: string
  functionName: string
  openid: string
  nonceStr: string
  state: TradeState
  createdAt: string
  transactionId: string | null
  /** yyyyMMddHHmmss, China time, like WeChat's time_end. */
  timeEnd: string | null
  paidAt: string | null
  refund: { outRefundNo: string; refundId: string; refundFee: number; at: string } | null
  /** Notifications delivered and what the function answered. */
  notifications: { at: string; answered: boolean }[]
}

type Reply = { json: JsonObject } | { text: string }

const APP_ID = 'wx0000000000000000'
const MCH_ID = '1900000000'
const NOTIFY_RETRIES = 3

export class PayService {
  private chain: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private readonly orders: Map<string, PayOrder>,
    private readonly runner: FunctionRunner,
    private readonly appId: string,
  ) {}

  static async open(file: string, runner: FunctionRunner, appId = APP_ID): Promise<PayService> {
    return new PayService(file, await readOrders(file), runner, appId)
  }

  /** `wx.wxPayApi`: answers the SDK's request body (JSON text or, for downloadBill, the bill). */
  async handle(apiName: string, requestData: Buffer, caller: CallerIdentity): Promise<Buffer> {
    let params: JsonObject
    try {
      const parsed: unknown = JSON.parse(requestData.toString('utf8'))
      params = isJsonObject(parsed) ? parsed : {}
    } catch {
      params = {}
    }
    const reply = await this.dispatch(apiName, params, caller)
    return Buffer.from('json' in reply ? JSON.stringify(reply.json) : reply.text, 'utf8')
  }

  private async dispatch(apiName: string, p: JsonObject, caller: CallerIdentity): Promise<Reply> {
    switch (apiName) {
      case 'unifiedOrder':
        return this.unifiedOrder(p, caller)
      case 'queryOrder':
        return this.queryOrder(p)
      case 'closeOrder':
        return this.closeOrder(p)
      case 'refund':
        return this.refund(p)
      case 'queryRefund':
        return this.queryRefund(p)
      case 'downloadBill':
        return this.downloadBill(p)
      default:
        return fail(`本地云未模拟支付接口 ${apiName}（local cloud does not emulate cloudPay.${apiName}）`)
    }
  }

  private async unifiedOrder(p: JsonObject, caller: CallerIdentity): Promise<Reply> {
    for (const key of [
      'body',
      'out_trade_no',
      'sub_mch_id',
      'nonce_str',
      'spbill_create_ip',
      'env_id',
      'function_name',
    ]) {
      if (typeof p[key] !== 'string' || p[key] === '') return fail(`缺少参数 ${key}`)
    }
    const totalFee = p.total_fee
    if (typeof totalFee !== 'number' || !Number.isInteger(totalFee) || totalFee <= 0)
      return fail('total_fee 必须是正整数（分）')
    const outTradeNo = str(p.out_trade_no)
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(outTradeNo)) return fail('out_trade_no 只能是 32 个字符以内的字母、数字、_ 和 -')
    const openid = str(p.sub_openid) || str(p.openid) || caller.openid || ''
    if (!openid) return fail('JSAPI 支付必须传 openid')
    const existing = this.orders.get(outTradeNo)
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return bizFail('ORDERPAID', '该订单已支付')
      if (existing.state === 'CLOSED') return bizFail('ORDERCLOSED', '该订单已关闭')
      // The same order asked again with the same content answers the same prepay id, like WeChat.
      if (existing.totalFee !== totalFee || existing.body !== str(p.body) || existing.openid !== openid) {
        return bizFail('INVALID_REQUEST', '201 商户订单号重复')
      }
      return this.orderReply(existing)
    }
    const order: PayOrder = {
      outTradeNo,
      prepayId: `wx${chinaStamp(new Date())}${randomBytes(10).toString('hex')}`,
      body: str(p.body),
      attach: str(p.attach),
      totalFee,
      subMchId: str(p.sub_mch_id),
      envId: str(p.env_id),
      functionName: str(p.function_name),
      openid,
      nonceStr: str(p.nonce_str),
      state: 'NOTPAY',
      createdAt: new Date().toISOString(),
      transactionId: null,
      timeEnd: null,
      paidAt: null,
      refund: null,
      notifications: [],
    }
    await this.save(order)
    return this.orderReply(order)
  }

  private orderReply(order: PayOrder): Reply {
    const timeStamp = String(Math.floor(Date.now() / 1000))
    const nonceStr = randomBytes(8).toString('hex')
    const pkg = `prepay_id=${order.prepayId}`
    const paySign = createHash('md5')
      .update(`appId=${this.appId}&nonceStr=${nonceStr}&package=${pkg}&signType=MD5&timeStamp=${timeStamp}`)
      .digest('hex')
      .toUpperCase()
    return success({
      sub_appid: this.appId,
      sub_mch_id: order.subMchId,
      nonce_str: nonceStr,
      trade_type: 'JSAPI',
      prepay_id: order.prepayId,
      payment: { appId: this.appId, timeStamp, nonceStr, package: pkg, signType: 'MD5', paySign },
    })
  }

  private queryOrder(p: JsonObject): Reply {
    const order = this.find(p)
    if (!order) return bizFail('ORDERNOTEXIST', '此交易订单号不存在')
    return success({
      sub_mch_id: order.subMchId,
      openid: order.openid,
      trade_type: 'JSAPI',
      trade_state: order.state,
      trade_state_desc: TRADE_STATE_DESC[order.state],
      total_fee: order.totalFee,
      cash_fee: order.totalFee,
      fee_type: 'CNY',
      out_trade_no: order.outTradeNo,
      attach: order.attach,
      ...(order.transactionId
        ? { transaction_id: order.transactionId, time_end: order.timeEnd, bank_type: 'OTHERS' }
        : {}),
    })
  }

  private async closeOrder(p: JsonObject): Promise<Reply> {
    const order = this.find(p)
    if (!order) return bizFail('ORDERNOTEXIST', '此交易订单号不存在')
    if (order.state === 'SUCCESS' || order.state === 'REFUND') return bizFail('ORDERPAID', '订单已支付，不能关闭')
    if (order.state !== 'CLOSED') await this.save({ ...order, state: 'CLOSED' })
    return success({})
  }

  private async refund(p: JsonObject): Promise<Reply> {
    const order = this.find(p)
    if (!order) return bizFail('ORDERNOTEXIST', '此交易订单号不存在')
    const outRefundNo = str(p.out_refund_no)
    if (!outRefundNo) return fail('缺少参数 out_refund_no')
    const refundFee = p.refund_fee
    if (p.total_fee !== order.totalFee) return bizFail('PARAM_ERROR', '订单金额与原订单不符')
    if (typeof refundFee !== 'number' || !Number.isInteger(refundFee) || refundFee <= 0 || refundFee > order.totalFee) {
      return bizFail('PARAM_ERROR', '退款金额不正确')
    }
    if (order.refund) {
      if (order.refund.outRefundNo === outRefundNo) return this.refundReply(order)
      return bizFail('ERROR', '订单已全额退款')
    }
    if (order.state !== 'SUCCESS') return bizFail('TRADE_STATE_ERROR', '订单未支付，不能退款')
    const refunded: PayOrder = {
      ...order,
      state: 'REFUND',
      refund: {
        outRefundNo,
        refundId: `50${Date.now()}${randomBytes(4).toString('hex')}`,
        refundFee,
        at: new Date().toISOString(),
      },
    }
    await this.save(refunded)
    return this.refundReply(refunded)
  }

  private refundReply(order: PayOrder): Reply {
    const r = order.refund
    if (!r) return bizFail('REFUNDNOTEXIST', '退款订单查询失败')
    return success({
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      out_refund_no: r.outRefundNo,
      refund_id: r.refundId,
      refund_fee: r.refundFee,
      total_fee: order.totalFee,
      cash_fee: order.totalFee,
    })
  }

  private queryRefund(p: JsonObject): Reply {
    const byRefundNo = str(p.out_refund_no)
    const order = byRefundNo
      ? [...this.orders.values()].find((o) => o.refund?.outRefundNo === byRefundNo)
      : this.find(p)
    if (!order?.refund) return bizFail('REFUNDNOTEXIST', '退款订单查询失败')
    return success({
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId,
      total_fee: order.totalFee,
      refund_count: 1,
      out_refund_no_0: order.refund.outRefundNo,
      refund_id_0: order.refund.refundId,
      refund_fee_0: order.refund.refundFee,
      refund_status_0: 'SUCCESS',
      refund_success_time_0: chinaTime(new Date(order.refund.at)),
    })
  }

  /**
   * The day's bill as WeChat's text format: a header, one row per trade with every field prefixed by a
   * backtick, then the totals. Payments are listed on the day they were paid, refunds on the day refunded.
   */
  private downloadBill(p: JsonObject): Reply {
    const billDate = str(p.bill_date)
    if (!/^\d{8}$/.test(billDate)) return fail('bill_date 格式应为 yyyyMMdd')
    const billType = str(p.bill_type) || 'ALL'
    const rows: string[][] = []
    let paidTotal = 0
    let refundTotal = 0
    for (const o of this.orders.values()) {
      if (o.paidAt && chinaStamp(new Date(o.paidAt)).slice(0, 8) === billDate && billType !== 'REFUND') {
        rows.push(billRow(this.appId, o, chinaTime(new Date(o.paidAt)), 'SUCCESS'))
        paidTotal += o.totalFee
      }
      if (o.refund && chinaStamp(new Date(o.refund.at)).slice(0, 8) === billDate && billType !== 'SUCCESS') {
        rows.push(billRow(this.appId, o, chinaTime(new Date(o.refund.at)), 'REFUND'))
        refundTotal += o.refund.refundFee
      }
    }
    if (rows.length === 0) return fail('No Bill Exist')
    const lines = [
      BILL_HEADER,
      ...rows.map((r) => r.map((v) => `\`${v}`).join(',')),
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      [rows.length, yuan(paidTotal), yuan(refundTotal), '0.00', '0.00', yuan(paidTotal), yuan(refundTotal)]
        .map((v) => `\`${v}`)
        .join(','),
    ]
    return { text: `${lines.join('\r\n')}\r\n` }
  }

  // ---- dev routes: the simulated payment sheet ----

  /** What the sheet shows for a `prepay_id=` package. */
  byPrepayId(prepayId: string): PayOrder | null {
    return [...this.orders.values()].find((o) => o.prepayId === prepayId) ?? null
  }

  list(): PayOrder[] {
    return [...this.orders.values()]
  }

  /**
   * The payer confirmed on the sheet: the order is paid and its function notified `notifications` times
   * (WeChat may notify more than once; 0 = a notification that never arrived). Answers the order.
   */
  async pay(
    prepayId: string,
    openid: string | null,
    notifications = 1,
  ): Promise<{ order: PayOrder | null; error: string | null }> {
    const order = this.byPrepayId(prepayId)
    if (!order) return { order: null, error: '订单不存在' }
    if (openid && openid !== order.openid) return { order, error: '只能由下单的用户支付' }
    if (order.state === 'CLOSED') return { order, error: '订单已关闭' }
    if (order.state !== 'NOTPAY') return { order, error: '订单已支付' }
    const now = new Date()
    const paid: PayOrder = {
      ...order,
      state: 'SUCCESS',
      transactionId: `42000${chinaStamp(now)}${randomBytes(5).toString('hex')}`,
      timeEnd: chinaStamp(now),
      paidAt: now.toISOString(),
    }
    await this.save(paid)
    for (let i = 0; i < notifications; i++) await this.notify(paid.outTradeNo)
    return { order: this.orders.get(paid.outTradeNo) ?? paid, error: null }
  }

  /**
   * Delivers the payment notification to the order's function, retrying (as WeChat does, for up to two
   * days) while the function does not answer `{ errcode: 0 }`. Answers whether it was acknowledged.
   */
  async notify(outTradeNo: string): Promise<boolean> {
    const order = this.orders.get(outTradeNo)
    const runner = this.runner
    if (!order?.transactionId) return false
    const identity: CallerIdentity = { openid: order.openid, unionid: null, appid: this.appId, source: 'wx_pay' }
    for (let attempt = 0; attempt < NOTIFY_RETRIES; attempt++) {
      const r = await runner.invoke(order.functionName, this.notification(order), identity, null)
      const answered = r.status === 'returned' && isJsonObject(r.result) && r.result.errcode === 0
      const current = this.orders.get(outTradeNo) ?? order
      await this.save({
        ...current,
        notifications: [...current.notifications, { at: new Date().toISOString(), answered }],
      })
      if (answered) return true
    }
    return false
  }

  /** The fields of WeChat Pay's result notification, camelCased as the cloud delivers them. */
  private notification(o: PayOrder): JsonObject {
    return {
      returnCode: 'SUCCESS',
      appid: this.appId,
      mchId: MCH_ID,
      subAppid: this.appId,
      subMchId: o.subMchId,
      nonceStr: randomBytes(8).toString('hex'),
      resultCode: 'SUCCESS',
      openid: o.openid,
      isSubscribe: 'N',
      subOpenid: o.openid,
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: o.totalFee,
      feeType: 'CNY',
      cashFee: o.totalFee,
      transactionId: o.transactionId,
      outTradeNo: o.outTradeNo,
      attach: o.attach,
      timeEnd: o.timeEnd,
    }
  }

  private find(p: JsonObject): PayOrder | null {
    const outTradeNo = str(p.out_trade_no)
    if (outTradeNo) return this.orders.get(outTradeNo) ?? null
    const tx = str(p.transaction_id)
    return tx ? ([...this.orders.values()].find((o) => o.transactionId === tx) ?? null) : null
  }

  private save(order: PayOrder): Promise<void> {
    const write = this.chain.then(() => appendLineDurable(this.file, JSON.stringify(order)))
    this.chain = write.catch(() => undefined)
    return write.then(() => {
      this.orders.set(order.outTradeNo, order)
    })
  }

  async flush(): Promise<void> {
    await this.chain
  }
}

const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '未支付',
  SUCCESS: '支付成功',
  CLOSED: '已关闭',
  REFUND: '转入退款',
}

const BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'

function billRow(appId: string, o: PayOrder, time: string, kind: 'SUCCESS' | 'REFUND'): string[] {
  const refund = kind === 'REFUND' && o.refund ? o.refund : null
  return [
    time,
    appId,
    MCH_ID,
    o.subMchId,
    '',
    o.transactionId ?? '',
    o.outTradeNo,
    o.openid,
    'JSAPI',
    kind,
    'OTHERS',
    'CNY',
    yuan(o.totalFee),
    '0.00',
    refund?.refundId ?? '0',
    refund?.outRefundNo ?? '0',
    yuan(refund?.refundFee ?? 0),
    '0.00',
    refund ? 'ORIGINAL' : '',
    refund ? 'SUCCESS' : '',
    o.body,
    o.attach,
    '0.00',
    '0.60%',
    yuan(o.totalFee),
    yuan(refund?.refundFee ?? 0),
    '',
  ]
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2)
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

function success(body: JsonObject): Reply {
  return {
    json: { return_code: 'SUCCESS', return_msg: 'OK', appid: APP_ID, mch_id: MCH_ID, result_code: 'SUCCESS', ...body },
  }
}

/** A request WeChat refuses outright (return_code FAIL). */
function fail(message: string): Reply {
  return { json: { return_code: 'FAIL', return_msg: message } }
}

/** A well-formed request refused by the business rules (result_code FAIL with err_code). */
function bizFail(errCode: string, desc: string): Reply {
  return {
    json: { return_code: 'SUCCESS', return_msg: 'OK', result_code: 'FAIL', err_code: errCode, err_code_des: desc },
  }
}

/** yyyyMMddHHmmss in China time. */
function chinaStamp(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

/** yyyy-MM-dd HH:mm:ss in China time. */
function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19)
}

async function readOrders(file: string): Promise<Map<string, PayOrder>> {
  const orders = new Map<string, PayOrder>()
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (e) {
    if (isNotFound(e)) return orders
    throw e
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      const o = JSON.parse(line) as PayOrder
      orders.set(o.outTradeNo, o)
    } catch {
      // A torn last line from a crash mid-write was never acknowledged.
    }
  }
  return orders
}
