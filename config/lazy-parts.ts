import type { Chunk, Compilation, Compiler } from 'webpack'

const NAME = 'LazyParts'

/**
 * weapp only: dynamic `import()` chunks ("lazy parts", src/components/LazyPart) live in a subpackage and load with
 * WeChat's 分包异步化 (`require.async`, base library >= 2.11.2), so code only some roles run leaves the main package
 * (issue #21). Taro 4.2.1's mini runner leaves webpack's web chunk loading in place, which would add a <script> to
 * Taro's own document and never load anything. This plugin:
 * - requires each lazy chunk's name (its webpackChunkName) to be a path under a subpackage root of app.json;
 * - keeps lazy chunks out of splitChunks (`splitChunks.chunks: 'initial'`, set beside it in config/index.ts), so
 *   what they share with other packages is not pulled into the main package's common.js;
 * - moves their styles and CompileMode templates to the page that imports them: WeChat neither loads WXSS at run
 *   time nor lets the main package's base.wxml import a subpackage's templates;
 * - replaces webpack's script loader with `require.async` of each chunk's file, written as literal paths in
 *   runtime.js: WeChat's upload drops files nothing requires (`ignoreUploadUnusedFiles`), and it finds the
 *   requires by reading the code.
 */
export class LazyPartsPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, RuntimeGlobals } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      // After splitChunks (STAGE_ADVANCED, 10): the chunks are final.
      compilation.hooks.optimizeChunks.tap({ name: NAME, stage: 20 }, (chunks) => {
        for (const chunk of chunks) if (!chunk.canBeInitial()) moveToPages(compilation, chunk)
      })
      compilation.hooks.runtimeRequirementInTree
        .for(RuntimeGlobals.loadScript)
        .tap({ name: NAME, stage: -100 }, (chunk) => {
          compilation.addRuntimeModule(chunk, new (requireAsyncModule(compiler))())
          // Handled: webpack's own script loader is not added.
          return true
        })
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        const app = JSON.parse(String(assets['app.json']?.source() ?? '{}')) as AppJson
        const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root)
        for (const chunk of compilation.chunks) {
          const name = chunk.name ?? String(chunk.id)
          if (chunk.canBeInitial() || roots.some((root) => name.startsWith(`${root}/`))) continue
          compilation.errors.push(
            new compiler.webpack.WebpackError(
              `${NAME}: the dynamic import chunk "${name}" must be named (webpackChunkName) as a file under a subpackage root of app.json (${roots.join(', ')})`,
            ),
          )
        }
      })
    })
  }
}

interface AppJson {
  subPackages?: { root: string }[]
  subpackages?: { root: string }[]
}

/** Hands a lazy chunk's styles and CompileMode templates to the page chunks that load it. */
function moveToPages(compilation: Compilation, chunk: Chunk): void {
  const { chunkGraph } = compilation
  const moving = [...chunkGraph.getChunkModulesIterable(chunk)].filter((m) => !m.getSourceTypes().has('javascript'))
  const targets = [...chunk.groupsIterable].flatMap((group) =>
    group
      .getParents()
      .flatMap((parent) =>
        parent.chunks.filter((c) => chunkGraph.getNumberOfEntryModules(c) > 0).map((page) => ({ group, parent, page })),
      ),
  )
  if (moving.length && !targets.length) {
    compilation.errors.push(
      new compilation.compiler.webpack.WebpackError(
        `${NAME}: the dynamic import chunk "${chunk.name ?? String(chunk.id)}" has styles or templates but is not loaded by a page`,
      ),
    )
    return
  }
  for (const module of moving) chunkGraph.disconnectChunkAndModule(chunk, module)
  for (const { group, parent, page } of targets)
    for (const module of moving) {
      if (chunkGraph.isModuleInChunk(module, page)) continue
      chunkGraph.connectChunkAndModule(page, module)
      // mini-css-extract orders a chunk's styles by their index in the chunk group: after the page's own.
      parent.setModulePostOrderIndex(module, LATER + (group.getModulePostOrderIndex(module) ?? 0))
      parent.setModulePreOrderIndex(module, LATER + (group.getModulePreOrderIndex(module) ?? 0))
    }
}
const LATER = 1_000_000

/** `__webpack_require__.l` as `require.async` of the chunk's file, relative to runtime.js (the package root). */
function requireAsyncModule(compiler: Compiler) {
  const { RuntimeGlobals, RuntimeModule, Template } = compiler.webpack
  return class RequireAsyncRuntimeModule extends RuntimeModule {
    constructor() {
      super('load chunk with require.async', RuntimeModule.STAGE_ATTACH)
    }

    generate(): string {
      const compilation = this.compilation as Compilation
      const chunk = this.chunk as Chunk
      const loaders = [...chunk.getAllAsyncChunks()].map((lazy) => {
        const file = compilation.getPath(compilation.outputOptions.chunkFilename as string, {
          chunk: lazy,
          contentHashType: 'javascript',
        })
        return `${JSON.stringify(String(lazy.id))}: function () { return require.async(${JSON.stringify(`./${file}`)}) }`
      })
      return Template.asString([
        `var lazyFiles = { ${loaders.join(', ')} };`,
        `${RuntimeGlobals.loadScript} = function (url, done, key, chunkId) {`,
        Template.indent([
          'var load = lazyFiles[chunkId];',
          'var end = function (type) { return function () { done({ type: type, target: { src: url } }) } };',
          'if (!load) return end("missing")();',
          'load().then(end("load"), end("error"));',
        ]),
        '};',
      ])
    }
  }
}
