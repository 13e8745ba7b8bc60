/**
 * A weapp renderer for tests: the pages of `dist/weapp` rendered offline from the build itself.
 *
 * - view: WeChat's `wcc`-compiled templates on j-component/exparser in jsdom (`./view`);
 * - logic: the build's app.js, chunks, comp.js and page JS in a `vm` context with only WeChat's logic-layer globals
 *   (`./logic`); every setData crosses as JSON and its size is recorded;
 * - `wx`: `wx.cloud.callFunction` goes to a real local cloud as the chosen persona (header x-wx-openid), storage is an
 *   in-memory map per app, navigation keeps a page stack, toasts and modals are recorded.
 *
 * It proves templates, data and logic on the weapp build, not pixels or the real base library.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ExparserNode } from 'miniprogram-exparser'
import { AppService, type Bag, type Fn, type LogicPage } from './logic'
import { nodeData, PageView, templateWarnings, viewRuntime, type CompProperty } from './view'

export const WEAPP_ROOT = resolve(__dirname, '..', '..', 'dist', 'weapp')

export interface SetDataRecord {
  route: string
  bytes: number
  /** Set while the page was being opened (its first render), not after an interaction. */
  opening: boolean
}

export interface RenderError {
  where: string
  message: string
}

export interface WeappOptions {
  /** Base URL of a local cloud (`startLocalCloud().url`). */
  cloudUrl: string
  /** The persona: sent as x-wx-openid, as WeChat attaches the caller's identity. null = a WeChat user not yet known. */
  openid: string | null
  /** The device's storage (shared by apps launched with the same map, like one phone). */
  storage?: Map<string, string>
  /** What the user answers in every modal (default: confirm). */
  confirmModals?: boolean
  /** What the user does on WeChat Pay's sheet: pay (through the local cloud's pay emulation) or cancel (default). */
  payments?: 'pay' | 'cancel'
  /** Subpackage roots whose download fails from the start (see `unreachablePackages`). */
  unreachablePackages?: string[]
  /** Rewrites a cloud function's result before the app sees it: a server whose answer drifted from the contract. */
  rewriteResult?: (name: string, action: string, result: unknown) => unknown
}

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
}

/** Every page route of the build (main package first, then subpackages), as in app.json. */
export function allRoutes(root = WEAPP_ROOT): string[] {
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson
  return [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
}

function tabRoutes(root: string): string[] {
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson
  return (app.tabBar?.list ?? []).map((t) => t.pagePath)
}

function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.replace(/^\//, '').split('?')
  const query: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(search)) query[k] = v
  return { route: path, query }
}

function message(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'stack' in error)
    return String((error as { stack: unknown }).stack)
  return String(error)
}

export class WeappPage {
  constructor(
    readonly app: WeappApp,
    readonly route: string,
    readonly query: Record<string, string>,
    readonly logic: LogicPage,
    readonly view: PageView,
  ) {}

  /** The page's visible text (text nodes of the rendered tree), whitespace collapsed. */
  text(): string {
    return collectText(this.view.root).replace(/\s+/g, ' ').trim()
  }

  /** Visible text of one rendered node. */
  textOf(node: ExparserNode): string {
    return collectText(node).replace(/\s+/g, ' ').trim()
  }

  /** Page title: setNavigationBarTitle if called, else the page's navigationBarTitleText. */
  title(): string {
    return this.app.titles.get(this.logic) ?? this.app.configTitle(this.route)
  }

  /** Rendered element nodes (WXML nodes, custom components' insides included): WeChat's bar is < 1,000. */
  nodeCount(): number {
    let n = 0
    walk(this.view.root, (node) => {
      if (node.childNodes !== undefined) n++
    })
    return n
  }

  /** Every rendered node with a tap binding, in document order. */
  tappables(): ExparserNode[] {
    const found: ExparserNode[] = []
    walk(this.view.root, (node) => {
      if (node._vt?.event?.tap) found.push(node)
    })
    return found
  }

  /** The innermost tappable node whose text contains `text` (throws if none). */
  findTappable(text: string | RegExp): ExparserNode {
    const matches = this.tappables().filter((n) => matchesText(collectText(n), text))
    if (matches.length === 0)
      throw new Error(`${this.route}: nothing tappable shows ${String(text)}. Text: ${this.text().slice(0, 600)}`)
    // innermost: the last in document order among nested matches
    return matches.reduce((inner, n) => (contains(inner, n) ? n : inner))
  }

