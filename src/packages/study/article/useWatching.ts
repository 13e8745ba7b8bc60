/**
 * The watching counter of a video article (微党课): seconds actually played, from the player's
 * timeupdate events (a jump by seeking is not play), reported to the server in segments. The server
 * counts at most the time since the article was opened and at most the video's length, and awards the
 * video points through `finishArticle` once enough has been played.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { callFunction } from '../../../services/call'
import type { Study } from '../../../services/api'
import type { ReadingState } from './useReading'

/** Report after this much new play (and on pause and at the end). */
const REPORT_EVERY_SECONDS = 5
/** A timeupdate step longer than this is a seek, not play (the player fires a few times a second). */
const MAX_PLAY_STEP_SECONDS = 1.5
/** What one report may carry (ARTICLE_VIDEO_LIMITS.maxSegmentSeconds on the server). */
const MAX_SEGMENT_SECONDS = 60

export interface Watching {
  state: ReadingState | null
  /** Handlers for the `Video` component. */
  onTimeUpdate: (currentTime: number) => void
  onPause: () => void
  onEnded: () => void
}

export function useWatching(articleId: string, reading: Study.OpenResult['reading'] | undefined): Watching {
  const [state, setState] = useState<ReadingState | null>(null)
  const last = useRef<number | null>(null)
  const pending = useRef(0)
  const busy = useRef(false)
  const done = useRef(false)
  const alive = useRef(true)

  useEffect(() => {
    alive.current = true
    last.current = null
    pending.current = 0
    done.current = false
    if (reading)
      setState(
        reading.today !== 'open' ? { phase: reading.today } : { phase: 'watching', secondsLeft: reading.seconds },
      )
    return () => {
      alive.current = false
    }
  }, [articleId, reading])

  const finish = useCallback(async () => {
    if (!reading) return
    setState({ phase: 'finishing' })
    const result = await callFunction('study', 'finishArticle', { id: articleId, token: reading.token })
    if (!alive.current) return
    if (!result.ok) return setState({ phase: 'failed', message: result.message })
    const outcome = result.data
    if (outcome.outcome === 'tooSoon') setState({ phase: 'watching', secondsLeft: outcome.remainingSeconds })
    else {
      done.current = true
      setState(
        outcome.outcome === 'awarded'
          ? { phase: 'awarded', points: outcome.awarded, total: outcome.total }
          : { phase: outcome.outcome },
      )
    }
  }, [articleId, reading])

  const report = useCallback(async () => {
    if (!reading || reading.today !== 'open' || done.current || busy.current || pending.current <= 0) return
    busy.current = true
    const seconds = Math.min(MAX_SEGMENT_SECONDS, Math.round(pending.current * 10) / 10)
    pending.current -= seconds
    const result = await callFunction('study', 'watchVideo', { id: articleId, token: reading.token, seconds })
    busy.current = false
    if (!alive.current) return
    if (!result.ok) {
      // Another report got there first: this segment goes with the next one.
      if (result.code === 'CONFLICT') pending.current += seconds
      else setState({ phase: 'failed', message: result.message })
      return
    }
    const { watchedSeconds, requiredSeconds } = result.data
    if (watchedSeconds >= requiredSeconds) await finish()
    else setState({ phase: 'watching', secondsLeft: Math.ceil(requiredSeconds - watchedSeconds) })
  }, [articleId, reading, finish])

  const onTimeUpdate = useCallback(
    (currentTime: number) => {
      const step = last.current === null ? 0 : currentTime - last.current
      last.current = currentTime
      if (step > 0 && step <= MAX_PLAY_STEP_SECONDS) pending.current += step
      if (pending.current >= REPORT_EVERY_SECONDS) void report()
    },
    [report],
  )
  const onPause = useCallback(() => void report(), [report])
  const onEnded = useCallback(() => {
    last.current = null
    void report()
  }, [report])

  return { state, onTimeUpdate, onPause, onEnded }
}
