import type { IncomingMessage, ServerResponse } from 'node:http'
import type { LocalDatabase } from './db/index'
import type { CallerIdentity, FunctionRunner, InvokeResult } from './functions/function-runner'
import { HttpError } from './http/errors'
import { headerValue, isJsonObject, parseJsonObject, readBody, sendJson, type JsonObject } from './http/io'
import { parseMultipart } from './http/multipart'
import { newRequestId } from './ids'
import type { OpenApiService } from './openapi/openapi-service'
import type { PayService } from './pay/pay-service'
import type { StorageService } from './storage/storage-service'

export interface AdminDeps {
  db: LocalDatabase
  storage: StorageService
  openapi: OpenApiService
  pay: PayService
  runner: FunctionRunner
  appId: string
}

const MAX_JSON_BODY = 10 * 1024 * 1024
const MAX_OPENAPI_BODY = 5 * 1024 * 1024

/**
 * POST /admin[/<tag>] — the cloud API endpoint wx-server-sdk talks to. A call's SDK posts to
 * /admin/<callId>, which ties each request to the call (its identity and its query log).
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  tag: string | null,
  deps: AdminDeps,
): Promise<void> {
  if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', '/admin 只接受 POST')
  // Browsers always send Origin on cross-site POSTs; the SDK never does. Keeps web pages out of the database.
  if (headerValue(req, 'origin')) throw new HttpError(403, 'FORBIDDEN', '/admin 不接受浏览器跨站请求')
  const call = tag ? deps.runner.identityOf(tag) : null
  const ctx: ActionContext = {
    tag: tag ?? 'admin',
    caller: call?.identity ?? adminIdentity(deps.appId),
    parentCallId: call ? tag : null,
  }
  if ((headerValue(req, 'content-type') ?? '').startsWith('multipart/form-data')) {
    await handleMultipartAction(req, res, ctx, deps)
    return
  }
  const body = parseJsonObject(await readBody(req, MAX_JSON_BODY))
  sendJson(res, 200, await dispatchJsonAction(body, ctx, deps))
}

interface ActionContext {
  tag: string
  caller: CallerIdentity
  parentCallId: string | null
}

function adminIdentity(appId: string): CallerIdentity {
  return { openid: null, unionid: null, appid: appId, source: 'admin' }
}

async function dispatchJsonAction(body: JsonObject, ctx: ActionContext, deps: AdminDeps): Promise<JsonObject> {
  const action = typeof body.action === 'string' ? body.action : ''
  if (action.startsWith('database.')) return databaseAction(action, body, ctx, deps.db)
  switch (action) {
    case 'storage.getUploadMetadata':
      return deps.storage.getUploadMetadata(body, ctx.caller.openid)
    case 'storage.batchGetDownloadUrl':
      return deps.storage.batchGetDownloadUrl(body)
    case 'storage.batchDeleteFile':
      return deps.storage.batchDeleteFile(body)
    case 'functions.invokeFunction':
      return invokeFunctionAction(body, ctx, deps.runner)
    default:
      return unsupported(action)
  }
}

async function databaseAction(
  action: string,
  body: JsonObject,
  ctx: ActionContext,
  db: LocalDatabase,
): Promise<JsonObject> {
  try {
    const reply = await db.handle(action, body, ctx.tag)
    return 'requestId' in reply ? reply : { requestId: newRequestId(), ...reply }
  } catch (e) {
    console.error(`[local-cloud] ${action} failed (tag ${ctx.tag}):`, e)
    return {
      requestId: newRequestId(),
      code: 'DATABASE_REQUEST_FAILED',
      message: e instanceof Error ? e.message : String(e),
    }
  }
}

/** cloud.callFunction from inside a function: the callee runs as the caller's user. */
async function invokeFunctionAction(body: JsonObject, ctx: ActionContext, runner: FunctionRunner): Promise<JsonObject> {
  const name = typeof body.function_name === 'string' ? body.function_name : ''
  const event = parseRequestData(body.request_data)
  if (!event) return { requestId: newRequestId(), code: 'INVALID_PARAM', message: 'request_data 必须是 JSON 对象' }
  return invokeReply(name, await runner.invoke(name, event, ctx.caller, ctx.parentCallId))
}

function parseRequestData(raw: unknown): JsonObject | null {
  if (raw === undefined || raw === '') return {}
  if (typeof raw !== 'string') return null
  try {
    const v: unknown = JSON.parse(raw)
    return isJsonObject(v) ? v : null
  } catch {
    return null
  }
}

function invokeReply(name: string, r: InvokeResult): JsonObject {
  const requestId = r.callId ?? newRequestId()
  switch (r.status) {
    case 'returned':
      return { requestId, data: { response_data: JSON.stringify(r.result) } }
    case 'not_found':
      return {
        requestId,
        code: 'INVALID_PARAM',
        message: `FunctionName parameter could not be found: 云函数 ${name} 不存在`,
      }
    case 'failed':
      return {
        requestId,
        code: 'FUNCTIONS_EXECUTE_FAIL',
        message: `云函数 ${name} 执行失败（${r.reason}）: ${r.message}`,
      }
  }
}

/** `wx.openApi` arrives as multipart with a protobuf `requestData`; the reply is a protobuf too. */
async function handleMultipartAction(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ActionContext,
  deps: AdminDeps,
): Promise<void> {
  const form = await parseMultipart(req, {
    maxFileBytes: MAX_OPENAPI_BODY,
    maxFiles: 4,
    maxFields: 32,
    maxFieldBytes: 64 * 1024,
  })
  const action = form.fields.action ?? ''
  const requestData = form.files.requestData?.data
  if (action === 'wx.wxPayApi' && requestData) {
    // cloud.cloudPay.*: the SDK parses the body as JSON (downloadBill's bill as text).
    const body = await deps.pay.handle(form.fields.apiName ?? '', requestData, ctx.caller)
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
    res.end(body)
    return
  }
  if (action !== 'wx.openApi' || !requestData) {
    sendJson(res, 200, unsupported(action))
    return
  }
  const reply = await deps.openapi.handle(form.fields.apiName ?? '', requestData, { openid: ctx.caller.openid })
  // Any content type but exactly "application/json; charset=utf-8" makes the SDK decode the protobuf.
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.length })
  res.end(reply)
}

function unsupported(action: string): JsonObject {
  return {
    requestId: newRequestId(),
    code: 'INVALID_ACTION',
    message: `本地云不支持接口 ${action || '(空)'}（local cloud does not implement action "${action}"）`,
  }
}
