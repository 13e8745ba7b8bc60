/**
 * First screen of the H5 build in a throttled Chromium (issue #8): a returning, already-bound student opens
 * the app cold (new browser context, no HTTP cache) on a phone over 4G with a 4x slower CPU. Measures first
 * contentful paint and the time until the study tab shows its first article, both from navigation start,
 * plus the bytes and requests it took to get there.
 *
 * Standalone: `tsx scripts/bench/first-screen.ts` (env FIRST_SCREEN_RUNS, FIRST_SCREEN_NETWORK=4g|slow-4g,
 * H5_DIR to measure another build) starts a local cloud and prints the rows and the slowest resources.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { hasChromium, launchBrowser, phoneContext, CHROMIUM } from '../../test/e2e/helpers/browser'
import { choosePersona } from '../../test/e2e/helpers/app'
import { ROOT } from '../../test/helpers/cloud'
import { buildH5, h5IsStale } from '../h5-build'
import { kb, percentile, row, type Row } from './table'
import { runMain } from './run-main'

/** Network profiles as Chrome DevTools defines its presets (packet-level: latency is per request). */
export interface NetworkProfile {
  name: string
  latencyMs: number
  downloadKbps: number
  uploadKbps: number
}

export const NETWORKS = {
  // DevTools' "Fast 4G": 60 ms RTT x 2.75, 9 Mbps x 0.9 down, 1.5 Mbps x 0.9 up.
  '4g': { name: '4G (DevTools Fast 4G: 165 ms, 8.1/1.35 Mbps)', latencyMs: 165, downloadKbps: 8100, uploadKbps: 1350 },
  // Lighthouse mobile / DevTools "Slow 4G": 150 ms RTT x 3.75, 1.6 Mbps x 0.9 down, 0.75 Mbps x 0.9 up.
  'slow-4g': {
    name: 'slow 4G (Lighthouse mobile: 562.5 ms, 1.44/0.68 Mbps)',
    latencyMs: 562.5,
    downloadKbps: 1440,
    uploadKbps: 675,
  },
} satisfies Record<string, NetworkProfile>

export type NetworkName = keyof typeof NETWORKS

const CPU_SLOWDOWN = 4
/** Issue #21: articles visible within 1.5 s (p50) on a quiet machine. */
const BUDGET_MS = 1500
/** The first article card of the study tab (src/pages/study/parts/ArticleItem.tsx). */
const ARTICLE = '[data-testid="article-item"]'
const RUN_TIMEOUT_MS = 90_000

export interface ResourceTiming {
  url: string
  type: string
  transferBytes: number
  startMs: number
  endMs: number
}

export interface FirstScreenRun {
  fcpMs: number
  contentMs: number
  /** Main-thread tasks over 50 ms before content was visible: their total time, and the blocking part (TBT-like). */
  longTaskMs: number
  blockingMs: number
  longTasks: { startMs: number; ms: number }[]
  /** Requests and bytes on the wire (headers included) from navigation start until content was visible. */
  requests: number
  transferBytes: number
  resources: ResourceTiming[]
}

export interface FirstScreenFigure {
  persona: string
  network: NetworkProfile
  cpuSlowdown: number
  runs: number
  fcp: { p50: number; worst: number }
  content: { p50: number; worst: number }
  transferBytes: number
  requests: number
  blockingMs: number
  /** The run with the median content time, resources by start. */
  medianRun: FirstScreenRun
  samples: FirstScreenRun[]
}

interface PageMarks {
  content: number | null
  longTasks: { start: number; duration: number }[]
}

declare global {
  interface Window {
    __firstScreen?: PageMarks
  }
}

/**
 * Runs in the page before any of its scripts: notes when the first article card has a box (one frame
 * later, so it has been painted) and every long task. A string, not a function: tsx would wrap named
 * inner functions in a helper (__name) that does not exist in the page.
 */
function marksScript(selector: string): string {
  return `(() => {
  const marks = { content: null, longTasks: [] };
  window.__firstScreen = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let waiting = false;
  const observer = new MutationObserver(() => {
    if (waiting) return;
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    waiting = true;
    observer.disconnect();
    // rAF runs before the frame's paint; a message posted from it runs once that frame is out.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { marks.content = performance.now(); };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`
}

