/**
 * Growth with scale (issue #21): every journey on the college at 1x and at 3x (90 branches, 9,000
 * members), compared journey by journey: documents examined per call and server p50, 3x over 1x. An
 * indexed journey reads what it answers, whatever the size of the college: it stays flat.
 *
 * The p50 is judged without the local cloud's own garbage-collection pauses: the emulator keeps every
 * document of the college in one Node heap (about 5 GB at 3x against 1.7 GB), so its pauses grow with the
 * dataset whatever a journey does, and WeChat's database does not keep data that way. The raw p50 and the
 * pauses' share are printed beside it.
 */
import type { JourneyFigure } from '../journeys'
import { row, type Row } from '../table'

export const GROWTH_BUDGET = 1.3

export interface GrowthFigure {
  label: string
  examined: [number, number]
  p50: [number, number]
  p50WithoutGc: [number, number]
  gcShare: [number, number]
  examinedRatio: number
  p50Ratio: number
  p50WithoutGcRatio: number
}

/** 3x over 1x; a figure below 1 (nothing examined, under a millisecond) counts as 1, so noise is not growth. */
function ratio(small: number, large: number): number {
  return Math.max(1, large) / Math.max(1, small)
}

export function growthFigures(small: JourneyFigure[], large: JourneyFigure[]): GrowthFigure[] {
  return small.flatMap((s) => {
    const l = large.find((f) => f.label === s.label)
    if (!l) return []
    return [
      {
        label: s.label,
        examined: [s.examinedMean, l.examinedMean],
        p50: [s.p50, l.p50],
        p50WithoutGc: [s.p50WithoutGc, l.p50WithoutGc],
        gcShare: [s.gcShare, l.gcShare],
        examinedRatio: ratio(s.examinedMean, l.examinedMean),
        p50Ratio: ratio(s.p50, l.p50),
        p50WithoutGcRatio: ratio(s.p50WithoutGc, l.p50WithoutGc),
      },
    ]
  })
}

export function growthRows(figures: GrowthFigure[], factor: number): Row[] {
  const s = 'growth'
  const n = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1))
  const pct = (x: number): string => `${Math.round(x * 100)}%`
  return figures.flatMap((g) => [
    row(
      s,
      `${g.label}: examined/call 1x → ${factor}x`,
      `${n(g.examined[0])} → ${n(g.examined[1])} (${g.examinedRatio.toFixed(2)}x)`,
      `<= ${GROWTH_BUDGET}x`,
      g.examinedRatio <= GROWTH_BUDGET,
    ),
    row(
      s,
      `${g.label}: server p50 1x → ${factor}x, without the local cloud's GC`,
      `${n(g.p50WithoutGc[0])} → ${n(g.p50WithoutGc[1])} ms (${g.p50WithoutGcRatio.toFixed(2)}x); ` +
        `raw ${n(g.p50[0])} → ${n(g.p50[1])} ms (${g.p50Ratio.toFixed(2)}x), GC ${pct(g.gcShare[0])} → ${pct(g.gcShare[1])}`,
      `<= ${GROWTH_BUDGET}x`,
      g.p50WithoutGcRatio <= GROWTH_BUDGET,
    ),
  ])
}
