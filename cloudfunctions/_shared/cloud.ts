import * as cloud from 'wx-server-sdk'

/**
 * The one place functions initialise wx-server-sdk. DYNAMIC_CURRENT_ENV makes the same bundle run
 * in any WeChat cloud environment and against the local cloud (which sets SCF_NAMESPACE).
 */
let initialised = false

// What the SDK documents but does not type: DYNAMIC_CURRENT_ENV as the value of `env` (typed a string
// only), and the secret id and key a script outside WeChat cloud passes to init.
declare module 'wx-server-sdk' {
  export function init(config: Omit<ICloudInitOptions, 'env'> & { env: typeof DYNAMIC_CURRENT_ENV }): void
  interface ICloudConfig {
    secretId?: string
    secretKey?: string
  }
}

export const CURRENT_ENV = cloud.DYNAMIC_CURRENT_ENV

export function getCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: CURRENT_ENV })
    initialised = true
  }
  return cloud
}

/** The caller's WeChat identity, from the platform; never from the event. */
export function callerOpenid(): string | null {
  const openid = getCloud().getWXContext().OPENID
  return typeof openid === 'string' && openid.length > 0 ? openid : null
}

/**
 * What started this call chain (`SOURCE`, comma-separated along the chain, e.g. `wx_client,scf`): the
 * first entry is `wx_trigger` for a timer trigger, `wx_client` for the mini program.
 */
export function callSource(): string {
  const source = getCloud().getWXContext().SOURCE
  return typeof source === 'string' ? source : ''
}

/** One subscribe message (订阅消息 send); the fields are camelCase, the SDK converts them. */
export interface SubscribeMessageRequest {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  lang?: string
}

export interface SubscribeMessageApi {
  send(request: SubscribeMessageRequest): Promise<{ errCode?: number; errcode?: number }>
}

/** `openapi.subscribeMessage`, typed (the SDK types every openapi as `any`). */
export function subscribeMessageApi(): SubscribeMessageApi {
  const api: SubscribeMessageApi = getCloud().openapi.subscribeMessage
  return api
}