  /** Taps the node (or the innermost tappable node showing `text`) and waits until the app is idle. */
  async tap(target: string | RegExp | ExparserNode): Promise<void> {
    const node = typeof target === 'string' || target instanceof RegExp ? this.findTappable(target) : target
    this.view.dispatch(node, 'touchstart')
    this.view.dispatch(node, 'touchend')
    this.view.dispatch(node, 'tap', { x: 0, y: 0 })
    await this.app.idle()
  }

  /** Every input/textarea node, in document order. */
  fields(): ExparserNode[] {
    const found: ExparserNode[] = []
    walk(this.view.root, (node) => {
      const tag = node._vt?.tagName
      if (tag === 'input' || tag === 'textarea') found.push(node)
    })
    return found
  }

  /** Every rendered node of a builtin component (e.g. `video`), in document order, with its properties. */
  nodesOf(tagName: string): { node: ExparserNode; props: Bag }[] {
    const found: { node: ExparserNode; props: Bag }[] = []
    walk(this.view.root, (node) => {
      if (node._vt?.tagName === tagName) found.push({ node, props: props(node) })
    })
    return found
  }

  /** The values of the page's input and textarea fields. */
  fieldValues(): string[] {
    return this.fields().map((n) => String(props(n).value ?? ''))
  }

  /** The input or textarea whose placeholder contains `placeholder`. */
  field(placeholder: string): ExparserNode {
    const node = this.fields().find((n) => String(props(n).placeholder ?? '').includes(placeholder))
    if (!node)
      throw new Error(
        `${this.route}: no field with placeholder ${placeholder}; fields: ${this.fields()
          .map((n) => String(props(n).placeholder ?? ''))
          .join(' | ')}`,
      )
    return node
  }

  /** Types `value` into a field as WeChat reports it: one input event with the whole value, then blur. */
  async input(target: string | ExparserNode, value: string): Promise<void> {
    const node = typeof target === 'string' ? this.field(target) : target
    this.view.dispatch(node, 'focus', { value: props(node).value ?? '' })
    this.view.dispatch(node, 'input', { value, cursor: value.length, keyCode: 0 })
    this.view.dispatch(node, 'blur', { value })
    await this.app.idle()
  }

  /** Types each value into the field whose placeholder contains its key, in the order given. */
  async inputAll(values: Record<string, string>): Promise<void> {
    for (const [placeholder, value] of Object.entries(values)) await this.input(placeholder, value)
  }

  /** Fires a custom event (e.g. a picker's `change`) on a node. */
  async fire(node: ExparserNode, type: string, detail: unknown): Promise<void> {
    this.view.dispatch(node, type, detail)
    await this.app.idle()
  }

