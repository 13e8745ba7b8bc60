import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import webpack from 'webpack'
import type { IMiniAppConfig } from '@tarojs/taro/types/compile'
import { CompileModeDataPlugin } from './compile-mode-data'
import { InlineScriptPlugin } from './inline-script'
import { LazyPartsPlugin } from './lazy-parts'
import devConfig from './dev'
import { PreloadFirstPagePlugin } from './preload-first-page'
import prodConfig from './prod'
import weappTargets from './weapp-targets.json'

const root = path.resolve(__dirname, '..')
// The app imports pure domain constants from the functions' shared folder: let babel compile it.
const compile = { include: [path.join(root, 'cloudfunctions', '_shared')] }
// Page styles are independent of one another, so the order warning of css extraction is noise.
const cssExtract = { ignoreOrder: true }

type Chain = Parameters<NonNullable<IMiniAppConfig<'webpack5'>['webpackChain']>>[0]

/**
 * Pure re-export files, so that each importer gets only what it uses: NutUI's icon index declares side effects
 * (all its icons would sit beside `configure` in the main package), and our door to the functions' shared code
 * would bring the report periods in with the call envelope; our own icon index would bring every icon's SVG
 * (src/components/Icon/glyphs) to every package, and src/ui's index its form fields (src/ui/form.tsx, only
 * subpackages have forms) to the main package.
 */
function markPureIndexes(chain: Chain): void {
  chain.module
    .rule('pureIndexes')
    .test([
      /@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]index\.es\.js$/,
      /src[\\/]services[\\/]domain\.ts$/,
      /src[\\/]components[\\/]Icon[\\/]index\.ts$/,
      /src[\\/]ui[\\/]index\.ts$/,
    ])
    .set('sideEffects', false)
}

/**
 * innerHTML is off (`runtime.enableInnerHTML: false`), yet Taro's HTML parser (~10 KB of the main package) is bundled:
 * @tarojs/taro requires @tarojs/runtime as CommonJS, which keeps every export of it. Swap the parser for a stub.
 */
function dropHtmlParser(chain: Chain): void {
  chain
    .plugin('dropHtmlParser')
    .use(webpack.NormalModuleReplacementPlugin, [
      /dom-external[\\/]inner-html[\\/](html|parser)\.js$/,
      path.join(root, 'config', 'stubs', 'taro-no-html.js'),
    ])
}

/**
 * Role-specific parts of the tab pages load from subpackages with WeChat's `require.async` (config/lazy-parts.ts).
 * splitChunks leaves those dynamic-import chunks alone: a module they share with a subpackage would otherwise go
 * to the main package's common.js.
 */
function lazyParts(chain: Chain): void {
  const splitChunks = chain.optimization.get('splitChunks') as object
  chain.optimization.splitChunks({ ...splitChunks, chunks: 'initial' })
  chain.plugin('lazyParts').use(LazyPartsPlugin)
}

/**
 * The weapp build is compiled (babel.config.js) and prefixed (autoprefixer) for the engines WeChat runs a mini
 * program in, config/weapp-targets.json, not for package.json's browsers (IE, Firefox, Android 4 browser...):
 * JavaScriptCore and WKWebView on iOS, V8 and XWeb (Chromium) on Android. WeChat's docs ("JavaScript 支持情况")
 * name iOS 10 as the oldest system of any client of base library 2.15+. ES2015 syntax then stays as written
 * (no class/destructuring/for-of helpers: ~22 KB less JS in the main package) and -ms-/-moz-/old -webkit- prefixes
 * go (~12 KB less WXSS).
 */
const WEAPP_PREFIXES = { enable: true, config: { overrideBrowserslist: weappTargets } }

/**
 * Taro writes its generic templates once per level into base.wxml (main package): 16 levels by default, 8 here
 * (~2.7 KB a level past the third: 22 KB less). Deeper subtrees go on through Taro's recursive `comp` component, as
 * WeChat renders them. "Template tmpl_0_undefined not found" at lower levels was the weapp renderer's gap (it gave
 * `comp` no default for its `i` property; test/weapp/view.ts now does). With 8 levels the whole tap crawl passes
 * (twice, at load 20-25). Its one earlier stop on the development branch page, "in flight: 1", did not come back: that
 * message means a cloud call still pending at the renderer's 15 s idle deadline, most likely one of the page's two
 * branch exports on a loaded machine. (The webpack5 runner reads `mini.baseLevel`; Taro's config types lack it,
 * hence the spread.)
 */
