// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // Keep `import()` on weapp too (the preset turns it into a synchronous require there): lazy parts load
        // from subpackages with require.async (config/lazy-parts.ts).
        'dynamic-import-node': false,
      },
    ],
  ],
}
