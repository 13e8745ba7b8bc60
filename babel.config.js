// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// The weapp build runs only in WeChat (config/weapp-targets.json, see config/index.ts), so it keeps the ES2015
// syntax those engines run natively; H5 keeps package.json's browserslist.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- babel loads this file as CommonJS
const weappTargets = require('./config/weapp-targets.json')

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'weapp' ? { targets: weappTargets } : {}),
        // Keep `import()` on weapp too (the preset turns it into a synchronous require there): lazy parts load
        // from subpackages with require.async (config/lazy-parts.ts).
        'dynamic-import-node': false,
      },
    ],
  ],
}
