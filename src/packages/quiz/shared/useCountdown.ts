import { useEffect, useRef, useState } from 'react'

/**
 * Milliseconds left until `deadline` (a local timestamp computed from the server's `remainingMs`, so
 * the device clock's error does not matter), ticking every second; `onExpire` runs once at zero.
 */
export function useCountdown(deadline: number | null, onExpire: () => void): number {
  const [now, setNow] = useState(() => Date.now())
  const expired = useRef(false)
  const onExpireRef = useRef(onExpire)
  onExpireRef.current = onExpire

  useEffect(() => {
    expired.current = false
    if (deadline === null) return undefined
    const tick = () => {
      const t = Date.now()
      setNow(t)
      if (t >= deadline && !expired.current) {
        expired.current = true
        onExpireRef.current()
      }
    }
    tick()
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [deadline])

  return deadline === null ? 0 : Math.max(0, deadline - now)
}
