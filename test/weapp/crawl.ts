/**
 * The tap crawl: on a page, tap every bound element once and collect every exception. A render is reused while
 * taps leave it as it was (no setData of its own, toast, modal or error; a page it opened is closed with back);
 * after a tap that did change it the
 * next tap gets a fresh launch, so each element is tapped on the page as it first rendered (with the data as
 * earlier taps left it: a tap may check in or approve for real).
 */
import type { LocalCloud } from '../helpers/cloud'
import type { PageCase } from './cases'
import { WeappApp, type RenderError, type WeappPage } from './weapp'

export interface CrawlResult {
  route: string
  taps: number
  launches: number
  errors: (RenderError & { tap: string })[]
}

/** What a tap did to the page it was made on (not to pages it opened): its own setData, toasts, modals, errors. */
function ownActivity(app: WeappApp, page: WeappPage): number {
  return (
    app.setDataLog.filter((r) => r.page === page).length + app.toasts.length + app.modals.length + app.errors.length
  )
}

export async function crawlPage(cloud: LocalCloud, c: PageCase, openid: string | null): Promise<CrawlResult> {
  const launch = (): Promise<WeappApp> => WeappApp.launch({ cloudUrl: cloud.url, openid }, c.route, c.query)
  const result: CrawlResult = { route: c.route, taps: 0, launches: 1, errors: [] }
  let app = await launch()
  const total = app.page.tappables().length
  let fresh = true
  try {
    for (let i = 0; i < total; i++) {
      if (!fresh || app.page.tappables().length !== total) {
        app.close()
        app = await launch()
        result.launches++
      }
      // An earlier tap may have changed the data (checked in, approved...): the page then has other elements.
      const nodes = app.page.tappables()
      if (i >= nodes.length) break
      const label = `#${i} ${describeNode(app, i)}`
      const page = app.page
      const before = ownActivity(app, page)
      const errorsBefore = app.errors.length
      await page.tap(nodes[i])
      result.taps++
      // A tap that only opened another page: back to this one, as the user would.
      while (app.stack.length > 1 && app.stack[0] === page && ownActivity(app, page) === before) await app.back()
      for (const error of app.errors.slice(errorsBefore)) result.errors.push({ ...error, tap: label })
      fresh = ownActivity(app, page) === before && app.stack.length === 1 && app.stack[0] === page
    }
  } finally {
    app.close()
  }
  return result
}

function describeNode(app: WeappApp, index: number): string {
  const node = app.page.tappables()[index]
  const text = node ? app.page.textOf(node) : ''
  return text ? `"${text.slice(0, 30)}"` : '(no text)'
}
