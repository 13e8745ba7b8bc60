import type { UserConfigExport } from '@tarojs/cli'

export default {
  // Compress JS (terser) and WXSS (csso) of the production build (Taro's defaults, stated so they stay on).
  // WXML is compressed by WeChat's own minifier at upload (project.config.json `minifyWXML`): Taro's
  // `mini.minifyXML` (html-minifier) drops `</input>` as if it were HTML, and WeChat's wcc rejects base.wxml.
  terser: { enable: true },
  csso: { enable: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
