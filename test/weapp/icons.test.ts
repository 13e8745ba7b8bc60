/**
 * The app's icons (src/components/Icon): the stylesheets are what scripts/icons.ts makes from the installed NutUI, and
 * every icon drawn from its class looks like NutUI's inline-SVG icon: its outline, on whole units of the 1024 viewBox,
 * lies within one unit of NutUI's (in Chromium at 1024 px), so at an icon's size they differ only in anti-aliasing.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { PNG } from 'pngjs'
import { ICON_DIR, iconFiles, iconsCss, nutuiSvg, svgDataUrl } from '../../scripts/icons'
import { ICON_NAMES } from '../../src/components/Icon/names'
import { ROOT } from '../helpers/cloud'
import { hasChromium, launchBrowser } from '../e2e/helpers/browser'

describe('icons', () => {
  it('the icon files are generated from the installed @nutui/icons-react-taro (npx tsx scripts/icons.ts)', () => {
    for (const [path, text] of iconFiles()) expect(readFileSync(join(ICON_DIR, path), 'utf8'), path).toBe(text)
  })

  describe.skipIf(!hasChromium)('in Chromium', () => {
    let browser: Browser
    beforeAll(async () => {
      browser = await launchBrowser()
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('each icon from its class draws NutUI’s shape', async () => {
      const nutuiCss = readFileSync(
        join(ROOT, 'node_modules', '@nutui', 'icons-react-taro', 'dist', 'style_icon.css'),
        'utf8',
      )
      const ours = iconsCss()
      const cell = 'width:24px;height:24px;color:#C8161D'
      const rows = ICON_NAMES.map((name) => {
        const mask = `url('${nutuiSvg(name)}') 0 0/100% 100% no-repeat`
        return (
          `<div><i id="nutui-${name}" class="nut-icon nut-icon-${name}" style="${cell};background-color:currentColor;mask:${mask};-webkit-mask:${mask}"></i>` +
          `<div id="ours-${name}" class="nut-icon nut-icon-${name} zb-icon zb-icon-${name}" style="${cell}"></div></div>`
        )
      })
      const page = await browser.newPage({ deviceScaleFactor: 2 })
      // Controls: an unmasked square and an empty box, so a mask that draws nothing (or everything) cannot pass.
      const controls = `<div><i id="square" class="nut-icon" style="${cell};background-color:currentColor"></i><i id="empty" class="nut-icon" style="${cell}"></i></div>`
      await page.setContent(
        `<html><head><style>${nutuiCss}\n${ours}</style></head><body>${rows.join('')}${controls}</body></html>`,
      )
      const square = await page.locator('#square').screenshot()
      const empty = await page.locator('#empty').screenshot()
      // Loading spins (nut-icon-Loading): compare every icon at rest.
      const still = { animations: 'disabled' } as const
      for (const name of ICON_NAMES) {
        const icon = await page.locator(`#ours-${name}`).screenshot(still)
        expect(icon.equals(square) || icon.equals(empty), `${name} draws a shape`).toBe(false)
        // At icon size only edge pixels may differ (anti-aliasing of outlines a fraction of a pixel apart).
        const nutui = PNG.sync.read(await page.locator(`#nutui-${name}`).screenshot(still))
        expect(maxDifference(nutui, PNG.sync.read(icon)), name).toBeLessThan(96)
      }
      await page.close()
    })

    it('each icon’s outline lies within one unit of NutUI’s (both drawn 1024 px wide)', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } })
      const draw = async (url: string): Promise<PNG> => {
        await page.setContent(`<body style="margin:0"><img src="${url}" style="width:1024px;height:1024px"></body>`)
        return PNG.sync.read(await page.locator('img').screenshot())
      }
      for (const name of ICON_NAMES) {
        const nutui = await draw(nutuiSvg(name))
        const ours = await draw(svgDataUrl(nutuiSvg(name)))
        expect(pixelsFurtherThanOne(nutui, ours), name).toBe(0)
      }
      await page.close()
    })
  })
})

/** Opacity of the drawn shape at (x, y): dark on white, 0..255. */
function ink(png: PNG, x: number, y: number): number {
  return 255 - png.data[(y * png.width + x) * 4]
}

function maxDifference(a: PNG, b: PNG): number {
  let max = 0
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i] - b.data[i]))
  return max
}

/** Pixels of `b` that are inked (or blank) where neither `a`'s pixel nor any neighbour of it is: a shape moved > 1 px. */
function pixelsFurtherThanOne(a: PNG, b: PNG): number {
  let far = 0
  for (let y = 1; y < a.height - 1; y++)
    for (let x = 1; x < a.width - 1; x++) {
      const value = ink(b, x, y)
      let near = false
      for (let dy = -1; dy <= 1 && !near; dy++)
        for (let dx = -1; dx <= 1 && !near; dx++) near = Math.abs(ink(a, x + dx, y + dy) - value) <= 128
      if (!near) far++
    }
  return far
}
