/**
 * Keeps a rotating code on screen from the codes the server handed out in advance: the screen
 * follows the server's clock (offset measured at each fetch), refetches every few seconds for fresh
 * codes and counts, and keeps rotating from what it has when the network is gone.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CodeSlot } from '../../../services/api'
import type { CallFailure, CallResult } from '../../../services/call'

export interface CodeBatch {
  serverNow: number
  slotMs: number
  slots: CodeSlot[]
}

export interface RotatingState<T extends CodeBatch> {
  data: T | null
  failure: CallFailure | null
  current: CodeSlot | null
  /** Milliseconds left in the current slot. */
  msLeft: number
  slotMs: number
  /** True when the last refresh failed and codes come from what was fetched before. */
  offline: boolean
  /** Minutes the screen can keep rotating without the network. */
  minutesLeft: number
  /** The server's time now, by this device's clock plus the measured offset. */
  serverTime: number
  reload: () => void
}

export function useRotatingCodes<T extends CodeBatch>(
  load: () => Promise<CallResult<T>>,
  refreshMs = 5000,
): RotatingState<T> {
  const [data, setData] = useState<T | null>(null)
  const [failure, setFailure] = useState<CallFailure | null>(null)
  const [offset, setOffset] = useState(0)
  const [, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const refresh = useCallback(async () => {
    const sentAt = Date.now()
    const result = await loadRef.current()
    if (result.ok) {
      // Half the round trip: the server's "now" was taken while the request was on its way.
      const arrivedAt = Date.now()
      setOffset(result.data.serverNow - (sentAt + arrivedAt) / 2)
      setData(result.data)
      setFailure(null)
    } else {
      setFailure(result)
    }
  }, [])

  useEffect(() => {
    void refresh()
    const poll = setInterval(() => void refresh(), refreshMs)
    const tick = setInterval(() => setTick((n) => n + 1), 250)
    return () => {
      clearInterval(poll)
      clearInterval(tick)
    }
  }, [refresh, refreshMs])

  const serverTime = Date.now() + offset
  const slotMs = data?.slotMs ?? 15_000
  const current = data?.slots.find((s) => s.startsAt <= serverTime && serverTime < s.startsAt + slotMs) ?? null
  const last = data?.slots[data.slots.length - 1]
  return {
    data,
    failure,
    current,
    msLeft: current ? current.startsAt + slotMs - serverTime : 0,
    slotMs,
    offline: failure !== null && data !== null,
    minutesLeft: last ? Math.max(0, Math.floor((last.startsAt + slotMs - serverTime) / 60_000)) : 0,
    serverTime,
    reload: () => void refresh(),
  }
}
