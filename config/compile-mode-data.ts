import type { Compiler } from 'webpack'

const NAME = 'CompileModeData'
const DYNAMIC_DATA_ATTRIBUTE = / data-[\w-]+="\{\{i\.data-[^}]*\}\}"/g

/** A compiled template with its dynamic data-* attributes removed. */
export function dropDynamicData(wxml: string): string {
  return wxml.replace(DYNAMIC_DATA_ATTRIBUTE, '')
}

/**
 * weapp only. Taro 4.2.1's CompileMode writes a dynamic `data-id={x}` as `data-id="{{i.data-id}}"`, which WXML reads
 * as `i.data` minus `id`: the page shows data-id="NaN". Taro keeps datasets in its runtime (events get them from
 * there), never in the render data, so the generic templates write no data-* at all: do the same for CompileMode's.
 */
export class CompileModeDataPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith('-templates.wxml')) continue
          const text = String(assets[name].source())
          const fixed = dropDynamicData(text)
          if (fixed !== text) compilation.updateAsset(name, new sources.RawSource(fixed))
        }
      })
    })
  }
}
