import { randomUUID } from 'node:crypto'
import QRCode from 'qrcode'
import { isJsonObject, type JsonObject } from '../http/io'
import type { Blocklist } from './blocklist'
import type { Outbox } from './outbox'
import { decodeOpenApiRequest, encodeOpenApiResponse, type OpenApiParam } from './wire'

/** What an emulated API answers: a JSON body (errcode…) or bytes with their content type. */
export type OpenApiReply = { json: JsonObject } | { bytes: Buffer; contentType: string }

export interface OpenApiCaller {
  /** openid of the user whose call made this request, if any. */
  openid: string | null
}

type Params = Map<string, OpenApiParam>
type Handler = (params: Params, caller: OpenApiCaller) => Promise<OpenApiReply>

/** Answers `wx.openApi` (cloud.openapi.*) requests. Permissions in config.json are not enforced locally. */
export class OpenApiService {
  private readonly handlers: Record<string, Handler> = {
    'security.msgSecCheck': (p) => Promise.resolve(this.msgSecCheck(p)),
    'subscribeMessage.send': (p) => this.subscribeMessageSend(p),
    'wxacode.getUnlimited': (p) => wxacodeGetUnlimited(p),
  }

  constructor(
    private readonly blocklist: Blocklist,
    private readonly outbox: Outbox,
  ) {}

  /** Decodes the SDK's protobuf request and encodes the protobuf reply it expects. */
  async handle(apiName: string, requestData: Buffer, caller: OpenApiCaller): Promise<Buffer> {
    const { params } = decodeOpenApiRequest(requestData)
    const handler = this.handlers[apiName]
    const reply = handler
      ? await handler(params, caller)
      : wxError(48001, `api unauthorized: 本地云未模拟接口 ${apiName}（local cloud does not emulate ${apiName}）`)
    if ('json' in reply)
      return encodeOpenApiResponse(Buffer.from(JSON.stringify(reply.json)), 'application/json; charset=UTF-8')
    return encodeOpenApiResponse(reply.bytes, reply.contentType)
  }

  /** v2 (version: 2) answers result/detail/trace_id; v1 answers errcode 87014 for risky text, like production. */
  private msgSecCheck(params: Params): OpenApiReply {
    const content = jsonParam(params, 'content')
    if (typeof content !== 'string') return wxError(47001, 'data format error: content 必须是字符串')
    const hit = this.blocklist.match(content)
    if (jsonParam(params, 'version') !== 2) {
      return hit ? wxError(87014, 'risky content') : ok({})
    }
    const openid = jsonParam(params, 'openid')
    const scene = jsonParam(params, 'scene')
    if (typeof openid !== 'string' || openid === '') return wxError(40003, 'invalid openid')
    if (typeof scene !== 'number' || ![1, 2, 3, 4].includes(scene))
      return wxError(47001, 'data format error: scene 取值为 1-4')
    return ok(msgSecCheckV2Result(hit))
  }

  private async subscribeMessageSend(params: Params): Promise<OpenApiReply> {
    const touser = jsonParam(params, 'touser')
    const templateId = jsonParam(params, 'template_id')
    const data = jsonParam(params, 'data')
    if (typeof touser !== 'string' || touser === '') return wxError(40003, 'invalid openid: touser 不能为空')
    if (typeof templateId !== 'string' || templateId === '')
      return wxError(40037, 'invalid template_id: template_id 不能为空')
    if (!isJsonObject(data) || Object.keys(data).length === 0) return wxError(47003, 'argument invalid! data 不能为空')
    const badKey = Object.keys(data).find((k) => !isJsonObject(data[k]) || !('value' in (data[k] as JsonObject)))
    if (badKey) return wxError(47003, `argument invalid! data.${badKey}.value is empty`)
    const page = jsonParam(params, 'page')
    const state = jsonParam(params, 'miniprogram_state')
    await this.outbox.append({
      touser,
      templateId,
      page: typeof page === 'string' ? page : '',
      data,
      miniprogramState: typeof state === 'string' ? state : 'formal',
      sentAt: new Date().toISOString(),
    })
    return ok({ msgid: Date.now() * 1000 + Math.floor(Math.random() * 1000) })
  }
}

function msgSecCheckV2Result(hit: { term: string; label: number } | null): JsonObject {
  const suggest = hit ? 'risky' : 'pass'
  const label = hit ? hit.label : 100
  const detail: JsonObject[] = [{ strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 }]
  if (hit) detail.push({ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.term })
  return { result: { suggest, label }, detail, trace_id: randomUUID().replace(/-/g, '').slice(0, 24) }
}

/** A real QR code (PNG) encoding `<page>?scene=<scene>`, returned as bytes like the real API's image. */
async function wxacodeGetUnlimited(params: Params): Promise<OpenApiReply> {
  const scene = jsonParam(params, 'scene')
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32)
    return wxError(40169, 'invalid length for scene, or the data is not json string')
  const pageParam = jsonParam(params, 'page')
  const page = typeof pageParam === 'string' && pageParam !== '' ? pageParam : 'pages/index/index'
  if (page.startsWith('/')) return wxError(41030, 'invalid page rid: page 不能以 / 开头')
  const widthParam = jsonParam(params, 'width')
  const width = Math.min(1280, Math.max(280, typeof widthParam === 'number' ? widthParam : 430))
  const transparent = jsonParam(params, 'is_hyaline') === true
  const bytes = await QRCode.toBuffer(`${page}?scene=${encodeURIComponent(scene)}`, {
    type: 'png',
    width,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: lineColor(jsonParam(params, 'line_color')), light: transparent ? '#ffffff00' : '#ffffffff' },
  })
  return { bytes, contentType: 'image/png' }
}

function lineColor(v: unknown): string {
  if (!isJsonObject(v)) return '#000000ff'
  const channel = (c: unknown): string =>
    Math.min(255, Math.max(0, Number(c) || 0))
      .toString(16)
      .padStart(2, '0')
  return `#${channel(v.r)}${channel(v.g)}${channel(v.b)}ff`
}

function jsonParam(params: Params, key: string): unknown {
  const p = params.get(key)
  return p?.kind === 'json' ? p.value : undefined
}

function ok(body: JsonObject): OpenApiReply {
  return { json: { errcode: 0, errmsg: 'ok', ...body } }
}

function wxError(errcode: number, errmsg: string): OpenApiReply {
  return { json: { errcode, errmsg } }
}
