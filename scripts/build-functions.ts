/**
 * Bundles every cloud function `cloudfunctions/<name>/src/index.ts` into `cloudfunctions/<name>/index.js`
 * (CommonJS, Node, wx-server-sdk external): the file WeChat DevTools uploads and the local cloud runs.
 * Shared code in `cloudfunctions/_shared` is bundled into each. A function whose bundle renders PDFs
 * (`_shared/documents/pdf.ts`) gets the fonts beside it, in `<name>/fonts/`, where the bundle reads them.
 */
import { build } from 'esbuild'
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

const root = resolve(__dirname, '..', 'cloudfunctions')
const PDF_MODULE = '_shared/documents/pdf.ts'
const PDF_FONTS = join(root, '_shared', 'documents', 'fonts')

export function functionNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

/** Bundles one function's entry into `<outfile>` and puts the PDF fonts beside it when it needs them. */
export async function bundleFunction(entry: string, outfile: string): Promise<void> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    alias: {
      // pdfkit's ES build finds its data files from import.meta.url, which a CommonJS bundle lacks: take its CommonJS build.
      pdfkit: require.resolve('pdfkit'),
      // fontkit's WOFF2 decoder: Node's own brotli instead of 1.4 MB of JavaScript.
      'brotli/decompress.js': join(root, '_shared', 'documents', 'brotli-decompress.ts'),
    },
  })
  const fonts = join(dirname(outfile), 'fonts')
  if (Object.keys(result.metafile.inputs).some((input) => input.endsWith(PDF_MODULE)))
    cpSync(PDF_FONTS, fonts, { recursive: true })
  else rmSync(fonts, { recursive: true, force: true })
}

export async function buildFunctions(): Promise<string[]> {
  const names = functionNames()
  await Promise.all(
    names.map((name) => bundleFunction(join(root, name, 'src', 'index.ts'), join(root, name, 'index.js'))),
  )
  return names
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions()
    .then((names) =>
      console.log(`云函数已构建 built ${names.length} functions (${names.join(', ')}) in ${Date.now() - started} ms`),
    )
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
