import { deflateSync } from 'node:zlib'
import { mulberry32 } from './random'

/**
 * Cover pictures for the seeded study articles: abstract compositions (bands, rays, rings, stars) in a
 * restrained Party-red / gold / ink palette, one motif per column, varied by a seed. No text, no borrowed
 * imagery. Flat shapes with anti-aliased edges over a vertical gradient compress well: 690×388 (16:9) PNGs
 * of a few KB to a few tens of KB, a few milliseconds each.
 */
export const COVER_WIDTH = 690
export const COVER_HEIGHT = 388

type Rgb = readonly [number, number, number]

const RED_DEEP: Rgb = [118, 12, 18]
const RED: Rgb = [166, 20, 28]
const RED_BRIGHT: Rgb = [200, 22, 29]
const GOLD: Rgb = [214, 172, 92]
const GOLD_LIGHT: Rgb = [238, 208, 146]
const CREAM: Rgb = [248, 242, 230]
const INK: Rgb = [44, 36, 38]

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v)
const dist = (dx: number, dy: number): number => Math.sqrt(dx * dx + dy * dy)

class Canvas {
  /** RGB, row by row. */
  readonly data = Buffer.alloc(COVER_WIDTH * COVER_HEIGHT * 3)

  /** A top-to-bottom gradient. */
  gradient(top: Rgb, bottom: Rgb): void {
    const d = this.data
    for (let y = 0; y < COVER_HEIGHT; y++) {
      const t = y / (COVER_HEIGHT - 1)
      const rgb = [
        top[0] + (bottom[0] - top[0]) * t,
        top[1] + (bottom[1] - top[1]) * t,
        top[2] + (bottom[2] - top[2]) * t,
      ].map(Math.round)
      d.fill(Buffer.from(rgb), y * COVER_WIDTH * 3, (y + 1) * COVER_WIDTH * 3)
    }
  }

  private blend(o: number, rgb: Rgb, alpha: number): void {
    const d = this.data
    if (alpha >= 1) {
      d[o] = rgb[0]
      d[o + 1] = rgb[1]
      d[o + 2] = rgb[2]
      return
    }
    // Alpha in steps of 1/16: fewer distinct colours, smaller files, no visible difference.
    const a = Math.round(alpha * 16) / 16
    if (a <= 0) return
    d[o] = d[o] + (rgb[0] - d[o]) * a + 0.5
    d[o + 1] = d[o + 1] + (rgb[1] - d[o + 1]) * a + 0.5
    d[o + 2] = d[o + 2] + (rgb[2] - d[o + 2]) * a + 0.5
  }

  /**
   * Fills by a signed distance (negative inside, in pixels), edges anti-aliased. `span` narrows each row
   * to the pixels that can be touched (or skips it), and `inner` gives the part of a row that is surely
   * inside, filled without evaluating the distance, so big shapes stay cheap.
   */
  shape(
    box: [number, number, number, number],
    sdf: (x: number, y: number) => number,
    rgb: Rgb,
    opacity = 1,
    span?: (y: number) => [number, number] | null,
    inner?: (y: number) => [number, number] | null,
  ): void {
    const y0 = Math.max(0, Math.floor(box[1]))
    const y1 = Math.min(COVER_HEIGHT - 1, Math.ceil(box[3]))
    for (let y = y0; y <= y1; y++) {
      const range = span ? span(y + 0.5) : null
      if (span && !range) continue
      const x0 = Math.max(0, Math.floor(range ? Math.max(range[0], box[0]) : box[0]))
      const x1 = Math.min(COVER_WIDTH - 1, Math.ceil(range ? Math.min(range[1], box[2]) : box[2]))
      const solid = inner ? inner(y + 0.5) : null
      // Pixels whose whole square lies in the solid part.
      const s0 = solid ? Math.max(x0, Math.ceil(solid[0])) : x1 + 1
      const s1 = solid ? Math.min(x1, Math.floor(solid[1]) - 1) : x1
      for (let x = x0, o = (y * COVER_WIDTH + x0) * 3; x <= x1; x++, o += 3) {
        if (x >= s0 && x <= s1) this.blend(o, rgb, opacity)
        else this.blend(o, rgb, clamp01(0.5 - sdf(x + 0.5, y + 0.5)) * opacity)
      }
    }
  }

