import { brotliDecompressSync } from 'node:zlib'

/**
 * Stands in for the `brotli` package's decoder (1.4 MB of JavaScript) that fontkit loads for WOFF2 fonts:
 * Node has brotli built in. scripts/build-functions.ts aliases `brotli/decompress.js` here.
 */
export default function decompress(buffer: Uint8Array): Uint8Array {
  return brotliDecompressSync(buffer)
}
