/**
 * A picture of what the weapp renderer rendered: the page's document (exparser's builtins as <wx-view>, <wx-text>…)
 * with the build's own stylesheets (app, the page's, their @imports), rpx turned into px for a 390 px wide phone,
 * shown in Chromium. It checks that templates, classes and stylesheets fit together; it is not WeChat's pixels.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { walk, type WeappPage } from './weapp'

const WIDTH = 390

/** A stylesheet with its @imports inlined (each file once). */
function inlined(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return ''
  seen.add(file)
  return readFileSync(file, 'utf8').replace(/@import\s+["']([^"']+)["'];?/g, (_, path: string) =>
    inlined(resolve(dirname(file), path), seen),
  )
}

/** WXSS as CSS for the snapshot: rpx in px, builtin tag selectors as the renderer's element names. */
function asCss(wxss: string): string {
  return wxss
    .replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => `${((Number(n) * WIDTH) / 750).toFixed(2)}px`)
    .replace(/(^|[\s,>+~}])(page|view|text|image|input|textarea|button|picker|switch)(?=[\s,.:>+~{[])/g, '$1wx-$2')
}

const BASE_CSS = `
body { margin: 0; width: ${WIDTH}px; font-family: sans-serif; font-size: 16px; background: #f5f6f8; }
wx-view, wx-picker, wx-scroll-view, wx-input, wx-textarea { display: block; }
wx-text { display: inline; }
comp { display: contents; } /* Taro's recursive component is a virtualHost in WeChat: no box of its own */
wx-image { display: inline-block; width: 320px; height: 240px; background: #e9ebef; }
wx-image[src] { background: var(--src) 0 0 / 100% 100% no-repeat; } /* mode scaleToFill, the default */
wx-input:empty::before, wx-textarea:empty::before { content: attr(placeholder); color: #b6bac2; }
`

/** Writes a PNG of the rendered page to `path`. */
export async function snapshot(browser: Browser, page: WeappPage, path: string): Promise<void> {
  const root = page.app.root
  const css = [inlined(join(root, 'app.wxss')), inlined(join(root, `${page.route}.wxss`))].map(asCss).join('\n')
  // An image's src is a property, not an attribute: copy it over so the picture can draw it.
  walk(page.view.root, (node) => {
    const src = (node as { __propData?: { src?: unknown } }).__propData?.src
    if (node.$$?.tagName === 'WX-IMAGE' && typeof src === 'string' && src) node.$$.setAttribute('src', src)
  })
  const html = (page.view.root as unknown as { $$: Element }).$$.outerHTML
  const tab = await browser.newPage({ viewport: { width: WIDTH, height: 844 }, deviceScaleFactor: 2 })
  try {
    await tab.setContent(`<html><head><style>${BASE_CSS}\n${css}</style></head><body>${html}</body></html>`)
    // An image draws its src (a data URI chart, say) as the element's background.
    await tab.evaluate(() => {
      for (const image of document.querySelectorAll<HTMLElement>('wx-image[src]'))
        image.style.setProperty('--src', `url("${image.getAttribute('src')}")`)
    })
    await tab.screenshot({ path, fullPage: true })
  } finally {
    await tab.close()
  }
}