  circle(cx: number, cy: number, r: number, rgb: Rgb, opacity = 1): void {
    this.shape(
      [cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1],
      (x, y) => dist(x - cx, y - cy) - r,
      rgb,
      opacity,
      (y) => chord(cx, cy, r + 1, y),
      (y) => (r > 3 ? chord(cx, cy, r - 3, y) : null),
    )
  }

  ring(cx: number, cy: number, r: number, width: number, rgb: Rgb, opacity = 1): void {
    const o = r + width / 2 + 1
    const inner = r - width / 2 - 1
    // Rows are scanned in two halves around the hole, so only the ring itself is visited.
    const sdf = (x: number, y: number): number => Math.abs(dist(x - cx, y - cy) - r) - width / 2
    const outer = (y: number) => chord(cx, cy, o, y)
    const hole = (y: number) => (inner > 0 ? chord(cx, cy, inner, y) : null)
    const halves = (y: number): [[number, number] | null, [number, number] | null] => {
      const out = outer(y)
      const h = hole(y)
      if (!out) return [null, null]
      if (!h || h[0] + 1 >= h[1] - 2) return [out, null]
      return [
        [out[0], h[0] + 1],
        [h[1] - 2, out[1]],
      ]
    }
    this.shape([cx - o, cy - o, cx + o, cy + o], sdf, rgb, opacity, (y) => halves(y)[0])
    this.shape([cx - o, cy - o, cx + o, cy + o], sdf, rgb, opacity, (y) => halves(y)[1])
  }

  /** A straight band across the picture: points within `width/2` of the line through (px, py) at `angle`. */
  band(px: number, py: number, angle: number, width: number, rgb: Rgb, opacity = 1): void {
    const nx = -Math.sin(angle)
    const ny = Math.cos(angle)
    const reach = width / 2 + 1
    const span = (y: number): [number, number] | null => {
      if (Math.abs(nx) < 1e-6) return Math.abs((y - py) * ny) <= reach ? [0, COVER_WIDTH] : null
      const a = px + (-reach - (y - py) * ny) / nx
      const b = px + (reach - (y - py) * ny) / nx
      return [Math.min(a, b), Math.max(a, b)]
    }
    const core = width / 2 - 2
    const inner = (y: number): [number, number] | null => {
      if (core <= 0 || Math.abs(nx) < 1e-6) return null
      const a = px + (-core - (y - py) * ny) / nx
      const b = px + (core - (y - py) * ny) / nx
      return [Math.min(a, b), Math.max(a, b)]
    }
    this.shape(
      [0, 0, COVER_WIDTH, COVER_HEIGHT],
      (x, y) => Math.abs((x - px) * nx + (y - py) * ny) - width / 2,
      rgb,
      opacity,
      span,
      inner,
    )
  }

  rect(x0: number, y0: number, x1: number, y1: number, rgb: Rgb, opacity = 1): void {
    const cx = (x0 + x1) / 2
    const cy = (y0 + y1) / 2
    const hw = (x1 - x0) / 2
    const hh = (y1 - y0) / 2
    this.shape(
      [x0 - 1, y0 - 1, x1 + 1, y1 + 1],
      (x, y) => Math.max(Math.abs(x - cx) - hw, Math.abs(y - cy) - hh),
      rgb,
      opacity,
    )
  }

