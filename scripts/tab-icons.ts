/**
 * Draws the tab bar icons (81x81 PNG, grey normal / Party-red selected) into src/assets/tabbar/.
 * WeChat's tabBar accepts only local image files, so the icons are generated once and committed:
 *   npx tsx scripts/tab-icons.ts
 * Each icon is a few strokes on a 24-unit grid (like common line-icon sets), rasterised with
 * anti-aliasing by 4x4 supersampling; the selected variant also fills its closed shapes lightly.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PNG } from 'pngjs'
import { encodePng } from './png-palette'

type Pt = readonly [number, number]
/** A polyline; closed ones can be filled. */
interface Path {
  points: Pt[]
  closed: boolean
}

const SIZE = 81
const GRID = 24
const PAD = 1.5 // grid units of margin around the 24-unit drawing
const STROKE = 1.9 // grid units
const SAMPLES = 4

const GREY: RGB = [0x8a, 0x8f, 0x99]
const RED: RGB = [0xc8, 0x16, 0x1d]
type RGB = readonly [number, number, number]

// ---- path building ---------------------------------------------------------------------------

class PathBuilder {
  private points: Pt[] = []
  private cursor: Pt = [0, 0]
  constructor(start: Pt) {
    this.points.push(start)
    this.cursor = start
  }
  line(to: Pt): this {
    this.points.push(to)
    this.cursor = to
    return this
  }
  /** Quadratic Bezier, flattened into short segments. */
  quad(control: Pt, to: Pt, steps = 16): this {
    const [x0, y0] = this.cursor
    for (let i = 1; i <= steps; i++) {
      const t = i / steps
      const a = (1 - t) * (1 - t)
      const b = 2 * (1 - t) * t
      const c = t * t
      this.points.push([a * x0 + b * control[0] + c * to[0], a * y0 + b * control[1] + c * to[1]])
    }
    this.cursor = to
    return this
  }
  open(): Path {
    return { points: this.points, closed: false }
  }
  close(): Path {
    return { points: this.points, closed: true }
  }
}

const from = (p: Pt): PathBuilder => new PathBuilder(p)

function circle(cx: number, cy: number, r: number): Path {
  const points: Pt[] = []
  for (let i = 0; i < 64; i++) {
    const a = (i / 64) * Math.PI * 2
    points.push([cx + r * Math.cos(a), cy + r * Math.sin(a)])
  }
  return { points, closed: true }
}

function roundRect(x0: number, y0: number, x1: number, y1: number, r: number): Path {
  return from([x0 + r, y0])
    .line([x1 - r, y0])
    .quad([x1, y0], [x1, y0 + r], 6)
    .line([x1, y1 - r])
    .quad([x1, y1], [x1 - r, y1], 6)
    .line([x0 + r, y1])
    .quad([x0, y1], [x0, y1 - r], 6)
    .line([x0, y0 + r])
    .quad([x0, y0], [x0 + r, y0], 6)
    .close()
}

// ---- the icons -------------------------------------------------------------------------------

/** The left page of an open book; `x` mirrors it into the right one (the book is symmetric about x = 12). */
function bookPage(x: (v: number) => number): Path {
  return from([x(2), 4.5])
    .line([x(8), 4.5])
    .quad([12, 4.5], [12, 8.5])
    .line([12, 20.5])
    .quad([12, 17.5], [x(9), 17.5])
    .line([x(2), 17.5])
    .close()
}

