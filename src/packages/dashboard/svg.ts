/**
 * Charts as one SVG image each: a chart of many views costs hundreds of WXML nodes, an image costs one.
 * Pure geometry, no text (fonts inside an SVG image are not reliable in the Mini Program): the figures are
 * shown as text beside the image. WeChat's image draws an SVG data URI; without preserveAspectRatio="none"
 * it would centre the drawing instead of filling the image, and it takes no percent units.
 */

/** An SVG document as an image source. */
export function svgUri(body: string, width: number, height: number): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" ` +
    `width="${width}" height="${height}" preserveAspectRatio="none">${body}</svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

const rect = (x: number, y: number, w: number, h: number, fill: string): string =>
  `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" fill="${fill}"/>`

const round = (n: number): number => Math.round(n * 10) / 10

const clamp = (rate: number): number => Math.max(0, Math.min(1, rate))

const TRACK = '#f0f1f4'

/** One bar split into parts in proportion to their counts (members by stage); an empty bar when all are 0. */
export function stackSvg(parts: { count: number; color: string }[]): string {
  const W = 1000
  const H = 20
  const total = parts.reduce((sum, p) => sum + p.count, 0)
  let x = 0
  const segments = parts.map((p) => {
    const w = total ? (p.count / total) * W : 0
    const segment = w ? rect(x, 0, w, H, p.color) : ''
    x += w
    return segment
  })
  return svgUri(rect(0, 0, W, H, TRACK) + segments.join(''), W, H)
}

/** Columns of rates from 0 to 1, one per point, on equal slots; a point without a rate shows its track only. */
export function columnsSvg(rates: (number | null)[], color: string): string {
  const SLOT = 100
  const H = 160
  const bar = 44
  const body = rates.map((rate, i) => {
    const x = i * SLOT + (SLOT - bar) / 2
    const h = rate === null ? 0 : clamp(rate) * H
    return rect(x, 0, bar, H, TRACK) + (h ? rect(x, H - h, bar, h, color) : '')
  })
  return svgUri(body.join(''), Math.max(1, rates.length) * SLOT, H)
}
