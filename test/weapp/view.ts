/**
 * The view layer of the weapp renderer: WeChat's compiled templates (`wcc` → `$gwx`) rendered by j-component on
 * exparser (WeChat's own component system) into a jsdom document. It knows nothing of the app's JS: it receives
 * setData payloads as JSON and sends events out as JSON, as WeChat's render layer does.
 */
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import vm from 'node:vm'
import type * as ExparserModule from 'miniprogram-exparser'
import type { ExparserNode } from 'miniprogram-exparser'

const requireCjs = createRequire(__filename)

type Exparser = typeof ExparserModule
/** The part of j-component used here (its own typings pull in the mini program's global `require`, which clashes with Node's). */
interface RootComponent {
  /** The component's exparser node (j-component's own field). */
  readonly _exparserNode: ExparserNode
  setData(data: Record<string, unknown>): void
  attach(parent: HTMLElement): void
  detach(): void
}
interface JComponent {
  register(definition: Record<string, unknown>): string
  create(id: string): RootComponent
}

/** WeChat's built-in components, and the properties the tests read back (the rest are passed through as data). */
const BUILTINS: Record<string, string[]> = {
  view: [],
  text: [],
  'rich-text': ['nodes'],
  icon: ['type'],
  progress: ['percent'],
  'scroll-view': [],
  swiper: ['current'],
  'swiper-item': [],
  'movable-area': [],
  'movable-view': [],
  'cover-view': [],
  'cover-image': ['src'],
  'page-container': ['show'],
  'root-portal': [],
  button: ['disabled', 'loading', 'type', 'openType'],
  checkbox: ['checked', 'value', 'disabled'],
  'checkbox-group': [],
  form: [],
  input: ['value', 'placeholder', 'disabled', 'type', 'password', 'maxlength', 'focus'],
  label: [],
  picker: ['mode', 'value', 'range', 'disabled', 'start', 'end'],
  'picker-view': ['value'],
  'picker-view-column': [],
  radio: ['checked', 'value', 'disabled'],
  'radio-group': [],
  slider: ['value'],
  switch: ['checked', 'disabled'],
  textarea: ['value', 'placeholder', 'disabled', 'maxlength', 'focus'],
  navigator: ['url'],
  image: ['src', 'mode'],
  video: ['src'],
  audio: ['src'],
  camera: [],
  canvas: [],
  map: [],
  'web-view': ['src'],
  'open-data': [],
  editor: [],
  'live-player': [],
  'live-pusher': [],
  ad: [],
  'official-account': [],
  'match-media': [],
  'page-meta': [],
  'navigation-bar': [],
  'share-element': [],
  'keyboard-accessory': [],
  'functional-page-navigator': [],
  'voip-room': [],
  'channel-live': [],
  'channel-video': [],
}

interface Runtime {
  exparser: Exparser
  jComponent: JComponent
  gwx: (path: string) => unknown
  pageIds: Map<string, string>
}

let runtime: Runtime | undefined

/** jsdom's window as the process's DOM, as exparser expects one (installed once per test process). */
function installDom(): void {
  const { JSDOM } = requireCjs('jsdom') as { JSDOM: new (html: string) => { window: Window & typeof globalThis } }
  const { window } = new JSDOM('<!doctype html><html><body></body></html>')
  const keys = [
    'Node',
    'Element',
    'HTMLElement',
    'Event',
    'CustomEvent',
    'TouchEvent',
    'Touch',
    'getComputedStyle',
    'MutationObserver',
  ] as const
  Object.assign(
    globalThis,
    { window, document: window.document },
    Object.fromEntries(keys.map((key) => [key, window[key]])),
  )
}

/** Warnings of the template runtime (e.g. a template that does not exist): the app reports them as errors. */
export const templateWarnings: string[] = []

/**
 * `$gwx` of the whole build, compiled by WeChat's `wcc`. It runs in this realm (its WXS runtime checks
 * `constructor === Object` on the data j-component hands it) inside a function scope that keeps its globals local.
 */
function compileTemplates(root: string): (path: string) => unknown {
  const compiler = requireCjs('miniprogram-compiler') as { wxmlToJs(root: string, opts: { maxBuffer: number }): string }
  const code = compiler.wxmlToJs(root, { maxBuffer: 64 * 1024 * 1024 })
  const sink = (...args: unknown[]): void => void templateWarnings.push(args.map(String).join(' '))
  const windowStub = { __webview_engine_version__: 0.02 }
  const wrapped = `(function (window, console) { var $gwx, __WXML_GLOBAL__, $gwn, $gwl, wh, gra, grb;\n${code}\n})`
  const factory = vm.runInThisContext(wrapped, { filename: 'wcc-$gwx.js' }) as (
    window: object,
    console: object,
  ) => (path: string) => unknown
  return factory(windowStub, { log: sink, warn: sink, error: sink, info: sink })
}

