/**
 * The last profile the server gave this user, kept on the device so that opening the app renders the
 * first tab with one function call (the tab's own) instead of `user.login` first. Only what the screens
 * show depends on it: every function still takes identity and roles from the server side. It expires
 * after PROFILE_TTL_MS, and any UNAUTHENTICATED answer drops it (see stores/session.ts).
 */
import Taro from '@tarojs/taro'
import type { Profile } from './api'
import { transport } from './cloud'
import { getIdentity } from './identity'
import { PROFILE_STORAGE_KEY as STORAGE_KEY, usableProfile, type CachedProfile } from './profile-record'

function owner(): string {
  return getIdentity()?.openid ?? 'wechat'
}

export function readCachedProfile(now = Date.now()): Profile | null {
  return usableProfile(Taro.getStorageSync(STORAGE_KEY), owner(), now)
}

/** The cached profile a session may start from: none on H5 until a persona is picked. */
export function startingProfile(now = Date.now()): Profile | null {
  if (transport.pickableIdentity && !getIdentity()) return null
  return readCachedProfile(now)
}

export function saveProfile(profile: Profile, now = Date.now()): void {
  const entry: CachedProfile = { owner: owner(), savedAt: now, profile }
  Taro.setStorageSync(STORAGE_KEY, entry)
}

export function forgetProfile(): void {
  Taro.removeStorageSync(STORAGE_KEY)
}
