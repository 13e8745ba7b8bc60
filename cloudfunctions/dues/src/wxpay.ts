import { randomBytes } from 'node:crypto'
import { getCloud } from '../../_shared/cloud'

/**
 * WeChat cloud pay (`cloud.cloudPay`, 云开发 → 微信支付): no certificates or signatures, the merchant is
 * the sub_mch_id bound to the environment. Fields are camelCase both ways (the SDK converts).
 */
export interface WxPayReply {
  returnCode?: string
  returnMsg?: string
  resultCode?: string
  errCode?: number | string
  errCodeDes?: string
  [key: string]: unknown
}

type PayFn = (params: Record<string, unknown>) => Promise<WxPayReply>

interface CloudPayApi {
  unifiedOrder: PayFn
  queryOrder: PayFn
  closeOrder: PayFn
  refund: PayFn
  downloadBill: (params: Record<string, unknown>) => Promise<{ data?: unknown } & WxPayReply>
}

/** wx-server-sdk has `cloudPay` at run time but not in its types. */
function hasCloudPay(sdk: object): sdk is { cloudPay: CloudPayApi } {
  return 'cloudPay' in sdk && sdk.cloudPay != null
}

export function cloudPay(): CloudPayApi {
  const sdk = getCloud()
  if (!hasCloudPay(sdk)) throw new Error('wx-server-sdk 没有 cloudPay（云支付）')
  return sdk.cloudPay
}

export function nonce(): string {
  return randomBytes(12).toString('hex')
}

/** The environment the payment callback function runs in: this one. */
export function currentEnv(): string {
  const env = getCloud().getWXContext().ENV
  return typeof env === 'string' && env ? env : (process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '')
}

/** Both the request and the business result succeeded. */
export function succeeded(r: WxPayReply): boolean {
  return r.returnCode === 'SUCCESS' && r.resultCode === 'SUCCESS'
}
