/**
 * The cached profile as stored, and when it may be started from (no Taro here: index.html's early call,
 * built from this file by config/inline-script.ts, makes the same decision before the app has loaded).
 */
import type { Profile } from './api'

export const PROFILE_STORAGE_KEY = 'zbt:profile'
export const PROFILE_TTL_MS = 12 * 60 * 60 * 1000

export interface CachedProfile {
  /** Whose profile: the H5 persona's openid; on weapp storage is already per WeChat user. */
  owner: string
  savedAt: number
  profile: Profile
}

/**
 * A profile saved before member ids became opaque (`m-<studentNo>`, cloudfunctions/_shared/ids.ts): the
 * server has moved that member to a new id, and uploads go to the member's id folder, so ask afresh.
 */
const LEGACY_MEMBER_ID = /^m-[A-Za-z0-9]{4,20}$/

/** The stored profile if it is `owner`'s, fresh at `now` and of the current shape; else null. */
export function usableProfile(stored: unknown, owner: string, now: number): Profile | null {
  if (!isCached(stored) || LEGACY_MEMBER_ID.test(stored.profile.memberId)) return null
  if (stored.owner !== owner || now - stored.savedAt > PROFILE_TTL_MS || stored.savedAt > now) return null
  return stored.profile
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
