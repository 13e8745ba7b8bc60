import { vi } from 'vitest'

/** A small stand-in for `@tarojs/taro` in unit tests: storage in a Map, toasts recorded. */
export function taroDouble() {
  const storage = new Map<string, unknown>()
  const toasts: { title: string; icon?: string }[] = []
  const Taro = {
    getStorageSync: vi.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: vi.fn((key: string, value: unknown) => void storage.set(key, value)),
    removeStorageSync: vi.fn((key: string) => void storage.delete(key)),
    showToast: vi.fn((opts: { title: string; icon?: string }) => {
      toasts.push(opts)
      return Promise.resolve()
    }),
    navigateTo: vi.fn(() => Promise.resolve()),
  }
  return { Taro, storage, toasts }
}
