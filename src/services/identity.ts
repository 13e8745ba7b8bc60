/**
 * The identity chosen by hand on H5 (a seeded persona of the local cloud, or a brand-new WeChat user
 * for trying the bind flow). Remembered in Taro storage so a reload keeps it. Unused on weapp,
 * where WeChat itself says who the caller is.
 */
import Taro from '@tarojs/taro'
import { IDENTITY_STORAGE_KEY as STORAGE_KEY, isIdentity, type DevIdentity } from './identity-record'

export type { DevIdentity } from './identity-record'

export function getIdentity(): DevIdentity | null {
  const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
  return isIdentity(stored) ? stored : null
}

export function setIdentity(identity: DevIdentity): void {
  Taro.setStorageSync(STORAGE_KEY, identity)
}

export function clearIdentity(): void {
  Taro.removeStorageSync(STORAGE_KEY)
}

/** A random openid nobody has bound yet: the bind flow can be tried from scratch. */
export function freshIdentity(random: () => number = Math.random): DevIdentity {
  const suffix = Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join('')
  return { openid: `dev-new-${suffix}`, name: null, role: null }
}
