/**
 * Bundles every cloud function `cloudfunctions/<name>/src/index.ts` into `cloudfunctions/<name>/index.js`
 * (CommonJS, Node, wx-server-sdk external): the file WeChat DevTools uploads and the local cloud runs.
 * Shared code in `cloudfunctions/_shared` is bundled into each.
 */
import { build } from 'esbuild'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..', 'cloudfunctions')

export function functionNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

export async function buildFunctions(): Promise<string[]> {
  const names = functionNames()
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [join(root, name, 'src', 'index.ts')],
        outfile: join(root, name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        sourcemap: 'linked',
        legalComments: 'none',
        logLevel: 'warning',
      }),
    ),
  )
  return names
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions()
    .then((names) => console.log(`云函数已构建 built ${names.length} functions (${names.join(', ')}) in ${Date.now() - started} ms`))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
