import { buildSync } from 'esbuild'
import HtmlWebpackPlugin from 'html-webpack-plugin'
import type { Compiler } from 'webpack'

const NAME = 'InlineScript'

/**
 * H5 only. Bundles a small TypeScript entry (with the app modules it imports) into one inline <script> at the
 * top of index.html's <head>: it runs while the bundles are still downloading. The entry must import only
 * Taro-free modules; `maxBytes` fails the build if something heavier slips in.
 */
export class InlineScriptPlugin {
  constructor(
    private readonly entry: string,
    private readonly maxBytes: number,
  ) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        data.headTags.unshift(
          HtmlWebpackPlugin.createHtmlTagObject('script', {}, inlineScript(this.entry, this.maxBytes)),
        )
        return data
      })
    })
  }
}

/** `entry` bundled into one minified script for an inline <script> tag. */
export function inlineScript(entry: string, maxBytes: number): string {
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2018',
    minify: true,
    legalComments: 'none',
  })
  const code = out.outputFiles[0].text.trim()
  if (code.length > maxBytes)
    throw new Error(`${entry} bundles to ${code.length} bytes (> ${maxBytes}): does it import Taro?`)
  // A literal </script> would end the tag early.
  return code.replace(/<\/script/gi, '<\\/script')
}