  /** Waits until the page's text matches (the app keeps running meanwhile). */
  async waitForText(text: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!matchesText(this.text(), text)) {
      if (Date.now() > deadline)
        throw new Error(`${this.route}: ${String(text)} did not appear. Text: ${this.text().slice(0, 800)}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  /** The largest setData payload this page sent, in bytes. */
  largestSetData(opening?: boolean): number {
    return Math.max(
      0,
      ...this.app.setDataLog
        .filter((r) => r.page === this && (opening === undefined || r.opening === opening))
        .map((r) => r.bytes),
    )
  }
}

export class WeappApp {
  readonly errors: RenderError[] = []
  readonly setDataLog: (SetDataRecord & { page: WeappPage })[] = []
  readonly toasts: string[] = []
  readonly modals: { title: string; content: string }[] = []
  readonly navigations: string[] = []
  readonly calls: { name: string; action: string }[] = []
  readonly titles = new Map<LogicPage, string>()
  readonly storage: Map<string, string>
  readonly stack: WeappPage[] = []
  confirmModals: boolean
  private readonly service: AppService
  private readonly tabs: string[]
  private inflight = 0
  private opening: WeappPage | null = null
  private closed = false

  private constructor(
    private readonly options: WeappOptions,
    readonly root: string,
  ) {
    this.storage = options.storage ?? new Map()
    this.confirmModals = options.confirmModals ?? true
    this.tabs = tabRoutes(root)
    this.service = new AppService(root, this.createWx(), {
      onSetData: (page, json, done) => this.deliver(page, json, done),
      onError: (error, where) => this.errors.push({ where, message: message(error) }),
    })
    for (const root of options.unreachablePackages ?? []) this.service.unreachable.add(root)
  }

  /** Launches the app (app.js, onLaunch) on `route` and opens that page. */
  static async launch(
    options: WeappOptions,
    route = 'pages/study/index',
    query: Record<string, string> = {},
    root = WEAPP_ROOT,
  ): Promise<WeappApp> {
    if (!existsSync(join(root, 'app.js'))) throw new Error(`${root} has no weapp build: run npm run build:weapp`)
    const app = new WeappApp(options, root)
    app.service.launch(route, query)
    await app.open(route, query)
    return app
  }

  /** Subpackage roots that fail to download from now on (`require.async` into them rejects); delete to restore. */
  get unreachablePackages(): Set<string> {
    return this.service.unreachable
  }

  /** The page on top of the stack. */
  get page(): WeappPage {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page is open')
    return top
  }

  /** Opens `route` on top of the stack (navigateTo), runs onLoad/onShow/onReady and waits until idle. */
  async open(route: string, query: Record<string, string> = {}): Promise<WeappPage> {
    const page = this.push(route, query)
    await this.idle()
    this.opening = null
    return page
  }

  /** Waits until no cloud call, API callback or short timer is pending (long intervals such as a 15 s rotation are ignored). */
  async idle(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    let quietSince = 0
    for (;;) {
      await new Promise((r) => setTimeout(r, 5))
      const busy = this.inflight > 0 || this.service.nextDue() < Date.now() + 300
      if (busy) quietSince = 0
      else if (!quietSince) quietSince = Date.now()
      else if (Date.now() - quietSince >= 10) return
      if (Date.now() > deadline)
        throw new Error(`the app did not settle in ${timeoutMs} ms (in flight: ${this.inflight})`)
    }
  }

  configTitle(route: string): string {
    const json = JSON.parse(readFileSync(join(this.root, `${route}.json`), 'utf8')) as {
      navigationBarTitleText?: string
    }
    return json.navigationBarTitleText ?? ''
  }

  /** Unloads every page and stops the app's timers. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const page of [...this.stack].reverse()) {
      page.logic.call('onUnload')
      page.view.remove()
    }
    this.stack.length = 0
    this.service.dispose()
  }

  private push(route: string, query: Record<string, string>): WeappPage {
    const below = this.stack[this.stack.length - 1]
    if (below) below.logic.call('onHide')
    const rt = viewRuntime(
      this.root,
      (this.service.componentConfig('comp')?.properties as Record<string, CompProperty> | undefined) ?? {
        i: null,
        l: null,
      },
    )
    const logic = this.service.createPage(route, query)
    let page: WeappPage | null = null
    const view = new PageView(rt, route, JSON.parse(JSON.stringify(logic.instance.data ?? {})) as Bag, {
      onEvent: (handler, json, fromComponent) => {
        const event = this.service.fromJson(json)
        if (fromComponent) {
          const methods = this.service.componentConfig('comp')?.methods as Bag | undefined
          const fn = methods?.[handler] as Fn | undefined
          this.service.guard(`comp ${handler}`, () => fn?.call(this.service.toLogic({}), event))
        } else {
          logic.call(handler, event)
        }
      },
    })
    page = new WeappPage(this, route, query, logic, view)
    this.stack.push(page)
    this.opening = page
    logic.call('onLoad', this.service.toLogic(query))
    logic.call('onShow')
    logic.call('onReady')
    return page
  }

  /** Goes back one page (the user's back button) and waits until idle. */
  async back(): Promise<void> {
    this.pop()
    await this.idle()
  }

  private pop(): void {
    const top = this.stack.pop()
    if (!top) return
    top.logic.call('onUnload')
    top.view.remove()
    this.stack[this.stack.length - 1]?.logic.call('onShow')
  }

  private deliver(logic: LogicPage, json: string, done: () => void): void {
    const page = this.stack.find((p) => p.logic === logic) ?? this.opening
    if (!page || page.logic !== logic) {
      // A page that is gone: WeChat drops the update.
      return
    }
    this.setDataLog.push({ route: page.route, bytes: Buffer.byteLength(json), opening: this.opening === page, page })
    try {
      page.view.apply(json)
    } catch (error) {
      this.errors.push({ where: `${page.route} render`, message: message(error) })
    }
    for (const warning of templateWarnings.splice(0))
      this.errors.push({ where: `${page.route} template`, message: warning })
    this.later(done)
  }

  /** Runs `fn` on a later turn, counted as work in flight (API callbacks are asynchronous in WeChat). */
  private later(fn: () => void, ms = 0): void {
    this.inflight++
    setTimeout(() => {
      this.inflight--
      if (!this.closed) this.service.guard('wx callback', fn)
    }, ms)
  }

  /** `{ success, fail, complete }` style API answering `result` (or failing with `errMsg`), asynchronously. */
  private api(name: string, answer: (opts: Bag) => Bag | Promise<Bag>): (opts?: Bag) => unknown {
    return (opts: Bag = {}) => {
      const callbacks = opts
      const settle = (ok: boolean, value: Bag): void => {
        const res = this.service.toLogic<Bag>({ errMsg: `${name}:${ok ? 'ok' : 'fail'}`, ...value })
        this.later(() => {
          ;(callbacks[ok ? 'success' : 'fail'] as Fn | undefined)?.call(undefined, res)
          ;(callbacks.complete as Fn | undefined)?.call(undefined, res)
        })
      }
      this.inflight++
      Promise.resolve()
        .then(() => answer(opts))
        .then(
          (value) => settle(!('__fail' in value), value),
          (error: unknown) => settle(false, { errMsg: `${name}:fail ${String(error)}` }),
        )
        .finally(() => this.inflight--)
      return undefined
    }
  }

  private navigate(kind: string, url: string): Bag {
    this.navigations.push(`${kind} ${url}`)
    const { route, query } = parseUrl(url)
    if (!existsSync(join(this.root, `${route}.js`)))
      return { __fail: true, errMsg: `${kind}:fail page "${route}" is not found` }
    if (kind === 'redirectTo') this.pop()
    if (kind === 'reLaunch' || kind === 'switchTab') while (this.stack.length) this.pop()
    this.push(route, query)
    return {}
  }

  private async callFunction(opts: Bag): Promise<Bag> {
    const name = String(opts.name)
    const data = (opts.data ?? {}) as Bag
    this.calls.push({ name, action: String(data.action ?? '') })
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (this.options.openid) headers['x-wx-openid'] = this.options.openid
    const res = await fetch(`${this.options.cloudUrl}/api/functions/${name}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(data),
    })
    if (!res.ok) return { __fail: true, errMsg: `cloud.callFunction:fail ${res.status}` }
    const body = (await res.json()) as { result: unknown }
    const rewrite = this.options.rewriteResult
    const result = rewrite ? rewrite(name, String(data.action ?? ''), body.result) : body.result
    return { result, requestID: 'local' }
  }

  /** WeChat Pay's sheet: the persona pays the order of `package` (prepay_id=…) on the local cloud, or cancels. */
  private async requestPayment(opts: Bag): Promise<Bag> {
    if (this.options.payments !== 'pay') return { __fail: true, errMsg: 'requestPayment:fail cancel' }
    const prepayId = String(opts.package ?? '').replace(/^prepay_id=/, '')
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (this.options.openid) headers['x-wx-openid'] = this.options.openid
    const res = await fetch(`${this.options.cloudUrl}/api/dev/pay/confirm`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ prepayId }),
    })
    return res.ok ? {} : { __fail: true, errMsg: `requestPayment:fail ${res.status}` }
  }

  private createWx(): Bag {
    const storage = (): Map<string, string> => this.storage
    const logicValue = (json: string | undefined): unknown => (json === undefined ? '' : this.service.fromJson(json))
    const ok = (): Bag => ({})
    const cancel = (name: string) => (): Bag => ({ __fail: true, errMsg: `${name}:fail cancel` })
    const systemInfo = {
      brand: 'devtools',
      model: 'iPhone 12',
      pixelRatio: 3,
      screenWidth: 390,
      screenHeight: 844,
      windowWidth: 390,
      windowHeight: 844,
      statusBarHeight: 47,
      language: 'zh_CN',
      version: '8.0.50',
      system: 'iOS 16.0',
      platform: 'devtools',
      SDKVersion: '3.7.0',
      safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
      theme: 'light',
    }
    const selectorQuery = (): Bag => {
      const queue: ((res: unknown) => void)[] = []
      const results: unknown[] = []
      // Every request of a node answers null (nothing is laid out here), in order, when the query runs.
      const ask = (cb?: Fn): Bag => {
        results.push(null)
        if (cb) queue.push((r) => cb(r))
        return query
      }
      const node = (): Bag => ({
        boundingClientRect: ask,
        scrollOffset: ask,
        fields: (_f: unknown, cb?: Fn) => ask(cb),
        node: ask,
        context: ask,
      })
      const query: Bag = {
        in: () => query,
        select: node,
        selectAll: node,
        selectViewport: node,
        exec: (cb?: Fn) =>
          this.later(() => {
            queue.forEach((q) => q(null))
            cb?.call(undefined, this.service.toLogic(results))
          }),
      }
      return query
    }
    const noop = (): void => undefined
    return {
      // storage: the device's, JSON in a Map (as WeChat stores native values)
      getStorageSync: (key: string) => logicValue(storage().get(key)),
      setStorageSync: (key: string, value: unknown) => void storage().set(key, JSON.stringify(value)),
      removeStorageSync: (key: string) => void storage().delete(key),
      clearStorageSync: () => storage().clear(),
      getStorageInfoSync: () => this.service.toLogic({ keys: [...storage().keys()], currentSize: 0, limitSize: 10240 }),
      getStorage: this.api('getStorage', (o) =>
        storage().has(String(o.key))
          ? { data: JSON.parse(storage().get(String(o.key)) as string) }
          : { __fail: true, errMsg: 'getStorage:fail data not found' },
      ),
      setStorage: this.api('setStorage', (o) => (storage().set(String(o.key), JSON.stringify(o.data)), {})),
      removeStorage: this.api('removeStorage', (o) => (storage().delete(String(o.key)), {})),
      clearStorage: this.api('clearStorage', () => (storage().clear(), {})),
      // feedback, recorded for assertions
      showToast: this.api('showToast', (o) => (this.toasts.push(String(o.title ?? '')), {})),
      hideToast: this.api('hideToast', ok),
      showLoading: this.api('showLoading', ok),
      hideLoading: this.api('hideLoading', ok),
      showModal: this.api('showModal', (o) => {
        this.modals.push({ title: String(o.title ?? ''), content: String(o.content ?? '') })
        return { confirm: this.confirmModals, cancel: !this.confirmModals, content: o.editable ? '' : undefined }
      }),
      showActionSheet: this.api('showActionSheet', cancel('showActionSheet')),
      // navigation: a page stack
      navigateTo: this.api('navigateTo', (o) => this.navigate('navigateTo', String(o.url))),
      redirectTo: this.api('redirectTo', (o) => this.navigate('redirectTo', String(o.url))),
      reLaunch: this.api('reLaunch', (o) => this.navigate('reLaunch', String(o.url))),
      switchTab: this.api('switchTab', (o) => {
        const { route } = parseUrl(String(o.url))
        if (!this.tabs.includes(route))
          return { __fail: true, errMsg: 'switchTab:fail can not switch to no-tabBar page' }
        return this.navigate('switchTab', String(o.url))
      }),
      navigateBack: this.api('navigateBack', (o) => {
        this.navigations.push(`navigateBack ${String(o.delta ?? 1)}`)
        for (let i = 0; i < Number(o.delta ?? 1) && this.stack.length > 1; i++) this.pop()
        return {}
      }),
      // page chrome
      setNavigationBarTitle: this.api('setNavigationBarTitle', (o) => {
        const top = this.stack[this.stack.length - 1]
        if (top) this.titles.set(top.logic, String(o.title ?? ''))
        return {}
      }),
      setNavigationBarColor: this.api('setNavigationBarColor', ok),
      stopPullDownRefresh: this.api('stopPullDownRefresh', ok),
      startPullDownRefresh: this.api('startPullDownRefresh', ok),
      pageScrollTo: this.api('pageScrollTo', ok),
      setKeepScreenOn: this.api('setKeepScreenOn', ok),
      setClipboardData: this.api('setClipboardData', ok),
      getClipboardData: this.api('getClipboardData', () => ({ data: '' })),
      vibrateShort: this.api('vibrateShort', ok),
      requestPayment: this.api('requestPayment', (o) => this.requestPayment(o)),
      requestSubscribeMessage: this.api('requestSubscribeMessage', (o) =>
        Object.fromEntries(((o.tmplIds as string[]) ?? []).map((id) => [id, 'accept'])),
      ),
      // device pickers and files: the user cancels (nothing to pick offline)
      chooseMedia: this.api('chooseMedia', cancel('chooseMedia')),
      chooseImage: this.api('chooseImage', cancel('chooseImage')),
      chooseMessageFile: this.api('chooseMessageFile', cancel('chooseMessageFile')),
      scanCode: this.api('scanCode', cancel('scanCode')),
      previewImage: this.api('previewImage', ok),
      compressImage: this.api('compressImage', (o) => ({ tempFilePath: String(o.src ?? '') })),
      downloadFile: this.api('downloadFile', (o) => ({ tempFilePath: String(o.url ?? ''), statusCode: 200 })),
      openDocument: this.api('openDocument', ok),
      shareFileMessage: this.api('shareFileMessage', ok),
      getNetworkType: this.api('getNetworkType', () => ({ networkType: 'wifi' })),
      // system
      getSystemInfoSync: () => this.service.toLogic(systemInfo),
      getSystemInfo: this.api('getSystemInfo', () => systemInfo),
      getWindowInfo: () => this.service.toLogic(systemInfo),
      getDeviceInfo: () => this.service.toLogic(systemInfo),
      getAppBaseInfo: () => this.service.toLogic(systemInfo),
      getSystemSetting: () => this.service.toLogic({}),
      getAppAuthorizeSetting: () => this.service.toLogic({}),
      getMenuButtonBoundingClientRect: () =>
        this.service.toLogic({ width: 87, height: 32, top: 51, bottom: 83, left: 296, right: 383 }),
      getAccountInfoSync: () =>
        this.service.toLogic({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
      getLaunchOptionsSync: () => this.service.toLogic({ path: 'pages/study/index', query: {}, scene: 1001 }),
      getEnterOptionsSync: () => this.service.toLogic({ path: 'pages/study/index', query: {}, scene: 1001 }),
      canIUse: () => true,
      nextTick: (fn: Fn) => this.later(() => fn.call(undefined)),
      createSelectorQuery: () => selectorQuery(),
      createIntersectionObserver: () => ({
        relativeTo() {
          return this
        },
        relativeToViewport() {
          return this
        },
        observe: noop,
        disconnect: noop,
      }),
      onAppShow: noop,
      onAppHide: noop,
      offAppShow: noop,
      offAppHide: noop,
      onError: noop,
      onUnhandledRejection: noop,
      onPageNotFound: noop,
      onThemeChange: noop,
      onNetworkStatusChange: noop,
      offNetworkStatusChange: noop,
      onWindowResize: noop,
      offWindowResize: noop,
      onMemoryWarning: noop,
      reportAnalytics: noop,
      reportEvent: noop,
      cloud: {
        init: noop,
        callFunction: (opts: Bag) => {
          const settled = new Promise<Bag>((resolvePromise, rejectPromise) => {
            this.api('cloud.callFunction', (o) => this.callFunction(o))({
              ...opts,
              success: (res: Bag) => {
                ;(opts.success as Fn | undefined)?.call(undefined, res)
                resolvePromise(res)
              },
              fail: (err: Bag) => {
                ;(opts.fail as Fn | undefined)?.call(undefined, err)
                rejectPromise(err)
              },
              complete: opts.complete,
            })
          })
          if (opts.success || opts.fail || opts.complete) return undefined
          // The promise the app awaits is the logic realm's own.
          const LogicPromise = this.service.logicPromise
          return new LogicPromise<Bag>((res, rej) => void settled.then(res, rej))
        },
        uploadFile: this.api('cloud.uploadFile', () => ({
          __fail: true,
          errMsg: 'cloud.uploadFile:fail no file offline',
        })),
        getTempFileURL: this.api('cloud.getTempFileURL', (o) => ({
          fileList: ((o.fileList as string[]) ?? []).map((fileID) => ({ fileID, tempFileURL: '', status: 0 })),
        })),
        downloadFile: this.api('cloud.downloadFile', cancel('cloud.downloadFile')),
      },
    }
  }
}

export function walk(node: ExparserNode, visit: (node: ExparserNode) => void): void {
  visit(node)
  if (node.shadowRoot) walk(node.shadowRoot, visit)
  for (const child of node.childNodes ?? []) walk(child, visit)
}

function contains(ancestor: ExparserNode, node: ExparserNode): boolean {
  let found = false
  walk(ancestor, (n) => {
    if (n === node && n !== ancestor) found = true
  })
  return found
}

/** Text of a subtree: the text nodes of templates, in order (the slot content of builtins is their children). */
function collectText(node: ExparserNode): string {
  const parts: string[] = []
  walk(node, (n) => {
    if (n.childNodes === undefined && typeof n.textContent === 'string') parts.push(n.textContent)
  })
  return parts.join(' ')
}

function matchesText(haystack: string, needle: string | RegExp): boolean {
  const text = haystack.replace(/\s+/g, ' ').trim()
  return typeof needle === 'string' ? text.includes(needle) : needle.test(text)
}

function props(node: ExparserNode): Bag {
  return nodeData(node)
}
