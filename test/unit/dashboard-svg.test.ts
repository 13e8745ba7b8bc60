import { describe, expect, it } from 'vitest'
import { columnsSvg, stackSvg } from '../../src/packages/dashboard/svg'

/** The dashboard's charts as SVG images (src/packages/dashboard/svg.ts): geometry that matches the figures. */
const svgOf = (uri: string): string => {
  expect(uri.startsWith('data:image/svg+xml,')).toBe(true)
  return decodeURIComponent(uri.slice('data:image/svg+xml,'.length))
}
const rects = (svg: string): { x: number; y: number; w: number; h: number; fill: string }[] =>
  [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="([^"]+)"\/>/g)].map(
    (m) => ({ x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]), fill: m[5] }),
  )

describe('dashboard charts', () => {
  it('a stage bar splits its width in proportion to the counts, skipping empty stages', () => {
    const svg = svgOf(
      stackSvg([
        { count: 1, color: '#111111' },
        { count: 0, color: '#222222' },
        { count: 3, color: '#333333' },
      ]),
    )
    expect(svg).toContain('preserveAspectRatio="none"')
    const [track, ...segments] = rects(svg)
    expect(track.w).toBe(1000)
    expect(segments).toEqual([
      { x: 0, y: 0, w: 250, h: 20, fill: '#111111' },
      { x: 250, y: 0, w: 750, h: 20, fill: '#333333' },
    ])
    expect(rects(svgOf(stackSvg([{ count: 0, color: '#111111' }])))).toHaveLength(1)
  })

  it('a trend draws one column per point, as tall as its rate, and only a track for a point without data', () => {
    const bars = rects(svgOf(columnsSvg([0.5, null, 1.2], '#c8161d'))).filter((r) => r.fill === '#c8161d')
    expect(bars.map((b) => b.h)).toEqual([80, 160])
    expect(bars.map((b) => b.y + b.h)).toEqual([160, 160])
    expect(bars[1].x - bars[0].x).toBe(200)
    expect(svgOf(columnsSvg([], '#c8161d'))).toContain('viewBox="0 0 100 160"')
  })
})
