import type { UserConfigExport } from '@tarojs/cli'

const WEAPP_ES2015 =
  process.env.TARO_ENV === 'weapp'
    ? { compress: { ecma: 2015, arrows: true }, output: { ecma: 2015 } }
    : { compress: {}, output: {} }

export default {
  // Compress JS (terser) and WXSS (csso) of the production build (Taro's defaults, stated so they stay on).
  // WXML is compressed by WeChat's own minifier at upload (project.config.json `minifyWXML`): Taro's
  // `mini.minifyXML` (html-minifier) drops `</input>` as if it were HTML, and WeChat's wcc rejects base.wxml.
  terser: {
    enable: true,
    // Taro's defaults for mini programs turn most of terser's compression off (inlining, variable reduction...) and
    // write every Chinese character as \uXXXX (6 bytes instead of UTF-8's 3). WeChat reads UTF-8 JS; terser's own
    // defaults are safe: together ~15 KB less in the main package.
    config: {
      compress: {
        collapse_vars: true,
        comparisons: true,
        computed_props: true,
        hoist_props: true,
        inline: true,
        loops: true,
        reduce_funcs: true,
        reduce_vars: true,
        switches: true,
        typeofs: true,
        passes: 2,
        // weapp keeps ES2015 syntax (babel.config.js): let terser write it too (arrows, shorthand...).
        ...WEAPP_ES2015.compress,
      },
      output: { ascii_only: false, ...WEAPP_ES2015.output },
    },
  },
  csso: { enable: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
