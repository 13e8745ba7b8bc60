/**
 * Half-written text survives closing the app: every change is kept in device storage under `key`
 * until `clear()` (after the server accepted it).
 */
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'

export function useDraft<T>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => {
    const stored: unknown = Taro.getStorageSync(key)
    return stored === '' || stored === undefined || stored === null ? initial : (stored as T)
  })
  const update = useCallback(
    (next: T) => {
      setValue(next)
      Taro.setStorageSync(key, next)
    },
    [key],
  )
  const clear = useCallback(() => Taro.removeStorageSync(key), [key])
  return [value, update, clear]
}
