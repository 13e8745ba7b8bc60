import { useDidHide, useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Loads again when the page shows after having been hidden while this component was mounted: coming back from a
 * page that changed something (a report written, a talk recorded) shows the news. Keyed on the hide, not on
 * counting shows, because a component that mounts after its page first showed (a tab, content behind the session
 * gate) never sees that first show: its first show is already a return.
 */
export function useReloadOnShow(reload: () => void): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    reload()
  })
}