/** Session of a returning student: pick the persona once in the app, keep what the app stored (localStorage). */
async function returningStudentState(
  browser: Browser,
  baseUrl: string,
  persona: string,
): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await phone(browser)
  try {
    const page = await context.newPage()
    await page.goto(`${baseUrl}/`)
    await choosePersona(page, persona)
    // The articles come after user.login has answered and the app has cached the profile a return starts from.
    await page.locator(ARTICLE).first().waitFor({ timeout: RUN_TIMEOUT_MS })
    return await context.storageState()
  } finally {
    await context.close()
  }
}

/** The test phone at the device pixel ratio of an iPhone 12, with a returning student's storage when given. */
function phone(
  browser: Browser,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<BrowserContext> {
  return phoneContext(browser, { deviceScaleFactor: 3, storageState })
}

async function throttle(page: Page, network: NetworkProfile): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latencyMs,
    downloadThroughput: (network.downloadKbps * 1000) / 8,
    uploadThroughput: (network.uploadKbps * 1000) / 8,
  })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
}

interface Collected {
  fcp: number
  content: number
  longTasks: PageMarks['longTasks']
  resources: ResourceTiming[]
}

function collect(): Collected {
  const marks = window.__firstScreen
  const content = marks?.content ?? NaN
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
  const entries = [...(nav ? [nav] : []), ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[])]
  return {
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    content,
    longTasks: marks?.longTasks ?? [],
    resources: entries
      .filter((e) => e.startTime <= content)
      .map((e) => ({
        url: e.name,
        type: e.initiatorType,
        transferBytes: e.transferSize,
        startMs: e.startTime,
        endMs: e.responseEnd,
      })),
  }
}

async function oneRun(
  browser: Browser,
  baseUrl: string,
  state: Awaited<ReturnType<BrowserContext['storageState']>>,
  network: NetworkProfile,
): Promise<FirstScreenRun> {
  const context = await phone(browser, state)
  try {
    const page = await context.newPage()
    await page.addInitScript({ content: marksScript(ARTICLE) })
    await throttle(page, network)
    await page.goto(`${baseUrl}/`, { waitUntil: 'commit', timeout: RUN_TIMEOUT_MS })
    await page.waitForFunction(() => window.__firstScreen?.content != null, undefined, {
      timeout: RUN_TIMEOUT_MS,
      polling: 250,
    })
    const c = await page.evaluate(collect)
    const before = c.longTasks.filter((t) => t.start < c.content)
    return {
      fcpMs: Math.round(c.fcp),
      contentMs: Math.round(c.content),
      longTaskMs: Math.round(before.reduce((s, t) => s + t.duration, 0)),
      blockingMs: Math.round(before.reduce((s, t) => s + Math.max(0, t.duration - 50), 0)),
      longTasks: before.map((t) => ({ startMs: Math.round(t.start), ms: Math.round(t.duration) })),
      requests: c.resources.length,
      transferBytes: c.resources.reduce((s, r) => s + r.transferBytes, 0),
      resources: c.resources.map((r) => ({
        ...r,
        url: r.url.replace(baseUrl, ''),
        startMs: Math.round(r.startMs),
        endMs: Math.round(r.endMs),
      })),
    }
  } finally {
    await context.close()
  }
}

/** The H5 build the local cloud serves: H5_DIR when set (it must exist), else dist/h5, rebuilt when stale. */
export function ensureH5(): string {
  const dir = process.env.H5_DIR
  if (dir) {
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`H5_DIR=${dir} has no index.html`)
    return dir
  }
  if (h5IsStale(ROOT)) {
    console.log('[bench] dist/h5 missing or stale: taro build --type h5')
    buildH5(ROOT)
  }
  return join(ROOT, 'dist', 'h5')
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

/**
 * `runs` cold loads of the app at `cloudUrl` (a local cloud serving the H5 build, seeded: `persona` must
 * exist). Call `ensureH5()` before starting that cloud.
 */
