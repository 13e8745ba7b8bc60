import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Loads again each time the page shows after its first show: coming back from a page that changed
 * something (a report written, a meeting joined) shows the news. The first show is the first load.
 */
export function useReloadOnShow(reload: () => void): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })
}