  /** A five-pointed star, one point up (rotated by `turn` radians). */
  star(cx: number, cy: number, r: number, rgb: Rgb, opacity = 1, turn = 0): void {
    const points: [number, number][] = []
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + turn + (i * Math.PI) / 5
      const rr = i % 2 === 0 ? r : r * 0.382
      points.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)])
    }
    this.shape(
      [cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1],
      (x, y) => polygonSdf(points, x, y),
      rgb,
      opacity,
      (y) => chord(cx, cy, r + 1, y),
    )
  }

  /**
   * Rays fanning upwards from (cx, cy) below the picture: alternate wedges of `rgb`, filled row by row
   * between the wedge edges (faint enough that the edges need no smoothing).
   */
  rays(cx: number, cy: number, count: number, rgb: Rgb, opacity: number, phase = 0): void {
    const step = (2 * Math.PI) / count
    const wedges: [number, number][] = []
    for (let k = 0; k < count; k++) {
      let a0 = (phase + k * step) % (2 * Math.PI)
      if (a0 < 0) a0 += 2 * Math.PI
      a0 -= 2 * Math.PI // [-2π, 0): upwards is (-π, 0)
      const lo = Math.max(a0, -Math.PI + 1e-3)
      const hi = Math.min(a0 + step / 2, -1e-3)
      if (lo < hi) wedges.push([Math.cos(lo) / Math.sin(lo), Math.cos(hi) / Math.sin(hi)])
    }
    for (let y = 0; y < Math.min(COVER_HEIGHT, cy); y++) {
      const dy = y + 0.5 - cy
      for (const [c0, c1] of wedges) {
        const xa = cx + dy * c0
        const xb = cx + dy * c1
        const x0 = Math.max(0, Math.round(Math.min(xa, xb)))
        const x1 = Math.min(COVER_WIDTH, Math.round(Math.max(xa, xb)))
        for (let x = x0, o = (y * COVER_WIDTH + x0) * 3; x < x1; x++, o += 3) this.blend(o, rgb, opacity)
      }
    }
  }

  mirror(): void {
    const d = this.data
    for (let y = 0; y < COVER_HEIGHT; y++) {
      const row = y * COVER_WIDTH * 3
      for (let x = 0; x < COVER_WIDTH / 2; x++) {
        const a = row + x * 3
        const b = row + (COVER_WIDTH - 1 - x) * 3
        for (let k = 0; k < 3; k++) {
          const t = d[a + k]
          d[a + k] = d[b + k]
          d[b + k] = t
        }
      }
    }
  }

  /**
   * PNG (truecolour, 8 bit). Rows are left unfiltered except one equal to the row above ("Up": all zeros);
   * deflate finds the flat runs by itself, and this keeps encoding to native copies.
   */
  encode(): Buffer {
    const stride = COVER_WIDTH * 3
    const d = this.data
    const raw = Buffer.alloc((stride + 1) * COVER_HEIGHT)
    for (let y = 0; y < COVER_HEIGHT; y++) {
      const row = y * stride
      const out = y * (stride + 1)
      if (y > 0 && d.compare(d, row - stride, row, row, row + stride) === 0) raw[out] = 2
      else d.copy(raw, out + 1, row, row + stride)
    }
    const header = Buffer.alloc(13)
    header.writeUInt32BE(COVER_WIDTH, 0)
    header.writeUInt32BE(COVER_HEIGHT, 4)
    header[8] = 8 // bit depth
    header[9] = 2 // truecolour
    return Buffer.concat([
      PNG_SIGNATURE,
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw, { level: 6 })),
      chunk('IEND', Buffer.alloc(0)),
    ])
  }
}

/** The x range of a circle's row at height y (with a pixel to spare), or null if the row misses it. */
function chord(cx: number, cy: number, r: number, y: number): [number, number] | null {
  const dy = y - cy
  if (Math.abs(dy) > r) return null
  const half = Math.sqrt(r * r - dy * dy)
  return [cx - half - 1, cx + half + 1]
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length)
  out.writeUInt32BE(body.length, 0)
  out.write(type, 4, 'ascii')
  body.copy(out, 8)
  let crc = 0xffffffff
  for (let i = 4; i < 8 + body.length; i++) crc = CRC_TABLE[(crc ^ out[i]) & 0xff] ^ (crc >>> 8)
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + body.length)
  return out
}