export async function firstScreen(opts: {
  cloudUrl: string
  runs: number
  persona?: string
  network?: NetworkName
}): Promise<{ rows: Row[]; figure: FirstScreenFigure }> {
  if (!hasChromium) throw new Error(`first screen needs ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`)
  const persona = opts.persona ?? '张欣怡'
  const network = NETWORKS[opts.network ?? '4g']
  const browser = await launchBrowser()
  const samples: FirstScreenRun[] = []
  try {
    const state = await returningStudentState(browser, opts.cloudUrl, persona)
    for (let i = 0; i < opts.runs; i++) samples.push(await oneRun(browser, opts.cloudUrl, state, network))
  } finally {
    await browser.close()
  }
  const contents = samples.map((s) => s.contentMs)
  const fcps = samples.map((s) => s.fcpMs)
  const byContent = [...samples].sort((a, b) => a.contentMs - b.contentMs)
  const medianRun = byContent[Math.floor((byContent.length - 1) / 2)]
  const figure: FirstScreenFigure = {
    persona,
    network,
    cpuSlowdown: CPU_SLOWDOWN,
    runs: samples.length,
    fcp: { p50: percentile(fcps, 50), worst: Math.max(...fcps) },
    content: { p50: percentile(contents, 50), worst: Math.max(...contents) },
    transferBytes: medianRun.transferBytes,
    requests: medianRun.requests,
    blockingMs: medianRun.blockingMs,
    medianRun,
    samples,
  }
  const s = 'first screen'
  const setting = `${samples.length} cold loads, ${network.name}, CPU x${CPU_SLOWDOWN}, 390x844@3`
  const rows: Row[] = [
    row(s, 'setting', setting, '-', null),
    row(s, 'first contentful paint p50/worst', `${seconds(figure.fcp.p50)} / ${seconds(figure.fcp.worst)}`, '-', null),
    row(
      s,
      '学习 articles visible p50/worst',
      `${seconds(figure.content.p50)} / ${seconds(figure.content.worst)}`,
      `p50 <= ${seconds(BUDGET_MS)}`,
      figure.content.p50 <= BUDGET_MS,
    ),
    row(
      s,
      'transferred until visible (median run)',
      `${kb(figure.transferBytes)} in ${figure.requests} requests`,
      '-',
      null,
    ),
    row(s, 'main-thread blocking until visible (median run)', `${figure.blockingMs} ms`, '-', null),
  ]
  return { rows, figure }
}

async function standalone(): Promise<void> {
  const { buildFunctions } = await import('../build-functions')
  const { startLocalCloud } = await import('../../test/helpers/cloud')
  const { formatTable } = await import('./table')
  const runs = Number(process.env.FIRST_SCREEN_RUNS) || 5
  const network = (process.env.FIRST_SCREEN_NETWORK ?? '4g') as NetworkName
  if (!(network in NETWORKS)) throw new Error(`FIRST_SCREEN_NETWORK must be one of ${Object.keys(NETWORKS).join(', ')}`)
  await buildFunctions()
  const h5Dir = ensureH5()
  const cloud = await startLocalCloud({ env: { H5_DIR: h5Dir } })
  try {
    const { rows, figure } = await firstScreen({ cloudUrl: cloud.url, runs, network })
    console.log(formatTable(rows))
    console.log(`\nper run (fcp/content ms): ${figure.samples.map((r) => `${r.fcpMs}/${r.contentMs}`).join('  ')}`)
    console.log('\nmedian run, resources until content (start → end ms, bytes):')
    console.log(`long tasks (start+ms): ${figure.medianRun.longTasks.map((t) => `${t.startMs}+${t.ms}`).join('  ')}`)
    for (const r of figure.medianRun.resources)
      console.log(
        `  ${String(r.startMs).padStart(5)} → ${String(r.endMs).padStart(5)}  ${kb(r.transferBytes).padStart(9)}  ${r.type.padEnd(10)} ${r.url}`,
      )
  } finally {
    await cloud.stop()
  }
}

runMain(module, standalone)
