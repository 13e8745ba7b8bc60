/**
 * H5 against the local cloud: there is no WeChat to pay with, so a simulated sheet (「模拟支付」) shows the
 * order the local cloud holds for the `prepay_id` and pays it through its dev route, which then notifies
 * the order's cloud function like WeChat Pay does.
 */
import { getIdentity } from './identity'
import type { PayParams } from './api'
import type { PayOutcome } from './pay.types'

interface SheetOrder {
  body: string
  totalFee: number
}

function headers(): Record<string, string> {
  const identity = getIdentity()
  return { 'content-type': 'application/json', ...(identity ? { 'x-wx-openid': identity.openid } : {}) }
}

function el(tag: string, style: string, text = ''): HTMLElement {
  const node = document.createElement(tag)
  node.setAttribute('style', style)
  node.textContent = text
  return node
}

export async function requestPayment(payment: PayParams): Promise<PayOutcome> {
  const prepayId = payment.package.replace(/^prepay_id=/, '')
  const res = await fetch(`/api/dev/pay/order?prepayId=${encodeURIComponent(prepayId)}`).catch(() => null)
  if (!res?.ok) return { kind: 'failed', message: '订单不存在或已失效' }
  const order = (await res.json()) as SheetOrder
  return new Promise<PayOutcome>((resolve) => {
    const mask = el(
      'div',
      'position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.45);display:flex;align-items:flex-end;',
    )
    mask.setAttribute('data-testid', 'pay-sheet')
    const sheet = el(
      'div',
      'width:100%;background:#fff;border-radius:14px 14px 0 0;padding:20px 20px 28px;box-sizing:border-box;text-align:center;font-family:inherit;',
    )
    sheet.append(
      el('div', 'font-size:13px;color:#8a8f99;', '模拟支付（本地云，无真实扣款）'),
      el('div', 'font-size:15px;color:#1f2329;margin-top:14px;', order.body),
      el(
        'div',
        'font-size:34px;font-weight:600;color:#1f2329;margin:10px 0 18px;',
        `¥${(order.totalFee / 100).toFixed(2)}`,
      ),
    )
    const pay = el(
      'button',
      'display:block;width:100%;height:46px;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:17px;',
      '支付',
    )
    const cancel = el(
      'button',
      'display:block;width:100%;height:40px;margin-top:10px;border:0;background:none;color:#4e5561;font-size:15px;',
      '取消',
    )
    pay.setAttribute('data-testid', 'pay-sheet-pay')
    cancel.setAttribute('data-testid', 'pay-sheet-cancel')
    sheet.append(pay, cancel)
    mask.append(sheet)
    document.body.append(mask)
    const close = (outcome: PayOutcome): void => {
      mask.remove()
      resolve(outcome)
    }
    cancel.addEventListener('click', () => close({ kind: 'cancelled' }))
    pay.addEventListener('click', () => {
      pay.setAttribute('disabled', 'true')
      pay.textContent = '支付中…'
      void fetch('/api/dev/pay/confirm', { method: 'POST', headers: headers(), body: JSON.stringify({ prepayId }) })
        .then(async (r) => {
          if (r.ok) return close({ kind: 'paid' })
          const body = (await r.json().catch(() => ({}))) as { message?: string }
          close({ kind: 'failed', message: body.message ?? '支付失败' })
        })
        .catch(() => close({ kind: 'failed', message: '网络连接失败，请检查网络后重试' }))
    })
  })
}
