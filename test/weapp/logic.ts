/**
 * The logic layer of the weapp renderer: the build's own JS (app.js, its chunks, comp.js, page JS) run in a `vm`
 * context that has only what WeChat's logic layer (AppService) has — `wx`, `App`, `Page`, `Component`, `getApp`,
 * `getCurrentPages`, timers, console and a per-file `require` — and no window, document, process or eval.
 * Everything that crosses to the view or the host crosses as JSON.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import vm from 'node:vm'

export type Fn = (this: unknown, ...args: unknown[]) => unknown
export type Bag = Record<string, unknown>

export interface LogicHooks {
  /** A page called setData: the payload as JSON (what the render layer receives). */
  onSetData(page: LogicPage, json: string, done: () => void): void
  /** An exception the logic layer did not catch (event handler, timer, lifecycle) or a console.error. */
  onError(error: unknown, where: string): void
}

export interface LogicPage {
  route: string
  instance: Bag
  /** Runs a method of the page (lifecycle or event handler) and reports what it throws. */
  call(method: string, ...args: unknown[]): unknown
}

interface Timer {
  handle: NodeJS.Timeout
  due: number
  interval: boolean
}

export class AppService {
  readonly context: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Bag>()
  private readonly componentConfigs = new Map<string, Bag>()
  private loading: string | null = null
  private appConfig: Bag | null = null
  private appInstance: Bag | null = null
  readonly pages: LogicPage[] = []
  readonly timers = new Map<number, Timer>()
  private nextTimer = 1
  private disposed = false
  private readonly parseJson: (text: string) => unknown
  /** The logic realm's Promise: what the app awaits is its own kind of promise. */
  readonly logicPromise: PromiseConstructor
  /** Subpackage roots whose download fails (a phone that lost its network): `require.async` into them rejects. */
  readonly unreachable = new Set<string>()

  constructor(
    readonly root: string,
    wx: Bag,
    private readonly hooks: LogicHooks,
  ) {
    const sandbox: Bag = {}
    this.context = vm.createContext(sandbox, { name: 'AppService', codeGeneration: { strings: false, wasm: false } })
    this.parseJson = vm.runInContext('JSON.parse', this.context) as (text: string) => unknown
    this.logicPromise = vm.runInContext('Promise', this.context) as PromiseConstructor
    const define = (name: string, value: unknown): void => {
      Object.defineProperty(sandbox, name, { value, writable: true, configurable: true, enumerable: false })
    }
    define('wx', wx)
    define('App', (config: Bag) => this.registerApp(config))
    define('Page', (config: Bag) => this.registerPage(config))
    define('Component', (config: Bag) => this.registerComponent(config))
    define('Behavior', (config: Bag) => config)
    define('getApp', () => this.appInstance)
    define('getCurrentPages', () => this.pages.map((p) => p.instance))
    define('setTimeout', (fn: Fn, ms?: number, ...args: unknown[]) => this.addTimer(fn, ms ?? 0, false, args))
    define('setInterval', (fn: Fn, ms?: number, ...args: unknown[]) => this.addTimer(fn, ms ?? 0, true, args))
    define('clearTimeout', (id: number) => this.clearTimer(id))
    define('clearInterval', (id: number) => this.clearTimer(id))
    define('console', {
      log() {},
      info() {},
      debug() {},
      warn() {},
      error: (...args: unknown[]) => this.hooks.onError(args.map(describe).join(' '), 'console.error'),
    })
  }

  /** A value made in the logic realm from JSON (so the app's code sees its own Object and Array). */
  fromJson<T = unknown>(json: string): T {
    return this.parseJson(json) as T
  }

  toLogic<T = unknown>(value: unknown): T {
    return value === undefined ? (undefined as T) : this.fromJson<T>(JSON.stringify(value))
  }

  /** Loads app.js (and the chunks it requires) and comp.js, then calls onLaunch. */
  launch(path: string, query: Record<string, string>): void {
    this.require('app.js')
    this.loading = 'comp'
    this.require('comp.js')
    this.loading = null
    if (!this.appConfig) throw new Error('app.js did not call App()')
    this.appInstance = this.appConfig
    this.guard('App.onLaunch', () =>
      (this.appConfig?.onLaunch as Fn | undefined)?.call(this.appInstance, this.toLogic({ path, query, scene: 1001 })),
    )
    this.guard('App.onShow', () =>
      (this.appConfig?.onShow as Fn | undefined)?.call(this.appInstance, this.toLogic({ path, query, scene: 1001 })),
    )
  }

  componentConfig(name: string): Bag | undefined {
    return this.componentConfigs.get(name)
  }

