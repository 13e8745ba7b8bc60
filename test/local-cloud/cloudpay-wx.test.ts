/**
 * The local cloud's WeChat cloud pay (`cloud.cloudPay.*`) as wx-server-sdk 4.0.2 sees it: camelCase replies with
 * WeChat Pay's return/result codes, orders that survive kill -9, closing, refunds and the daily bill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseBill } from '../../cloudfunctions/dues/src/reconcile'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { adminSdk } from '../helpers/sdk'

type Reply = Record<string, unknown> & { returnCode?: string; resultCode?: string; errCodeDes?: string }
type PayFn = (p: Record<string, unknown>) => Promise<Reply>

let cloud: LocalCloud
let pay: Record<'unifiedOrder' | 'queryOrder' | 'closeOrder' | 'refund' | 'queryRefund' | 'downloadBill', PayFn>

/** wx-server-sdk has `cloudPay` at run time but not in its types. */
function hasCloudPay(sdk: object): sdk is { cloudPay: typeof pay } {
  return 'cloudPay' in sdk && sdk.cloudPay != null
}

function connect(): void {
  const sdk = adminSdk(cloud.url)
  if (!hasCloudPay(sdk)) throw new Error('wx-server-sdk has no cloudPay')
  pay = sdk.cloudPay
}

const order = (outTradeNo: string, totalFee = 60): Record<string, unknown> => ({
  body: '党费-2026年9月至2026年11月',
  outTradeNo,
  spbillCreateIp: '127.0.0.1',
  subMchId: '1900000109',
  totalFee,
  envId: 'local-env',
  functionName: 'dues',
  nonceStr: 'n0nce',
  tradeType: 'JSAPI',
  openid: 'o-dev-2021010230',
})

const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')

beforeAll(async () => {
  cloud = await startLocalCloud()
  connect()
})

afterAll(async () => {
  await cloud?.stop()
})

describe('cloud.cloudPay against the local cloud', () => {
  it('unifiedOrder answers the payment parameters for wx.requestPayment; the same order asked again answers the same prepay id', async () => {
    const r = await pay.unifiedOrder(order('T100'))
    expect(r).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      tradeType: 'JSAPI',
      subMchId: '1900000109',
      errCode: 0,
    })
    const payment = r.payment as Record<string, string>
    expect(Object.keys(payment).sort()).toEqual(['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
    expect(payment.package).toBe(`prepay_id=${String(r.prepayId)}`)
    expect((await pay.unifiedOrder(order('T100'))).prepayId).toBe(r.prepayId)
    expect(await pay.unifiedOrder(order('T100', 61))).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL' })
    expect(await pay.unifiedOrder({ ...order('T101'), totalFee: 0.5 })).toMatchObject({ returnCode: 'FAIL' })
    expect(await pay.queryOrder({ subMchId: '1900000109', outTradeNo: 'T100', nonceStr: 'x' })).toMatchObject({
      tradeState: 'NOTPAY',
      totalFee: 60,
    })
    expect(await pay.queryOrder({ subMchId: '1900000109', outTradeNo: 'nope', nonceStr: 'x' })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '此交易订单号不存在',
    })
  })

  it('orders survive kill -9; a closed order cannot be paid', async () => {
    await pay.unifiedOrder(order('T200'))
    await cloud.kill()
    cloud = await startLocalCloud({ dataDir: cloud.dataDir })
    connect()
    expect(await pay.queryOrder({ subMchId: '1900000109', outTradeNo: 'T200', nonceStr: 'x' })).toMatchObject({
      tradeState: 'NOTPAY',
    })
    expect(await pay.closeOrder({ subMchId: '1900000109', outTradeNo: 'T200', nonceStr: 'x' })).toMatchObject({
      resultCode: 'SUCCESS',
    })
    expect(await pay.queryOrder({ subMchId: '1900000109', outTradeNo: 'T200', nonceStr: 'x' })).toMatchObject({
      tradeState: 'CLOSED',
    })
    const prepayId = String(
      (await pay.queryOrder({ subMchId: '1900000109', outTradeNo: 'T200', nonceStr: 'x' })).outTradeNo,
    )
    expect(prepayId).toBe('T200')
  }, 120_000)

  it('paying, refunding and the day’s bill (WeChat’s text format, backtick fields, totals)', async () => {
    expect(await pay.downloadBill({ subMchId: '1900000109', billDate: '20200101', billType: 'ALL' })).toMatchObject({
      returnCode: 'FAIL',
      returnMsg: 'No Bill Exist',
    })
    const r = await pay.unifiedOrder(order('T300', 20))
    const prepayId = String(r.prepayId)
    const sheet = await fetch(`${cloud.url}/api/dev/pay/order?prepayId=${prepayId}`)
    expect(await sheet.json()).toMatchObject({ outTradeNo: 'T300', totalFee: 20, state: 'NOTPAY' })
    const paid = await fetch(`${cloud.url}/api/dev/pay/confirm`, {
      method: 'POST',
      headers: { 'x-wx-openid': 'o-dev-2021010230' },
      body: JSON.stringify({ prepayId, notifications: 0 }),
    })
    expect(paid.status).toBe(200)
    const refundT300 = (refundFee: number) =>
      pay.refund({
        subMchId: '1900000109',
        outTradeNo: 'T300',
        outRefundNo: 'RT300',
        totalFee: 20,
        refundFee,
        nonceStr: 'x',
      })
    const q = await pay.queryOrder({ subMchId: '1900000109', outTradeNo: 'T300', nonceStr: 'x' })
    expect(q).toMatchObject({ tradeState: 'SUCCESS', totalFee: 20 })
    expect(String(q.transactionId)).toMatch(/^42000\d+/)
    expect(await pay.closeOrder({ subMchId: '1900000109', outTradeNo: 'T300', nonceStr: 'x' })).toMatchObject({
      resultCode: 'FAIL',
    })
    expect(await refundT300(30)).toMatchObject({ resultCode: 'FAIL' })
    expect(await refundT300(20)).toMatchObject({ resultCode: 'SUCCESS', refundFee: 20 })
    const refunds = await pay.queryRefund({ subMchId: '1900000109', outTradeNo: 'T300', nonceStr: 'x' })
    expect(
      Object.entries(refunds)
        .filter(([k]) => /^refund(Status|Fee)/.test(k))
        .map(([, v]) => v),
    ).toEqual(['SUCCESS', 20].sort())
    const bill = await pay.downloadBill({ subMchId: '1900000109', billDate: today(), billType: 'ALL' })
    expect(typeof bill.data).toBe('string')
    const text = String(bill.data)
    expect(text.split('\r\n')[0]).toMatch(/^交易时间,公众账号ID,商户号/)
    expect(parseBill(text)).toEqual([
      { outTradeNo: 'T300', state: 'SUCCESS', fen: 20 },
      { outTradeNo: 'T300', state: 'REFUND', fen: 20 },
    ])
  })
})
