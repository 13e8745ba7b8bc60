/**
 * The H5 identity as stored (no Taro here: index.html's early call, built from this file by
 * config/inline-script.ts, reads it before the app has loaded).
 */
import type { Role } from './domain'

export interface DevIdentity {
  openid: string
  /** Null for a fresh WeChat user who has not bound a roster entry yet. */
  name: string | null
  role: Role | null
}

export const IDENTITY_STORAGE_KEY = 'zbt:dev-identity'

export function isIdentity(value: unknown): value is DevIdentity {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.openid === 'string' && v.openid.length > 0 && (v.name === null || typeof v.name === 'string')
}
