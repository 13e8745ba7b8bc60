import { buildFunctions } from '../scripts/build-functions'

/** Tests run the real bundles the local cloud runs, so build them first (esbuild: well under a second). */
export default async function setup(): Promise<void> {
  await buildFunctions()
}
