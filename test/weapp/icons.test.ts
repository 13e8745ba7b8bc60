/**
 * The app's icons (src/components/Icon): the stylesheets are what scripts/icons.ts makes from the installed NutUI, and
 * every icon drawn from its class looks exactly like NutUI's inline-SVG icon (same pixels in Chromium).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { ICON_DIR, iconFiles, iconsCss, nutuiSvg } from '../../scripts/icons'
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

    it('each icon from its class has the same pixels as NutUI’s inline SVG', async () => {
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
        const nutui = await page.locator(`#nutui-${name}`).screenshot(still)
        const icon = await page.locator(`#ours-${name}`).screenshot(still)
        expect(nutui.equals(square) || nutui.equals(empty), `${name} draws a shape`).toBe(false)
        expect(icon.equals(nutui), name).toBe(true)
      }
      await page.close()
    })
  })
})