const TEMPLATE_LEVELS = { baseLevel: 8 }

/**
 * `WEAPP_STATS=<file>`: writes which modules each chunk holds, to see what weighs in the main package; the build
 * then goes to dist/weapp-stats with source maps (scripts/bench/weapp-bytes.ts reads them), leaving dist/weapp alone.
 */
function dumpStats(chain: Chain): void {
  const file = process.env.WEAPP_STATS
  if (!file) return
  chain.plugin('dumpStats').use(
    class {
      apply(compiler: { hooks: { done: { tap: (name: string, fn: (stats: StatsLike) => void) => void } } }) {
        compiler.hooks.done.tap('dumpStats', (stats) =>
          writeFileSync(
            file,
            JSON.stringify(
              stats.toJson({
                all: false,
                chunks: true,
                chunkModules: true,
                nestedModules: true,
                dependentModules: true,
                reasons: true,
              }),
            ),
          ),
        )
      }
    },
  )
}
interface StatsLike {
  toJson(options: object): unknown
}

/**
 * Taro 4 build config for both runtimes (weapp for WeChat, h5 for the local cloud).
 *
 * Environment:
 * - TARO_APP_CLOUD_ENV: the WeChat cloud-development env id used by `Taro.cloud.init` on weapp.
 *   Set it in the shell or in a `.env.production` / `.env.development` file at the repo root
 *   (Taro only exposes variables prefixed TARO_APP_). Unset, the mini program uses the default env
 *   chosen in WeChat DevTools.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhibutong',
    date: '2026-11-21',
    // NutUI ships its styles for a 375 px design; our own styles are written for Taro's 750.
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // Separate folders so an h5 build never wipes the weapp build (project.config.json points at dist/weapp/).
    outputRoot: process.env.WEAPP_STATS ? 'dist/weapp-stats' : `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    env: {
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // Subscribe-message templates of the mini program (meeting notices, leave answers).
      TARO_APP_MEETING_NOTICE_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_MEETING_NOTICE_TEMPLATE_ID ?? ''),
      TARO_APP_MEETING_REMINDER_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_MEETING_REMINDER_TEMPLATE_ID ?? ''),
      TARO_APP_LEAVE_RESULT_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_LEAVE_RESULT_TEMPLATE_ID ?? ''),
      TARO_APP_DUES_REMINDER_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_DUES_REMINDER_TEMPLATE_ID ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      miniCssExtractPluginOption: cssExtract,
      // Modules used only by one subpackage stay in that subpackage (keeps the main package small).
      optimizeMainPackage: { enable: true },
      // Taro's runtime parses HTML only for innerHTML / dangerouslySetInnerHTML, which the app never sets.
      runtime: { enableInnerHTML: false },
      // Long-list items marked `compileMode` become their own static WXML template (Taro's CompileMode).
      experimental: { compileMode: true },
      ...TEMPLATE_LEVELS,
      // `WEAPP_STATS`: full source maps beside the minified files, so bytes can be traced to modules.
      ...(process.env.WEAPP_STATS ? { enableSourceMap: true, sourceMapType: 'source-map' } : {}),
      webpackChain(chain) {
        markPureIndexes(chain)
        dropHtmlParser(chain)
        chain.plugin('compileModeData').use(CompileModeDataPlugin)
        lazyParts(chain)
        dumpStats(chain)
      },
      postcss: {
        autoprefixer: WEAPP_PREFIXES,
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      // Served at / by the local cloud with an SPA fallback, so browser history mode survives reloads.
      publicPath: '/',
      staticDirectory: 'static',
      // Plain React components (@tarojs/components-react) for View, Text, Image...: the Stencil web components
      // cost most of the first screen's main thread on a phone (custom elements, slot relocation).
      useHtmlComponents: true,
      router: { mode: 'browser' },
      compile,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ...cssExtract,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // The H5 build runs against the local cloud; its bundle size matters far less than weapp's.
      webpackChain(chain) {
        chain.performance.hints(false)
        markPureIndexes(chain)
        // The first tab (app.config.ts pages[0]) is what a student sees on opening the app.
        chain
          .plugin('preloadFirstPage')
          .use(PreloadFirstPagePlugin, [path.join(root, 'src', 'pages', 'study', 'index')])
        // The entry tab's first call, started by index.html itself beside the bundles (issue #21).
        chain
          .plugin('earlyCall')
          .use(InlineScriptPlugin, [path.join(root, 'src', 'services', 'early-call.h5.ts'), 6144])
        dumpStats(chain)
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
