import HtmlWebpackPlugin from 'html-webpack-plugin'
import type { Compilation, Compiler } from 'webpack'

const NAME = 'PreloadFirstPage'

type MaybeConcatenated = { resource?: unknown; modules?: unknown }

/** A module's source files: its own, or those merged into it by scope hoisting (ConcatenatedModule). */
function resources(m: object): string[] {
  const { resource, modules } = m as MaybeConcatenated
  const inner = Array.isArray(modules) ? modules.flatMap((x: object) => resources(x)) : []
  return typeof resource === 'string' ? [resource, ...inner] : inner
}

/**
 * H5 only. Taro loads every page with import(), so the first page's chunk is requested only after app.js has
 * downloaded and run: one more round trip before anything of the page shows. Preloading the chunk (and its
 * styles) from index.html fetches it beside app.js.
 */
export class PreloadFirstPagePlugin {
  /** `entry`: the first page's source file without extension, e.g. `<root>/src/pages/study/index`. */
  constructor(private readonly entry: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        const publicPath = compilation.outputOptions.publicPath
        const base = typeof publicPath === 'string' && publicPath !== 'auto' ? publicPath : '/'
        for (const file of this.files(compilation)) {
          const as = file.endsWith('.css') ? 'style' : 'script'
          data.headTags.push(
            HtmlWebpackPlugin.createHtmlTagObject('link', { rel: 'preload', as, href: `${base}${file}` }),
          )
        }
        return data
      })
    })
  }

  /** Files of the async chunks that hold the first page's module. */
  private files(compilation: Compilation): string[] {
    const files: string[] = []
    for (const chunk of compilation.chunks) {
      if (chunk.canBeInitial()) continue
      const holdsPage = compilation.chunkGraph
        .getChunkModules(chunk)
        .some((m) => resources(m).some((r) => r.split('?')[0].replace(/\.[jt]sx?$/, '') === this.entry))
      if (holdsPage) files.push(...[...chunk.files].filter((f) => /\.(js|css)$/.test(f)))
    }
    return files
  }
}