const ICONS: Record<string, Path[]> = {
  // 学习: an open book.
  study: [bookPage((x) => x), bookPage((x) => GRID - x)],
  // 汇报: a written page with a folded corner.
  report: [
    from([6, 2.5])
      .line([14, 2.5])
      .line([19.5, 8])
      .line([19.5, 19.5])
      .quad([19.5, 21.5], [17.5, 21.5])
      .line([6.5, 21.5])
      .quad([4.5, 21.5], [4.5, 19.5])
      .line([4.5, 4.5])
      .quad([4.5, 2.5], [6.5, 2.5])
      .close(),
    from([14, 2.5]).line([14, 8]).line([19.5, 8]).open(),
    from([8.5, 12.5]).line([15.5, 12.5]).open(),
    from([8.5, 16.5]).line([15.5, 16.5]).open(),
  ],
  // 签到: a calendar page with a tick.
  checkin: [
    roundRect(3, 4.5, 21, 21, 2.5),
    from([8, 2.5]).line([8, 6.5]).open(),
    from([16, 2.5]).line([16, 6.5]).open(),
    from([3, 9.5]).line([21, 9.5]).open(),
    from([8.5, 15]).line([11, 17.5]).line([15.5, 13]).open(),
  ],
  // 答题: a question mark in a circle.
  quiz: [
    circle(12, 12, 9.5),
    from([9.2, 9.3])
      .quad([9.4, 6.6], [12, 6.6])
      .quad([14.8, 6.6], [14.8, 9.2])
      .quad([14.8, 11], [12, 12.2])
      .line([12, 13.6])
      .open(),
    // The dot: a tiny circle whose stroke covers its inside.
    circle(12, 17.1, 0.45),
  ],
  // 我的: a person.
  me: [circle(12, 7.5, 4), from([4, 21]).quad([4, 13.5], [12, 13.5]).quad([20, 13.5], [20, 21]).close()],
}

// ---- rasterising -----------------------------------------------------------------------------

function distanceToSegment(px: number, py: number, a: Pt, b: Pt): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / len2))
  return Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy))
}

function distanceToPath(px: number, py: number, path: Path): number {
  const pts = path.points
  let best = Infinity
  const n = path.closed ? pts.length : pts.length - 1
  for (let i = 0; i < n; i++) {
    const a = pts[i]
    const b = pts[(i + 1) % pts.length]
    if (a && b) best = Math.min(best, distanceToSegment(px, py, a, b))
  }
  return best
}

function inside(px: number, py: number, path: Path): boolean {
  let hit = false
  const pts = path.points
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[i]
    const b = pts[j]
    if (!a || !b) continue
    if (a[1] > py !== b[1] > py && px < ((b[0] - a[0]) * (py - a[1])) / (b[1] - a[1]) + a[0]) hit = !hit
  }
  return hit
}

function render(paths: Path[], color: RGB, selected: boolean): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE })
  const scale = SIZE / (GRID + PAD * 2)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let stroke = 0
      let fill = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const gx = (x + (sx + 0.5) / SAMPLES) / scale - PAD
          const gy = (y + (sy + 0.5) / SAMPLES) / scale - PAD
          let onStroke = false
          let inFill = false
          for (const path of paths) {
            if (distanceToPath(gx, gy, path) <= STROKE / 2) onStroke = true
            if (selected && path.closed && inside(gx, gy, path)) inFill = true
          }
          if (onStroke) stroke++
          else if (inFill) fill++
        }
      }
      const total = SAMPLES * SAMPLES
      // The stroke over a light tint of the closed shapes (selected variant only).
      const alpha = stroke / total + (fill / total) * 0.16
      const i = (y * SIZE + x) * 4
      png.data[i] = color[0]
      png.data[i + 1] = color[1]
      png.data[i + 2] = color[2]
      png.data[i + 3] = Math.round(Math.min(1, alpha) * 255)
    }
  }
  return encodePng(png)
}

const outDir = resolve(__dirname, '..', 'src', 'assets', 'tabbar')
mkdirSync(outDir, { recursive: true })
for (const [name, paths] of Object.entries(ICONS)) {
  writeFileSync(join(outDir, `${name}.png`), render(paths, GREY, false))
  writeFileSync(join(outDir, `${name}-active.png`), render(paths, RED, true))
}
console.log(`tab icons written to ${outDir}: ${Object.keys(ICONS).join(', ')}`)
