/**
 * Writes the app's icons under src/components/Icon/: the shared `.zb-icon` rule (icons.scss) and, per icon of
 * ICON_NAMES, a module glyphs/<Name>.ts with its stylesheet glyphs/<Name>.scss carrying NutUI's own SVG (from
 * @nutui/icons-react-taro) in a CSS variable. NutUI's components put that SVG inline on every element, twice (mask
 * and -webkit-mask), so each icon cost ~2.2 KB of setData per use in the weapp; as a class it is written once in
 * a stylesheet and an icon costs its class name. One module per icon, re-exported by a side-effect-free index,
 * so each package carries only the icons it draws: the weapp's main package only those of the tabs.
 * Run after changing ICON_NAMES: npx tsx scripts/icons.ts
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ICON_NAMES } from '../src/components/Icon/names'

const ROOT = resolve(__dirname, '..')
const NUTUI = join(ROOT, 'node_modules', '@nutui', 'icons-react-taro')
export const ICON_DIR = join(ROOT, 'src', 'components', 'Icon')
const GLYPHS = join(ICON_DIR, 'glyphs')

/** NutUI's data URL of one icon (the `svg64` its component passes to its mask). */
export function nutuiSvg(name: string): string {
  const source = readFileSync(join(NUTUI, 'dist', 'es', 'icons', `${name}.js`), 'utf8')
  const match = /svg64: "(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+)"/.exec(source)
  if (!match) throw new Error(`@nutui/icons-react-taro: no svg64 in icons/${name}.js`)
  return match[1]
}

/** Numbers each command of SVG path data takes, per segment (arc flags are read one digit each). */
const PATH_ARGS: Record<string, number> = { m: 2, l: 2, t: 2, h: 1, v: 1, c: 6, s: 4, q: 4, a: 7, z: 0 }

/**
 * The radius of an arc whose chord was scaled by rounding its ends: scaled the same, so the arc keeps its shape, and
 * whole if that moves the arc's centre by at most half a unit. A near half circle (a round line cap) is not: its
 * centre moves a lot with a small change of radius, so it keeps two decimals.
 */
function arcRadius(radius: number, scale: number, chord: number): number {
  const exact = radius * scale
  const whole = Math.round(exact)
  const centre = (r: number): number => Math.sqrt(Math.max(0, r * r - ((chord * scale) / 2) ** 2))
  return Math.abs(centre(whole) - centre(exact)) <= 0.5 ? whole : Number(exact.toFixed(2))
}

/**
 * Path data with every coordinate on whole units of the icon's 1024 viewBox: NutUI's two decimals are a 50th of a
 * unit, invisible at an icon's size (a unit is 1/40 of a device pixel on a 24 px icon at 2x), and cost a third of the
 * bytes. Absolute positions are rounded, relative steps are taken between rounded positions, so errors never add up
 * along a path.
 */
export function roundPath(d: string): string {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? []
  let at = 0
  const cur = { x: 0, y: 0 } // exact current point
  const drawn = { x: 0, y: 0 } // the rounded current point the new path is at
  const start = { x: 0, y: 0 }
  let out = ''
  let command = ''
  const num = (): number => Number(tokens[at++])
  const flag = (): number => {
    const t = tokens[at]
    if (t.length > 1)
      tokens[at] = t.slice(1) // flags may be written together ("011")
    else at++
    return Number(t[0])
  }
  while (at < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[at])) command = tokens[at++]
    const lower = command.toLowerCase()
    const relative = command === lower
    const origin = { ...cur }
    const point = (x: number, y: number): [number, number] => {
      const ax = relative ? origin.x + x : x
      const ay = relative ? origin.y + y : y
      return [ax, ay]
    }
    const emit = (ax: number, ay: number): number[] => {
      const rx = Math.round(ax)
      const ry = Math.round(ay)
      return relative ? [rx - drawn.x, ry - drawn.y] : [rx, ry]
    }
    const numbers: number[] = []
    let end: [number, number] = [cur.x, cur.y]
    if (lower === 'z') {
      end = [start.x, start.y]
    } else if (lower === 'h' || lower === 'v') {
      const value = num()
      const horizontal = lower === 'h'
      end = horizontal ? [relative ? cur.x + value : value, cur.y] : [cur.x, relative ? cur.y + value : value]
      const [ex, ey] = emit(...end)
      numbers.push(horizontal ? ex : ey)
    } else if (lower === 'a') {
      const [rx, ry, rotation] = [num(), num(), num()]
      const [large, sweep] = [flag(), flag()]
      end = point(num(), num())
      const step = emit(...end)
      const chord = Math.hypot(end[0] - cur.x, end[1] - cur.y)
      const scale = chord > 0 ? Math.hypot(Math.round(end[0]) - drawn.x, Math.round(end[1]) - drawn.y) / chord : 1
      numbers.push(arcRadius(rx, scale, chord), arcRadius(ry, scale, chord), rotation, large, sweep, ...step)
    } else {
      const pairs = PATH_ARGS[lower] / 2
      for (let i = 0; i < pairs; i++) {
        end = point(num(), num())
        numbers.push(...emit(...end))
      }
    }
    out += `${command}${numbers.map((n, i) => (i > 0 && n >= 0 ? ` ${n}` : `${n}`)).join('')}`
    cur.x = end[0]
    cur.y = end[1]
    drawn.x = Math.round(end[0])
    drawn.y = Math.round(end[1])
    if (lower === 'm') {
      start.x = cur.x
      start.y = cur.y
      command = relative ? 'l' : 'L' // a moveto's further pairs are linetos
    }
  }
  return out
}

