/**
 * H5 only: the entry tab's first call, started by index.html itself so that it travels beside the bundles
 * instead of after them (issue #21). config/inline-script.ts bundles this file into the page's <head> at
 * build time; it never enters the app's bundles or the weapp build. It makes the app's own decision
 * (entry-call-specs, identity-record, profile-record) and sends the app's own request (call-data,
 * h5-gateway); cloud.h5.ts adopts the answer once, for the same caller and body, within 30 s.
 */
import { callData } from './call-data'
import { entryCallOf } from './entry-call-specs'
import { functionRequest, type EarlyCallHolder } from './h5-gateway'
import { IDENTITY_STORAGE_KEY, isIdentity } from './identity-record'
import { PROFILE_STORAGE_KEY, usableProfile } from './profile-record'

/** What Taro's H5 setStorageSync stored under `key` (it keeps `{ data }` as JSON in localStorage). */
function readTaroStorage(key: string): unknown {
  const raw = localStorage.getItem(key)
  return raw ? (JSON.parse(raw) as { data?: unknown }).data : undefined
}

try {
  const spec = entryCallOf(location.pathname)
  const who = readTaroStorage(IDENTITY_STORAGE_KEY)
  const now = Date.now()
  if (spec && isIdentity(who) && usableProfile(readTaroStorage(PROFILE_STORAGE_KEY), who.openid, now)) {
    const body = JSON.stringify(callData(spec.action, spec.params))
    const [url, init] = functionRequest(spec.name, body, who.openid)
    ;(window as EarlyCallHolder).__zbtEarlyCall = {
      name: spec.name,
      body,
      owner: who.openid,
      at: now,
      response: fetch(url, init),
    }
  }
} catch {
  // Storage unreadable or fetch missing: the app makes the call itself, as without this script.
}