function polygonSdf(points: [number, number][], x: number, y: number): number {
  let best = Infinity
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [ax, ay] = points[j]
    const [bx, by] = points[i]
    const ex = bx - ax
    const ey = by - ay
    const t = clamp01(((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey))
    best = Math.min(best, dist(x - ax - ex * t, y - ay - ey * t))
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside
  }
  return inside ? -best : best
}

const W = COVER_WIDTH
const H = COVER_HEIGHT

/** 理论学习: rings spreading from the right, like ripples of an idea; a gold star at their centre. */
function theory(c: Canvas, rnd: () => number): void {
  c.gradient(RED, RED_DEEP)
  const cx = W * (0.6 + rnd() * 0.2)
  const cy = H * (0.4 + rnd() * 0.2)
  for (let i = 1; i <= 7; i++) c.ring(cx, cy, 34 * i + 10, i === 3 ? 3 : 1.5, GOLD, 0.5 - i * 0.05)
  c.circle(cx, cy, 56, RED_BRIGHT)
  c.ring(cx, cy, 56, 2, GOLD_LIGHT, 0.9)
  c.star(cx, cy, 36, GOLD_LIGHT)
  c.rect(48, H - 64, 48 + 120, H - 60, GOLD, 0.8)
  c.rect(48, H - 52, 48 + 64, H - 49, GOLD, 0.45)
}

/** 党史回顾: a red banner sweeping across a dark field, edged in gold, a large star above it. */
function history(c: Canvas, rnd: () => number): void {
  c.gradient(INK, RED_DEEP)
  const angle = -0.2 - rnd() * 0.25
  const py = H * (0.58 + rnd() * 0.14)
  c.band(W / 2, py, angle, 150, RED)
  c.band(W / 2, py - 34, angle, 44, RED_BRIGHT, 0.85)
  c.band(W / 2, py - 78, angle, 4, GOLD, 0.9)
  c.band(W / 2, py + 78, angle, 2, GOLD, 0.6)
  const sx = W * (0.14 + rnd() * 0.2)
  const sy = H * (0.24 + rnd() * 0.08)
  c.ring(sx, sy, 70, 1.5, GOLD, 0.45)
  c.star(sx, sy, 50, GOLD)
}

/** 时事热点: a warm sun over a light field, parallel red stripes rising to the right. */
function current(c: Canvas, rnd: () => number): void {
  c.gradient(CREAM, [240, 228, 208])
  const base = W * (0.58 + rnd() * 0.1)
  const widths = [30, 20, 12, 6]
  for (let i = 0; i < widths.length; i++)
    c.band(base + i * 58, H * 0.5, -1.0, widths[i], i === 0 ? RED_BRIGHT : RED, 1 - i * 0.2)
  const sx = W * (0.2 + rnd() * 0.12)
  const sy = H * (0.36 + rnd() * 0.14)
  c.circle(sx, sy, 78, GOLD, 0.9)
  c.circle(sx, sy, 50, GOLD_LIGHT, 0.8)
  c.rect(0, H - 26, W, H, RED)
  c.rect(0, H - 30, W, H - 26, GOLD, 0.9)
}