/**
 * The same SVG as a percent-encoded data URL, a quarter smaller than base64 (for use in double quotes), with its
 * paths rounded (roundPath) and without their fill colours: a mask uses only where the icon is drawn, every fill
 * here is opaque, and an unfilled path is drawn opaque black.
 */
export function svgDataUrl(base64Url: string): string {
  const svg = Buffer.from(base64Url.slice(base64Url.indexOf(',') + 1), 'base64').toString('utf8')
  const body = svg
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ fill="[^"]*"/g, '')
    .replace(/ d="([^"]*)"/g, (_, d: string) => ` d="${roundPath(d)}"`)
    .replace(/"/g, "'")
    .replace(/[^ -~]|[<>#%{}"\\]/g, (c) => encodeURIComponent(c))
  return `data:image/svg+xml,${body}`
}

function header(): string {
  const version = (JSON.parse(readFileSync(join(NUTUI, 'package.json'), 'utf8')) as { version: string }).version
  return `// Generated by scripts/icons.ts from @nutui/icons-react-taro ${version}: do not edit.`
}

/** Every generated file, path relative to src/components/Icon → content. */
export function iconFiles(): Map<string, string> {
  const files = new Map<string, string>()
  files.set(
    'icons.scss',
    [
      header(),
      "// Same look as NutUI's SVG icons (a mask over currentColor); each icon's SVG is in glyphs/<Name>.scss.",
      '.zb-icon {',
      '  background-color: currentColor;',
      '  mask: var(--zb-icon) 0 0/100% 100% no-repeat;',
      '  -webkit-mask: var(--zb-icon) 0 0/100% 100% no-repeat;',
      '}',
      '',
    ].join('\n'),
  )
  for (const name of ICON_NAMES) {
    files.set(
      `glyphs/${name}.scss`,
      `${header()}\n.zb-icon-${name} {\n  --zb-icon: url("${svgDataUrl(nutuiSvg(name))}");\n}\n`,
    )
    files.set(
      `glyphs/${name}.ts`,
      `${header().replace('//', '/*')} */\nimport { named } from '../Icon'\nimport './${name}.scss'\n\nexport const ${name} = named('${name}')\n`,
    )
  }
  files.set(
    'index.ts',
    [
      header(),
      '// Side-effect free (config/index.ts): an importer gets only the icons it names, with their stylesheets.',
      "export { Icon, type IconProps } from './Icon'",
      ...ICON_NAMES.map((name) => `export { ${name} } from './glyphs/${name}'`),
      '',
    ].join('\n'),
  )
  return files
}

/** All the icons' CSS in one sheet (the base rule, then each icon), as the test page loads it. */
export function iconsCss(): string {
  return [...iconFiles()]
    .filter(([path]) => path.endsWith('.scss'))
    .map(([, text]) => text.replace(/^\/\/.*$/gm, ''))
    .join('\n')
}

if (require.main === module) {
  rmSync(GLYPHS, { recursive: true, force: true })
  mkdirSync(GLYPHS, { recursive: true })
  for (const [path, text] of iconFiles()) writeFileSync(join(ICON_DIR, path), text)
  console.log(`wrote ${ICON_DIR} (${ICON_NAMES.length} icons, ${readdirSync(GLYPHS).length} files in glyphs/)`)
}
