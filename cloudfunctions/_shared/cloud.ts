import * as cloud from 'wx-server-sdk'

/**
 * The one place functions initialise wx-server-sdk. DYNAMIC_CURRENT_ENV makes the same bundle run
 * in any WeChat cloud environment and against the local cloud (which sets SCF_NAMESPACE).
 */
let initialised = false

/** The SDK types `env` as string, but documents the DYNAMIC_CURRENT_ENV symbol for it: the one cast, for every init. */
export const CURRENT_ENV = cloud.DYNAMIC_CURRENT_ENV as unknown as string

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
