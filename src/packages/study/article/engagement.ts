import { useEffect, useState } from 'react'
import { callFunction } from '../../../services/call'
import { toastFailure } from '../../../services/feedback'
import type { Study } from '../../../services/api'
import { type ReadingState } from './useReading'

export function readingText(state: ReadingState | null, reading: Study.OpenResult['reading']): string {
  if (!state) return ''
  switch (state.phase) {
    case 'reading':
      return `再读 ${state.secondsLeft} 秒可得 ${reading.points} 积分`
    case 'watching':
      return `再看 ${state.secondsLeft} 秒视频可得 ${reading.points} 积分`
    case 'finishing':
      return '正在记录学习…'
    case 'awarded':
      return `本篇已得 ${state.points} 积分${state.total !== null ? ` · 累计 ${state.total} 分` : ''}`
    case 'duplicate':
      return '今天已获得过本篇的积分'
    case 'capped':
      return `今日${reading.kind === 'video' ? '观看' : '阅读'}积分已达上限，仍可继续学习`
    case 'failed':
      return state.message
  }
}

/** Like and favourite: shown at once, undone if the server refuses. */
export function useToggle(id: string, action: 'like' | 'favorite', initial: boolean, initialCount: number) {
  const [on, setOn] = useState(initial)
  const [n, setN] = useState(initialCount)
  useEffect(() => {
    setOn(initial)
    setN(initialCount)
  }, [initial, initialCount])
  const toggle = async () => {
    const next = !on
    setOn(next)
    setN((c) => c + (next ? 1 : -1))
    const result = await callFunction('study', action, { id, on: next })
    if (!result.ok) {
      setOn(!next)
      setN((c) => c - (next ? 1 : -1))
      toastFailure(result)
    } else if (!result.data.changed) setN((c) => c - (next ? 1 : -1))
  }
  return { on, count: n, toggle }
}
