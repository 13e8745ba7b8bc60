/**
 * A vocabulary is declared once, as its labels (`{ key: '中文' }`); its keys, in declaration order, are
 * derived from them as the tuple `z.enum` takes, so a key cannot be listed without its label.
 * Pure and dependency-free, so the app may import the vocabularies built with it. Call it as
 * `/* @__PURE__ *\/ keysOf(LABELS)`: the weapp bundler then drops the keys of a vocabulary the app never reads.
 */
export function keysOf<K extends string>(labels: Record<K, string>): readonly [K, ...K[]] {
  // Object.keys keeps the declaration order for string keys that are not array indices.
  return Object.keys(labels) as [K, ...K[]]
}