  /** Loads the page's JS if needed and creates an instance (not yet loaded: call onLoad through `call`). */
  createPage(route: string, query: Record<string, string>): LogicPage {
    if (!this.pageConfigs.has(route)) {
      this.loading = route
      this.require(`${route}.js`)
      this.loading = null
    }
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    const instance: Bag = vm.runInContext('({})', this.context) as Bag
    for (const [key, value] of Object.entries(config)) {
      instance[key] = key === 'data' ? this.toLogic(value ?? {}) : value
    }
    instance.data ??= this.toLogic({})
    instance.route = route
    instance.__route__ = route
    instance.options = this.toLogic(query)
    const page: LogicPage = {
      route,
      instance,
      call: (method, ...args) =>
        this.guard(`${route} ${method}`, () => (instance[method] as Fn | undefined)?.apply(instance, args)),
    }
    instance.setData = (data: Bag, cb?: () => void) => {
      const json = JSON.stringify(data)
      this.hooks.onSetData(page, json, () => {
        if (typeof cb === 'function') this.guard(`${route} setData callback`, () => cb())
      })
    }
    instance.selectComponent = () => null
    instance.selectAllComponents = () => this.toLogic([])
    instance.getOpenerEventChannel = () => ({ on() {}, off() {}, once() {}, emit() {} })
    return page
  }

  /** Runs `fn` the way WeChat runs app code: an exception is reported, not thrown into the caller. */
  guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (error) {
      this.hooks.onError(error, where)
      return undefined
    }
  }

  /** Stops every timer: the app is gone. */
  dispose(): void {
    this.disposed = true
    for (const timer of this.timers.values()) clearTimeout(timer.handle)
    this.timers.clear()
  }

  /** The earliest due time of a pending timer, or Infinity. */
  nextDue(): number {
    let due = Infinity
    for (const timer of this.timers.values()) if (!timer.interval) due = Math.min(due, timer.due)
    return due
  }

  private addTimer(fn: Fn, ms: number, interval: boolean, args: unknown[]): number {
    if (typeof fn !== 'function') throw new TypeError('setTimeout expects a function (no eval in the logic layer)')
    const id = this.nextTimer++
    const delay = Math.max(0, Number(ms) || 0)
    const run = (): void => {
      if (this.disposed) return
      if (!interval) this.timers.delete(id)
      else {
        const timer = this.timers.get(id)
        if (timer) timer.due = Date.now() + delay
      }
      this.guard(interval ? 'setInterval' : 'setTimeout', () => fn(...args))
    }
    const handle = interval ? setInterval(run, delay) : setTimeout(run, delay)
    this.timers.set(id, { handle, due: Date.now() + delay, interval })
    return id
  }

  private clearTimer(id: number): void {
    const timer = this.timers.get(id)
    if (!timer) return
    if (timer.interval) clearInterval(timer.handle)
    else clearTimeout(timer.handle)
    this.timers.delete(id)
  }

  private registerApp(config: Bag): void {
    this.appConfig = config
  }

  private registerPage(config: Bag): void {
    if (!this.loading) throw new Error('Page() called outside a page file')
    this.pageConfigs.set(this.loading, config)
  }

  private registerComponent(config: Bag): void {
    if (!this.loading) throw new Error('Component() called outside a component file')
    this.componentConfigs.set(this.loading, config)
  }

  /** WeChat's module system: each file runs once, `require` resolves relative to the requiring file. */
  private require(file: string): unknown {
    const key = normalize(file)
    const cached = this.modules.get(key)
    if (cached) return cached.exports
    const module = { exports: this.toLogic({}) as unknown }
    this.modules.set(key, module)
    const code = readFileSync(join(this.root, key), 'utf8')
    const wrapper = new vm.Script(`(function (require, module, exports) {${code}\n})`, {
      filename: join(this.root, key),
    })
    const fn = wrapper.runInContext(this.context) as (
      require: (p: string) => unknown,
      module: unknown,
      exports: unknown,
    ) => void
    const localRequire = Object.assign((p: string): unknown => this.require(this.resolve(key, p)), {
      async: (p: string) => this.requireAsync(this.resolve(key, p), p),
    })
    fn(localRequire, module, module.exports)
    return module.exports
  }

  private resolve(from: string, p: string): string {
    return relative(this.root, join(this.root, dirname(from), p.endsWith('.js') ? p : `${p}.js`))
  }

  /**
   * `require.async` (分包异步化): the module's package downloads first, so the result always comes later, as the
   * logic realm's promise; a failure rejects with `{ errMsg, mod }` as WeChat documents.
   */
  private requireAsync(target: string, asked: string): Promise<unknown> {
    return new this.logicPromise((resolve, reject) => {
      this.addTimer(
        () => {
          if ([...this.unreachable].some((root) => target.startsWith(`${root}/`)))
            return reject(this.toLogic({ errMsg: 'require.async:fail download failed', mod: asked }))
          if (!existsSync(join(this.root, target)))
            return reject(this.toLogic({ errMsg: `require.async:fail module "${target}" not found`, mod: asked }))
          try {
            resolve(this.require(target))
          } catch (error) {
            reject(this.toLogic({ errMsg: `require.async:fail ${describe(error)}`, mod: asked }))
          }
        },
        0,
        false,
        [],
      )
    })
  }
}

function describe(value: unknown): string {
  if (value instanceof Error || (typeof value === 'object' && value !== null && 'stack' in value))
    return String((value as Error).stack ?? value)
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value)
    } catch {
      return String(value)
    }
  }
  return String(value)
}
