/**
 * Growth with scale (issue #21): every journey on the college at 1x and at 3x (90 branches, 9,000
 * members), compared journey by journey: documents examined per call and server p50, 3x over 1x. An
 * indexed journey reads what it answers, whatever the size of the college: it stays flat.
 *
 * Beside the p50: how long the journey's database requests took inside the local cloud, and the share of
 * server time its main thread (the database's, holding the whole college in one Node heap: about 5 GB at
 * 3x) was paused collecting garbage — so a p50 that grows while its reads stay flat can be traced.
 */
import type { JourneyFigure } from '../journeys'
import { row, type Row } from '../table'

export const GROWTH_BUDGET = 1.3

export interface GrowthFigure {
  label: string
  examined: [number, number]
  p50: [number, number]
  dbP50: [number, number]
  durableP50: [number, number]
  gcShare: [number, number]
  examinedRatio: number
  p50Ratio: number
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
        dbP50: [s.dbP50, l.dbP50],
        durableP50: [s.durableP50, l.durableP50],
        gcShare: [s.gcShare, l.gcShare],
        examinedRatio: ratio(s.examinedMean, l.examinedMean),
        p50Ratio: ratio(s.p50, l.p50),
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
      `${g.label}: server p50 1x → ${factor}x`,
      `${n(g.p50[0])} → ${n(g.p50[1])} ms (${g.p50Ratio.toFixed(2)}x); database ${n(g.dbP50[0])} → ${n(g.dbP50[1])} ms (fsync ${n(g.durableP50[0])} → ${n(g.durableP50[1])}), ` +
        `GC ${pct(g.gcShare[0])} → ${pct(g.gcShare[1])}`,
      `<= ${GROWTH_BUDGET}x`,
      g.p50Ratio <= GROWTH_BUDGET,
    ),
  ])
}
