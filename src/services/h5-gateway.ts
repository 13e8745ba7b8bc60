/**
 * H5 only (imported by cloud.h5.ts and early-call.h5.ts, never by shared code): how a function call
 * reaches the local cloud's gateway on the page's own origin. No Taro here, so index.html's early call
 * (config/inline-script.ts builds it from early-call.h5.ts) sends exactly what the app would.
 */

/** The caller's identity on H5: the persona picked on this device (the gateway makes it the WeChat context). */
export const OPENID_HEADER = 'x-wx-openid'

export function functionRequest(name: string, body: string, openid: string | undefined): [string, RequestInit] {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (openid) headers[OPENID_HEADER] = openid
  return [`/api/functions/${encodeURIComponent(name)}`, { method: 'POST', headers, body }]
}

/** A call index.html started before the bundles loaded, for the app's first identical call to adopt. */
export interface EarlyCall {
  name: string
  body: string
  owner: string
  at: number
  response: Promise<Response>
}

export type EarlyCallHolder = { __zbtEarlyCall?: EarlyCall }
