/**
 * Paying an order: WeChat's payment sheet in the mini program, a simulated one (「模拟支付」) on H5 against
 * the local cloud. Taro resolves `./pay` to `pay.weapp.ts` or `pay.h5.ts` at build time; this neutral
 * file is what tsc sees.
 */
import * as h5 from './pay.h5'
import * as weapp from './pay.weapp'
import type { RequestPayment } from './pay.types'

export type { PayOutcome } from './pay.types'

export const requestPayment: RequestPayment = process.env.TARO_ENV === 'h5' ? h5.requestPayment : weapp.requestPayment
