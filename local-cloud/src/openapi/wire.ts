import protobuf from 'protobufjs'

/**
 * The protobuf messages of `wx.openApi`, as wx-server-sdk 4.0.2 defines them
 * (node_modules/wx-server-sdk/index.js, src/protobuf/openapi.js). Only the fields the
 * local cloud reads or writes are declared; others are skipped on decode.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
      },
    },
  },
})

const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

/** One request parameter: JSON for ordinary values, raw bytes for media the SDK uploads. */
export type OpenApiParam =
  | { kind: 'json'; value: unknown }
  | { kind: 'media'; data: Buffer; contentType: string; filename: string }

interface DecodedPair {
  key?: string
  value?: Uint8Array
  contenttype?: string
  filename?: string
}

/** Decodes `requestData` into snake_case keys → values (each value was JSON-encoded by the SDK). */
export function decodeOpenApiRequest(buf: Buffer): { appid: string; params: Map<string, OpenApiParam> } {
  const msg = CommApiData.toObject(CommApiData.decode(buf), { defaults: false }) as {
    appid?: string
    openapiData?: { pairs?: DecodedPair[] }
  }
  const params = new Map<string, OpenApiParam>()
  for (const pair of msg.openapiData?.pairs ?? []) {
    if (!pair.key) continue
    params.set(pair.key, decodeParam(pair))
  }
  return { appid: msg.appid ?? '', params }
}

function decodeParam(pair: DecodedPair): OpenApiParam {
  const bytes = Buffer.from(pair.value ?? new Uint8Array())
  if (pair.contenttype || pair.filename) {
    return { kind: 'media', data: bytes, contentType: pair.contenttype ?? '', filename: pair.filename ?? '' }
  }
  try {
    return { kind: 'json', value: JSON.parse(bytes.toString('utf8')) as unknown }
  } catch {
    return { kind: 'json', value: bytes.toString('utf8') }
  }
}

export function encodeOpenApiResponse(respData: Buffer, contentType: string): Buffer {
  const msg = CommOpenApiResp.create({ respData, contentType, errorCode: 0, httpCode: 200 })
  return Buffer.from(CommOpenApiResp.encode(msg).finish())
}
