/** WeChat: the real payment sheet, with the parameters cloudPay.unifiedOrder returned (its `payment`). */
import Taro from '@tarojs/taro'
import type { PayParams } from './api'
import type { PayOutcome } from './pay.types'

export async function requestPayment(payment: PayParams): Promise<PayOutcome> {
  try {
    await Taro.requestPayment({ ...payment })
    return { kind: 'paid' }
  } catch (error) {
    const errMsg = String((error as { errMsg?: unknown })?.errMsg ?? '')
    if (/cancel/i.test(errMsg)) return { kind: 'cancelled' }
    return { kind: 'failed', message: '支付未完成，请稍后再试' }
  }
}
