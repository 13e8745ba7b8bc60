/**
 * The reading timer of an article page. The server measures the time from the open token; this only
 * decides when to ask: when the countdown ends, and again after what the server says is left.
 */
import { useEffect, useRef, useState } from 'react'
import { callFunction } from '../../../services/call'
import type { Study } from '../../../services/api'

export type ReadingState =
  | { phase: 'reading'; secondsLeft: number }
  | { phase: 'watching'; secondsLeft: number }
  | { phase: 'finishing' }
  | { phase: 'awarded'; points: number; total: number | null }
  | { phase: 'duplicate' | 'capped' }
  | { phase: 'failed'; message: string }

export function useReading(articleId: string, reading: Study.OpenResult['reading'] | undefined): ReadingState | null {
  const [state, setState] = useState<ReadingState | null>(null)
  const deadline = useRef(0)

  useEffect(() => {
    if (!reading) return undefined
    // Nothing to earn today: say so at once instead of counting down to a promise the server won't keep.
    if (reading.today !== 'open') {
      setState({ phase: reading.today })
      return undefined
    }
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    deadline.current = Date.now() + reading.seconds * 1000

    const tick = () => {
      if (!alive) return
      const left = Math.ceil((deadline.current - Date.now()) / 1000)
      if (left > 0) {
        setState({ phase: 'reading', secondsLeft: left })
        timer = setTimeout(tick, 1000)
        return
      }
      setState({ phase: 'finishing' })
      void callFunction('study', 'finishArticle', { id: articleId, token: reading.token }).then((result) => {
        if (!alive) return
        if (!result.ok) return setState({ phase: 'failed', message: result.message })
        const done = result.data
        if (done.outcome === 'tooSoon') {
          // The server's clock says a little more: wait for it and ask again.
          deadline.current = Date.now() + Math.max(1, done.remainingSeconds) * 1000
          tick()
        } else if (done.outcome === 'awarded') setState({ phase: 'awarded', points: done.awarded, total: done.total })
        else setState({ phase: done.outcome })
      })
    }
    tick()
    return () => {
      alive = false
      if (timer) clearTimeout(timer)
    }
  }, [articleId, reading])

  return state
}
