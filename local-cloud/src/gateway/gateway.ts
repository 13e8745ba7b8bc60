import type { IncomingMessage, ServerResponse } from 'node:http'
import type { LocalDatabase } from '../db/index'
import type { CallLog } from '../functions/call-log'
import type { CallerIdentity, FunctionRunner } from '../functions/function-runner'
import { HttpError } from '../http/errors'
import { headerValue, parseJsonObject, readBody, sendJson } from '../http/io'
import type { Outbox } from '../openapi/outbox'
import type { PayService } from '../pay/pay-service'
import type { StorageService } from '../storage/storage-service'
import { listPersonas } from './personas'

export interface GatewayDeps {
  db: LocalDatabase
  runner: FunctionRunner
  storage: StorageService
  outbox: Outbox
  pay: PayService
  callLog: CallLog
  appId: string
  maxEventBytes: number
}

/** What the app sees when a function throws or times out; the stack stays in the server log. */
export const INTERNAL_ENVELOPE = { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } as const

const OPENID = /^[A-Za-z0-9_-]{1,128}$/

/** Routes under /api/: the H5 client's function calls and uploads, and the dev tools' views. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: GatewayDeps): Promise<void> {
  refuseForeignOrigin(req)
  const p = url.pathname
  const fn = /^\/api\/functions\/([^/]+)$/.exec(p)
  if (fn) return route(req, 'POST', () => callFunction(req, res, decodeURIComponent(fn[1]), deps))
  switch (p) {
    case '/api/dev/personas':
      return route(req, 'GET', async () => sendJson(res, 200, await listPersonas(deps.db)))
    case '/api/dev/outbox':
      return route(req, 'GET', async () => sendJson(res, 200, deps.outbox.list()))
    case '/api/dev/pay/order':
      return route(req, 'GET', async () =>
        sendJson(res, 200, payOrderView(deps.pay, url.searchParams.get('prepayId') ?? '')),
      )
    case '/api/dev/pay/orders':
      return route(req, 'GET', async () => sendJson(res, 200, deps.pay.list()))
    case '/api/dev/pay/confirm':
      return route(req, 'POST', () => confirmPayment(req, res, deps))
    case '/api/dev/pay/notify':
      return route(req, 'POST', () => renotify(req, res, deps))
    case '/api/dev/calls':
      return route(req, 'GET', async () => sendJson(res, 200, deps.callLog.recent(limitParam(url))))
    case '/api/storage/upload':
      return route(req, 'POST', () => deps.storage.handleH5Upload(req, res, callerOpenid(req)))
    case '/api/storage/temp-urls':
      return route(req, 'POST', () => deps.storage.handleH5TempUrls(req, res, callerOpenid(req)))
    default:
      throw new HttpError(404, 'NOT_FOUND', `没有这个接口：${p}`)
  }
}

async function route(req: IncomingMessage, method: 'GET' | 'POST', handler: () => Promise<void>): Promise<void> {
  const allowed = req.method === method || (method === 'GET' && req.method === 'HEAD')
  if (!allowed) {
    req.resume()
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `该接口只接受 ${method} 请求`)
  }
  await handler()
}

/** POST /api/functions/<name>: like wx.cloud.callFunction, answers `{ result }`. */
async function callFunction(req: IncomingMessage, res: ServerResponse, name: string, deps: GatewayDeps): Promise<void> {
  const openid = callerOpenid(req)
  const event = parseJsonObject(await readBody(req, deps.maxEventBytes))
  // Only the scheduler fires timer triggers; a client's call in WeChat can never be one.
  if (event.Type === 'Timer') throw new HttpError(403, 'FORBIDDEN', '定时触发器事件只能由定时器发出，不能从客户端调用')
  const identity: CallerIdentity = { openid, unionid: null, appid: deps.appId, source: 'wx_client' }
  // Production adds userInfo to events from the app and overwrites whatever the client put there.
  event.userInfo = openid ? { appId: deps.appId, openId: openid } : { appId: deps.appId }
  const r = await deps.runner.invoke(name, event, identity, null)
  if (r.status === 'not_found') throw new HttpError(404, 'FUNCTION_NOT_FOUND', `云函数 ${name} 不存在`)
  sendJson(
    res,
    200,
    { result: r.status === 'returned' ? r.result : INTERNAL_ENVELOPE },
    r.callId ? { 'x-call-id': r.callId } : {},
  )
}

/**
 * A browser sends Origin on cross-site requests (and on same-origin POSTs). Only pages served from
 * here (Origin = this Host) and tools that send no Origin (the SDK, curl, tests) may use the API, so a
 * page on another site can't call functions or upload as whoever is using the app.
 */
function refuseForeignOrigin(req: IncomingMessage): void {
  const origin = headerValue(req, 'origin')
  if (origin === undefined) return
  const host = headerValue(req, 'host') ?? ''
  if (origin === `http://${host}`) return
  req.resume()
  throw new HttpError(403, 'FORBIDDEN', '不接受其他网站发来的请求，请从本地云提供的页面使用')
}

/** What the simulated payment sheet (「模拟支付」) shows for a `prepay_id`. */
function payOrderView(pay: PayService, prepayId: string): unknown {
  const o = pay.byPrepayId(prepayId)
  if (!o) throw new HttpError(404, 'NOT_FOUND', '订单不存在')
  return { outTradeNo: o.outTradeNo, body: o.body, totalFee: o.totalFee, state: o.state }
}

/**
 * POST /api/dev/pay/confirm `{ prepayId, notifications? }`: the payer pressed 支付 on the simulated sheet
 * (as the persona of `x-wx-openid`). `notifications` (0-5, default 1) is how many times WeChat notifies.
 */
async function confirmPayment(req: IncomingMessage, res: ServerResponse, deps: GatewayDeps): Promise<void> {
  const openid = callerOpenid(req)
  const body = parseJsonObject(await readBody(req, 4096))
  const prepayId = typeof body.prepayId === 'string' ? body.prepayId : ''
  const n = body.notifications === undefined ? 1 : Number(body.notifications)
  if (!Number.isInteger(n) || n < 0 || n > 5)
    throw new HttpError(400, 'INVALID_ARGUMENT', 'notifications 应为 0-5 的整数')
  const r = await deps.pay.pay(prepayId, openid, n)
  if (r.error) throw new HttpError(r.order ? 409 : 404, r.order ? 'CONFLICT' : 'NOT_FOUND', r.error)
  sendJson(res, 200, { ok: true, outTradeNo: r.order?.outTradeNo, transactionId: r.order?.transactionId })
}

/** POST /api/dev/pay/notify `{ outTradeNo }`: WeChat notifies a paid order once more (a duplicate). */
async function renotify(req: IncomingMessage, res: ServerResponse, deps: GatewayDeps): Promise<void> {
  const body = parseJsonObject(await readBody(req, 4096))
  const outTradeNo = typeof body.outTradeNo === 'string' ? body.outTradeNo : ''
  sendJson(res, 200, { acknowledged: await deps.pay.notify(outTradeNo) })
}

/** The caller the gateway stands in for; a missing or empty header means nobody is logged in. */
function callerOpenid(req: IncomingMessage): string | null {
  const raw = headerValue(req, 'x-wx-openid')?.trim() ?? ''
  if (raw === '') return null
  if (!OPENID.test(raw)) throw new HttpError(400, 'INVALID_ARGUMENT', 'x-wx-openid 格式不正确')
  return raw
}

function limitParam(url: URL): number {
  const n = Number(url.searchParams.get('limit') ?? 50)
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 50
}