/** The page-to-logic bridge a rendered page talks to. */
export interface ViewHost {
  /** An event from the page's tree (the page itself or a `comp` inside it), already JSON. */
  onEvent(handler: string, eventJson: string, fromComponent: boolean): void
}

const hosts = new WeakMap<ExparserNode, ViewHost>()

function hostOf(node: ExparserNode): ViewHost | undefined {
  let current: ExparserNode | null = node
  while (current) {
    const host = hosts.get(current)
    if (host) return host
    current = current.ownerShadowRoot ? current.ownerShadowRoot.getHostNode() : null
  }
  return undefined
}

function forward(fromComponent: boolean) {
  return function (this: { _exparserNode: ExparserNode }, event: unknown): void {
    hostOf(this._exparserNode)?.onEvent('eh', JSON.stringify(event), fromComponent)
  }
}

/** A property of Taro's `comp` as its config declares it (`{ type, value }`), or just its name's entry. */
export type CompProperty = { value?: unknown } | null

function setup(root: string, compProperties: Record<string, CompProperty>): Runtime {
  installDom()
  const exparser = requireCjs('miniprogram-exparser') as Exparser
  const jComponent = requireCjs('j-component') as JComponent
  for (const [name, props] of Object.entries(BUILTINS)) {
    const properties: Record<string, null> = {}
    for (const prop of props) properties[prop] = null
    jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>', properties })
  }
  const gwx = compileTemplates(root)
  // Each property keeps its declared default, as WeChat gives it before the parent's value arrives (Taro's `i`
  // defaults to a view: without it comp's first render asks for template `tmpl_0_undefined`). Any type: the config
  // comes from the logic context, whose constructors are not this realm's.
  const compProps: Record<string, { type: null; value?: unknown }> = {}
  for (const [prop, def] of Object.entries(compProperties))
    compProps[prop] = { type: null, value: def?.value === undefined ? undefined : structuredClone(def.value) }
  // Taro's recursive `comp` (deep trees), registered under its tag so pages and comp itself resolve it.
  jComponent.register({
    id: 'comp',
    tagName: 'comp',
    template: gwx('comp.wxml'),
    properties: compProps,
    methods: { eh: forward(true) },
  })
  return { exparser, jComponent, gwx, pageIds: new Map() }
}

/** Sets the view layer up once per process for the build in `root`. */
export function viewRuntime(root: string, compProperties: Record<string, CompProperty>): Runtime {
  runtime ??= setup(root, compProperties)
  return runtime
}

/** One rendered page: an exparser tree attached to the document. */
export class PageView {
  readonly component: RootComponent
  private readonly container: HTMLElement

  constructor(
    private readonly rt: Runtime,
    route: string,
    initialData: Record<string, unknown>,
    host: ViewHost,
  ) {
    let id = rt.pageIds.get(route)
    if (!id) {
      id = rt.jComponent.register({
        tagName: 'wx-page',
        template: rt.gwx(`${route}.wxml`),
        usingComponents: { comp: 'comp' },
        methods: { eh: forward(false) },
      })
      rt.pageIds.set(route, id)
    }
    this.component = rt.jComponent.create(id)
    const node = this.component._exparserNode
    hosts.set(node, host)
    this.component.setData(initialData)
    this.container = document.createElement('div')
    document.body.appendChild(this.container)
    this.component.attach(this.container)
  }

  /** Applies one setData payload, as the render layer receives it (JSON). */
  apply(json: string): void {
    this.component.setData(JSON.parse(json) as Record<string, unknown>)
  }

  get root(): ExparserNode {
    return this.component._exparserNode
  }

  remove(): void {
    this.component.detach()
    this.container.remove()
  }

  /** Dispatches an exparser event on a rendered node, bubbling and crossing component boundaries like WeChat's. */
  dispatch(node: ExparserNode, type: string, detail: unknown = {}): void {
    const touch = { x: 0, y: 0, clientX: 0, clientY: 0, pageX: 0, pageY: 0, identifier: 0 }
    const event = this.rt.exparser.Event.create(type, detail, {
      bubbles: true,
      composed: true,
      capturePhase: true,
      extraFields: { touches: type === 'tap' ? [touch] : [], changedTouches: [touch] },
    })
    this.rt.exparser.Event.dispatchEvent(node, event)
  }
}

/** The data (public properties) of a rendered component node, e.g. an input's value and placeholder. */
export function nodeData(node: ExparserNode): Record<string, unknown> {
  if (!runtime) return {}
  const caller = runtime.exparser.Element.getMethodCaller(node) as { data?: Record<string, unknown> } | undefined
  return caller?.data ?? {}
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

export { join }