/** 支部动态: overlapping circles, many people gathered, around a small star. */
function branch(c: Canvas, rnd: () => number): void {
  c.gradient(RED_BRIGHT, RED)
  const cx = W * (0.5 + (rnd() - 0.5) * 0.24)
  const cy = H * (0.44 + rnd() * 0.12)
  const spots = 6 + Math.floor(rnd() * 3)
  for (let i = 0; i < spots; i++) {
    const a = (i / spots) * 2 * Math.PI + rnd() * 0.3
    const d = 92 + rnd() * 30
    c.circle(cx + Math.cos(a) * d * 1.5, cy + Math.sin(a) * d * 0.8, 54 + rnd() * 26, i % 2 === 0 ? GOLD : CREAM, 0.16)
  }
  c.circle(cx, cy, 70, RED_DEEP, 0.55)
  c.ring(cx, cy, 70, 3, GOLD_LIGHT, 0.9)
  c.star(cx, cy, 40, GOLD_LIGHT)
}

/** 党员风采: rays from a rising sun at the foot of the picture, a star above it. */
function models(c: Canvas, rnd: () => number): void {
  c.gradient(RED_BRIGHT, RED_DEEP)
  const cx = W * (0.5 + (rnd() - 0.5) * 0.4)
  const cy = H + 30
  c.rays(cx, cy, 36, GOLD, 0.14, rnd())
  c.circle(cx, cy, 150, GOLD, 0.25)
  c.circle(cx, cy, 118, GOLD, 0.9)
  c.ring(cx, cy, 132, 2, GOLD_LIGHT, 0.8)
  c.star(cx, H * 0.26, 30, GOLD_LIGHT)
}

/** 党校工作: steps rising towards a star, on a dark field (learning step by step). */
function school(c: Canvas, rnd: () => number): void {
  c.gradient([58, 46, 48], INK)
  const steps = 5
  const stepW = 76
  const left = W * (0.16 + rnd() * 0.18)
  for (let i = 0; i < steps; i++) {
    const x = left + i * stepW
    const top = H - 60 - i * 44
    c.rect(x, top, x + stepW - 6, H, i === steps - 1 ? RED_BRIGHT : RED, 0.55 + i * 0.1)
    c.rect(x, top, x + stepW - 6, top + 4, GOLD, 0.9)
  }
  c.star(left + steps * stepW - 38, H - 60 - steps * 44 - 14, 30, GOLD)
  c.ring(W * 0.12, H * 0.2, 40, 2, GOLD, 0.35)
  c.ring(W * 0.12, H * 0.2, 58, 1, GOLD, 0.25)
}

/** 通知公告: light paper, a red corner band with gold rules, a seal-like ring around a star. */
function notice(c: Canvas, rnd: () => number): void {
  c.gradient([252, 248, 240], CREAM)
  c.band(0, H * (0.34 + rnd() * 0.06), -0.42, 170, RED_BRIGHT)
  c.band(0, H * (0.34 + rnd() * 0.02) + 120, -0.42, 6, GOLD, 0.9)
  c.rect(W * 0.52, H * 0.58, W * 0.88, H * 0.58 + 3, GOLD, 0.9)
  c.rect(W * 0.52, H * 0.58 + 12, W * 0.78, H * 0.58 + 14, GOLD, 0.6)
  const sx = W * 0.75
  const sy = H * 0.34
  c.ring(sx, sy, 62, 5, RED_BRIGHT, 0.85)
  c.ring(sx, sy, 52, 1.5, RED_BRIGHT, 0.6)
  c.star(sx, sy, 32, RED_BRIGHT, 0.9)
}

const MOTIFS: Record<string, (c: Canvas, rnd: () => number) => void> = {
  'col-theory': theory,
  'col-history': history,
  'col-current': current,
  'col-branch': branch,
  'col-models': models,
  'col-school': school,
  'col-notice': notice,
}

/** A cover for an article of `columnId`; `variant` shifts and mirrors the composition. */
export function coverPicture(columnId: string, variant: number): Buffer {
  const canvas = new Canvas()
  const rnd = mulberry32(variant * 7919 + [...columnId].reduce((n, ch) => n * 31 + ch.charCodeAt(0), 0))
  ;(MOTIFS[columnId] ?? theory)(canvas, rnd)
  if (variant % 2 === 1) canvas.mirror()
  return canvas.encode()
}
