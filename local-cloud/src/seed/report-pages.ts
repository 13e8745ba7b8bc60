import { PNG } from 'pngjs'
import { mulberry32 } from './random'

/**
 * Photos of handwritten report pages for the demo data: ruled letter paper with lines of pen strokes
 * shaped like handwriting (not readable text), drawn deterministically from a seed. Real PNG files, small
 * enough to seed quickly (~540×720).
 */
const WIDTH = 540
const HEIGHT = 720
const PAPER = [251, 247, 236]
const RULE = [201, 214, 232]
const MARGIN = [232, 160, 160]
const INK = [31, 42, 68]
const LINE_GAP = 40
const FIRST_LINE = 120
const LEFT = 72
const RIGHT = WIDTH - 36
const CELL = 27

class Canvas {
  readonly png = new PNG({ width: WIDTH, height: HEIGHT })

  fill(rgb: number[]): void {
    for (let i = 0; i < WIDTH * HEIGHT; i++) this.set(i, rgb)
  }

  private set(i: number, rgb: number[]): void {
    const o = i * 4
    this.png.data[o] = rgb[0]
    this.png.data[o + 1] = rgb[1]
    this.png.data[o + 2] = rgb[2]
    this.png.data[o + 3] = 255
  }

  dot(x: number, y: number, rgb: number[], size = 2): void {
    for (let dy = 0; dy < size; dy++) {
      for (let dx = 0; dx < size; dx++) {
        const px = Math.round(x) + dx
        const py = Math.round(y) + dy
        if (px >= 0 && py >= 0 && px < WIDTH && py < HEIGHT) this.set(py * WIDTH + px, rgb)
      }
    }
  }

  line(x0: number, y0: number, x1: number, y1: number, rgb: number[], size = 2): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)))
    for (let s = 0; s <= steps; s++) this.dot(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, rgb, size)
  }

  hline(y: number, rgb: number[]): void {
    for (let x = 24; x < WIDTH - 24; x++) this.dot(x, y, rgb, 1)
  }

  vline(x: number, rgb: number[]): void {
    for (let y = 24; y < HEIGHT - 24; y++) this.dot(x, y, rgb, 1)
  }
}

/** One glyph-like cluster of 3–6 short strokes inside a cell whose top-left is (x, y). */
function glyph(canvas: Canvas, rnd: () => number, x: number, y: number, size: number, pen: number): void {
  const strokes = 3 + Math.floor(rnd() * 4)
  const pad = size * 0.12
  const span = size - 2 * pad
  for (let s = 0; s < strokes; s++) {
    const kind = rnd()
    const ax = x + pad + rnd() * span
    const ay = y + pad + rnd() * span
    if (kind < 0.4)
      canvas.line(
        x + pad + rnd() * span * 0.3,
        ay,
        x + size - pad - rnd() * span * 0.3,
        ay + (rnd() - 0.5) * 3,
        INK,
        pen,
      )
    // 横
    else if (kind < 0.75)
      canvas.line(
        ax,
        y + pad + rnd() * span * 0.3,
        ax + (rnd() - 0.5) * 3,
        y + size - pad - rnd() * span * 0.2,
        INK,
        pen,
      )
    // 竖
    else canvas.line(ax, ay, ax + (rnd() - 0.5) * span * 0.9, ay + rnd() * span * 0.6, INK, pen) // 撇捺
  }
}

/** A page: a title on page 1, paragraphs of "handwriting", a signature on the last page, a page number. */
export function handwrittenPage(seed: number, page: number, pages: number): Buffer {
  const rnd = mulberry32(seed * 31 + page)
  const canvas = new Canvas()
  canvas.fill(PAPER)
  for (let y = FIRST_LINE; y < HEIGHT - 40; y += LINE_GAP) canvas.hline(y, RULE)
  canvas.vline(LEFT - 12, MARGIN)

  let line = 0
  const baseline = (n: number): number => FIRST_LINE + n * LINE_GAP - CELL - 4
  if (page === 1) {
    const titleChars = 6 + Math.floor(rnd() * 3)
    const start = (WIDTH - titleChars * 34) / 2
    for (let c = 0; c < titleChars; c++) glyph(canvas, rnd, start + c * 34, FIRST_LINE - 70, 32, 3)
  }
  const lines = Math.floor((HEIGHT - 40 - FIRST_LINE) / LINE_GAP) + 1
  const perLine = Math.floor((RIGHT - LEFT) / CELL)
  const last = page === pages ? lines - 3 : lines
  while (line < last) {
    // A paragraph: indented two characters, 2–5 lines, the last one short.
    const length = 2 + Math.floor(rnd() * 4)
    for (let l = 0; l < length && line < last; l++, line++) {
      const first = l === 0 ? 2 : 0
      const count = l === length - 1 ? 3 + Math.floor(rnd() * (perLine - 5)) : perLine
      for (let c = first; c < count; c++)
        glyph(canvas, rnd, LEFT + c * CELL + (rnd() - 0.5) * 2, baseline(line) + (rnd() - 0.5) * 3, CELL - 3, 2)
    }
  }
  if (page === pages) {
    for (let c = 0; c < 5; c++) glyph(canvas, rnd, RIGHT - 6 * CELL + c * CELL, baseline(lines - 2), CELL - 3, 2)
    for (let c = 0; c < 7; c++) glyph(canvas, rnd, RIGHT - 8 * CELL + c * CELL, baseline(lines - 1), CELL - 5, 2)
  }
  // Page number at the foot: a short dash, a digit-like stroke, a dash.
  const cx = WIDTH / 2
  canvas.line(cx - 40, HEIGHT - 26, cx - 18, HEIGHT - 26, INK, 1)
  canvas.line(cx, HEIGHT - 34, cx, HEIGHT - 18, INK, 2)
  canvas.line(cx + 18, HEIGHT - 26, cx + 40, HEIGHT - 26, INK, 1)
  return PNG.sync.write(canvas.png, { colorType: 2 })
}
