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

const STORAGE_KEY = 'zbt:profile'
const PROFILE_TTL_MS = 12 * 60 * 60 * 1000

interface CachedProfile {
  /** Whose profile: the H5 persona's openid; on weapp storage is already per WeChat user. */
  owner: string
  savedAt: number
  profile: Profile
}

function owner(): string {
  return getIdentity()?.openid ?? 'wechat'
}

/**
 * A profile saved before member ids became opaque (`m-<studentNo>`, cloudfunctions/_shared/ids.ts): the
 * server has moved that member to a new id, and uploads go to the member's id folder, so ask afresh.
 */
const LEGACY_MEMBER_ID = /^m-[A-Za-z0-9]{4,20}$/

export function readCachedProfile(now = Date.now()): Profile | null {
  const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
  if (!isCached(stored) || LEGACY_MEMBER_ID.test(stored.profile.memberId)) return null
  if (stored.owner !== owner() || now - stored.savedAt > PROFILE_TTL_MS || stored.savedAt > now) return null
  return stored.profile
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

function isCached(value: unknown): value is CachedProfile {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const p = v.profile as Record<string, unknown> | null | undefined
  return (
    typeof v.owner === 'string' &&
    typeof v.savedAt === 'number' &&
    typeof p === 'object' &&
    p !== null &&
    typeof p.memberId === 'string' &&
    Array.isArray(p.roles) &&
    typeof p.college === 'object' &&
    p.college !== null
  )
}
